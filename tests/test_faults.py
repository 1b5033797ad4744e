"""A damaged or missing index and a slow LLM are reported plainly with the fix; nothing crashes or hangs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_api
from assistant.indexstore import IndexLayout, read_manifest
from assistant.runtime import Runtime
from assistant.settings import Settings
from eval.openai_server import ScriptedOpenAIServer, ScriptedReply
from tests.small_corpus import QUESTION, build_small_index, copy_index


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_small_index(tmp_path_factory.mktemp("small"))


def _current(settings: Settings) -> tuple[IndexLayout, int]:
    layout = IndexLayout(settings.index_dir)
    manifest = read_manifest(layout)
    assert manifest is not None
    return layout, manifest.generation


def garbage_manifest(settings: Settings) -> None:
    IndexLayout(settings.index_dir).manifest_path.write_bytes(b"\x00{not json at all \xff")


def deleted_vectors(settings: Settings) -> None:
    shutil.rmtree(IndexLayout(settings.index_dir).chroma_dir)


def truncated_chunks(settings: Settings) -> None:
    layout, generation = _current(settings)
    path = layout.chunks_path(generation)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut mid-line, as a full disk or a crash would


def missing_index(settings: Settings) -> None:
    shutil.rmtree(settings.index_dir)


FAULTS: dict[str, tuple[Callable[[Settings], None], str, str]] = {
    # fault: (inject, what the message says, the fix it names)
    "garbage in CURRENT.json": (garbage_manifest, "索引清单", "sme-advisor ingest --rebuild"),
    "chroma folder deleted": (deleted_vectors, "索引文件不完整或已损坏", "sme-advisor ingest --rebuild"),
    "chunks.jsonl truncated": (truncated_chunks, "索引文件不完整或已损坏", "sme-advisor ingest --rebuild"),
    "index folder missing": (missing_index, "还没有建立索引", "sme-advisor ingest"),
}


def cli(settings: Settings, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "assistant.cli", "--data-dir", str(settings.data_dir),
               "--corpus", str(settings.corpus_dir), *args]
    env = {**os.environ, "SME_ADVISOR_DATABASE": str(settings.db_path)}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=Path(__file__).resolve().parents[1])


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_damaged_index_makes_health_degraded_and_chat_answer_503_with_the_rebuild_hint(
    small_index: Settings, tmp_path: Path, fault: str,
) -> None:
    inject, says, fix = FAULTS[fault]
    settings = copy_index(small_index, tmp_path)
    inject(settings)
    with TestClient(create_api(Runtime(settings)), raise_server_exceptions=False) as client:
        health = client.get("/api/health")
        chat = client.post("/api/chat", json={"message": QUESTION})
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and says in health.json()["index"] and fix in health.json()["index"]
    assert chat.status_code == 503
    assert says in chat.json()["error"] and fix in chat.json()["hint"]


@pytest.mark.slow
@pytest.mark.parametrize("fault", list(FAULTS))
def test_the_cli_says_what_is_wrong_in_one_line_and_works_again_after_a_rebuild(
    small_index: Settings, tmp_path: Path, fault: str,
) -> None:
    inject, says, fix = FAULTS[fault]
    settings = copy_index(small_index, tmp_path)
    inject(settings)
    broken = cli(settings, "ask", QUESTION)
    assert broken.returncode == 2, broken.stderr[-2000:]
    lines = [line for line in broken.stderr.splitlines() if line.strip() and "Warning" not in line]
    assert lines == [lines[-1]] and lines[-1].startswith("错误：") and says in lines[-1] and fix in lines[-1], lines
    assert "Traceback" not in broken.stderr + broken.stdout
    rebuilt = cli(settings, "ingest", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    fixed = cli(settings, "ask", QUESTION)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert "设备联网" in fixed.stdout and "[1]" in fixed.stdout


def test_an_llm_whose_first_token_comes_after_the_timeout_falls_back_without_hanging_the_request(
    small_index: Settings, tmp_path: Path,
) -> None:
    slow = ScriptedReply.text("注塑企业开展设备联网，可以实时采集注塑机的开机率、节拍和能耗数据。[1]", first_delay_s=20)
    with ScriptedOpenAIServer(default=slow) as server:
        settings = small_index.model_copy(update={
            "database": tmp_path / "advisor.sqlite3", "answer_mode": "llm", "llm_base_url": server.base_url,
            "llm_timeout_s": 1.5, "llm_max_retries": 1,
        })
        with TestClient(create_api(Runtime(settings))) as client:
            client.get("/api/health")  # load the embedder and index outside the timed request
            started = time.monotonic()
            response = client.post("/api/chat", json={"message": QUESTION})
            elapsed = time.monotonic() - started
        requests = len(server.chat_requests)
    assert response.status_code == 200
    body = response.json()
    assert body["mode"] == "extractive" and body["citations"] and "设备联网" in body["answer"]
    assert any("大模型暂时不可用" in notice for notice in body["notices"])
    assert requests >= 1 and elapsed < 1.5 * (1 + 1) + 6  # timeout per attempt, plus the extractive answer
