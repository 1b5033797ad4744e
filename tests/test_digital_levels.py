"""A 专精特新 applicant asks how the digital level is evaluated and which level it is at: the reports' four levels
and their practice are quoted, and the answer says plainly that rating one firm is not theirs to do, and who does."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.levels import asks_own_level


@pytest.mark.parametrize(("question", "own"), [
    ("我们用了ERP和MES，但是没打通，现在算几级", True),
    ("我们厂属于哪一级", True),
    ("We make pumps, ERP and MES not integrated. What level are we at?", True),
    ("数字化水平是怎么评测的，分几级", False),  # how levels are defined, not where this firm stands
    ("中小企业一般在几级", False),
    ("我们行业的企业大多在几级", False),
])
def test_a_question_about_the_firms_own_level_is_told_from_one_about_the_levels(question: str, own: bool) -> None:
    assert asks_own_level(question) is own


def test_how_many_levels_quotes_the_levels_by_name(advisor: Advisor) -> None:
    result = advisor.respond("数字化水平是怎么评测的，分几级")
    assert not result.refused
    assert all(level in result.answer for level in ("初始级", "规范级", "集成级", "协同级"))


def test_which_level_we_are_at_quotes_the_level_practice_and_says_the_reports_rate_no_firm(advisor: Advisor) -> None:
    first = advisor.respond("我们是做通用设备的，想申报专精特新")
    result = advisor.respond("我们用了ERP和MES，但是没打通，现在算几级", first.session_id)
    assert not result.refused, result.answer
    assert "级" in "".join(c.quote for c in result.citations)
    assert "没有给出判定一家企业属于哪一级的办法" in result.answer and "评测指标" in result.answer
    assert "可关注的政策与支持" not in result.answer  # support was not asked: no padding


def test_a_bare_which_level_are_we_asks_only_what_the_firm_uses_then_answers_with_the_note(advisor: Advisor) -> None:
    first = advisor.respond("我们算几级")
    assert first.mode == "clarify" and first.clarify is not None and first.clarify.slots == ["stage"]
    result = advisor.respond("跳过", first.session_id)
    assert not result.refused and "诊断评估" in result.answer


@pytest.mark.parametrize(("message", "level"), [
    ("达到协同级要做什么", None),  # a level aimed at is not the firm's own
    ("我们用了MES，算集成级吗", 2),  # asked about: the MES it runs decides
    ("我们已经达到集成级", 3),
])
def test_a_level_aimed_at_or_asked_about_is_not_taken_as_the_firms_stage(message: str, level: int | None) -> None:
    from assistant.stage import infer_stage

    assert infer_stage(message).level == level
