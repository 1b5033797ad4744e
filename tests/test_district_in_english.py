"""An English question naming a district in pinyin ("a Xiaoshan factory") asks about that district: the answer says
the reports hold no scheme of its own, and another city's scheme is labelled as another place's."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.constraints import asked_places


@pytest.mark.parametrize("question", ["What subsidies can a Xiaoshan factory get?",
                                      "what subsidies can a factory in xiaoshan get",
                                      "Any government support for a small plant in Xiaoshan?"])
def test_a_district_spelt_in_pinyin_is_the_place_asked(question: str) -> None:
    assert asked_places(question) == ["萧山"]


@pytest.mark.parametrize("question", ["What subsidies can a Xiaoshan factory get?",
                                      "what subsidies can a factory in xiaoshan get"])
def test_no_other_citys_scheme_answers_for_xiaoshan(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question, clarify=False)
    assert "Xiaoshan" in result.answer, result.answer  # the note says the reports name no scheme there
    lines = result.answer.splitlines()
    for i, line in enumerate(lines):
        if any(city in line for city in ("海曙", "宁波", "苏州")) and line.startswith("- "):
            label = next(x for x in reversed(lines[:i]) if not x.startswith("- "))
            assert label.startswith("Schemes of other places"), result.answer
