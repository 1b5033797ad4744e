"""A quote never opens on layout debris: the abstract's "【摘要】：" goes with its colon, so the line reads as a
sentence, not as "：上海智能制造…"."""

from __future__ import annotations

from assistant.advisor import Advisor


def test_a_quote_from_an_abstract_does_not_open_with_its_colon(advisor: Advisor) -> None:
    result = advisor.respond("上海智能制造有啥短板")
    assert result.citations
    assert not any(c.quote.startswith(("：", ":", "【")) for c in result.citations), result.answer
    assert "\n- ：" not in result.answer
