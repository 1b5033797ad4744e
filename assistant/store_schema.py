"""The conversation database's tables, migrated forward by the user_version pragma."""

from __future__ import annotations

import sqlite3

from assistant.errors import ConfigError
from assistant.store_db import Database

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            state_json TEXT NOT NULL DEFAULT '{}',
            title TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX sessions_updated ON sessions(updated_at)",
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            content TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX messages_session ON messages(session_id, id)",
        """CREATE TABLE answers (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            result_json TEXT NOT NULL,
            mode TEXT NOT NULL,
            refused INTEGER NOT NULL,
            latency_ms REAL NOT NULL
        )""",
        """CREATE TABLE citations (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES answers(message_id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            doc_id TEXT NOT NULL,
            chunk_id TEXT NOT NULL,
            quote TEXT NOT NULL
        )""",
        "CREATE INDEX citations_message ON citations(message_id)",
        "CREATE INDEX citations_doc ON citations(doc_id)",
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
            comment TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX feedback_message ON feedback(message_id)",
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the schema version recorded in the file header."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> int:
    """Bring the file up to SCHEMA_VERSION; safe when several workers start on one file at once."""

    def upgrade(conn: sqlite3.Connection) -> int:
        # Re-read inside the write lock: another worker may have migrated while we waited.
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise ConfigError(
                f"对话数据库 {db.path} 的版本（{current}）比本程序支持的版本（{SCHEMA_VERSION}）新",
                "请升级本程序，或为旧版本程序指定另一个数据目录",
            )
        for version in range(current, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        return current

    return db.write(upgrade)
