"""Three notices as a helpdesk uploads them (a printed PDF's items one to a line, a Word细则 whose dates sit in its
procedure, a Markdown guide), asked what owners ask: whether they qualify, by when, where to hand it in, in English."""

from __future__ import annotations

import shutil

import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from corpus.ingest import ingest
from tests.small_corpus import advisor_with_documents, quoted_lines
from tests.test_uploaded_layouts import _printed_pdf

NANHAI = """佛山市南海区中小企业数字化转型专项扶持资金申报通知

为加快推动佛山市南海区中小企业数字化转型，现就申报有关事项通知如下。

一、支持对象及申报条件
（一）在佛山市南海区注册登记、具有独立法人资格的工业企业。
（二）企业上年度营业收入在2000万元以上，且不超过4亿元。
（三）企业从业人员不超过1000人。
（四）企业研发费用占营业收入比例不低于3%。
（五）企业注册成立满2年，未被列入严重失信主体名单。

二、支持内容和标准
（一）数字化改造项目：按项目软硬件实际投资额的20%给予扶持，单个企业最高不超过150万元。

三、申报材料
（一）专项扶持资金申报书。
（二）企业营业执照复印件。
（三）上年度财务审计报告。

四、申报时间和方式
（一）申报时间：2026年5月6日至2026年6月30日17:00，逾期不予受理。
（二）申报方式：企业登录“南海区政务服务平台”在线填报，并将纸质材料报送所在镇（街道）经济促进局。
"""
OUHAI = """温州市瓯海区工业企业数字化改造奖补实施细则

为加快推进温州市瓯海区制造业数字化改造，制定本细则。

一、奖补标准
工业软件购置：奖补比例：软件投资额的25%，单个项目最高限额：30万元。

二、申报材料
（一）奖补申请表；
（二）设备和软件购置合同、发票。

三、申报程序
（一）企业于2026年7月1日至7月31日向所在街道（镇）经济发展办公室提交申报材料；
（二）区经济和信息化局组织专家评审，结果公示7天后拨付资金。
"""


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    root = tmp_path_factory.mktemp("qa")
    (root / "printed").mkdir()
    # 南海's notice as printed: each numbered item a paragraph (and a passage) of its own
    _printed_pdf(root / "printed" / "nanhai.pdf", [line for line in NANHAI.splitlines() if line])
    advisor = advisor_with_documents(root, {"ouhai.txt": OUHAI})
    shutil.copy(root / "printed" / "nanhai.pdf", root / "corpus" / "nanhai.pdf")
    assert not ingest(advisor.runtime.settings).failed
    return Advisor(Runtime(advisor.runtime.settings))


def test_a_firm_asking_whether_it_qualifies_is_checked_against_every_condition(advisor: Advisor):
    # only the first three conditions were quoted (the search returns six passages), and "研发费用占比4%" was read as
    # a price ask whose words ("研发", "占比") had to be in the notice
    answer = advisor.respond("我们是南海做铝型材的，150人，去年营收8000万，研发费用占比4%，能申请南海的扶持资金吗").answer
    quotes = quoted_lines(answer)
    assert all(f"（{n}）" in quotes for n in "一二三四五")
    assert "说明：贵企业研发投入占比4%：在“研发费用占营业收入比例不低于3%”范围内。" in answer


@pytest.mark.parametrize("question", ["南海的数字化扶持资金在哪申报", "南海的扶持资金去哪里交材料"])
def test_where_to_apply_is_answered_with_the_office_or_platform_not_the_list_of_materials(advisor: Advisor,
                                                                                            question: str):
    quotes = quoted_lines(advisor.respond(question).answer)
    assert "南海区政务服务平台" in quotes and "营业执照复印件" not in quotes


def test_dates_stated_in_the_procedure_answer_when_to_apply(advisor: Advisor):
    # "三、申报程序" is no heading of dates: the intro and nothing else was quoted
    quotes = quoted_lines(advisor.respond("瓯海的奖补什么时候申报").answer)
    assert "2026年7月1日至7月31日" in quotes


@pytest.mark.parametrize("question", [
    "Can a factory in Nanhai with 80 employees and 30 million yuan revenue apply for the digital transformation fund?",
    "Are we eligible for the Nanhai fund? We have 80 staff and revenue of 30 million yuan.",
])
def test_an_english_question_naming_a_district_in_pinyin_gets_its_notice_s_check(advisor: Advisor, question: str):
    result = advisor.respond(question)
    assert result.clarify is None  # profile questions came first: "Nanhai" was no place
    assert "（二）企业上年度营业收入在2000万元以上" in quoted_lines(result.answer)
    assert "Note: your headcount of 80人 is within “从业人员不超过1000人”." in result.answer


@pytest.fixture(scope="module")
def beside_the_reports(shared_index_settings, tmp_path_factory: pytest.TempPathFactory) -> Advisor:  # noqa: ANN001
    """南海's printed notice uploaded (as the UI does) beside the five reports, which compete for every passage."""
    from tests.small_corpus import copy_index
    from ui.upload import accept_upload

    root = tmp_path_factory.mktemp("uploaded")
    settings = copy_index(shared_index_settings, root)
    _printed_pdf(root / "南海扶持资金通知.pdf", [line for line in NANHAI.splitlines() if line])
    accept_upload(root / "南海扶持资金通知.pdf", "南海扶持资金通知.pdf", settings, indexed=set())
    assert not ingest(settings).failed
    return Advisor(Runtime(settings))


def test_every_condition_is_checked_for_a_firm_beside_the_reports(beside_the_reports: Advisor):
    answer = beside_the_reports.respond("我们是南海做铝型材的，150人，去年营收8000万，研发费用占比4%，能申请南海的扶持资金吗").answer
    assert all(f"（{n}）" in quoted_lines(answer) for n in "一二三四五")
    assert "说明：贵企业研发投入占比4%：在“研发费用占营业收入比例不低于3%”范围内。" in answer
