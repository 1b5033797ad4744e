"""Scale-out: two API workers share one real `chroma run` server and follow its newest index generation."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.settings import Settings
from assistant.shared_index import publish
from corpus.ingest import ingest

pytestmark = pytest.mark.slow

POLICY_V1 = """某市中小企业数字化改造专项资金管理办法

一、支持对象
本办法支持在本市登记注册的中小型制造企业开展数字化改造，重点支持设备联网、生产管理系统上云和质量追溯系统建设。

二、支持方式
对通过验收的数字化改造项目，按项目实际投资额的百分之二十给予补助，单个企业补助金额最高不超过一百万元。

三、申报流程
企业通过中小企业公共服务平台在线申报，由区级工信部门初审，市级主管部门组织专家评审后公示。
"""
POLICY_V2 = POLICY_V1.replace("百分之二十", "百分之三十五").replace("一百万元", "二百万元")
GUIDE = """车间设备联网实施指引

一、联网准备
企业应先梳理车间设备清单，区分具备数据接口的数控设备和需要加装采集模块的老旧设备，并规划车间网络。

二、数据采集
对数控机床采集运行状态、加工数量和报警信息，对老旧设备通过电流传感器判断开停机状态，数据统一汇入设备管理平台。
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(url: str, timeout_s: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture()
def chroma_url(tmp_path: Path) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if chroma is None:
        pytest.fail("the chroma CLI (shipped with chromadb) is not installed")
    port = _free_port()
    proc = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", 30, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop([proc])


def _start_worker(data_dir: Path, corpus: Path, url: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "SME_ADVISOR_DATA_DIR": str(data_dir), "SME_ADVISOR_CORPUS_DIR": str(corpus),
           "SME_ADVISOR_CHROMA_URL": url, "SME_ADVISOR_RATE_LIMIT_PER_MIN": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "assistant.server:app_factory",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, f"http://127.0.0.1:{port}"


def _generation_and_top_passage(base: str) -> tuple[int, str]:
    generation = httpx.get(f"{base}/api/documents", timeout=30).json()["generation"]
    found = httpx.get(f"{base}/api/search", params={"q": "数字化改造项目补助比例和最高金额", "k": 3}, timeout=30).json()
    return int(generation), "".join(r["text"] for r in found["results"])


def test_two_workers_sharing_a_chroma_server_answer_from_the_newest_generation(tmp_path: Path,
                                                                                chroma_url: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "policy.txt").write_text(POLICY_V1, encoding="utf-8")
    (corpus / "guide.txt").write_text(GUIDE, encoding="utf-8")
    ingester = Settings(data_dir=tmp_path / "ingester", corpus_dir=corpus, chroma_url=chroma_url)
    first = ingest(ingester)
    assert publish(ingester) == first.generation

    # Each worker has its own empty data folder, as on another machine: it must rebuild BM25 from the server.
    workers = [_start_worker(tmp_path / f"worker{i}", corpus, chroma_url) for i in range(2)]
    try:
        for proc, base in workers:
            _wait_http(f"{base}/api/health", 60, proc)
        for _, base in workers:
            generation, text = _generation_and_top_passage(base)
            assert generation == first.generation
            assert "百分之二十" in text
            answer = httpx.post(f"{base}/api/chat", json={"message": "数字化改造项目能补助多少？"}, timeout=60)
            assert answer.status_code == 200

        (corpus / "policy.txt").write_text(POLICY_V2, encoding="utf-8")
        second = ingest(ingester)
        publish(ingester)
        assert second.generation > first.generation and second.embedded > 0

        deadline = time.monotonic() + 30
        seen: dict[str, tuple[int, str]] = {}
        while time.monotonic() < deadline and len(seen) < len(workers):
            for _, base in workers:
                try:
                    generation, text = _generation_and_top_passage(base)
                except (httpx.HTTPError, KeyError, ValueError):
                    continue
                if generation == second.generation:
                    seen[base] = (generation, text)
            time.sleep(0.5)
        assert len(seen) == len(workers), "a worker kept serving the old generation"
        for _generation, text in seen.values():
            assert "百分之三十五" in text and "百分之二十" not in text
        for proc, _ in workers:
            assert proc.poll() is None, "a worker died"
    finally:
        _stop([proc for proc, _ in workers])
