"""Serving measurements: server start-up to ready, and time to first streamed token in LLM mode."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.stats import percentiles

LLM_DELAY_S = 0.5
LLM_REPLY = "根据报告，中小企业可以先从设备联网和生产数据采集入手[1]。"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, workers: int = 1, extra_env: dict[str, str] | None = None,
                 port: int | None = None) -> tuple[subprocess.Popen, str]:
    """uvicorn on assistant.server:app_factory with its rate limit off (a bench is one client sending a lot)."""
    port = port or free_port()
    env = {**os.environ, "SME_ADVISOR_DATA_DIR": str(data_dir), "SME_ADVISOR_RATE_LIMIT_PER_MIN": "0",
           **(extra_env or {})}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "assistant.server:app_factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), \
        f"http://127.0.0.1:{port}"


def wait_ready(base: str, proc: subprocess.Popen, timeout_s: float = 120) -> None:
    """Until /api/health says ok (the index is open), or fail with the reason."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/health", timeout=5).json().get("status") == "ok":
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{base} not ready after {timeout_s} s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def startup_seconds(data_dir: Path, runs: int = 2) -> dict[str, float]:
    """Seconds from process start to the first healthy answer of /api/health (best and worst of `runs`)."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        proc, base = start_server(data_dir)
        try:
            wait_ready(base, proc)
            times.append(time.perf_counter() - begin)
        finally:
            stop_server(proc)
    return {"best_s": round(min(times), 2), "worst_s": round(max(times), 2)}


def time_to_first_token(data_dir: Path, questions: list[str]) -> dict:
    """LLM-mode TTFT against a local scripted OpenAI server that waits LLM_DELAY_S before its first token."""
    from assistant.advisor import Advisor
    from assistant.events import StatusEvent, TokenEvent
    from assistant.runtime import Runtime
    from assistant.settings import Settings
    from eval.openai_server import ScriptedOpenAIServer, ScriptedReply

    reply = ScriptedReply.text(LLM_REPLY, first_delay_s=LLM_DELAY_S)
    with _server(ScriptedOpenAIServer(default=reply)) as server:
        settings = Settings(data_dir=data_dir, answer_mode="llm", llm_base_url=server.base_url, llm_max_retries=0,
                            rate_limit_per_min=0)
        advisor = Advisor(Runtime(settings))
        advisor.respond("预热：什么是数字化转型？")
        first_status, first_token = [], []
        for question in questions:
            begin = time.perf_counter()
            status_at = token_at = None
            for event in advisor.stream(question, mode="llm"):
                now = (time.perf_counter() - begin) * 1000
                if isinstance(event, StatusEvent) and status_at is None:
                    status_at = now
                if isinstance(event, TokenEvent) and token_at is None:
                    token_at = now
            first_status.append(status_at or 0.0)
            first_token.append(token_at or (time.perf_counter() - begin) * 1000)
    ttft = percentiles(first_token)
    return {"server_delay_ms": LLM_DELAY_S * 1000, "ttft": ttft, "first_status": percentiles(first_status),
            "overhead_p50_ms": round(ttft["p50"] - LLM_DELAY_S * 1000, 1),
            "overhead_p95_ms": round(ttft["p95"] - LLM_DELAY_S * 1000, 1)}


class _server:  # noqa: N801 - a context manager named for what it wraps
    def __init__(self, server) -> None:  # noqa: ANN001
        self.server = server

    def __enter__(self):  # noqa: ANN204
        return self.server.start()

    def __exit__(self, *exc: object) -> None:
        self.server.stop()
