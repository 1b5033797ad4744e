""""分几个阶段" is answered by the sentence that counts them, even when that sentence shares few words with the ask and
ranks low in its passage."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor


@pytest.mark.parametrize("question", ["中小企业数字化转型分几个阶段", "数字化转型有几个阶段"])
def test_how_many_stages_quotes_the_sentence_counting_the_four_stages_first(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert result.citations and "四个阶段" in result.citations[0].quote, result.answer
    assert "没有直接给出" not in result.answer
