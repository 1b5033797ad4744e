"""The rules of an uploaded notice that an advice question asks about ("我们60人营收3000万，能不能申请苏州的专项资金"):
all of them, in the notice's order, for the firm to hold its own figures against."""

from __future__ import annotations

from collections.abc import Collection

from assistant.fine_print import in_notice_order, kinds_asked, stating_first
from assistant.passages import Passage, whole_passage
from assistant.quoting import pick
from assistant.request import ExtractiveRequest, ranked
from assistant.sentences import MAX_QUOTE, ScoredSentence, Sentence, chart_debris, split_passage
from corpus.chunk import Chunk

MAX_RULES = 8
Rules = list[tuple[Passage, ScoredSentence]]


def notice_rules(req: ExtractiveRequest, taken: list[str]) -> Rules:
    """The main search's sentences stating the fine print asked for, in a notice about what the question names."""
    passages, scored = ranked(req, req.main)
    stating, scored = stating_first(req.question, scored, passages, req.main.local_places)
    if not stating:
        return []
    picked = pick(scored, passages, MAX_RULES, taken, lambda s, p: (s.chunk_id, s.sentence.start) in stating,
                  per_passage=MAX_RULES)  # a table's rows stand in one passage: every condition is the firm's to check
    return whole_sections(in_notice_order(picked), req.chunks, taken)


def conditions_whole(question: str, picked: Rules, chunks: Collection[Chunk], taken: Collection[str] = ()) -> Rules:
    """Asked who may apply, every condition of the sections quoted: the firm checks itself against all of them."""
    asked = any(kind.label == "申报条件" for kind in kinds_asked(question))
    return whole_sections(picked, chunks, taken) if asked else picked


def whole_sections(picked: Rules, chunks: Collection[Chunk], taken: Collection[str] = ()) -> Rules:
    """The picked rules with the other items of their sections: each of a printed notice's five conditions stands in
    a passage of its own, and a search returns six passages in all, so (四) and (五) were left out of the check."""
    sections = {(p.doc_id, _top(p.section)) for p, _ in picked if _top(p.section)}  # (a notice without headings)
    have = {(s.chunk_id, s.sentence.start) for _, s in picked}
    found = list(picked)
    for c in sorted((c for c in chunks if (c.doc_id, _top(c.section)) in sections), key=lambda c: c.start):
        found += [(whole_passage(c), ScoredSentence(sentence, c.chunk_id, 99, 0.0)) for sentence in _items(c.text)
                  if (c.chunk_id, sentence.start) not in have and sentence.text not in taken
                  and not chart_debris(sentence.text)]
    return in_notice_order(found)[:MAX_RULES] if len(found) > len(picked) else picked


def _items(text: str) -> list[Sentence]:
    """The passage's sentences; a short numbered item alone in its passage ("（四）企业研发费用占营业收入比例不低于3%。"),
    which reads as a label among sentences, is a rule of its own here."""
    body = text.strip()
    if split_passage(text) or not body or len(body) > MAX_QUOTE:
        return split_passage(text)
    start = text.index(body)
    return [Sentence(body, start, start + len(body))]


def _top(section: str) -> str:
    return section.split(" > ")[0].strip()
