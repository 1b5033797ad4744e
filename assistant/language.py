"""Which passages and queries are English: e5 rates same-language text far closer, so English must be kept apart.

An English question would otherwise retrieve the English abstract of a paper (or its English sentences inside a
Chinese passage) ahead of every Chinese passage that answers it.
"""

from __future__ import annotations

import re

_SEGMENT = re.compile(r"[^。！？!?\n]+")
_WORD = re.compile(r"[A-Za-z]{2,}")
PROSE_WORDS = 6  # "AI First Singapore" or a vendor list is a name, not an English sentence
PROSE_SHARE = 0.15


def latin_text(text: str) -> bool:
    """Most of the letters are Latin (an English sentence or abstract)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) / len(letters) > 0.6


def english_prose(text: str) -> bool:
    """A passage whose English sentences make up a real share of it (a paper's English abstract, even mixed in)."""
    english = sum(len(seg) for seg in _SEGMENT.findall(text)
                  if latin_text(seg) and len(_WORD.findall(seg)) >= PROSE_WORDS)
    return bool(text) and english / len(text) > PROSE_SHARE


def mostly_ascii(terms: list[str]) -> bool:
    """A query whose words are mostly English."""
    return bool(terms) and sum(t.isascii() for t in terms) / len(terms) > 0.6
