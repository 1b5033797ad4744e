"""Our own remarks under an extractive answer: what in the question the quotes do not answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.citations import CitationBook
from assistant.confidence import asks_for_specifics
from assistant.constraints import asked_figures
from assistant.facts import place_covered, places_named
from assistant.names import as_written
from assistant.sentences import count_not_given
from assistant.support import numbers_in

if TYPE_CHECKING:
    from assistant.extractive import ExtractiveRequest

# An amount of money ("100万元", "10亿欧元", "Tr≤100万"), not a count ("3万多家企业")
MONEY = re.compile(r"\d\s*(?:万|亿)?\s*(?:元|美元|欧元|日元|韩元|英镑)|\d\s*(?:万|亿)(?![多余]?[家个人项台户名座批])")


def answer_notes(req: ExtractiveRequest, quoted: list[str], docs: set[str], book: CitationBook,
           answered_by: str | None = None) -> list[str]:
    """Our own remarks: a figure or place in the question the answering quotes do not hold; figures from several
    reports. `answered_by` is the quote (and title) a fact answer rests on: a place named in a side quote does not
    count; a place in a cited report's title ("上海智能制造…") does."""
    notes: list[str] = []
    evidence = "\n".join(quoted)
    # Only a fact question can carry a false premise; an owner's own headcount or revenue is not a claim to check.
    # A year naming a report ("the 2024 report") is supported by a cited report's title.
    titled = "\n".join([evidence, *(c.title for c in book.citations)])
    unsupported = sorted(asked_figures(req.question) - numbers_in(titled)) if req.kind == "fact" else []
    if unsupported:
        notes.append(req.wording.premise_note(unsupported))
    # "MES多少钱" gets no price from analytical reports; "德国投了多少钱" does get its amount, and needs no note.
    if asks_for_specifics(req.question) and not MONEY.search(evidence):
        notes.append(req.wording.specifics_note(req.question))
    missing_count = count_not_given(req.question, quoted) if req.kind == "fact" else None
    if missing_count:
        notes.append(req.wording.count_note(missing_count))
    # "广东省上云率多少" answered with the national figure must say so: the place is the part not answered.
    where = answered_by if answered_by is not None else "\n".join([evidence, *(c.title for c in book.citations)])
    unmentioned = [place for place in places_named(req.question) if not place_covered(place, where)]
    if unmentioned:
        notes.append(req.wording.place_note(unmentioned))
    if req.main.unmet.trades:  # only trades the whole corpus never names (光伏): the answer is about others
        notes.append(req.wording.trade_note([as_written(t, req.question) for t in req.main.unmet.trades]))
    if req.kind == "fact" and len(docs) > 1 and sum("%" in q for q in quoted) > 1:
        notes.append(req.wording.figures_note)
    return [""] + notes if notes else []
