"""A district no hand-kept list of places holds (惠山) is a place once a document names it ("无锡市惠山区"): another
district's notice never answers for it, however many other words the two share."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.notice_places import places_asked, places_of
from tests.small_corpus import advisor_with_documents, quoted_lines
from tests.test_notice_follow_ups import BEILUN

# 惠山 is named only in the body, and the notice says nothing of 工业软件, which 北仑's does
HUISHAN = """智能化改造奖补申报指南

为推动无锡市惠山区工业企业智能化改造，制定本指南。

一、补助标准
对企业实施智能化改造的，按设备投资额的10%给予补助，单个企业最高200万元。
"""


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    return advisor_with_documents(tmp_path_factory.mktemp("districts"), {"beilun.txt": BEILUN, "huishan.txt": HUISHAN})


@pytest.mark.parametrize("question", ["惠山买工业软件能补多少", "惠山区工业软件补贴标准", "惠山的专项资金最高补多少"])
def test_another_district_s_amount_is_never_given_for_a_district_a_notice_names(advisor: Advisor, question: str):
    assert "60万元" not in quoted_lines(advisor.respond(question).answer)  # 北仑's cap


def test_the_district_s_own_notice_answers_though_only_its_body_names_the_district(advisor: Advisor):
    assert "单个企业最高200万元" in quoted_lines(advisor.respond("惠山智能化改造最多补多少").answer)


def test_districts_are_read_from_how_documents_write_them():
    assert places_of("智能化改造奖补申报指南", ["为推动无锡市惠山区工业企业智能化改造"]) == {"惠山"}
    assert places_of("惠山区工业企业智改数转奖补申报指南", []) == {"惠山"}
    assert places_of("浙江省长兴县数字化改造细则", []) == {"长兴"}
    # areas of other kinds are no places
    assert places_of("通知", ["在苏州市行政区域内注册", "全市各区县", "苏州市开发区企业"]) == frozenset()
    assert places_asked("惠山买工业软件能补多少", {"huishan.txt": {"惠山"}}) == ["惠山"]
    assert places_asked("宁波北仑的补助", {"beilun.txt": {"北仑", "宁波"}}) == ["宁波", "北仑"]


def test_a_district_asked_about_is_covered_only_by_a_document_of_that_district():
    from assistant.constraints import unmet

    local = {"beilun.txt": {"北仑"}, "huishan.txt": {"惠山"}}
    amount = "对企业实施智能化改造的，按设备投资额的10%给予补助，单个企业最高200万元。"  # names no place
    assert unmet("惠山智能化改造最多补多少", [amount], local, ["huishan.txt"]).places == ()
    assert unmet("惠山智能化改造最多补多少", [amount], local, ["beilun.txt"]).places == ("惠山",)


def test_a_district_s_scheme_is_labelled_with_its_district(advisor: Advisor):
    answer = advisor.respond("我们是惠山的注塑厂，80人，用了ERP，有什么补贴").answer
    lines = answer.splitlines()
    own = next(i for i, line in enumerate(lines) if line.startswith("地方的做法"))
    assert "惠山" in lines[own] and "北仑" not in lines[own]
    assert "惠山" in lines[own + 1] or "200万元" in lines[own + 1]  # 惠山's own line under its label
    if "60万元" in answer:  # 北仑's scheme, if shown, is another place's
        beilun = next(i for i, line in enumerate(lines) if "60万元" in line)
        label = next(line for line in reversed(lines[:beilun]) if not line.startswith("- "))
        assert label.startswith("其他地区的做法（宁波北仑")
