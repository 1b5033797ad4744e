"""Conversation-log retention: sessions idle longer than `retention_days` are deleted with everything in them."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from assistant.settings import Settings
from assistant.store import Store

log = logging.getLogger(__name__)

SWEEP_EVERY_S = 3600.0


def apply_retention(settings: Settings, store: Store) -> int:
    """Delete sessions idle for more than settings.retention_days (0 keeps them forever); return how many."""
    if settings.retention_days <= 0:
        return 0
    purged = store.purge_older_than(settings.retention_days)
    if purged:
        log.info("retention: deleted %d sessions idle for more than %d days", purged, settings.retention_days)
    return purged


class RetentionSweeper:
    """Applies retention on first use and then at most once per `every_s`, so a long-running server keeps purging."""

    def __init__(self, settings: Settings, store: Callable[[], Store], every_s: float = SWEEP_EVERY_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._store = store
        self.every_s = every_s
        self._clock = clock
        self._last: float | None = None
        self._lock = threading.Lock()

    def maybe_sweep(self) -> int:
        """Purge when the last sweep is older than `every_s` (or never ran); return how many sessions went."""
        with self._lock:
            now = self._clock()
            if self._last is not None and now - self._last < self.every_s:
                return 0
            self._last = now
        return apply_retention(self.settings, self._store())
