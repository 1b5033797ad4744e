"""What the scripted OpenAI server is told to do for a request, and what it records of each request."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

ReplyKind = Literal["text", "hang", "status", "garbage", "truncated", "drop"]


@dataclass(frozen=True)
class ScriptedReply:
    """One scripted behaviour of the server for one request."""

    kind: ReplyKind = "text"
    content: str = ""
    status_code: int = 200
    retry_after_s: float | None = None
    first_delay_s: float = 0.0
    chunk_delay_s: float = 0.0
    chunk_chars: int = 4
    hang_s: float = 60.0

    @classmethod
    def text(
        cls, content: str, *, first_delay_s: float = 0.0, chunk_delay_s: float = 0.0, chunk_chars: int = 4
    ) -> ScriptedReply:
        """Answer with this text (streamed in chunks of `chunk_chars` when the client asks to stream)."""
        return cls(
            "text", content, first_delay_s=first_delay_s, chunk_delay_s=chunk_delay_s, chunk_chars=chunk_chars
        )

    @classmethod
    def hang(cls, seconds: float = 60.0) -> ScriptedReply:
        """Accept the request and send nothing for `seconds` (longer than any client timeout)."""
        return cls("hang", hang_s=seconds)

    @classmethod
    def status(cls, code: int = 500, *, retry_after_s: float | None = None) -> ScriptedReply:
        """Fail with this HTTP status and an OpenAI-style error body (429 may carry Retry-After)."""
        return cls("status", status_code=code, retry_after_s=retry_after_s)

    @classmethod
    def garbage(cls) -> ScriptedReply:
        """Answer 200 with a body that is not valid JSON (or an SSE event that is not JSON)."""
        return cls("garbage")

    @classmethod
    def truncated(cls, content: str = "回复写到一半") -> ScriptedReply:
        """Stream part of a reply, then close without finish_reason or [DONE]."""
        return cls("truncated", content)

    @classmethod
    def drop(cls) -> ScriptedReply:
        """Close the connection without sending any response."""
        return cls("drop")


@dataclass(frozen=True)
class RecordedRequest:
    """What the server received: method, path, headers and the parsed JSON body (None if not JSON)."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    received_at: float = field(default_factory=time.monotonic)
