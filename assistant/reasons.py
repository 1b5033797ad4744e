""""为什么？" after an answer: the reasons the reports give around what it quoted, not the same advice again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.passages import Passage
from assistant.result import Citation
from assistant.sentences import ScoredSentence, split_passage
from assistant.textnorm import squash

# Why a step pays off, in the reports' words: a cause (因为, 由于, 在于), a consequence (因此, 从而) or a payoff
# (见效快, 成本更低). Weaker: a purpose ("为提升…，企业部署…") or an effect (降低, 提高).
_STRONG = re.compile(r"因为|由于|原因|在于|因此|所以|从而|有助于|有利于|见效|成本更低|更容易|才能|否则|导致")
_WEAK = re.compile(r"为了|以便|为提升|为提高|为降低|为解决|降低|减少|提高|提升|节省|避免")
WHY_QUOTES = 4
NEAR = 3  # sentences either side of a quote that may explain it


def reasons_near(citations: Sequence[Citation], already_said: str,
                 limit: int = WHY_QUOTES) -> list[tuple[Passage, ScoredSentence]]:
    """Sentences giving a reason next to what the last answer quoted (a cause or payoff before a purpose or an
    effect, nearer first), none it already quoted, at most two from one passage."""
    said = squash(already_said)
    found: list[tuple[bool, int, int, Passage, ScoredSentence]] = []
    for c in citations:
        if not c.passage or not c.quote:
            continue
        passage = Passage(c.chunk_id, c.doc_id, c.title, c.section, c.passage, c.page, 0, 0, len(c.passage), 0.0)
        sentences = split_passage(c.passage)
        at = next((i for i, s in enumerate(sentences) if squash(c.quote)[:20] in squash(s.text)), None)
        if at is None:
            continue
        for i, s in enumerate(sentences):
            strong = bool(_STRONG.search(s.text))
            if abs(i - at) <= NEAR and (strong or _WEAK.search(s.text)) and squash(s.text) not in said:
                found.append((not strong, abs(i - at), c.n, passage, ScoredSentence(s, c.chunk_id, c.n, 0.0)))
    picked: list[tuple[Passage, ScoredSentence]] = []
    per_passage: dict[str, int] = {}
    for _, _, _, passage, s in sorted(found, key=lambda f: f[:3]):
        if len(picked) == limit:
            break
        if per_passage.get(s.chunk_id, 0) < 2 and all(s.sentence.text != t.sentence.text for _, t in picked):
            picked.append((passage, s))
            per_passage[s.chunk_id] = per_passage.get(s.chunk_id, 0) + 1
    return picked
