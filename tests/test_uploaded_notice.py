"""A policy notice a helpdesk adds to the corpus states what the analytical reports never do: who may apply, how
much is paid, by when and how. Questions on it are answered from it, and never told the documents lack it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.advisor import Advisor
from assistant.fine_print import asks_fine_print_alone, kinds_asked, subject_terms
from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.small_corpus import advisor_with_documents, quoted_lines

NOTICE_TITLE = "宁波市中小企业数字化改造项目补助申报通知"
NOTICE = f"""{NOTICE_TITLE}

一、申报条件
申报企业须为在宁波市注册的工业中小企业，上年度营业收入在2000万元以上，且未被列入失信名单。项目须在2025年1月1日以后开工建设。

二、补助标准
对通过验收的数字化改造项目，按设备和软件投资额的20%给予补助，单个项目最高补助50万元。

三、申报流程
企业在宁波市中小企业公共服务平台在线填报，提交项目可行性报告、投资发票和验收报告，由区县经信局初审后报市经信局审核。申报截止时间为2026年3月31日。
"""
# a second notice, laid out differently ("支持对象和条件", "申报时间和方式")
SUZHOU_NOTICE = """关于组织申报2026年度苏州市智能化改造和数字化转型项目的通知

各区工业和信息化主管部门：
为加快推进我市制造业智能化改造和数字化转型，现将有关事项通知如下。

一、支持对象和条件
在苏州市行政区域内依法注册、具有独立法人资格的工业企业。企业近三年无重大安全、环保事故。

二、支持标准
对企业智能化改造项目，按照设备、软件投入的10%给予奖励，最高不超过200万元。对中小企业数字化转型诊断服务，每家企业给予不超过2万元的服务费补助。

三、申报时间和方式
申报时间为2026年4月1日至4月30日。企业通过苏州市工业和信息化局网上平台提交申报书及相关证明材料。
"""
NO_SPECIFICS = "没有给出价格、收费、税率利率、日期期限、申报条件或办理流程"


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    return advisor_with_documents(tmp_path_factory.mktemp("notice"), {"ningbo_notice.txt": NOTICE, "suzhou_notice.txt": SUZHOU_NOTICE})


def test_the_conditions_of_an_uploaded_notice_are_quoted_when_asked(advisor: Advisor):
    result = advisor.respond("宁波数字化改造补助的申报条件是什么")
    assert not result.refused
    assert "申报企业须为在宁波市注册的工业中小企业" in quoted_lines(result.answer)
    assert NO_SPECIFICS not in result.answer  # the quote above it states them


def test_how_to_apply_is_found_under_the_notice_s_procedure_heading(advisor: Advisor):
    # the sentence shares no word with "怎么申请": its section "三、申报流程" is what answers
    result = advisor.respond("宁波的数字化改造补助怎么申请")
    assert not result.refused
    assert "在线填报" in quoted_lines(result.answer)
    assert any(c.section == "三、申报流程" for c in result.citations)


def test_a_local_subsidy_amount_is_answered_from_the_notice_instead_of_redirected(advisor: Advisor):
    result = advisor.respond("宁波的补助最多补多少")
    assert not result.refused
    assert "单个项目最高补助50万元" in quoted_lines(result.answer)


def test_a_deadline_is_answered_from_the_notice(advisor: Advisor):
    result = advisor.respond("宁波补助啥时候截止")
    assert not result.refused
    assert "2026年3月31日" in quoted_lines(result.answer)


def test_the_notice_does_not_answer_fine_print_of_other_schemes(advisor: Advisor):
    for question in ("高企认定怎么申请", "出口退税怎么办理"):
        result = advisor.respond(question)
        assert result.refused, question
        assert "在线填报" not in quoted_lines(result.answer), question


def test_each_notice_answers_for_its_own_place(advisor: Advisor):
    when = quoted_lines(advisor.respond("苏州那个智改数转项目什么时候申报").answer)
    assert "2026年4月1日至4月30日" in when and "2026年3月31日" not in when  # 宁波's deadline is not 苏州's
    how = advisor.respond("苏州的数字化转型诊断补助怎么申请")
    assert not how.refused and "网上平台提交申报书" in quoted_lines(how.answer)


def test_a_document_title_line_is_never_quoted_as_a_claim(advisor: Advisor):
    for question in ("宁波数字化改造补助的申报条件是什么", "宁波的数字化改造补助怎么申请"):
        assert f"- {NOTICE_TITLE}" not in advisor.respond(question).answer


def test_fine_print_asks_and_their_subject_are_told_apart():
    assert [k.label for k in kinds_asked("能不能申请宁波的补助")] == ["申报条件"]
    assert [k.label for k in kinds_asked("这个补助最高补多少")] == ["补助标准"]
    assert [k.label for k in kinds_asked("材料交到哪个部门，需要准备哪些材料")] == ["申报地点", "申报流程"]  # where, and what
    assert not kinds_asked("数字化转型先做什么")
    assert subject_terms("宁波的补助最多补多少") == ["宁波", "补助"]
    assert subject_terms("补贴标准是多少") == []
    # a bare ask leans on the scheme under discussion; one naming a system does not
    assert asks_fine_print_alone("最多补多少") and asks_fine_print_alone("那截止时间呢")
    assert not asks_fine_print_alone("MES多少钱") and not asks_fine_print_alone("苏州的申报条件")


def test_the_shipped_reports_still_say_they_hold_no_application_steps(shared_index_settings: Settings, tmp_path: Path):
    settings = shared_index_settings.model_copy(update={"database": tmp_path / "advisor.sqlite3"})
    result = Advisor(Runtime(settings)).respond("专精特新怎么申报")
    assert result.refused
    assert "申报条件或办理流程等具体信息" in result.answer


def test_an_english_question_is_answered_from_the_notice_of_the_place_it_names(advisor: Advisor):
    ningbo = advisor.respond("How do we apply for the Ningbo digital transformation subsidy?")
    assert not ningbo.refused and "在线填报" in quoted_lines(ningbo.answer)
    # no place, and its English words are not the notices': neither notice's procedure is taken for it
    other = quoted_lines(advisor.respond("How do we apply for the high-tech enterprise certification?").answer)
    assert "在线填报" not in other and "网上平台提交申报书" not in other
