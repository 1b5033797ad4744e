"""SQLite plumbing for the store: opening, pragmas, short retried transactions and integrity checks."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assistant.errors import AdvisorError, ConfigError

T = TypeVar("T")

MOVE_ASIDE_HINT = (
    "请停止服务，把该文件及同名的 -wal、-shm 文件移到别处备份，然后重新启动，系统会新建一个空的对话数据库"
)
WRITE_ACCESS_HINT = "请检查数据目录的路径和写权限"

# Connections inherited through fork() must never be used or closed by the child; keep them referenced here.
_INHERITED: list[sqlite3.Connection] = []


class StoreError(AdvisorError):
    """The conversation database cannot be used right now."""


class StoreCorruptError(StoreError):
    """The conversation database file is damaged or is not a database at all."""


class StoreBusyError(StoreError):
    """Other workers held the database locked for longer than we are willing to wait."""


def corrupt_error(path: Path, detail: str) -> StoreCorruptError:
    """Build the user-facing error for a damaged database file."""
    return StoreCorruptError(f"对话数据库文件已损坏，无法读取：{path}（{detail}）", MOVE_ASIDE_HINT)


def is_busy(exc: sqlite3.Error) -> bool:
    """Tell whether an error means another connection holds the lock (worth retrying)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


class Database:
    """One SQLite connection per process, shared by threads under a lock, with retried transactions."""

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_ms: int = 5000,
        attempts: int = 8,
        base_delay_s: float = 0.05,
        durable: bool = True,
    ) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._attempts = max(1, attempts)
        self._base_delay_s = base_delay_s
        self._synchronous = "FULL" if durable else "NORMAL"
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._closed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"无法创建数据目录 {path.parent}：{exc}", WRITE_ACCESS_HINT) from exc
        with self._lock:
            self._connection()

    def _open(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                str(self.path),
                timeout=self._busy_timeout_ms / 1000,
                isolation_level=None,  # we issue BEGIN/COMMIT ourselves to keep transactions short
                check_same_thread=False,
            )
        except sqlite3.OperationalError as exc:
            raise ConfigError(f"无法打开对话数据库 {self.path}：{exc}", WRITE_ACCESS_HINT) from exc
        try:
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _configure(self, conn: sqlite3.Connection) -> None:
        def pragmas(c: sqlite3.Connection) -> None:
            c.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            c.execute("PRAGMA foreign_keys = ON")
            c.execute("PRAGMA journal_mode = WAL")
            c.execute(f"PRAGMA synchronous = {self._synchronous}")

        self._retrying(conn, pragmas)

    def _connection(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError("对话数据库已关闭", "请重新打开数据库后再试")
        if self._conn is not None and self._pid != os.getpid():
            _INHERITED.append(self._conn)
            self._conn = None
        if self._conn is None:
            self._conn = self._open()
            self._pid = os.getpid()
        return self._conn

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one short write transaction, retrying with backoff while others hold the lock."""
        return self._transaction(work, "BEGIN IMMEDIATE")

    def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one read transaction so multi-statement reads see one consistent snapshot."""
        return self._transaction(work, "BEGIN")

    def _transaction(self, work: Callable[[sqlite3.Connection], T], begin: str) -> T:
        def attempt(conn: sqlite3.Connection) -> T:
            conn.execute(begin)
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            return self._retrying(self._connection(), attempt)

    def _retrying(self, conn: sqlite3.Connection, attempt: Callable[[sqlite3.Connection], T]) -> T:
        for number in range(self._attempts):
            try:
                return attempt(conn)
            except sqlite3.DatabaseError as exc:
                if is_busy(exc) and number + 1 < self._attempts:
                    # Exponential backoff with jitter so contending workers do not retry in lock-step.
                    time.sleep(self._base_delay_s * (2**number) * (0.5 + random.random()))
                    continue
                raise self._translate(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _translate(self, exc: sqlite3.DatabaseError) -> AdvisorError:
        if is_busy(exc):
            return StoreBusyError(
                "对话数据库正忙，多次重试后仍无法写入",
                "请稍后再试；若持续出现，请检查是否有进程长时间占用数据库",
            )
        if _is_corrupt(exc):
            return corrupt_error(self.path, str(exc))
        return StoreError(f"对话数据库出错：{exc}", "请检查磁盘空间和数据目录的写权限")

    def quick_check(self) -> None:
        """Raise StoreCorruptError unless SQLite's quick_check finds the file sound."""

        def check(conn: sqlite3.Connection) -> list[str]:
            return [str(row[0]) for row in conn.execute("PRAGMA quick_check")]

        problems = self.read(check)
        if problems != ["ok"]:
            raise corrupt_error(self.path, "; ".join(problems[:3]))

    def close(self) -> None:
        """Close this process's connection; later calls raise StoreError."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None
            self._closed = True
