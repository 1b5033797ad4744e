"""The LLM client: any OpenAI-compatible endpoint via langchain-openai, with a hard deadline."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from assistant.errors import ModelError
from assistant.services import ChatMessage, ChatModel
from assistant.settings import Settings

log = logging.getLogger(__name__)

_END = object()
_ROLES: dict[str, type[BaseMessage]] = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
_HINT_RETRY = "已改用不依赖大模型的摘录式回答；可稍后重试或检查 SME_ADVISOR_LLM_BASE_URL 设置"


class _Transient(Exception):
    """A failure worth another attempt (connection, timeout, 429, 5xx)."""

    def __init__(self, error: ModelError, retry_after_s: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after_s = retry_after_s


class _Truncated(ValueError):
    """The stream closed before the server said it was finished."""


class OpenAICompatibleChat:
    """Chat with an OpenAI-compatible endpoint; every call ends within `timeout_s`, retries included."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str = "not-needed",
        timeout_s: float = 30.0,
        max_retries: int = 1,
        max_tokens: int = 1024,
        temperature: float = 0.1,
        backoff_s: float = 0.5,
    ) -> None:
        self.name = model
        self.base_url = base_url
        self.timeout_s = timeout_s
        self.max_retries = max(0, max_retries)
        self.backoff_s = backoff_s
        # Retries are ours, not the SDK's: they must respect the overall deadline and stop when it passes.
        # langchain-openai sends only max_completion_tokens, which some servers ignore; also send max_tokens.
        self._llm = ChatOpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            model=model,
            temperature=temperature,
            max_completion_tokens=max_tokens,
            extra_body={"max_tokens": max_tokens},
            timeout=timeout_s,
            max_retries=0,
        )

    def __repr__(self) -> str:
        return f"OpenAICompatibleChat(base_url={self.base_url!r}, model={self.name!r})"

    def complete(self, messages: Sequence[ChatMessage]) -> str:
        """Return the whole reply of one non-streaming request."""
        lc_messages = _to_langchain(messages)
        text = "".join(self._with_retries(lambda: [_reply_text(self._llm.invoke(lc_messages))]))
        if not text.strip():
            raise ModelError("模型服务返回了空回复", _HINT_RETRY)
        return text

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """Yield the reply as it is generated; the whole stream must finish within `timeout_s`."""
        lc_messages = _to_langchain(messages)
        received = False
        for piece in self._with_retries(lambda: _stream_text(self._llm.stream(lc_messages))):
            received = received or bool(piece.strip())
            yield piece
        if not received:
            raise ModelError("模型服务返回了空回复", _HINT_RETRY)

    def _with_retries(self, produce: Callable[[], Iterable[str]]) -> Iterator[str]:
        deadline = time.monotonic() + self.timeout_s
        for attempt in range(self.max_retries + 1):
            emitted = False
            try:
                for piece in _drain(produce, deadline, self._timeout_error):
                    emitted = True
                    yield piece
                return
            except _Transient as exc:
                wait = exc.retry_after_s if exc.retry_after_s is not None else self.backoff_s * 2**attempt
                log.warning("LLM %s attempt %d failed: %s", self.base_url, attempt + 1, exc.error.message)
                if emitted or attempt == self.max_retries or time.monotonic() + wait >= deadline:
                    raise exc.error from exc
                time.sleep(wait)

    def _timeout_error(self) -> ModelError:
        return ModelError(f"模型服务在 {self.timeout_s:g} 秒内没有完成回复", _HINT_RETRY)


def chat_model_from_settings(settings: Settings) -> ChatModel | None:
    """Build the LLM client from settings, or None when no endpoint is configured."""
    if not settings.llm_base_url:
        return None
    return OpenAICompatibleChat(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
    )


def _to_langchain(messages: Sequence[ChatMessage]) -> list[BaseMessage]:
    unknown = {m.role for m in messages} - _ROLES.keys()
    if unknown:
        raise ValueError(f"unknown chat roles: {sorted(unknown)}")
    return [_ROLES[m.role](content=m.content) for m in messages]


def _reply_text(message: BaseMessage) -> str:
    if not isinstance(message.content, str):
        raise ValueError("reply content is not text")
    return message.content


def _stream_text(chunks: Iterable[BaseMessage]) -> Iterator[str]:
    finished = False
    for chunk in chunks:
        finished = finished or bool(chunk.response_metadata.get("finish_reason"))
        if chunk.content:
            yield _reply_text(chunk)
    if not finished:
        raise _Truncated("stream ended without finish_reason")


def _drain(
    produce: Callable[[], Iterable[str]], deadline: float, timeout_error: Callable[[], ModelError]
) -> Iterator[str]:
    """Run one attempt in a worker thread and hand its pieces over until the deadline."""
    out: queue.Queue[object] = queue.Queue()
    cancelled = threading.Event()
    threading.Thread(target=_pump, args=(produce, out, cancelled), name="llm-call", daemon=True).start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:
                item = out.get(timeout=remaining) if remaining > 0 else out.get_nowait()
            except queue.Empty:
                # A blocked socket read cannot be interrupted; the worker ends at its own timeout, unobserved.
                raise timeout_error() from None
            if item is _END:
                return
            if isinstance(item, Exception):
                raise _classify(item, timeout_error) from item
            yield str(item)
    finally:
        cancelled.set()


def _pump(produce: Callable[[], Iterable[str]], out: queue.Queue[object], cancelled: threading.Event) -> None:
    pieces = iter(())
    try:
        pieces = iter(produce())
        for piece in pieces:
            if cancelled.is_set():
                return
            out.put(piece)
        out.put(_END)
    except Exception as exc:  # handed to the caller's thread, which turns it into a ModelError
        out.put(exc)
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()


def _classify(exc: Exception, timeout_error: Callable[[], ModelError]) -> Exception:
    """Translate an SDK or parsing failure into a ModelError, marking the ones worth retrying."""
    if isinstance(exc, openai.APITimeoutError):
        return _Transient(timeout_error())
    if isinstance(exc, openai.APIConnectionError):
        return _Transient(ModelError("无法连接模型服务（连接被拒绝或中断）", _HINT_RETRY))
    if isinstance(exc, openai.RateLimitError):
        return _Transient(
            ModelError("模型服务繁忙，拒绝了请求（HTTP 429 请求过于频繁）", _HINT_RETRY),
            _retry_after(exc.response.headers.get("retry-after")),
        )
    if isinstance(exc, openai.APIStatusError) and exc.status_code >= 500:
        return _Transient(ModelError(f"模型服务内部出错（HTTP {exc.status_code}）", _HINT_RETRY))
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelError("模型服务拒绝了访问密钥", "请检查 SME_ADVISOR_LLM_API_KEY 设置")
    if isinstance(exc, openai.NotFoundError):
        return ModelError(
            "模型服务找不到该模型或接口", "请检查 SME_ADVISOR_LLM_MODEL 和 LLM_BASE_URL（通常以 /v1 结尾）"
        )
    if isinstance(exc, openai.APIStatusError):
        return ModelError(f"模型服务拒绝了请求（HTTP {exc.status_code}）", _HINT_RETRY)
    if isinstance(exc, _Truncated):
        return ModelError("模型服务的回复中途中断", _HINT_RETRY)
    return ModelError("模型服务返回了无法解析的内容", _HINT_RETRY)


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP-date Retry-After is rare on these servers; fall back to our backoff
