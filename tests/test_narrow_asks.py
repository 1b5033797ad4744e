"""A value narrower than what the reports state (one firm's cap, an exact count, the level a designation requires,
which ranks first, a fee, a figure of one named document) is not answered by the broader figure: the note says so."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.value_asks import count_not_given

SPAIN = "2023年，西班牙政府安排30.67亿欧元开展“数字工具包”计划，援助资金以代金券方式发放，支持中小企业自主选择并聘任数字化转型顾问。"
PILOTS = "其中，山东、浙江、广东、江苏、安徽5省试点示范项目建设成绩显著，项目数量均不低于18个；"
PLAN_2020 = "2020年3月又专门出台《中小型制造企业数字化赋能专项行动方案》，明确提出了13项重点任务和4大保障措施。"


def test_a_schemes_total_is_no_cap_for_one_firm() -> None:
    assert count_not_given("Under Spain's Kit Digital scheme, what is the maximum voucher one small company can get?",
                           [SPAIN]) == "最高额度"
    assert count_not_given("每家企业最多能拿多少", ["对单个项目最高补助不超过50万元。"]) is None


def test_a_bound_is_no_exact_count() -> None:
    assert count_not_given("江苏到底有几个国家智能制造试点示范项目，给个准数", [PILOTS]) == "确切数量"
    assert count_not_given("江苏有几个试点示范项目", [PILOTS]) is None  # a bound is the closest, asked loosely


def test_a_count_of_another_document_is_no_count_of_the_one_asked() -> None:
    question = "《中小企业数字化赋能专项行动方案（2025-2027年）》里一共有几项重点任务？"
    assert count_not_given(question, [PLAN_2020]) == "重点任务的数量"
    assert count_not_given("《中小型制造企业数字化赋能专项行动方案》一共有几项重点任务", [PLAN_2020]) is None


def test_how_firms_spread_over_levels_is_no_required_level() -> None:
    quote = "处于初始级（1级）和集成级（3级）的受访企业数量占比均在41%左右，数字化水平达到协同级（4级）的企业比重偏低"
    assert count_not_given("申请省级专精特新，数字化水平得评到几级才够格？", [quote]) == "认定要求的等级"


@pytest.mark.parametrize(("question", "missing"), [
    ("智能制造人才缺口300万，具体哪类岗位缺得最厉害，运维还是编程？", "哪类岗位缺得最厉害"),
    ("What commission does Xometry take from the partner machine shops it sends orders to?", "fee or rate"),
])
def test_the_answer_names_the_narrower_detail_missing(advisor: Advisor, question: str, missing: str) -> None:
    result = advisor.respond(question)
    assert result.refused or missing in result.answer, result.answer


def test_most_firms_is_no_ranking_asked() -> None:
    question = "Which business area do most manufacturers digitalise first, according to the survey?"
    assert count_not_given(question, ["受访企业优先在经营管理和生产制造环节进行数字化改造。"]) is None
