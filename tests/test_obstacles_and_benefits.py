"""Why digitalisation fails, and what a step brings: answered with the reports' sentences that say so, in the
owners' own words (the reports never write 失败 or 好处)."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor


@pytest.mark.parametrize("question", ["为什么数字化项目会失败", "数字化转型为啥老失败", "what are the main barriers"])
def test_why_transformation_fails_is_answered_with_the_obstacles_the_reports_name(advisor: Advisor,
                                                                                   question: str) -> None:
    result = advisor.respond(question)
    assert not result.refused and len(result.citations) >= 2
    assert "认知不足" in result.answer  # the survey's list of what holds SMEs back
    # every quote states an obstacle: America's SBIR 项目 shares a word with the question, not an answer
    assert "美国" not in result.answer and "SBIR" not in result.answer


@pytest.mark.parametrize("question", ["上云有什么好处", "上云的好处"])
def test_what_the_cloud_brings_is_answered_not_refused(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert not result.refused
    assert "降低自身系统部署成本" in result.answer


def test_the_benefits_of_a_system_are_sentences_saying_what_it_improves(advisor: Advisor) -> None:
    result = advisor.respond("上MES有什么好处")
    assert not result.refused and result.citations
    assert all("MES" in c.quote for c in result.citations), [c.quote for c in result.citations]
