"""Sentences of a chunk, as offsets into its text: the unit the answer layer quotes and the sentence index embeds."""

from __future__ import annotations

import re

# A sentence ends at 。！？； (or their ASCII forms) plus closing quotes/brackets; a line break ends one too.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;\n]+")
MIN_INDEXED = 8  # shorter pieces ("一是", bare headings) carry too little meaning to rank a chunk by
# A long sentence embeds as the average of its clauses: "上云率超过30%" inside a 100-character sentence about the
# transformation trend no longer looks like an answer to "上云率多少". Such sentences are also indexed clause by clause.
CLAUSE_FROM = 80
CLAUSE_WIDTH = 60
_CLAUSE_MARKS = "，,、：:；"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each non-blank sentence in `text`, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        stripped = piece.strip()
        if not stripped:
            continue
        start = match.start() + (len(piece) - len(piece.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


def clause_pieces(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, none longer than `width`, cut after a clause mark where one
    falls in the last four fifths of the window (a hard cut only when none does)."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > width:
        cut = max(text.rfind(mark, start, start + width) for mark in _CLAUSE_MARKS)
        end = cut + 1 if cut - start > width // 5 else start + width
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses indexed beside a sentence `text[start:end]` (none for a sentence short enough to embed whole)."""
    if end - start <= CLAUSE_FROM:
        return []
    return [(start + s, start + e) for s, e in clause_pieces(text[start:end], CLAUSE_WIDTH) if e - s >= MIN_INDEXED]
