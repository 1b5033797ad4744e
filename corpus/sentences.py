"""Sentences of a chunk, as offsets into its text: the unit the answer layer quotes and the sentence index embeds."""

from __future__ import annotations

import re

# A sentence ends at 。！？； (or their ASCII forms) plus closing quotes/brackets; a line break ends one too.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;\n]+")
MIN_INDEXED = 8  # shorter pieces ("一是", bare headings) carry too little meaning to rank a chunk by


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
