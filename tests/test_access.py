"""Staff endpoints need the configured token, public binds need one at all, clients are rate-limited, secrets stay
secret."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.access import check_bind_safety
from assistant.api import create_api
from assistant.errors import ConfigError
from assistant.runtime import Runtime
from assistant.settings import Settings
from eval.openai_server import ScriptedOpenAIServer, ScriptedReply
from tests.small_corpus import QUESTION, build_small_index, copy_index

STAFF_TOKEN = "staff-Tok3n-7f1c9e"
LLM_KEY = "sk-live-SECRET-4242abcd"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_small_index(tmp_path_factory.mktemp("small"))


@pytest.fixture
def guarded(small_index: Settings, tmp_path: Path) -> Settings:
    return copy_index(small_index, tmp_path).model_copy(update={"staff_token": STAFF_TOKEN})


STAFF_CALLS = [("GET", "/api/search", {"q": "设备联网"}), ("GET", "/api/documents", None), ("POST", "/api/ingest", None)]


@pytest.mark.parametrize(("method", "path", "params"), STAFF_CALLS)
def test_staff_endpoints_refuse_a_missing_or_wrong_token_and_accept_the_right_one(
    guarded: Settings, method: str, path: str, params: dict[str, str] | None,
) -> None:
    with TestClient(create_api(Runtime(guarded))) as client:
        missing = client.request(method, path, params=params)
        wrong = client.request(method, path, params=params, headers={"Authorization": "Bearer guess"})
        prefix = client.request(method, path, params=params, headers={"Authorization": f"Bearer {STAFF_TOKEN[:-1]}"})
        right = client.request(method, path, params=params, headers={"Authorization": f"Bearer {STAFF_TOKEN}"})
        header = client.request(method, path, params=params, headers={"X-Staff-Token": STAFF_TOKEN})
    for refused in (missing, wrong, prefix):
        assert refused.status_code == 401
        assert CJK.search(refused.json()["error"]) and "Authorization" in refused.json()["hint"]
    assert right.status_code == header.status_code == 200


def test_the_manager_chat_stays_open_without_a_token(guarded: Settings) -> None:
    with TestClient(create_api(Runtime(guarded))) as client:
        response = client.post("/api/chat", json={"message": QUESTION})
        health = client.get("/api/health")
    assert response.status_code == 200 and response.json()["citations"]
    assert health.json()["status"] == "ok"


def test_on_loopback_without_a_token_staff_endpoints_are_open(small_index: Settings, tmp_path: Path) -> None:
    local = copy_index(small_index, tmp_path)
    assert local.host == "127.0.0.1" and not local.staff_token
    with TestClient(create_api(Runtime(local))) as client:
        assert client.get("/api/documents").status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_binding_beyond_loopback_without_a_token_is_refused_with_the_fix(host: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_bind_safety(Settings(host=host))
    assert f"绑定到 {host} 时必须设置工作人员口令" in caught.value.message
    assert "SME_ADVISOR_STAFF_TOKEN" in caught.value.hint
    check_bind_safety(Settings(host=host, staff_token=STAFF_TOKEN))  # with a token it may start
    check_bind_safety(Settings(host="127.0.0.1"))


def test_sme_advisor_serve_on_a_public_address_without_a_token_exits_before_listening(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SME_ADVISOR_STAFF_TOKEN"}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(tmp_path), "serve",
                           "--host", "0.0.0.0", "--port", "0"], capture_output=True, text=True, timeout=60, env=env,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 2
    assert "必须设置工作人员口令" in done.stderr and "Traceback" not in done.stderr


def test_a_client_over_the_rate_limit_gets_429_with_retry_after_and_others_are_unaffected(
    guarded: Settings,
) -> None:
    app = create_api(Runtime(guarded.model_copy(update={"rate_limit_per_min": 3})))
    with TestClient(app, client=("10.0.0.7", 5000)) as busy, TestClient(app, client=("10.0.0.8", 5000)) as calm:
        statuses = [busy.post("/api/chat", json={"message": "你好"}).status_code for _ in range(3)]
        limited = busy.post("/api/chat", json={"message": "你好"})
        other = calm.post("/api/chat", json={"message": "你好"})
    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 61
    assert "请求过于频繁" in limited.json()["error"] and "Retry-After" in limited.json()["hint"]
    assert other.status_code == 200


def test_secrets_never_reach_logs_or_cli_output(
    guarded: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    with ScriptedOpenAIServer(default=ScriptedReply.status(500)) as server:
        settings = guarded.model_copy(update={"answer_mode": "llm", "llm_base_url": server.base_url,
                                              "llm_api_key": LLM_KEY, "llm_timeout_s": 3.0, "llm_max_retries": 0})
        with caplog.at_level(logging.DEBUG), TestClient(create_api(Runtime(settings))) as client:
            answered = client.post("/api/chat", json={"message": QUESTION})
            client.get("/api/documents", headers={"Authorization": f"Bearer {STAFF_TOKEN}"})
            client.get("/api/documents", headers={"Authorization": f"Bearer {STAFF_TOKEN}x"})
        env = {**os.environ, "SME_ADVISOR_LLM_API_KEY": LLM_KEY, "SME_ADVISOR_STAFF_TOKEN": STAFF_TOKEN,
               "SME_ADVISOR_LLM_BASE_URL": server.base_url, "SME_ADVISOR_ANSWER_MODE": "llm",
               "SME_ADVISOR_LLM_MAX_RETRIES": "0", "SME_ADVISOR_DATABASE": str(tmp_path / "cli.sqlite3")}
        run = subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(settings.data_dir),
                              "--corpus", str(settings.corpus_dir), "ask", QUESTION, "--json"],
                             capture_output=True, text=True, timeout=120, env=env,
                             cwd=Path(__file__).resolve().parents[1])
        sent = [v for r in server.chat_requests for k, v in r.headers.items() if k.lower() == "authorization"]
    assert answered.status_code == 200 and answered.json()["mode"] == "extractive"  # the 500 fell back
    assert run.returncode == 0, run.stderr[-2000:]
    assert sent and all(LLM_KEY in h for h in sent)  # the key did reach the endpoint it is meant for …
    captured = caplog.text + run.stdout + run.stderr
    assert captured.strip()  # … and there was output to leak into
    for secret in (LLM_KEY, STAFF_TOKEN):
        assert secret not in captured


def test_public_settings_mask_every_secret() -> None:
    settings = Settings(llm_api_key=LLM_KEY, staff_token=STAFF_TOKEN, embed_api_key="emb-SECRET-1")
    public = settings.public_dict()
    assert public["llm_api_key"] == public["staff_token"] == public["embed_api_key"] == "***"
    assert not {LLM_KEY, STAFF_TOKEN, "emb-SECRET-1"} & {str(v) for v in public.values()}
