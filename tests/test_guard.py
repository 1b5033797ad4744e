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


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_remark_of_our_own_in_an_answer_body_survives_the_guard(language: str) -> None:
    """The guard keeps framing and drops uncited claims sentence by sentence: a remark of ours split into two
    sentences would lose its second half (as the duration note and the no-reasons line once did)."""
    from assistant.result import Citation, ProfileSummary
    from assistant.wording import Wording

    w = Wording(language)
    quote = "企业部署MES系统，实现了生产数据实时采集。"
    source = {1: Citation(n=1, doc_id="d.txt", title="报告", section="一", page=None, quote=quote, chunk_id="c",
                          passage=quote)}
    remarks = [w.duration_note, w.payback_note, w.specifics_note("MES多少钱"), w.count_note("具体金额"), w.premise_note(["2025"]),
               w.place_note(["上海"]), w.trade_note(["光伏"]), w.no_definition_note("MES"), w.figures_note,
               w.assumption(w.no_chapter_note("食品制造")), w.list_intro("催生五类工具需求", 5), w.no_reasons,
               w.local_policy_label(["宁波海曙"], True), w.local_policy_label(["宁波海曙"], False), w.proposal_label,
               w.foreign_policy_label, w.fact_intro, w.advice_intro(ProfileSummary(industry="金属加工"))]
    for remark in remarks:
        report = guard_answer(f"{w.fact_intro}\n- {quote}[1]\n{remark}", source)
        assert report.removed == [], remark


def test_a_columns_tag_opening_a_paragraph_is_left_out_of_the_quote_which_stays_verbatim() -> None:
    from assistant.citations import CitationBook
    from assistant.passages import Passage
    from assistant.quoting import quote_line
    from assistant.sentences import ScoredSentence, Sentence

    text = "【产业集群实践】北仑（灵峰）高端模具汽配产业集群打造园区“数字大脑”。"
    passage = Passage(chunk_id="c", doc_id="d.txt", title="t", section="s", text=text, page=None, para=0, start=0,
                      end=len(text), score=1.0)
    book = CitationBook()
    line = quote_line(book, passage, ScoredSentence(Sentence(text, 0, len(text)), "c", 0, 1.0, 1.0, frozenset()))
    assert line.startswith("- 北仑（灵峰）") and book.citations[0].quote in text
