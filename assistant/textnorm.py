"""Text normalisation shared by ingestion, citation checks and evaluation."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
# Half-width ideographic punctuation that NFKC turns into ASCII-looking marks; the reports mean the CJK ones.
_CJK_PUNCT = str.maketrans({"｡": "。", "､": "、", "｢": "「", "｣": "」"})


def nfkc(text: str) -> str:
    """Apply NFKC but keep CJK sentence punctuation CJK (｡ → 。, ､ → 、)."""
    text = text.translate(_CJK_PUNCT)
    out = unicodedata.normalize("NFKC", text)
    return out


def squash(text: str) -> str:
    """Return NFKC text with all whitespace removed: the form quotes are matched in."""
    return _WS.sub("", nfkc(text))


def contains_quote(haystack: str, quote: str) -> bool:
    """Say whether `quote` occurs in `haystack` after NFKC and whitespace removal."""
    q = squash(quote)
    return bool(q) and q in squash(haystack)
