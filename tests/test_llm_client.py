"""The LLM client against a real OpenAI-protocol server on 127.0.0.1; every failure is a ModelError."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Iterator

import pytest

from assistant.errors import ModelError
from assistant.llm import OpenAICompatibleChat, chat_model_from_settings
from assistant.services import ChatMessage, ChatModel
from assistant.settings import Settings
from eval.openai_server import ScriptedOpenAIServer
from eval.openai_server import ScriptedReply as Reply

MESSAGES = [ChatMessage("system", "只依据资料回答。"), ChatMessage("user", "我们是做模具的小厂，先做什么？")]
ANSWER = "建议先从设备联网和生产数据采集做起[1]。"

Call = Callable[[OpenAICompatibleChat], str]
CALLS: dict[str, Call] = {
    "complete": lambda chat: chat.complete(MESSAGES),
    "stream": lambda chat: "".join(chat.stream(MESSAGES)),
}


@pytest.fixture
def server() -> Iterator[ScriptedOpenAIServer]:
    with ScriptedOpenAIServer(default=ANSWER) as running:
        yield running


def make_chat(
    base_url: str, *, timeout_s: float = 5.0, max_retries: int = 1, api_key: str = "k"
) -> OpenAICompatibleChat:
    return OpenAICompatibleChat(
        base_url=base_url,
        model="test-model",
        api_key=api_key,
        timeout_s=timeout_s,
        max_retries=max_retries,
        max_tokens=321,
        temperature=0.0,
        backoff_s=0.05,
    )


def failure(call: Call, chat: OpenAICompatibleChat) -> tuple[ModelError, float]:
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        call(chat)
    return caught.value, time.monotonic() - started


def test_complete_returns_the_reply_and_sends_model_messages_and_both_token_limits(
    server: ScriptedOpenAIServer,
):
    assert make_chat(server.base_url).complete(MESSAGES) == ANSWER

    [request] = server.chat_requests
    body = request.body or {}
    assert body["model"] == "test-model"
    assert body["messages"] == [
        {"role": "system", "content": "只依据资料回答。"},
        {"role": "user", "content": "我们是做模具的小厂，先做什么？"},
    ]
    assert body["max_tokens"] == 321 and body["max_completion_tokens"] == 321
    assert not body.get("stream")
    assert request.headers["authorization"] == "Bearer k"


def test_stream_yields_pieces_as_they_are_generated(server: ScriptedOpenAIServer):
    server.push(Reply.text(ANSWER, chunk_chars=3, chunk_delay_s=0.05))
    arrivals: list[float] = []
    started = time.monotonic()
    pieces = []
    for piece in make_chat(server.base_url).stream(MESSAGES):
        arrivals.append(time.monotonic() - started)
        pieces.append(piece)

    assert "".join(pieces) == ANSWER
    assert len(pieces) >= 5
    assert arrivals[-1] - arrivals[0] >= 0.2  # the first piece came while the rest were still being generated
    body = server.chat_requests[0].body or {}
    assert body["stream"] is True and body["max_tokens"] == 321 and body["max_completion_tokens"] == 321


@pytest.mark.parametrize("mode", CALLS)
def test_a_server_that_never_answers_fails_within_the_timeout(server: ScriptedOpenAIServer, mode: str):
    server.push(Reply.hang(30))
    error, elapsed = failure(CALLS[mode], make_chat(server.base_url, timeout_s=1.0))
    assert 0.9 <= elapsed < 1.6
    assert "1 秒内没有完成回复" in error.message


def test_a_stream_that_trickles_on_is_cut_at_the_total_deadline(server: ScriptedOpenAIServer):
    server.push(Reply.text("慢" * 60, chunk_chars=1, chunk_delay_s=0.1))
    received: list[str] = []
    started = time.monotonic()
    with pytest.raises(ModelError, match="没有完成回复"):
        for piece in make_chat(server.base_url, timeout_s=1.0).stream(MESSAGES):
            received.append(piece)
    # the whole reply would take 6 s; the margin over the 1 s deadline is for a loaded 2-core machine
    assert time.monotonic() - started < 3.0
    assert 3 <= len(received) < 60


@pytest.mark.parametrize("mode", CALLS)
def test_server_errors_are_retried_then_reported(server: ScriptedOpenAIServer, mode: str):
    server.push(Reply.status(500), Reply.status(500), Reply.status(500))
    error, _ = failure(CALLS[mode], make_chat(server.base_url, max_retries=2))
    assert "HTTP 500" in error.message
    assert len(server.chat_requests) == 3


def test_a_retry_after_a_server_error_can_still_succeed(server: ScriptedOpenAIServer):
    server.push(Reply.status(503), ANSWER)
    assert make_chat(server.base_url, max_retries=1).complete(MESSAGES) == ANSWER
    assert len(server.chat_requests) == 2


@pytest.mark.parametrize("mode", CALLS)
def test_rate_limiting_waits_for_retry_after_then_reports_429(server: ScriptedOpenAIServer, mode: str):
    server.push(Reply.status(429, retry_after_s=0.4), Reply.status(429, retry_after_s=0.4))
    error, elapsed = failure(CALLS[mode], make_chat(server.base_url, max_retries=1))
    assert "429" in error.message
    assert len(server.chat_requests) == 2
    first, second = server.chat_requests
    assert second.received_at - first.received_at >= 0.4


def test_a_retry_after_beyond_the_deadline_fails_at_once(server: ScriptedOpenAIServer):
    server.push(Reply.status(429, retry_after_s=30))
    error, elapsed = failure(CALLS["complete"], make_chat(server.base_url, timeout_s=3.0, max_retries=3))
    assert "429" in error.message and elapsed < 1.0
    assert len(server.chat_requests) == 1


@pytest.mark.parametrize("mode", CALLS)
def test_a_garbage_reply_is_a_model_error_and_not_retried(server: ScriptedOpenAIServer, mode: str):
    server.push(Reply.garbage())
    error, _ = failure(CALLS[mode], make_chat(server.base_url, max_retries=2))
    assert "无法解析" in error.message
    assert len(server.chat_requests) == 1


def test_a_stream_cut_off_before_it_finished_is_a_model_error(server: ScriptedOpenAIServer):
    server.push(Reply.truncated("建议先从设备联网"))
    error, _ = failure(CALLS["stream"], make_chat(server.base_url))
    assert "中断" in error.message


@pytest.mark.parametrize("mode", CALLS)
def test_an_empty_reply_is_a_model_error(server: ScriptedOpenAIServer, mode: str):
    server.push(Reply.text("  "))
    error, _ = failure(CALLS[mode], make_chat(server.base_url))
    assert "空回复" in error.message


@pytest.mark.parametrize("mode", CALLS)
def test_a_dropped_connection_is_retried_then_reported(server: ScriptedOpenAIServer, mode: str):
    server.push(Reply.drop(), Reply.drop())
    error, _ = failure(CALLS[mode], make_chat(server.base_url, max_retries=1))
    assert "无法连接" in error.message
    assert len(server.chat_requests) == 2


@pytest.mark.parametrize("mode", CALLS)
def test_nothing_listening_on_the_port_is_a_model_error(mode: str):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error, elapsed = failure(CALLS[mode], make_chat(f"http://127.0.0.1:{port}/v1", max_retries=1))
    assert "无法连接" in error.message and error.hint
    assert elapsed < 3


def test_the_api_key_never_reaches_the_logs_or_repr(
    server: ScriptedOpenAIServer, caplog: pytest.LogCaptureFixture
):
    secret = "sk-very-secret-123"
    server.push(Reply.status(500), Reply.status(500))
    chat = make_chat(server.base_url, api_key=secret)
    with caplog.at_level(logging.DEBUG):
        failure(CALLS["complete"], chat)
    assert server.chat_requests[0].headers["authorization"] == f"Bearer {secret}"
    assert "attempt 1 failed" in caplog.text
    assert secret not in caplog.text and secret not in repr(chat)


def test_settings_build_a_chat_model_only_when_an_endpoint_is_set(server: ScriptedOpenAIServer):
    assert chat_model_from_settings(Settings(llm_base_url="")) is None

    chat = chat_model_from_settings(
        Settings(llm_base_url=server.base_url, llm_model="qwen-test", llm_max_tokens=99, llm_timeout_s=2)
    )
    assert isinstance(chat, ChatModel) and chat.name == "qwen-test"
    assert chat.complete(MESSAGES) == ANSWER
    body = server.chat_requests[0].body or {}
    assert body["model"] == "qwen-test" and body["max_tokens"] == 99 == body["max_completion_tokens"]
