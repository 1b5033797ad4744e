"""Split an answer (Markdown with [n] markers) into claims, keeping citations and marking our own framing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.textnorm import nfkc

_MARKER = re.compile(r"\[(\d{1,3})\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d{1,3}\])+")
# Sentence ends: CJK and ASCII, and an ASCII full stop followed by a space (not a decimal point).
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.)(?=\s)")
# A list bullet: a symbol, "1." / "1、" / "1)" (but not the "1." of "1.5倍") or "（一）" / "一、".
_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,2}(?:[)、]|\.(?!\d))|[（(]?[一二三四五六七八九十]{1,2}[)）、])\s*")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|>\s*$)")
_BOLD_ONLY = re.compile(r"^\s*\*\*[^*]+\*\*\s*[:：]?\s*$")
_FRAMING_PREFIXES = (
    "以下",
    "根据您",
    "根据你",
    "注：",
    "注:",
    "（说明：",
    "(说明:",
    "说明：",
    "温馨提示",
    "提示：",
    "参考来源",
    "资料来源",
    "来源：",
    "based on",
    "here are",
    "here is",
    "note:",
    "sources:",
    "references:",
    "in summary,",
    # the advisor's own refusal and redirect wording (never a factual claim about the documents)
    "抱歉",
    "现有资料没有",
    "资料中没有",
    "建议您咨询",
    "如需进一步",
    "您可以咨询",
    "sorry",
    "the documents do not",
    "please consult",
)
_SUBSTANCE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
MIN_SUBSTANCE = 4  # fewer content characters than this is decoration, not a claim


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer, the [n] markers attached to it, and whether it is our own framing."""

    text: str
    citations: list[int] = field(default_factory=list)
    is_framing: bool = False


def citations_in(text: str) -> list[int]:
    """Return the [n] numbers in order of first appearance."""
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        if n not in seen:
            seen.append(n)
    return seen


def strip_markers(text: str) -> str:
    """Remove [n] markers and Markdown emphasis, keeping the words."""
    text = _MARKER.sub("", text).replace("**", "").replace("__", "")
    text = re.sub(r"\s+([.,;:!?。，；：！？])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def bullet_body(line: str) -> str | None:
    """The text of a bulleted list line, None when the line is not a list item."""
    match = _BULLET.match(line)
    return line[match.end():] if match and match.end() < len(line.rstrip()) else None


def strip_bullet(line: str) -> str:
    """The line without its list bullet ("- 宿迁市…公司" must not read as the name "-宿迁市…")."""
    return _BULLET.sub("", line, count=1)


def is_framing_line(line: str) -> bool:
    """Say whether a whole line is our own framing: a heading, a label or a stock phrase."""
    stripped = line.strip()
    if _HEADING.match(stripped) or _BOLD_ONLY.match(stripped):
        return True
    body = strip_markers(strip_bullet(stripped))
    if body.lower().startswith(_FRAMING_PREFIXES):
        return True
    if body.endswith((":", "：")) and not _MARKER.search(stripped):
        return True
    return len(_SUBSTANCE.findall(body)) < MIN_SUBSTANCE


def split_sentences(line: str) -> list[str]:
    """Split one line at sentence punctuation, moving markers that open a piece back onto the piece before."""
    pieces: list[str] = []
    for raw in _SENTENCE_END.split(line):
        lead = _LEADING_MARKERS.match(raw)
        if lead and pieces:
            pieces[-1] += lead.group(0).strip()
            raw = raw[lead.end() :]
        if raw.strip():
            pieces.append(raw.strip())
    return pieces


def split_claims(answer: str) -> list[Claim]:
    """Split an answer into claims; framing lines and content-free pieces come back with is_framing=True."""
    claims: list[Claim] = []
    for line in nfkc(answer).splitlines():
        if not line.strip():
            continue
        if is_framing_line(line):
            claims.append(Claim(strip_markers(line.strip().lstrip("#> ")), citations_in(line), True))
            continue
        body = strip_bullet(line.strip())
        for piece in split_sentences(body):
            text = strip_markers(piece)
            framing = len(_SUBSTANCE.findall(text)) < MIN_SUBSTANCE or text.lower().startswith(
                _FRAMING_PREFIXES
            )
            claims.append(Claim(text, citations_in(piece), framing))
    return claims


def substantive_claims(answer: str) -> list[Claim]:
    """Return only the claims that must be grounded."""
    return [c for c in split_claims(answer) if not c.is_framing]
