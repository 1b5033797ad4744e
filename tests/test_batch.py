"""Batches and integrations that cannot answer a clarifying question: every item gets one line, by its own id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_api
from assistant.batch import items, read_lines
from assistant.runtime import Runtime
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
VAGUE = "我们厂想搞数字化，从哪开始"  # an advice question the advisor would first ask the industry for


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SME_ADVISOR_DATABASE": str(settings.data_dir.parent / "batch.sqlite3")}
    return subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(settings.data_dir), *args],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)


def test_items_read_bom_gbk_people_written_profiles_and_mark_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    lines = [json.dumps({"id": "q1", "question": "上云有补贴吗", "profile": {"employees": "三十来号人",
                                                                             "revenue_wan": "两千万"}},
                        ensure_ascii=False),
             json.dumps({"id": "q1", "question": "MES是什么"}, ensure_ascii=False),
             json.dumps({"id": "q3", "question": "行业", "profile": {"employees": "很多"}}, ensure_ascii=False),
             "[1, 2]", ""]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    read = list(items(read_lines(path)))
    assert [i.id for i in read] == ["q1", "q1", "q3", None] and read[0].profile.employees == 30
    assert read[0].profile.revenue_wan == 2000 and read[1].first_line == 1 and read[0].first_line is None
    assert read[1].marked({})["warning"] == "id 与第 1 行重复" and read[1].marked({})["line"] == 2
    assert "employees 无法识别" in read[2].error and read[2].line == 3 and "JSON 对象" in read[3].error
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes(json.dumps({"id": 7, "question": "上云率多少"}, ensure_ascii=False).encode("gbk"))
    assert [i.question for i in items(read_lines(gbk))] == ["上云率多少"]


def test_one_unreadable_or_mistyped_line_is_that_lines_error_and_the_rest_are_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": 1, "question": "\xe4\xb8\x8a\xe4\xba\x91"}\r\n\xff\xfe\x00bad\n\n'
                     b'{"id": 3, "question": ["list"]}\n{"id": 4, "question": "MES"}\n')
    read = list(items(read_lines(path)))
    assert [(i.line, i.id) for i in read] == [(1, 1), (2, None), (4, 3), (5, 4)]
    assert read[0].question == "上云" and "UTF-8 或 GBK" in read[1].error and "应为文本" in read[2].error
    assert read[3].error == ""


def test_ask_batch_answers_every_line_by_its_own_id_and_never_stops_at_a_clarifying_question(
        shared_index_settings: Settings, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": 26, "question": VAGUE}, ensure_ascii=False),
        json.dumps({"id": "bad-profile", "question": "上云有补贴吗", "profile": ["汽配"]}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "staff", "question": "上云有补贴吗", "profile": {"employees": "很多"}},
                   ensure_ascii=False)]), encoding="utf-8")
    out = _cli(shared_index_settings, "ask", "--batch", str(batch))
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in records] == [26, "bad-profile", None, "staff"] and out.returncode == 1
    assert records[0]["mode"] == "extractive" and records[0]["citations"] and "已跳过追问" in records[0]["notices"][0]
    assert records[0]["notices"][0].endswith("。")  # a whole sentence naming what was not given, not a cut-off line
    assert records[1]["line"] == 2 and "profile 应为对象" in records[1]["error"]
    assert records[2]["line"] == 3 and "不是合法的 JSON" in records[2]["error"]
    assert "employees 无法识别" in records[3]["error"] and "Traceback" not in out.stderr


def test_ask_reads_headcount_and_revenue_flags_as_people_write_them_like_the_api(
        shared_index_settings: Settings) -> None:
    out = _cli(shared_index_settings, "ask", "--json", "--employees", "五十人", "--revenue", "两千万", "上云有补贴吗")
    assert out.returncode == 0, out.stderr
    profile = json.loads(out.stdout)["profile"]
    assert (profile["employees"], profile["revenue_wan"], profile["size"]) == (50, 2000, "小型")
    bad = _cli(shared_index_settings, "ask", "--revenue", "很多", "上云有补贴吗")
    assert bad.returncode != 0 and "营收" in bad.stderr and "两千万" in bad.stderr and "Traceback" not in bad.stderr


@pytest.fixture(scope="module")
def api(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = tmp_path_factory.mktemp("clarify") / "advisor.sqlite3"
    settings = shared_index_settings.model_copy(update={"database": database, "rate_limit_per_min": 0})
    with TestClient(create_api(Runtime(settings))) as client:
        yield client


def test_an_integration_can_ask_for_an_answer_instead_of_a_clarifying_question(api: TestClient) -> None:
    assert api.post("/api/chat", json={"message": VAGUE}).json()["mode"] == "clarify"
    answered = api.post("/api/chat", json={"message": VAGUE, "clarify": False}).json()
    assert answered["mode"] == "extractive" and answered["citations"]


def test_the_stream_skips_the_clarifying_question_without_streaming_it(api: TestClient) -> None:
    response = api.post("/api/chat/stream", json={"message": VAGUE, "clarify": False})
    events = [json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: ")]
    tokens = "".join(e["text"] for e in events if e["type"] == "token")
    assert events[-1]["type"] == "result" and events[-1]["result"]["mode"] == "extractive"
    assert "想先了解" not in tokens and "[1]" in tokens


def test_the_served_app_answers_an_unknown_api_path_in_chinese_and_a_wrong_method_with_405(
        shared_index_settings: Settings, tmp_path: Path) -> None:
    from assistant.commands.serve_cmd import build_app

    settings = shared_index_settings.model_copy(update={"database": tmp_path / "served.sqlite3"})
    with TestClient(build_app(Runtime(settings))) as client:  # the web UI is mounted at "/" behind the API
        missing, wrong = client.get("/api/nothing"), client.get("/api/chat")
        assert (missing.status_code, wrong.status_code) == (404, 405)
        assert missing.json()["error"] == "找不到这个接口" and "请求方法" in wrong.json()["hint"]
        found = client.get("/api/search", params={"q": "上云率", "k": 2}).json()
        assert {"rank", "ranks", "scores", "text", "dense_rank"} <= set(found["results"][0])


def test_a_huge_request_body_is_refused_by_its_declared_size_or_while_it_streams_in(api: TestClient) -> None:
    huge = api.post("/api/chat", content=b"x" * (2 * 1024 * 1024), headers={"content-type": "application/json"})
    assert huge.status_code == 413 and "请求体太大" in huge.json()["error"]

    def chunks():  # noqa: ANN202 - sent with Transfer-Encoding: chunked, no Content-Length
        for _ in range(64):
            yield b"x" * 65536

    streamed = api.post("/api/chat", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and "请求体太大" in streamed.json()["error"]

    def small():  # noqa: ANN202 - a normal body sent in chunks still reaches the route whole
        yield '{"message": "上云率是多少'.encode()
        yield b'"}'

    fine = api.post("/api/chat", content=small(), headers={"content-type": "application/json"})
    assert fine.status_code == 200 and fine.json()["citations"]


def test_the_api_takes_the_firms_region_in_the_profile_and_looks_for_its_policy_first(api: TestClient) -> None:
    body = {"message": "有什么政策支持", "clarify": False,
            "profile": {"industry": "汽车零部件", "employees": 80, "region": "Suzhou"}}
    answered = api.post("/api/chat", json=body)
    assert answered.status_code == 200, answered.text
    result = answered.json()
    assert result["profile"]["region"] == "苏州"  # as the reports write it, and as responses return it
    assert any("智改数转" in c["quote"] for c in result["citations"]), result["answer"]  # 江苏's plan for a 苏州 firm


def test_a_profile_given_to_the_api_reads_words_and_refuses_nan_and_misspelt_fields() -> None:
    import pydantic

    from assistant.advisor import ProfileInput

    given = ProfileInput(employees="两百人", revenue_wan="两千万")
    assert (given.employees, given.revenue_wan) == (200, 2000.0)  # as a batch line reads them
    for bad, says in (({"revenue_wan": float("nan")}, "有限"), ({"employees": float("inf")}, "有限"),
                      ({"employes": 200}, "extra"), ({"employees": "很多"}, "无法识别"),
                      ({"revenue_wan": "NaN"}, "有限"), ({"revenue_wan": "inf"}, "有限"),
                      ({"employees": True}, "true/false"), ({"employees": -5}, "负数")):
        with pytest.raises(pydantic.ValidationError, match=says):
            ProfileInput(**bad)


def test_a_batch_line_with_an_impossible_figure_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    from assistant.batch import items

    lines = ['{"id": "a", "question": "上云有啥好处", "profile": {"revenue_wan": "NaN"}}',
             '{"id": "b", "question": "上云有啥好处", "profile": {"employees": 1e400}}',
             '{"id": "c", "question": "上云有啥好处", "profile": {"employees": true}}',
             '{"id": "d", "question": "上云有啥好处", "profile": {"employees": "30"}}']
    read = list(items(lines))
    assert [bool(i.error) for i in read] == [True, True, True, False]
    assert "有限数字" in read[0].error and "有限数字" in read[1].error and "true/false" in read[2].error


def test_a_utf16_batch_file_is_read_line_by_line_and_a_misspelt_or_oversized_field_is_named(tmp_path: Path) -> None:
    from assistant.batch import items, read_lines

    lines = ['{"id": "a", "question": "上云有啥好处"}', '{"id": "b", "question": "上云", "profile": {"industy": "汽配"}}',
             '{"id": "c", "question": "上云", "profile": {"employees": 30.5}}',
             '{"id": "d", "question": "上云", "profile": {"revenue_wan": 1e12}}',
             '{"id": "e", "question": "' + "上云" * 1500 + '"}',
             '{"id": "f", "question": "上云", "profile": {"stage": "Mostly paper"}}']
    path = tmp_path / "u16.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-16")
    read = list(items(read_lines(path)))
    assert [i.id for i in read] == ["a", "b", "c", "d", "e", "f"] and not read[0].error
    assert "industy" in read[1].error and "整数" in read[2].error and "不合理" in read[3].error
    assert "太长" in read[4].error and "stage" in read[5].error


def test_the_api_reads_its_own_quick_replies_as_a_stage_and_names_an_unknown_stage() -> None:
    from assistant.advisor import ProfileInput

    assert ProfileInput(stage="Mostly paper/Excel").to_profile().summary().stage == "基础信息化"
    assert ProfileInput(stage="在用ERP/MES等系统").to_profile().summary().stage == "应用数字化"
    import pydantic
    with pytest.raises(pydantic.ValidationError, match="无法识别"):
        ProfileInput(stage="ERP")


def test_an_unknown_conversation_is_a_404_on_both_chat_endpoints_and_a_search_hint_shows_a_search(
        api: TestClient) -> None:
    for path in ("/api/chat", "/api/chat/stream"):
        response = api.post(path, json={"message": "上云有啥好处", "session_id": "no-such-conversation"})
        assert response.status_code == 404 and "不传 session_id" in response.json()["hint"], path
    started = api.post("/api/chat", json={"message": "上云有啥好处"}).json()["session_id"]
    assert api.post("/api/chat", json={"message": "还有吗", "session_id": started}).status_code == 200
    bad = api.get("/api/search", params={"q": "上云", "k": "abc"}, headers={"X-Staff-Token": "x"})
    assert bad.status_code in (401, 422)
    if bad.status_code == 422:
        assert "/api/search?q=" in bad.json()["hint"]


def test_feedback_and_chat_bodies_refuse_misspelt_fields_and_say_what_a_rating_may_be(api: TestClient) -> None:
    answered = api.post("/api/chat", json={"message": "上云有啥好处"}).json()
    for body, says in (({"message_id": answered["message_id"], "rating": 5}, "只能是 1"),
                       ({"message_id": answered["message_id"], "rating": True}, "rating"),
                       ({"message_id": answered["message_id"], "rating": 1, "commment": "好"}, "commment")):
        response = api.post("/api/feedback", json=body)
        assert response.status_code == 422 and says in response.json()["error"], body
    assert api.post("/api/feedback", json={"message_id": answered["message_id"], "rating": 1}).status_code == 200
    typo = api.post("/api/chat", json={"message": "还有吗", "sesion_id": answered["session_id"]})
    assert typo.status_code == 422 and "sesion_id" in typo.json()["error"]


def test_a_profile_typed_into_a_form_or_flag_is_refused_in_chinese_naming_the_field_and_why() -> None:
    from assistant.errors import InputError
    from assistant.profile_input import read_profile_input

    for bad, says in (({"industry": "x" * 150}, "行业：太长，上限 100 字"), ({"employees": 3.5}, "人数：应为整数"),
                      ({"employees": -5}, "人数：不能是负数"), ({"employees": [1]}, "人数：应为整数")):
        with pytest.raises(InputError) as caught:
            read_profile_input(**bad)
        message = caught.value.user_message()
        assert says in message and not any(word in message for word in ("String", "Input should", "valid")), message


def test_a_body_in_gbk_is_read_when_declared_and_otherwise_refused_in_chinese_naming_utf8(api: TestClient) -> None:
    body = json.dumps({"message": "我们是做汽车零部件的，上云有补贴吗", "clarify": False}, ensure_ascii=False)
    declared = api.post("/api/chat", content=body.encode("gbk"), headers={"Content-Type": "application/json; charset=GBK"})
    assert declared.status_code == 200, declared.text
    assert declared.json()["profile"]["industry"] == "汽车零部件"
    for content_type in ("application/json", "application/json; charset=no-such-codec"):
        refused = api.post("/api/chat", content=body.encode("gbk"), headers={"Content-Type": content_type})
        assert refused.status_code == 400 and "编码" in refused.json()["error"], refused.text
        assert "UTF-8" in refused.json()["hint"]


def test_a_field_of_the_wrong_type_says_what_it_should_be(api: TestClient) -> None:
    for body, says in (({"message": "上云有补贴吗", "profile": "汽车零部件"}, "profile（应为对象"),
                       ({"message": "上云有补贴吗", "profile": {"employees": 3.5}}, "profile.employees（应为整数"),
                       ({"message": "上云有补贴吗", "mode": "fast"}, "mode（只能是 extractive 或 llm）"),
                       ({"message": ["上云"]}, "message（应为文本"), ({"message": "上云", "session_id": 1}, "session_id（应为文本")):
        refused = api.post("/api/chat", json=body)
        assert refused.status_code == 422 and says in refused.json()["error"], refused.text
