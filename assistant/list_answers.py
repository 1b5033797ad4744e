"""Answers to questions asking for a list: the items a heading announces, one quote each ("五类工具需求是哪些",
"四大产业集聚区是哪些"); and a quote cut from a long sentence keeps the clause that lists what was asked for ("……“小快轻准”
技术产品支撑的中小企业数字化转型”四大转型路径。" loses the first three paths, which the clause before the cut names)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.citations import CitationBook
from assistant.outline import Listing
from assistant.paragraph_lists import Paragraph, opening
from assistant.passages import Passage, whole_passage
from assistant.quoting import quote_line
from assistant.request import ExtractiveRequest
from assistant.sentences import ScoredSentence, Sentence, chart_debris, split_passage
from assistant.value_asks import asks_for_items

MAX_LISTING = 320  # a listing clause longer than this is no longer one quote
_ENDS = "。！？；!?;\n"
# a clause: what lies between commas or colons
_CLAUSE = re.compile(r"[^，,：:]+[，,：:]?")
_ITEMS = 3  # "A、B、C": two 、 at least make a list


def with_listing_clause(text: str, s: Sentence) -> Sentence:
    """The quote `s` of passage `text`, widened to the clause of its sentence that lists three or more items
    ("A、B、C、D") when the quote holds only part of that clause."""
    start = max(text.rfind(c, 0, s.start) for c in _ENDS) + 1
    ends = [i for i in (text.find(c, s.start) for c in _ENDS) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    if start >= s.start and end <= s.end:  # the whole sentence is quoted already
        return s
    for m in _CLAUSE.finditer(text, start, end):
        lo, hi = m.start(), m.end()
        if m.group().count("、") < _ITEMS - 1 or hi <= s.start or lo >= s.end or (lo >= s.start and hi <= s.end):
            continue
        lo, hi = min(lo + len(m.group()) - len(m.group().lstrip()), s.start), max(hi, s.end)
        if hi - lo <= MAX_LISTING:
            return Sentence(text[lo:hi], lo, hi, continued=lo > start)
    return s


def list_answer(req: ExtractiveRequest, book: CitationBook, listing: Listing) -> list[str]:
    """The items of the list, in the reports' order: a sub-section's first sentence, or a paragraph's opening."""
    lines = [req.wording.list_intro(_ENUMERATOR.sub("", listing.heading), len(listing.items))]
    for item in listing.items:
        c = item.chunk
        first = opening(Paragraph(c, item.at)) if not item.heading else \
            next((s for s in split_passage(c.text) if not chart_debris(s.text)), None)
        if first is None:
            continue
        lines.append(quote_line(book, whole_passage(c), ScoredSentence(first, c.chunk_id, 1, 0.0)))
    return lines


_ENUMERATOR = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、])\s*")


def whole_lists(question: str, picked: list[tuple[Passage, ScoredSentence]]) -> list[tuple[Passage, ScoredSentence]]:
    """Asked for a list or a count, each quote with the whole clause listing items it cuts, once (two pieces of one
    list are one quote); else the quotes as they are."""
    if not asks_for_items(question):
        return picked
    out: list[tuple[Passage, ScoredSentence]] = []
    for p, s in picked:
        whole = replace(s, sentence=with_listing_clause(p.text, s.sentence))
        if not any(q.chunk_id == s.chunk_id and q.sentence.start <= whole.sentence.start
                   and whole.sentence.end <= q.sentence.end for _, q in out):
            out.append((p, whole))
    return out
