"""Asked whether a firm qualifies for an uploaded notice's scheme, the helpdesk gets the check at once: the figures the
question gives are held against the notice's numeric conditions whoever they are said of ("营收3000万、80人的企业",
"a firm with 80 staff"), no profile questions come first, and a condition on a figure not given is named as undecided."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from tests.small_corpus import advisor_with_documents
from tests.test_notice_follow_ups import SUZHOU

# conditions on revenue and on the R&D share, which firms seldom state
CHANGZHOU = """常州市武进区智能制造示范项目奖补申报通知

一、申报条件
（一）在武进区注册的工业企业。
（二）企业上年度营业收入不低于2000万元。
（三）研发投入占营业收入比例不低于3%。

二、奖补标准
按项目投资额的10%给予奖补，最高不超过80万元。
"""


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    return advisor_with_documents(tmp_path_factory.mktemp("qualify"), {"suzhou.txt": SUZHOU, "wujin.txt": CHANGZHOU})


def _notes(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.startswith(("说明：贵企业", "Note: your revenue", "说明：“"))]


@pytest.mark.parametrize("question", [
    "苏州的专项资金，年营收1.2亿 员工80人 符合条件吗",
    "苏州专项资金，营收一点二个亿、八十个人的厂子能申请不",
    "一家80人、年营收1.2亿的企业能不能申请苏州的专项资金",
])
def test_figures_asked_about_without_we_are_held_against_the_conditions(advisor: Advisor, question: str):
    result = advisor.respond(question)
    assert result.clarify is None
    assert "说明：贵企业营收1.2亿元：在“营业收入在500万元以上，且不超过4亿元”范围内。" in _notes(result.answer)


def test_an_english_question_with_figures_gets_the_check(advisor: Advisor):
    result = advisor.respond("Can a firm with 80 staff and 120 million revenue apply for the Suzhou special fund?")
    assert result.clarify is None
    assert any("120 million" in n or "1.2亿元" in n for n in _notes(result.answer) if "within" in n)


def test_figures_in_a_follow_up_are_checked_against_the_scheme_under_discussion(advisor: Advisor):
    first = advisor.respond("苏州的专项资金怎么申请")
    answer = advisor.respond("营收3000万、80人的企业能申请吗", session_id=first.session_id).answer
    assert "说明：贵企业营收3000万元：在“营业收入在500万元以上，且不超过4亿元”范围内。" in _notes(answer)


@pytest.mark.parametrize("question", [
    "我们公司80个人，去年营收1.2个亿，符合苏州专项资金的条件吗",
    "我们80人，营收1.2亿，够不够苏州专项资金的条件",
    "我们厂八十来个人，一年营收1.2亿左右，苏州专项资金我们有资格吗",
])
def test_a_qualification_question_is_answered_with_the_check_not_profile_questions(advisor: Advisor, question: str):
    result = advisor.respond(question)
    assert result.clarify is None
    assert any("营业收入在500万元以上，且不超过4亿元" in n for n in _notes(result.answer))


def test_a_condition_on_a_figure_not_given_is_named_as_undecided(advisor: Advisor):
    answer = advisor.respond("武进的智能制造奖补，营收3000万的企业能申请吗").answer
    notes = _notes(answer)
    assert "说明：贵企业营收3000万元：在“营业收入不低于2000万元”范围内。" in notes
    assert "说明：“研发投入占营业收入比例不低于3%”：无法判断：未说明贵企业的研发投入占比。" in notes
    # asked only what the conditions are, with no figure given, nothing is said to be undecided
    assert not _notes(advisor.respond("武进的智能制造奖补申报条件是什么").answer)


def test_quotes_from_a_notice_are_said_to_come_from_it_not_from_the_reports(advisor: Advisor):
    answer = advisor.respond("苏州的专项资金怎么申请").answer
    assert answer.splitlines()[0] == "以下内容摘自政策文件《苏州市中小企业数字化转型专项资金申报通知》（suzhou.txt）原文："
    english = advisor.respond("How do we apply for the Suzhou special fund?").answer
    assert english.startswith("Based on the notice “苏州市中小企业数字化转型专项资金申报通知” (suzhou.txt)")
    # the reports' own quotes still say they are the reports'
    assert advisor.respond("注塑企业设备联网有什么作用？").answer.startswith("以下内容摘自报告原文")


def test_an_uploaded_notice_is_named_as_the_file_the_user_uploaded(tmp_path: Path):
    from corpus.ingest import ingest
    from tests.small_corpus import build_small_index
    from ui.upload import accept_upload

    settings = build_small_index(tmp_path)
    incoming = tmp_path / "incoming.txt"
    incoming.write_text(CHANGZHOU, encoding="utf-8")
    accept_upload(incoming, "武进奖补通知.txt", settings, indexed=set())
    assert not ingest(settings).failed
    answer = Advisor(Runtime(settings)).respond("武进的智能制造奖补最多补多少").answer
    assert answer.splitlines()[0] == ("以下内容摘自您上传的文件《常州市武进区智能制造示范项目奖补申报通知》（武进奖补通知.txt）"
                                      "原文：")
