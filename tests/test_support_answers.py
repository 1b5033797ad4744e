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
