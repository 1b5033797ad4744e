"""A question about support is answered with the support: what to digitalise comes only as far as it was asked."""

from __future__ import annotations

from assistant.advisor import Advisor


def test_a_subsidy_question_on_a_system_is_not_padded_with_stage_remarks_or_unrelated_cases(advisor: Advisor):
    first = advisor.respond("我们是做汽配的，60人，用了ERP")
    answer = advisor.respond("上MES有补贴吗", session_id=first.session_id).answer
    assert "### 可关注的政策与支持" in answer
    assert "诉求是上云" not in answer and "单点业务环节" not in answer  # the stage's and size's general remarks
    cases = answer.split("### 可以借鉴的案例")[1].split("###")[0] if "### 可以借鉴的案例" in answer else ""
    assert all("MES" in line for line in cases.splitlines() if line.startswith("- "))


def _support_block(answer: str) -> str:
    return answer.split("### 可关注的政策与支持")[1].split("\n\n")[0] if "### 可关注的政策与支持" in answer else ""


def test_a_firm_with_local_schemes_asking_for_subsidies_also_hears_of_the_national_programme(advisor: Advisor):
    first = advisor.respond("我们是宁波一家40人的注塑厂，基本还是纸质办公，先数字化什么？")
    block = _support_block(advisor.respond("有什么补贴能拿", session_id=first.session_id).answer)
    assert "海曙" in block  # the region's own schemes
    national = block.split("地方的做法")[0]
    assert "试点城市" in national, block  # and the programme any firm in China can look into, before them


def test_support_asked_in_english_is_answered_with_the_support_alone(advisor: Advisor):
    first = advisor.respond("We're a 40-person injection moulding shop in Ningbo, still mostly paper-based. "
                            "What should we digitalise first?")
    answer = advisor.respond("what support could we get?", session_id=first.session_id).answer
    assert "### Policies and support to watch" in answer
    assert "### Scenarios that fit your company" not in answer
