"""A support question that names no country is a Chinese firm's: it is answered from China's own programmes, not from
the reports' survey of America's, the EU's and Japan's funds (which its words sit closest to)."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.constraints import asks_about_support
from assistant.quoting import HOME, countries_asked
from assistant.sentence_kinds import FOREIGN


def _foreign(citation) -> bool:  # noqa: ANN001
    return bool(FOREIGN.search(citation.quote) or FOREIGN.search(citation.section)
                or countries_asked(citation.quote) - {HOME})


@pytest.mark.parametrize("question", ["数字化转型有哪些资金支持？", "有什么补贴", "What funding is there for SME digitalisation?"])
def test_support_asked_of_no_country_quotes_chinas_programmes_first(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert not result.refused and result.citations, result.answer
    assert not _foreign(result.citations[0]), result.answer


def test_a_country_asked_for_still_gets_that_countrys_programmes(advisor: Advisor) -> None:
    result = advisor.respond("美国有哪些资金支持")
    assert result.citations and all("美国" in c.quote or "美国" in c.section for c in result.citations[:2]), \
        result.answer


@pytest.mark.parametrize("question", ["有哪些资金支持", "有没有税收优惠", "能不能融资"])
def test_money_from_the_state_however_it_is_called_is_a_support_question(question: str) -> None:
    assert asks_about_support(question)
