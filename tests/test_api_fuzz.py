"""Requests generated from the API's own OpenAPI schema (valid and invalid) never cause a server error."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from assistant.api import create_api
from assistant.runtime import Runtime
from assistant.settings import Settings

CJK = re.compile(r"[\u4e00-\u9fff]")
# Examples per operation: chat runs the whole advisor (retrieval + answer), so it gets the fewest.
BUDGET = {("POST", "/api/chat"): 25, ("POST", "/api/chat/stream"): 10, ("POST", "/api/feedback"): 40,
          ("GET", "/api/health"): 10, ("GET", "/api/search"): 25}
TRIED: dict[str, list[int]] = {}  # status codes seen per operation (the figures in the notes)


@pytest.fixture(scope="module")
def app(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    database = tmp_path_factory.mktemp("fuzz") / "advisor.sqlite3"
    settings = shared_index_settings.model_copy(update={"database": database, "rate_limit_per_min": 0})
    api = create_api(Runtime(settings))
    with TestClient(api) as client:  # seed one real answer so feedback ids can hit an existing message
        client.post("/api/chat", json={"message": "中小企业数字化转型有哪些政策支持？"}).raise_for_status()
    yield api


def check_response(method: str, path: str, status: int, body: bytes, content_type: str) -> None:
    assert status < 500, f"{method} {path} → {status}: {body[:300]!r}"
    assert b"Traceback" not in body
    if status >= 400 and content_type.startswith("application/json"):
        error = json.loads(body)
        assert CJK.search(str(error.get("error"))), f"{method} {path} → {status}: {error}"


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path"), list(BUDGET))
def test_no_generated_request_causes_a_server_error(app: FastAPI, method: str, path: str) -> None:
    operation = schemathesis.openapi.from_asgi("/api/openapi.json", app)[path][method]
    seen = TRIED.setdefault(f"{method} {path}", [])

    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @settings(max_examples=BUDGET[(method, path)], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases, session=st.sampled_from([None, "fuzz-session"]))
    def run(case: schemathesis.Case, session: str | None) -> None:
        if path.startswith("/api/chat") and isinstance(case.body, dict) and session and "session_id" not in case.body:
            case.body["session_id"] = session  # some examples continue a conversation instead of starting one
        response = case.call()
        seen.append(response.status_code)
        content_type = response.headers.get("content-type") or [""]  # schemathesis keeps every header value
        check_response(method, path, response.status_code, response.content, content_type[0])

    run()
    assert seen
    print(f"fuzz {method} {path}: {len(seen)} requests, statuses {sorted(set(seen))}")


def test_the_schema_documents_every_public_endpoint(app: FastAPI) -> None:
    paths = set(app.openapi()["paths"])
    assert {"/api/chat", "/api/chat/stream", "/api/feedback", "/api/health", "/api/search"} <= paths


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(message=st.text(min_size=1, max_size=400))
def test_any_text_as_a_message_is_answered_or_refused_in_chinese(app: FastAPI, message: str) -> None:
    with TestClient(app) as client:
        response = client.post("/api/chat", json={"message": message})
    seen = TRIED.setdefault("POST /api/chat (any text)", [])
    seen.append(response.status_code)
    assert response.status_code in (200, 400, 422), response.text[:300]
    body = response.json()
    if response.status_code == 200:
        assert body["answer"] and body["message_id"]
    else:
        assert CJK.search(body["error"]) and body["hint"]
