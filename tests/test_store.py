"""The conversation store keeps everything a user said and rated, across restarts, workers and crashes."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from assistant.errors import ConfigError, InputError
from assistant.result import AdvisorResult, Citation
from assistant.store import SCHEMA_VERSION, Store, StoreBusyError, StoreCorruptError

SPAWN = mp.get_context("spawn")


def make_result(tag: str, citations: int = 2, refused: bool = False) -> AdvisorResult:
    cites = [
        Citation(
            n=n,
            doc_id=f"doc-{n}",
            title="中小企业数字化转型指南",
            section="三、可以借鉴的案例",
            page=n,
            quote=f"{tag} 引文 {n}：企业上云用云降低成本。",
            chunk_id=f"doc-{n}#c{n}",
        )
        for n in range(1, citations + 1)
    ]
    answer = "".join(f"句子 {c.n} [{c.n}]。" for c in cites) or "这些报告没有涉及这个问题。"
    return AdvisorResult(answer=f"{tag}：{answer}", citations=cites, refused=refused, query=tag)


class Clock:
    """A hand-moved clock so retention can be tested without waiting days."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def write_conversation(store: Store) -> tuple[str, int, int, int]:
    session_id = store.create_session("注塑厂咨询")
    store.save_state(session_id, '{"profile": {"industry": "塑料制品"}}')
    question_id = store.add_user_message(session_id, "我们是 80 人的注塑厂，下一步该数字化什么？")
    answer_id = store.add_answer(session_id, make_result("答复", citations=2), latency_ms=123.5)
    feedback_id = store.add_feedback(answer_id, 1, "很有用")
    return session_id, question_id, answer_id, feedback_id


def assert_conversation(store: Store, session_id: str, question_id: int, answer_id: int) -> None:
    session = store.get_session(session_id)
    assert session is not None
    assert session.title == "注塑厂咨询"
    assert session.state_json == '{"profile": {"industry": "塑料制品"}}'
    assert session.message_count == 2
    history = store.history(session_id)
    assert [(m.id, m.role) for m in history] == [(question_id, "user"), (answer_id, "assistant")]
    assert history[0].content == "我们是 80 人的注塑厂，下一步该数字化什么？"
    answer = store.answer_for(answer_id)
    assert answer is not None
    assert answer.answer == history[1].content == make_result("答复").answer
    assert [(c.n, c.doc_id, c.quote) for c in answer.citations] == [
        (c.n, c.doc_id, c.quote) for c in make_result("答复").citations
    ]
    assert (answer.session_id, answer.message_id) == (session_id, answer_id)
    assert store.answer_for(question_id) is None
    assert [(f.rating, f.comment) for f in store.feedback_for(answer_id)] == [(1, "很有用")]


def test_a_conversation_round_trips_with_answer_citations_and_feedback(tmp_path: Path) -> None:
    with Store(tmp_path / "data" / "advisor.sqlite3") as store:
        session_id, question_id, answer_id, _ = write_conversation(store)
        assert_conversation(store, session_id, question_id, answer_id)
        stats = store.stats()
    assert (stats.sessions, stats.messages, stats.user_messages, stats.answers) == (1, 2, 1, 1)
    assert (stats.citations, stats.feedback_up, stats.feedback_down) == (2, 1, 0)
    assert stats.mean_latency_ms == pytest.approx(123.5)
    assert stats.schema_version == SCHEMA_VERSION


def test_everything_is_still_there_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "advisor.sqlite3"
    store = Store(path)
    session_id, question_id, answer_id, _ = write_conversation(store)
    store.close()
    with Store(path) as reopened:
        assert_conversation(reopened, session_id, question_id, answer_id)
        assert reopened.stats().messages == 2


def test_a_message_for_an_unknown_session_creates_it_and_history_is_oldest_first(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.get_session("client-chosen-id") is None
        ids = [store.add_user_message("client-chosen-id", f"问题 {i}") for i in range(25)]
        history = store.history("client-chosen-id", limit=20)
        assert [m.id for m in history] == ids[5:]
        assert [m.content for m in history][:2] == ["问题 5", "问题 6"]
        assert store.get_session("client-chosen-id") is not None
        with pytest.raises(InputError, match="会话编号无效"):
            store.add_user_message("../../etc/passwd", "hi")


def test_hostile_text_is_stored_verbatim_or_safely(tmp_path: Path) -> None:
    texts = ["'); DROP TABLE messages;--", "<script>alert(1)</script>", "NUL\x00char", "emoji 🏭 混合 mixed"]
    texts.append("x" * 100_000)
    with Store(tmp_path / "db.sqlite3") as store:
        session_id = store.create_session()
        for text in texts:
            store.add_user_message(session_id, text)
        store.add_user_message(session_id, "lone \ud800 surrogate")
        stored = [m.content for m in store.history(session_id, limit=100)]
    assert stored[:-1] == texts
    assert stored[-1].startswith("lone ") and stored[-1].endswith(" surrogate")


@pytest.mark.parametrize("rating", [0, 2, -2, True, 5])
def test_feedback_rating_must_be_thumbs_up_or_down(tmp_path: Path, rating: int) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        _, _, answer_id, _ = write_conversation(store)
        with pytest.raises(InputError, match="评价值无效") as caught:
            store.add_feedback(answer_id, rating)
        assert "+1" in caught.value.hint
        assert len(store.feedback_for(answer_id)) == 1


def test_feedback_on_an_unknown_or_user_message_is_refused_in_chinese(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        _, question_id, answer_id, _ = write_conversation(store)
        with pytest.raises(InputError, match="找不到要评价的回答（编号 999）"):
            store.add_feedback(999, -1)
        with pytest.raises(InputError, match="只能评价顾问的回答"):
            store.add_feedback(question_id, 1)
        with pytest.raises(InputError, match="评价意见过长"):
            store.add_feedback(answer_id, -1, "太长" * 2000)
        store.add_feedback(answer_id, -1, "引用不对")
        assert [f.rating for f in store.feedback_for(answer_id)] == [1, -1]
        assert (store.stats().feedback_up, store.stats().feedback_down) == (1, 1)


def test_retention_purges_only_sessions_idle_longer_than_the_limit(tmp_path: Path) -> None:
    clock = Clock()
    with Store(tmp_path / "db.sqlite3", clock=clock) as store:
        old_id, _, _, _ = write_conversation(store)
        revived_id, _, revived_answer, _ = write_conversation(store)
        clock.now += 40 * 86400
        store.add_feedback(revived_answer, -1)  # activity keeps a session alive
        recent_id = store.create_session("新对话")
        clock.now += 1 * 86400
        assert store.purge_older_than(30) == 1
        assert store.get_session(old_id) is None
        assert store.get_session(revived_id) is not None and store.get_session(recent_id) is not None
        stats = store.stats()
        assert (stats.sessions, stats.messages, stats.answers, stats.citations) == (2, 2, 1, 2)
        assert (stats.feedback_up, stats.feedback_down) == (1, 1)
        assert store.purge_older_than(30) == 0
        with pytest.raises(ConfigError, match="保留天数"):
            store.purge_older_than(0)


def test_threads_sharing_one_store_lose_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    session_id = store.create_session()

    def chat(worker: int) -> None:
        for i in range(40):
            store.add_user_message(session_id, f"t{worker}-{i}")
            store.history(session_id, limit=5)

    threads = [threading.Thread(target=chat, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    contents = {m.content for m in store.history(session_id, limit=1000)}
    store.close()
    assert contents == {f"t{w}-{i}" for w in range(6) for i in range(40)}


def test_a_writer_waits_out_another_workers_lock_and_says_so_clearly_if_it_never_ends(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = Store(path, busy_timeout_ms=20, attempts=5)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: blocker.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    store.add_user_message("s1", "等锁释放后写入")
    assert time.monotonic() - started >= 0.25
    release.join()
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreBusyError, match="对话数据库正忙") as caught:
        store.add_user_message("s1", "锁一直不释放")
    blocker.execute("COMMIT")
    blocker.close()
    assert "稍后再试" in caught.value.hint
    assert [m.content for m in store.history("s1")] == ["等锁释放后写入"]
    store.close()


def chat_worker(path: str, worker: int, count: int, start: object, results: object) -> None:
    """Write `count` question/answer/feedback rounds into a shared session and a private one."""
    start.wait()  # type: ignore[attr-defined]
    store = Store(Path(path))  # all workers create and migrate the new file at the same moment
    own = store.create_session(f"worker {worker}")
    answers = []
    for i in range(count):
        session_id = "shared" if i % 2 else own
        store.add_user_message(session_id, f"w{worker}-q{i}")
        answer_id = store.add_answer(session_id, make_result(f"w{worker}-a{i}", citations=1), latency_ms=i)
        store.add_feedback(answer_id, 1 if i % 3 else -1, f"w{worker}-f{i}")
        answers.append(answer_id)
    store.close()
    results.put((worker, own, answers))  # type: ignore[attr-defined]


def test_four_worker_processes_writing_at_once_lose_no_message_or_feedback(tmp_path: Path) -> None:
    path, workers, count = tmp_path / "db.sqlite3", 4, 200
    start, results = SPAWN.Barrier(workers), SPAWN.Queue()
    args = [(str(path), w, count, start, results) for w in range(workers)]
    procs = [SPAWN.Process(target=chat_worker, args=a) for a in args]
    for proc in procs:
        proc.start()
    reported = [results.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    with Store(path) as store:
        stats = store.stats()
        shared = store.history("shared", limit=10_000)
        for worker, own, answers in reported:
            own_history = store.history(own, limit=10_000)
            assert [m.content for m in own_history if m.role == "user"] == [
                f"w{worker}-q{i}" for i in range(0, count, 2)
            ]
            assert all(store.feedback_for(a)[0].comment.startswith(f"w{worker}-f") for a in answers)
    assert stats.user_messages == workers * count
    rounds = workers * count
    assert (stats.messages, stats.answers, stats.citations) == (2 * rounds, rounds, rounds)
    assert stats.feedback_up + stats.feedback_down == workers * count
    assert stats.feedback_down == workers * len(range(0, count, 3))
    assert len(shared) == workers * count  # half of each worker's rounds, two messages per round


def crash_worker(path: str, first: int, committed: object) -> None:
    """Write question/answer pairs forever, publishing how many pairs have fully committed."""
    store = Store(Path(path))
    i = first
    while True:
        store.add_user_message("crash", f"q{i}")
        store.add_answer("crash", make_result(f"a{i}", citations=3), latency_ms=1.0)
        i += 1
        committed.value = i  # type: ignore[attr-defined]


def test_a_worker_killed_mid_write_leaves_a_readable_file_and_loses_at_most_the_write_in_flight(
    tmp_path: Path,
) -> None:
    path, rng, pairs = tmp_path / "db.sqlite3", random.Random(7), 0
    Store(path).close()
    for _ in range(3):
        committed = SPAWN.Value("i", pairs)
        proc = SPAWN.Process(target=crash_worker, args=(str(path), pairs, committed))
        proc.start()
        deadline = time.monotonic() + 30
        while committed.value < pairs + 20 and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        with Store(path) as store:  # integrity check and migration run on open
            history = store.history("crash", limit=100_000)
            questions = [m.content for m in history if m.role == "user"]
            answers = [store.answer_for(m.id) for m in history if m.role == "assistant"]
            stats = store.stats()
        done = committed.value
        assert done >= pairs + 20
        assert questions == [f"q{i}" for i in range(len(questions))]
        assert done <= len(questions) <= done + 1  # only the pair in flight may be half written
        assert done <= len(answers) <= len(questions)
        assert all(a is not None and len(a.citations) == 3 for a in answers)  # an answer is all or nothing
        assert stats.citations == 3 * len(answers)
        pairs = len(questions)
        if len(answers) < pairs:  # the in-flight question survived; answer it so the next round starts clean
            with Store(path) as store:
                store.add_answer("crash", make_result(f"a{pairs - 1}", citations=3), latency_ms=1.0)


def test_a_garbage_file_is_reported_as_corrupt_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "advisor.sqlite3"
    path.write_bytes(random.Random(1).randbytes(64 * 1024))
    with pytest.raises(StoreCorruptError, match="对话数据库文件已损坏") as caught:
        Store(path)
    assert str(path) in caught.value.message
    assert "移到别处" in caught.value.hint and "-wal" in caught.value.hint


def test_damaged_pages_inside_a_real_database_are_detected_at_start(tmp_path: Path) -> None:
    path = tmp_path / "advisor.sqlite3"
    with Store(path) as store:
        session_id = store.create_session()
        for i in range(300):
            store.add_user_message(session_id, f"第 {i} 条消息：" + "数字化转型" * 20)
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(random.Random(2).randbytes(8192))
    with pytest.raises(StoreCorruptError, match="对话数据库文件已损坏"):
        Store(path)


def test_a_database_from_a_newer_version_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "advisor.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ConfigError, match="比本程序支持的版本"):
        Store(path)
