"""The answer guard: what a reader sees is either our framing or a sentence its citation supports."""

from __future__ import annotations

import pytest

from assistant.claims import bullet_body, strip_bullet
from assistant.guard import StreamGuard, guard_answer
from assistant.result import Citation

PASSAGE = ("宿迁市华东金属构件工程有限公司，主要从事钢结构生产以及工程设计与安装。"
           "全国中小微企业上云率超过30%。")
SOURCES = {1: Citation(n=1, doc_id="004.txt", title="报告", section="案例", quote="", chunk_id="c1", passage=PASSAGE)}


def test_a_bulleted_sentence_naming_a_company_from_the_passage_is_kept() -> None:
    report = guard_answer("- 宿迁市华东金属构件工程有限公司，主要从事钢结构生产以及工程设计与安装。[1]", SOURCES)
    assert "宿迁市华东金属构件工程有限公司" in report.text and not report.removed


def test_a_changed_figure_an_unknown_citation_and_an_uncited_claim_are_removed() -> None:
    answer = ("以下内容摘自报告原文：\n- 全国中小微企业上云率超过30%。[1]\n- 全国中小微企业上云率超过60%。[1]\n"
              "- 这句引用了不存在的资料。[4]\n- 这句没有任何引用但讲了事实。")
    report = guard_answer(answer, SOURCES)
    assert "30%" in report.text and "60%" not in report.text and "[4]" not in report.text
    assert len(report.removed) == 3 and report.invalid_markers == [4]
    assert [c.n for c in report.citations] == [1] and report.citations[0].quote in PASSAGE


def test_streaming_in_small_pieces_shows_exactly_what_the_full_check_keeps() -> None:
    answer = "以下内容摘自报告原文：\n- 全国中小微企业上云率超过30%。[1]\n- 编造的数字是99%。[1]"
    guard = StreamGuard(SOURCES)
    shown = [piece for i in range(0, len(answer), 3) for piece in guard.feed(answer[i:i + 3])] + guard.close()
    assert "".join(shown).strip() == guard_answer(answer, SOURCES).text
    assert "99%" not in "".join(shown)


@pytest.mark.parametrize(("line", "body"), [
    ("- 宿迁市某公司部署自动焊接机。", "宿迁市某公司部署自动焊接机。"), ("1. 数字化排产", "数字化排产"),
    ("2、设备联网", "设备联网"), ("（一）政策支持", "政策支持"), ("1.5倍的效率提升", None), ("数字化转型", None),
])
def test_one_rule_recognises_list_bullets_everywhere(line: str, body: str | None) -> None:
    assert bullet_body(line) == body
    assert strip_bullet(line) == (body if body is not None else line)
