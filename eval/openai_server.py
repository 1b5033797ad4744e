"""A real OpenAI-compatible chat server on 127.0.0.1 that plays scripted replies, for tests and benches."""

from __future__ import annotations

import argparse
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from eval.scripted_reply import RecordedRequest, ScriptedReply

log = logging.getLogger(__name__)

__all__ = ["RecordedRequest", "ScriptedOpenAIServer", "ScriptedReply", "main"]

Responder = Callable[[RecordedRequest], "ScriptedReply | str | None"]


class ScriptedOpenAIServer:
    """Serve scripted replies over HTTP: queued replies first, then `responder`, then `default`."""

    def __init__(
        self,
        replies: Iterable[ScriptedReply | str] = (),
        *,
        default: ScriptedReply | str = "好的。",
        responder: Responder | None = None,
        model: str = "scripted-model",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.model = model
        self.requests: list[RecordedRequest] = []
        self._queue: deque[ScriptedReply] = deque(_as_reply(r) for r in replies)
        self._default = _as_reply(default)
        self._responder = responder
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.scripted = self
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self._httpd.server_address[0]}:{self.port}/v1"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """Return the requests made to /v1/chat/completions, in arrival order."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def push(self, *replies: ScriptedReply | str) -> None:
        """Queue more replies; each request consumes one."""
        with self._lock:
            self._queue.extend(_as_reply(r) for r in replies)

    def start(self) -> ScriptedOpenAIServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="scripted-openai",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake every hanging handler, stop accepting and free the port."""
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> ScriptedOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record_and_choose(self, request: RecordedRequest) -> ScriptedReply:
        with self._lock:
            self.requests.append(request)
            if self._queue:
                return self._queue.popleft()
        chosen = self._responder(request) if self._responder else None
        return self._default if chosen is None else _as_reply(chosen)

    def _pause(self, seconds: float) -> bool:
        """Sleep unless the server is stopping; return False when it is."""
        return seconds <= 0 or not self._stopping.wait(seconds)


def _as_reply(reply: ScriptedReply | str) -> ScriptedReply:
    return ScriptedReply.text(reply) if isinstance(reply, str) else reply


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    scripted: ScriptedOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hang up on purpose in fault tests; a traceback per test would only be noise.
        log.debug("scripted server: client %s went away", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: streams end by closing

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("scripted server: " + format, *args)

    def do_GET(self) -> None:
        scripted = self.server.scripted
        self._record(None)
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [_model_card(scripted.model)]})
        else:
            self._send_json(404, _error_body("not found", "invalid_request_error"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        reply = self._record(body if isinstance(body, dict) else None)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, _error_body("not found", "invalid_request_error"))
        elif not isinstance(body, dict):
            self._send_json(400, _error_body("request body is not a JSON object", "invalid_request_error"))
        else:
            self._play(reply, stream=bool(body.get("stream")))

    def _record(self, body: dict[str, Any] | None) -> ScriptedReply:
        headers = {k.lower(): v for k, v in self.headers.items()}
        return self.server.scripted._record_and_choose(
            RecordedRequest(self.command, self.path, headers, body)
        )

    def _play(self, reply: ScriptedReply, *, stream: bool) -> None:
        scripted = self.server.scripted
        if reply.kind == "hang":
            scripted._pause(reply.hang_s)
        elif reply.kind == "drop":
            self.close_connection = True
        elif reply.kind == "status":
            extra = {} if reply.retry_after_s is None else {"Retry-After": f"{reply.retry_after_s:g}"}
            self._send_json(
                reply.status_code, _error_body(f"scripted HTTP {reply.status_code}", "server_error"), extra
            )
        elif reply.kind == "garbage":
            self._send_raw(
                200,
                "text/event-stream" if stream else "application/json",
                b'data: {"choices": [{"delta": ' if stream else b'{"choices": [{"mess',
            )
        elif stream:
            self._stream(reply, finish=reply.kind == "text")
        elif reply.kind == "truncated":
            self._send_raw(
                200, "application/json", json.dumps(_completion(scripted.model, reply.content))[:40].encode()
            )
        elif scripted._pause(reply.first_delay_s + reply.chunk_delay_s * len(_chunks(reply))):
            self._send_json(200, _completion(scripted.model, reply.content))

    def _stream(self, reply: ScriptedReply, *, finish: bool) -> None:
        scripted = self.server.scripted
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self._event(_chunk(scripted.model, {"role": "assistant", "content": ""}))
        if not scripted._pause(reply.first_delay_s):
            return
        for i, piece in enumerate(_chunks(reply)):
            if i and not scripted._pause(reply.chunk_delay_s):
                return
            self._event(_chunk(scripted.model, {"content": piece}))
        if finish:
            self._event(_chunk(scripted.model, {}, finish_reason="stop"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
        self.wfile.flush()

    def _send_json(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send_raw(code, "application/json", json.dumps(payload, ensure_ascii=False).encode(), headers)

    def _send_raw(self, code: int, ctype: str, data: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


def _chunks(reply: ScriptedReply) -> list[str]:
    size = max(1, reply.chunk_chars)
    return [reply.content[i : i + size] for i in range(0, len(reply.content), size)]


def _model_card(model: str) -> dict[str, Any]:
    return {"id": model, "object": "model", "created": 0, "owned_by": "scripted"}


def _error_body(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def _completion(model: str, content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": len(content), "total_tokens": len(content)},
    }


def _chunk(model: str, delta: dict[str, str], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def main(argv: list[str] | None = None) -> None:
    """Run the server in the foreground with one fixed reply, for manual tries and latency benches."""
    parser = argparse.ArgumentParser(description="Scripted OpenAI-compatible server on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--reply", default="根据资料，建议先从设备联网和生产数据采集做起[1]。")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="delay before the first token")
    parser.add_argument("--chunk-delay-ms", type=float, default=0.0, help="delay between streamed chunks")
    parser.add_argument("--chunk-chars", type=int, default=4)
    parser.add_argument("--model", default="scripted-model")
    args = parser.parse_args(argv)
    reply = ScriptedReply.text(
        args.reply,
        first_delay_s=args.delay_ms / 1000,
        chunk_delay_s=args.chunk_delay_ms / 1000,
        chunk_chars=args.chunk_chars,
    )
    server = ScriptedOpenAIServer(default=reply, model=args.model, port=args.port)
    with server:
        print(f"scripted OpenAI server at {server.base_url} (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped", flush=True)


if __name__ == "__main__":
    main()
