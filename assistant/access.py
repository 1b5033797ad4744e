"""Who may do what: a staff credential for helpdesk/corpus endpoints, and a per-client rate limit."""

from __future__ import annotations

import hmac
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any, Protocol

from fastapi import Header, HTTPException, Request

from assistant.errors import ConfigError
from assistant.settings import Settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def staff_token_required(settings: Settings) -> bool:
    """Staff views are open only on loopback with no token set; anywhere else a token is mandatory."""
    return bool(settings.staff_token) or settings.host not in LOOPBACK


def check_bind_safety(settings: Settings) -> None:
    """Refuse to serve staff views on a public address without a credential."""
    if settings.host not in LOOPBACK and not settings.staff_token:
        raise ConfigError(f"绑定到 {settings.host} 时必须设置工作人员口令",
                          "请设置环境变量 SME_ADVISOR_STAFF_TOKEN，或改为 127.0.0.1")


def token_ok(settings: Settings, presented: str | None) -> bool:
    if not staff_token_required(settings):
        return True
    return bool(presented) and hmac.compare_digest(presented.encode(), settings.staff_token.encode())


def require_staff(settings: Settings) -> Callable[..., None]:
    """FastAPI dependency: `Authorization: Bearer <token>` (or X-Staff-Token) when a token is required."""

    def dependency(authorization: str | None = Header(default=None),
                   x_staff_token: str | None = Header(default=None)) -> None:
        presented = x_staff_token or (authorization or "").removeprefix("Bearer ").strip() or None
        if not token_ok(settings, presented):
            raise HTTPException(status_code=401, detail="需要工作人员口令（Authorization: Bearer …）")

    return dependency


class FromClient(Protocol):
    """A request that knows its client address (Starlette's, and Gradio's gr.Request)."""

    client: Any


class RateLimiter:
    """Sliding one-minute window per client address; 0 disables it."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, request: Request | None) -> None:
        if request is None:
            return
        wait = self.retry_after(request)
        if wait:
            raise HTTPException(status_code=429, detail="请求过于频繁，请稍后再试", headers={"Retry-After": str(wait)})

    def retry_after(self, request: FromClient | None) -> int:
        """Record one request from the request's client address; 0 when allowed, else the seconds to wait."""
        if self.per_minute <= 0:
            return 0
        client = request.client.host if request is not None and request.client else "unknown"
        now = time.monotonic()
        with self._lock:
            hits = self._hits[client]
            while hits and now - hits[0] > 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return int(60 - (now - hits[0])) + 1
            hits.append(now)
            return 0
