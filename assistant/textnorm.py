"""Text normalisation shared by ingestion, citation checks and evaluation."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")
# Circled numbers are footnote markers or list bullets in the reports; NFKC would turn ③ into a bare 3 and
# glue it onto the next figure ("效率。3但是"), so they keep their shape.
_NFKC_EXEMPT = re.compile(r"([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}“”])[,;:?!]|[,;:?!](?=[{_CJK}“”])")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,120})\)")
_HAS_CJK = re.compile(rf"[{_CJK}]")


def nfkc(text: str) -> str:
    """Return display-ready NFKC text: ASCII digits and letters, but Chinese punctuation kept Chinese."""
    parts = _NFKC_EXEMPT.split(text)
    text = "".join(p if _NFKC_EXEMPT.fullmatch(p) else unicodedata.normalize("NFKC", p) for p in parts)
    text = _PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)
    return _PAREN_PAIR.sub(_cjk_parens, text)


def _cjk_parens(match: re.Match[str]) -> str:
    start = match.start()
    before = match.string[start - 1] if start else ""
    if _HAS_CJK.search(match.group(1)) or _HAS_CJK.match(before):
        return f"（{match.group(1)}）"
    return match.group(0)


def squash(text: str) -> str:
    """Return the canonical matching form: standard NFKC without whitespace or Markdown bold markers.

    The cleaner strips `**` from indexed text, so a quote copied from a raw extraction must lose them too.
    """
    return _WS.sub("", unicodedata.normalize("NFKC", text)).replace("**", "")


def contains_quote(haystack: str, quote: str) -> bool:
    """Say whether `quote` occurs in `haystack` after NFKC and whitespace removal."""
    q = squash(quote)
    return bool(q) and q in squash(haystack)


@lru_cache(maxsize=1)
def _t2s():  # noqa: ANN202 - opencc has no type hints
    from opencc import OpenCC  # loaded on the first message with a character it could convert

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as the reports write them (謝謝，請問專精特新企業… → 谢谢，请问专精特新企业…): the
    keyword index, the lexicon and the rules all read simplified Chinese."""
    if text.isascii():
        return text
    return _t2s().convert(text)
