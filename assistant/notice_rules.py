"""The rules of an uploaded notice that an advice question asks about ("我们60人营收3000万，能不能申请苏州的专项资金"):
all of them, in the notice's order, for the firm to hold its own figures against."""

from __future__ import annotations

from assistant.fine_print import in_notice_order, stating_first
from assistant.passages import Passage
from assistant.quoting import pick
from assistant.request import ExtractiveRequest, ranked
from assistant.sentences import ScoredSentence

MAX_RULES = 8


def notice_rules(req: ExtractiveRequest, taken: list[str]) -> list[tuple[Passage, ScoredSentence]]:
    """The main search's sentences stating the fine print asked for, in a notice about what the question names."""
    passages, scored = ranked(req, req.main)
    stating, scored = stating_first(req.question, scored, passages, req.main.local_places)
    if not stating:
        return []
    picked = pick(scored, passages, MAX_RULES, taken, lambda s, p: (s.chunk_id, s.sentence.start) in stating,
                  per_passage=3)
    return in_notice_order(picked)
