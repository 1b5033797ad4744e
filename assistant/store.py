"""Conversation store: sessions, messages, answers, citations and feedback in one SQLite (WAL) file."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from assistant.errors import ConfigError, InputError
from assistant.result import AdvisorResult
from assistant.store_db import Database, StoreBusyError, StoreCorruptError, StoreError, corrupt_error
from assistant.store_records import FeedbackRecord, MessageRecord, Role, SessionRecord, StoreStats
from assistant.store_schema import SCHEMA_VERSION, migrate, schema_version

__all__ = [
    "SCHEMA_VERSION",
    "FeedbackRecord",
    "MessageRecord",
    "SessionRecord",
    "Store",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreStats",
]

MAX_COMMENT_CHARS = 2000
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DAY_S = 86400.0


def _text(value: str) -> str:
    # Lone surrogates (possible in JSON-decoded input) cannot be encoded as UTF-8; keep the rest of the text.
    return value.encode("utf-8", "replace").decode("utf-8")


def _check_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not _SESSION_ID.fullmatch(session_id):
        raise InputError("会话编号无效", "会话编号只能由 1–64 个字母、数字、下划线或连字符组成；请开始新对话")
    return session_id


class Store:
    """Durable conversation log; safe to share across threads and across worker processes on one file."""

    def __init__(
        self,
        db_path: Path,
        *,
        busy_timeout_ms: int = 5000,
        attempts: int = 8,
        durable: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(db_path)
        self._clock = clock
        self._db = Database(self.path, busy_timeout_ms=busy_timeout_ms, attempts=attempts, durable=durable)
        try:
            self.check_integrity()
            migrate(self._db)
        except BaseException:
            self._db.close()
            raise

    def check_integrity(self) -> None:
        """Raise StoreCorruptError (Chinese message, fix: move the file aside) if the file is damaged."""
        try:
            self._db.quick_check()
        except StoreCorruptError:
            raise
        except StoreError as exc:
            # Some damage surfaces as a generic SQLite error rather than a quick_check report.
            raise corrupt_error(self.path, exc.message) from exc

    def create_session(self, title: str = "") -> str:
        """Start a new session and return its id."""
        session_id = uuid.uuid4().hex
        now = self._clock()

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO sessions (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)",
                (session_id, now, now, _text(title)),
            )

        self._db.write(insert)
        return session_id

    def get_session(self, session_id: str) -> SessionRecord | None:
        """Return the session, or None if it is unknown."""
        _check_session_id(session_id)

        def fetch(conn: sqlite3.Connection) -> SessionRecord | None:
            row = conn.execute(
                "SELECT id, title, created_at, updated_at, state_json,"
                " (SELECT COUNT(*) FROM messages WHERE session_id = sessions.id)"
                " FROM sessions WHERE id = ?",
                (session_id,),
            ).fetchone()
            return SessionRecord(*row) if row else None

        return self._db.read(fetch)

    def save_state(self, session_id: str, state_json: str) -> None:
        """Store the rules layer's conversation state (a JSON string), creating the session if unknown."""
        _check_session_id(session_id)
        json.loads(state_json)  # a programming error if not JSON; fail before it is stored
        now = self._clock()

        def upsert(conn: sqlite3.Connection) -> None:
            self._touch(conn, session_id, now)
            conn.execute("UPDATE sessions SET state_json = ? WHERE id = ?", (_text(state_json), session_id))

        self._db.write(upsert)

    def add_user_message(self, session_id: str, content: str) -> int:
        """Record what the user said (before answering it) and return the message id."""
        _check_session_id(session_id)
        now = self._clock()

        def insert(conn: sqlite3.Connection) -> int:
            self._touch(conn, session_id, now)
            return self._insert_message(conn, session_id, "user", content, now)

        return self._db.write(insert)

    def add_answer(self, session_id: str, result: AdvisorResult, latency_ms: float) -> int:
        """Record the assistant's answer with its citations atomically and return its message id."""
        _check_session_id(session_id)
        now = self._clock()

        def insert(conn: sqlite3.Connection) -> int:
            self._touch(conn, session_id, now)
            message_id = self._insert_message(conn, session_id, "assistant", result.answer, now)
            stored = result.model_copy(update={"session_id": session_id, "message_id": message_id})
            conn.execute(
                "INSERT INTO answers (message_id, result_json, mode, refused, latency_ms)"
                " VALUES (?, ?, ?, ?, ?)",
                (message_id, _text(stored.model_dump_json()), result.mode, int(result.refused), latency_ms),
            )
            conn.executemany(
                "INSERT INTO citations (message_id, n, doc_id, chunk_id, quote) VALUES (?, ?, ?, ?, ?)",
                [(message_id, c.n, c.doc_id, c.chunk_id, _text(c.quote)) for c in result.citations],
            )
            return message_id

        return self._db.write(insert)

    def history(self, session_id: str, limit: int = 20) -> list[MessageRecord]:
        """Return the session's last `limit` messages, oldest first."""
        _check_session_id(session_id)

        def fetch(conn: sqlite3.Connection) -> list[MessageRecord]:
            rows = conn.execute(
                "SELECT id, session_id, role, content, created_at FROM messages"
                " WHERE session_id = ? ORDER BY id DESC LIMIT ?",
                (session_id, max(0, int(limit))),
            ).fetchall()
            return [MessageRecord(*row) for row in reversed(rows)]

        return self._db.read(fetch)

    def answer_for(self, message_id: int) -> AdvisorResult | None:
        """Return the stored result behind an assistant message, or None."""

        def fetch(conn: sqlite3.Connection) -> str | None:
            sql = "SELECT result_json FROM answers WHERE message_id = ?"
            row = conn.execute(sql, (message_id,)).fetchone()
            return str(row[0]) if row else None

        raw = self._db.read(fetch)
        return AdvisorResult.model_validate_json(raw) if raw is not None else None

    def add_feedback(self, message_id: int, rating: int, comment: str = "") -> int:
        """Record 👍 (+1) or 👎 (-1) with an optional comment on an answer; return the feedback id."""
        if isinstance(rating, bool) or rating not in (1, -1):
            raise InputError(f"评价值无效：{rating!r}", "请用 +1 表示有帮助、-1 表示没帮助")
        if len(comment) > MAX_COMMENT_CHARS:
            raise InputError(f"评价意见过长（{len(comment)} 字）", f"请缩短到 {MAX_COMMENT_CHARS} 字以内")
        now = self._clock()

        def insert(conn: sqlite3.Connection) -> int:
            row = conn.execute("SELECT role, session_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise InputError(f"找不到要评价的回答（编号 {message_id}）", "该对话可能已清理，请刷新后重试")
            if row[0] != "assistant":
                raise InputError("只能评价顾问的回答，不能评价自己的消息", "请在顾问回答下方点击 👍 或 👎")
            conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (now, row[1]))
            cursor = conn.execute(
                "INSERT INTO feedback (message_id, rating, comment, created_at) VALUES (?, ?, ?, ?)",
                (message_id, rating, _text(comment), now),
            )
            return int(cursor.lastrowid or 0)

        return self._db.write(insert)

    def feedback_for(self, message_id: int) -> list[FeedbackRecord]:
        """Return the feedback given on a message, oldest first."""

        def fetch(conn: sqlite3.Connection) -> list[FeedbackRecord]:
            rows = conn.execute(
                "SELECT id, message_id, rating, comment, created_at FROM feedback"
                " WHERE message_id = ? ORDER BY id",
                (message_id,),
            ).fetchall()
            return [FeedbackRecord(*row) for row in rows]

        return self._db.read(fetch)

    def purge_older_than(self, days: int) -> int:
        """Delete sessions (with all their rows) not updated for `days` days; return how many were deleted."""
        if isinstance(days, bool) or days < 1:
            raise ConfigError(f"对话保留天数无效：{days!r}", "retention_days 必须是不小于 1 的整数")
        cutoff = self._clock() - days * _DAY_S

        def delete(conn: sqlite3.Connection) -> int:
            return conn.execute("DELETE FROM sessions WHERE updated_at < ?", (cutoff,)).rowcount

        return self._db.write(delete)

    def stats(self) -> StoreStats:
        """Return counts for analytics and health checks."""

        def fetch(conn: sqlite3.Connection) -> StoreStats:
            def one(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0] or 0)

            mean = conn.execute("SELECT AVG(latency_ms) FROM answers").fetchone()[0]
            return StoreStats(
                sessions=one("SELECT COUNT(*) FROM sessions"),
                messages=one("SELECT COUNT(*) FROM messages"),
                user_messages=one("SELECT COUNT(*) FROM messages WHERE role = 'user'"),
                answers=one("SELECT COUNT(*) FROM answers"),
                refused_answers=one("SELECT COUNT(*) FROM answers WHERE refused = 1"),
                citations=one("SELECT COUNT(*) FROM citations"),
                feedback_up=one("SELECT COUNT(*) FROM feedback WHERE rating = 1"),
                feedback_down=one("SELECT COUNT(*) FROM feedback WHERE rating = -1"),
                mean_latency_ms=float(mean) if mean is not None else None,
                schema_version=schema_version(conn),
            )

        return self._db.read(fetch)

    def close(self) -> None:
        """Release the database connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _touch(conn: sqlite3.Connection, session_id: str, now: float) -> None:
        conn.execute(
            "INSERT INTO sessions (id, created_at, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at",
            (session_id, now, now),
        )

    @staticmethod
    def _insert_message(conn: sqlite3.Connection, session_id: str, role: Role, text: str, now: float) -> int:
        cursor = conn.execute(
            "INSERT INTO messages (session_id, role, content, created_at) VALUES (?, ?, ?, ?)",
            (session_id, role, _text(text), now),
        )
        return int(cursor.lastrowid or 0)

