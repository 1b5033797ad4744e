"""The scripted OpenAI-protocol server itself: what benches and manual tries rely on."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from eval.openai_server import RecordedRequest, ScriptedOpenAIServer, ScriptedReply

ROOT = Path(__file__).resolve().parent.parent


def post(url: str, body: bytes, timeout: float = 5.0) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def chat_body(text: str, *, stream: bool = False) -> bytes:
    return json.dumps(
        {"model": "m", "stream": stream, "messages": [{"role": "user", "content": text}]}
    ).encode()


def test_models_are_listed_and_a_non_json_body_is_rejected():
    with ScriptedOpenAIServer(model="scripted-qwen") as server:
        with urllib.request.urlopen(f"{server.base_url}/models", timeout=5) as response:
            assert json.load(response)["data"][0]["id"] == "scripted-qwen"
        status, text = post(f"{server.base_url}/chat/completions", b"not json")
        assert status == 400 and "JSON" in text
        assert [r.path for r in server.requests] == ["/v1/models", "/v1/chat/completions"]


def test_a_responder_picks_replies_after_the_queue_is_used_up():
    def by_question(request: RecordedRequest) -> str | None:
        last = (request.body or {})["messages"][-1]["content"]
        return "关于政策的回答" if "政策" in last else None

    with ScriptedOpenAIServer(["排队的回答"], responder=by_question, default="默认回答") as server:
        replies = [
            post(f"{server.base_url}/chat/completions", chat_body(q))[1] for q in ("政策?", "政策?", "别的")
        ]
    contents = [json.loads(r)["choices"][0]["message"]["content"] for r in replies]
    assert contents == ["排队的回答", "关于政策的回答", "默认回答"]


def test_streams_end_with_done_and_carry_the_reply_in_deltas():
    with ScriptedOpenAIServer([ScriptedReply.text("一二三四五", chunk_chars=2)]) as server:
        status, text = post(f"{server.base_url}/chat/completions", chat_body("hi", stream=True))
    events = [line.removeprefix("data: ") for line in text.splitlines() if line.startswith("data: ")]
    assert status == 200 and events[-1] == "[DONE]"
    chunks = [json.loads(e)["choices"][0] for e in events[:-1]]
    assert "".join(c["delta"].get("content", "") for c in chunks) == "一二三四五"
    assert chunks[-1]["finish_reason"] == "stop"


def test_stopping_wakes_a_hanging_request_and_frees_the_port():
    server = ScriptedOpenAIServer([ScriptedReply.hang(60)]).start()
    url = f"{server.base_url}/chat/completions"
    outcome: list[object] = []
    client = threading.Thread(target=lambda: outcome.append(_try_post(url)))
    client.start()
    while not server.requests:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    client.join(timeout=5)
    assert time.monotonic() - started < 2 and not client.is_alive()
    assert isinstance(outcome[0], Exception)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{server.base_url}/models", timeout=2)


def _try_post(url: str) -> object:
    try:
        return post(url, chat_body("hi"), timeout=10)
    except Exception as exc:  # the outcome under test is that the client is released with an error
        return exc


def test_the_command_line_server_answers_with_its_fixed_reply():
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eval.openai_server",
            "--port",
            "0",
            "--reply",
            "命令行回复",
            "--delay-ms",
            "10",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().split()[4]
        status, text = post(f"{base_url}/chat/completions", chat_body("hi"))
        assert status == 200 and json.loads(text)["choices"][0]["message"]["content"] == "命令行回复"
    finally:
        proc.terminate()
        proc.wait(timeout=5)
