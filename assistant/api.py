"""HTTP JSON API (FastAPI): chat, feedback, search, health, and staff-only corpus endpoints."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException

from assistant.access import RateLimiter, require_staff
from assistant.advisor import Advisor, ProfileInput
from assistant.errors import (
    AdvisorError,
    ConfigError,
    IndexCorruptError,
    IndexMissingError,
    InputError,
    NotFoundError,
)
from assistant.events import ResultEvent, StatusEvent, TokenEvent
from assistant.field_errors import reason
from assistant.indexstore import PIPELINE
from assistant.result import AdvisorResult
from assistant.runtime import Runtime
from assistant.search_output import result_records

SQLITE_MAX_INT = 2**63 - 1


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")  # "sesion_id" would silently start a new conversation

    session_id: str | None = Field(default=None, max_length=64)
    message: str = Field(max_length=200_000)  # the advisor explains its own, lower limit in Chinese
    profile: ProfileInput | None = None
    mode: str | None = Field(default=None, pattern="^(extractive|llm)$")
    clarify: bool = True  # false: never answer with a clarifying question (integrations that cannot reply to one)


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)  # "commment", "rating": true, "message_id": "312"

    message_id: int = Field(ge=1, le=SQLITE_MAX_INT)  # larger ids cannot exist and overflow SQLite
    rating: int
    comment: str = Field(default="", max_length=5000)

    @field_validator("rating")
    @classmethod
    def _thumbs(cls, value: int) -> int:
        if value not in (1, -1):
            raise ValueError("只能是 1（有帮助）或 -1（没帮助）")
        return value


class ErrorBody(BaseModel):
    error: str
    hint: str = ""


MAX_BODY_BYTES = 1024 * 1024  # a chat message is at most a few thousand characters; uploads go through the UI
_HTTP_MESSAGES = {400: "请求体无法解析（不是 UTF-8 编码的 JSON）", 401: "需要工作人员口令", 404: "找不到这个接口",
                  405: "该接口不支持这种请求方法", 429: "请求过于频繁，请稍后再试"}
_UTF8_HINT = "请用 UTF-8 编码发送 JSON；其他编码请在请求头中声明，如 Content-Type: application/json; charset=GBK"
_HTTP_HINTS = {
    400: _UTF8_HINT,
    401: "请在请求头中提供工作人员口令：Authorization: Bearer <口令>",
    404: "请查看接口文档 /api/docs",
    405: "请查看接口文档 /api/docs 中该接口的请求方法",
    429: "请按响应头 Retry-After 的秒数等待后再试",
}


# What a correct request to each endpoint looks like (the chat example on a search error misled)
_EXAMPLES = {"/api/search": "例如 /api/search?q=上云率&k=5（q 为查询，k 为 1–20 的整数）",
             "/api/feedback": "例如 {\"message_id\": 12, \"rating\": 1, \"comment\": \"\"}（rating 为 1 或 -1）"}
_CHAT_EXAMPLE = "例如 {\"message\": \"我们是做汽车零部件的，下一步该做什么？\"}，并带上请求头 Content-Type: application/json"


def _validation_error(exc: RequestValidationError, message_limit: int, path: str = "/api/chat") -> ErrorBody:
    """Say which fields are wrong, in Chinese, without echoing the (possibly huge) input back."""
    errors = exc.errors()
    if any(e.get("type") == "string_too_long" and tuple(e.get("loc", ()))[-1:] == ("message",) for e in errors):
        return ErrorBody(error=f"消息太长（上限 {message_limit} 字）", hint="请把问题精简到一两段话，长材料可以分几次发送")
    hint = f"请按接口文档 /api/docs 提供字段，{_EXAMPLES.get(path, _CHAT_EXAMPLE)}"
    if any(e.get("type") == "json_invalid" for e in errors):
        return ErrorBody(error="请求体不是有效的 JSON", hint=hint)
    missing = sorted({_field(e) for e in errors if e.get("type") == "missing"})
    invalid = sorted({_field(e) + _why(e) for e in errors if e.get("type") != "missing"})
    parts = ([f"缺少字段 {'、'.join(missing)}"] if missing else []) + ([f"字段 {'、'.join(invalid)} 无效"] if invalid else [])
    return ErrorBody(error=f"请求格式有误：{'；'.join(parts)[:200]}", hint=hint)


def _why(error: dict[str, object]) -> str:
    """Why a field was refused, when it says more than "invalid"."""
    why = reason(error)
    return f"（{why}）" if why else ""


def _field(error: dict[str, object]) -> str:
    loc = [str(p) for p in error.get("loc", ())[1:]]  # type: ignore[union-attr]
    return ".".join(loc) or "请求体"


def _status_for(exc: AdvisorError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, IndexMissingError | IndexCorruptError | ConfigError):
        return 503
    return 502


def create_api(runtime: Runtime) -> FastAPI:
    """Build the API app around one shared runtime (index, embedder, store loaded once per worker)."""
    app = FastAPI(title="数转顾问 API", version="0.1.0", docs_url="/api/docs", openapi_url="/api/openapi.json")
    advisor = Advisor(runtime)
    limiter = RateLimiter(runtime.settings.rate_limit_per_min)
    staff = require_staff(runtime.settings)
    ingest_lock = threading.Lock()
    app.state.runtime = runtime

    app.middleware("http")(_refuse_huge_bodies)

    @app.exception_handler(AdvisorError)
    async def advisor_error(_: Request, exc: AdvisorError) -> JSONResponse:
        return JSONResponse(ErrorBody(error=exc.message, hint=exc.hint).model_dump(), status_code=_status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        body = _validation_error(exc, runtime.settings.max_message_chars, request.url.path)
        return JSONResponse(body.model_dump(), status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        ours = isinstance(exc.detail, str) and re.search(r"[\u4e00-\u9fff]", exc.detail)  # access.py's own
        body = ErrorBody(error=str(exc.detail) if ours else _HTTP_MESSAGES.get(exc.status_code, "请求无法处理"),
                         hint=_HTTP_HINTS.get(exc.status_code, ""))
        return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=exc.headers)

    @app.get("/api/health")
    def health() -> dict[str, object]:
        try:
            index = runtime.index()
        except AdvisorError as exc:
            return {"status": "degraded", "index": exc.user_message()}
        return {"status": "ok", "documents": len(index.manifest.docs), "chunks": index.size,
                "embedder": index.manifest.embedder, "llm": runtime.settings.llm_enabled,
                "index_current": index.manifest.pipeline == PIPELINE}

    @app.post("/api/chat", response_model=AdvisorResult, responses={400: {"model": ErrorBody},
                                                                     429: {"model": ErrorBody}})
    def chat(body: ChatRequest, request: Request) -> AdvisorResult:
        limiter.check(request)
        return advisor.respond(body.message, body.session_id, body.profile, body.mode, clarify=body.clarify)

    @app.post("/api/chat/stream", responses={400: {"model": ErrorBody}})
    def chat_stream(body: ChatRequest, request: Request) -> StreamingResponse:
        limiter.check(request)
        text = advisor.clean_message(body.message)  # refuse bad input before the stream starts (a 4xx, not an event)
        advisor.check_session(body.session_id)
        return StreamingResponse(_sse(advisor, text, body), media_type="text/event-stream")

    @app.post("/api/feedback", responses={400: {"model": ErrorBody}})
    def feedback(body: FeedbackRequest, request: Request) -> dict[str, int]:
        limiter.check(request)
        return {"feedback_id": runtime.store.add_feedback(body.message_id, body.rating, body.comment)}

    @app.get("/api/search", dependencies=[Depends(staff)])
    def search(q: str, k: int = 5, request: Request = None) -> dict[str, object]:  # type: ignore[assignment]
        limiter.check(request)
        if not q.strip() or len(q) > 2000:
            raise InputError("查询为空或过长", "请输入 1–2000 字的查询")
        shown = max(1, min(k, 20))
        # the confidence reads the top five passages whatever k is: asking for one result must not change it
        result = runtime.retriever().search(q, k=max(shown, 5))
        # the records of `sme-advisor search --json`, plus the flat rank fields this endpoint always had
        records = [record | {"chunk_id": p.chunk_id, "dense_rank": p.dense_rank, "bm25_rank": p.bm25_rank,
                             "sentence_rank": p.sentence_rank, "sentence_bm25_rank": p.sentence_bm25_rank}
                   for record, p in zip(result_records(result), result.passages, strict=True)][:shown]
        return {"query": result.query, "confidence": round(result.confidence, 4), "covered": result.covered,
                "unmet": result.unmet.record(), "results": records}

    @app.get("/api/documents", dependencies=[Depends(staff)])
    def documents() -> dict[str, object]:
        manifest = runtime.index().manifest
        return {"generation": manifest.generation, "documents": {k: v.model_dump() for k, v in manifest.docs.items()},
                "failures": manifest.failures}

    @app.post("/api/ingest", dependencies=[Depends(staff)])
    def reingest() -> dict[str, object]:
        from corpus.ingest import ingest

        if not ingest_lock.acquire(blocking=False):
            raise InputError("已有索引任务在运行", "请稍后再试")
        try:
            report = ingest(runtime.settings)
        finally:
            ingest_lock.release()
        return json.loads(json.dumps(report.__dict__, default=str))

    _add_unknown_api_route(app)
    return app


async def _refuse_huge_bodies(request: Request, call_next):  # noqa: ANN001, ANN202 - Starlette's middleware signature
    """A body is read whole before validation: a 50 MB post is refused by its declared size, before reading it; one
    sent in chunks without a declared size is read only up to the limit."""
    if not request.url.path.startswith("/api/"):
        return await call_next(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return _too_big(int(declared))
    if not declared and request.method in ("POST", "PUT", "PATCH"):
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return _too_big(size)
            chunks.append(chunk)
        request._body = b"".join(chunks)  # Starlette hands a body read here on to the route
    if (charset := _declared_charset(request)) and request.method in ("POST", "PUT", "PATCH"):
        try:  # a Chinese Windows client often sends charset=GBK; JSON is read as UTF-8 only
            request._body = (await request.body()).decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            return JSONResponse(ErrorBody(error=f"请求体不是所声明的 {charset} 编码", hint=_UTF8_HINT).model_dump(),
                                status_code=400)
    return await call_next(request)


_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.:-]+)", re.IGNORECASE)


def _declared_charset(request: Request) -> str | None:
    """The body's charset from Content-Type when it is not UTF-8 (the only one JSON is read in)."""
    found = _CHARSET.search(request.headers.get("content-type", ""))
    charset = found.group(1) if found else ""
    return None if charset.lower().replace("_", "-") in ("", "utf-8", "utf8") else charset


def _too_big(size: int) -> JSONResponse:
    body = ErrorBody(error=f"请求体太大（至少 {size // 1024} KB，上限 {MAX_BODY_BYTES // 1024} KB）",
                     hint="消息请精简到两千字以内；文档请用资料库上传")
    return JSONResponse(body.model_dump(), status_code=413)


def _add_unknown_api_route(app: FastAPI) -> None:
    """The web UI is mounted at "/" after the API routes and would answer an unknown /api path with its own English
    404; a known path asked with the wrong method is a 405. Both get the Chinese error body."""

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown_api(rest: str) -> None:
        path = f"/api/{rest}"
        known = any(isinstance(r, APIRoute) and r is not catch_all and r.path_regex.match(path) for r in app.routes)
        raise HTTPException(405 if known else 404)

    catch_all = app.routes[-1]


def _sse(advisor: Advisor, text: str, body: ChatRequest) -> Iterator[str]:
    """Server-sent events: status, token and result, each a JSON object."""
    try:
        for event in advisor.stream(text, body.session_id, body.profile, body.mode, body.clarify):
            if isinstance(event, StatusEvent):
                payload = {"type": "status", "text": event.text, "reset": event.reset}
            elif isinstance(event, TokenEvent):
                payload = {"type": "token", "text": event.text}
            elif isinstance(event, ResultEvent):
                payload = {"type": "result", "result": json.loads(event.result.model_dump_json())}
            yield f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"
    except AdvisorError as exc:
        yield f"data: {json.dumps({'type': 'error', 'error': exc.message, 'hint': exc.hint}, ensure_ascii=False)}\n\n"
