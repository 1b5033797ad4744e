"""Conversation logs older than the retention setting disappear on their own; recent ones stay."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from assistant.api import create_api
from assistant.retention import RetentionSweeper, apply_retention
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.store import Store
from tests.small_corpus import QUESTION, build_small_index

DAY = 86400.0


def log_session(path: Path, days_ago: float, text: str) -> str:
    """A conversation last touched `days_ago` days ago."""
    with Store(path, clock=lambda: time.time() - days_ago * DAY) as store:
        session_id = store.create_session(text)
        store.add_user_message(session_id, text)
        return session_id


def test_old_sessions_are_purged_and_recent_ones_kept(tmp_path: Path) -> None:
    database = tmp_path / "advisor.sqlite3"
    old, edge, recent = (log_session(database, d, f"{d} 天前的问题") for d in (400, 31, 2))
    settings = Settings(data_dir=tmp_path, database=database, retention_days=30)
    with Store(database) as store:
        assert apply_retention(settings, store) == 2
        assert store.get_session(old) is None and store.get_session(edge) is None
        assert store.get_session(recent) is not None and store.history(recent)[0].content == "2 天前的问题"
        assert apply_retention(settings, store) == 0


def test_a_retention_of_zero_keeps_everything(tmp_path: Path) -> None:
    database = tmp_path / "advisor.sqlite3"
    ancient = log_session(database, 3650, "十年前的问题")
    with Store(database) as store:
        assert apply_retention(Settings(data_dir=tmp_path, retention_days=0), store) == 0
        assert store.get_session(ancient) is not None


def test_the_sweeper_runs_at_most_once_per_interval(tmp_path: Path) -> None:
    database, now = tmp_path / "advisor.sqlite3", [1000.0]
    store = Store(database)
    sweeper = RetentionSweeper(Settings(data_dir=tmp_path, retention_days=30), lambda: store, every_s=3600,
                               clock=lambda: now[0])
    log_session(database, 100, "第一批")
    assert sweeper.maybe_sweep() == 1
    log_session(database, 100, "第二批")
    now[0] += 600
    assert sweeper.maybe_sweep() == 0  # too soon: the second old session waits for the next sweep
    now[0] += 3000
    assert sweeper.maybe_sweep() == 1
    store.close()


def test_the_running_api_applies_retention_without_anyone_asking(tmp_path: Path) -> None:
    settings = build_small_index(tmp_path).model_copy(update={"retention_days": 30})
    old = log_session(settings.db_path, 90, "三个月前的问题")
    recent = log_session(settings.db_path, 1, "昨天的问题")
    with TestClient(create_api(Runtime(settings))) as client:
        answer = client.post("/api/chat", json={"message": QUESTION}).json()
    with Store(settings.db_path) as store:
        assert store.get_session(old) is None
        assert store.get_session(recent) is not None
        assert store.get_session(answer["session_id"]) is not None  # today's conversation is kept
