"""Questions about a list the reports lay out under one heading ("五类工具需求是哪些", "十大细分领域有哪些"):
answered item by item from the sections under that heading, instead of a few sentences that mention it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.lexical import tokenize
from assistant.paragraph_lists import paragraph_items
from corpus.chunk import Chunk

_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNITS = r"(?:大类|大|类|个|种|项|条|方面|点|步)"
_COUNTED = re.compile(rf"(?P<n>[两二三四五六七八九十]|10|[2-9])\s*{_UNITS}")
# asking for the members, not for one fact about the list ("五类工具需求里哪个最多" still lists them)
_LIST_ASK = re.compile(r"哪些|哪几|哪[两二三四五六七八九十\d]|是什么|是啥|有什么|有啥|分别|包括|包含|都有|列一下|列举|指什么|是哪")
_COUNTED_EN = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)
_LIST_ASK_EN = re.compile(r"\b(?:what|which) (?:are|were)\b|\blist\b|\bname (?:the|them)\b", re.IGNORECASE)
# words every heading of these reports shares: a match on them alone is no match
_GENERIC = frozenset("数字化 数字 转型 中小企业 中小 小企业 企业 主要 典型 我国 中国 领域".split())


@dataclass(frozen=True)
class ListItem:
    heading: str  # the item's own heading ("需求1：在研发设计环节，对国产化软件有需求"), or "" for a paragraph
    chunk: Chunk  # where its section (or paragraph) starts
    at: int = 0  # where in the chunk's text the item starts


@dataclass(frozen=True)
class Listing:
    heading: str  # the heading that announces the list ("（二）催生五类工具需求")
    items: tuple[ListItem, ...]


def listed(question: str, chunks: Iterable[Chunk], terms: Sequence[str] = ()) -> Listing | None:
    """The list a counted question asks for, when one heading announces it and its sub-sections (or paragraphs) are
    the items. `terms`: the search's words (a typo fixed: 路经 → 路径; an English question's Chinese words)."""
    counted = _COUNTED.search(question) or _COUNTED_EN.search(question)
    if counted is None or not (_LIST_ASK.search(question) or _LIST_ASK_EN.search(question)):
        return None
    n = counted.group("n").lower()
    count = _NUMERALS.get(n) or int(n)
    words = {t for t in (*tokenize(question.replace(counted.group(0), " ")), *terms)
             if len(t) > 1 and not t.isascii() and not _COUNTED.fullmatch(t)} - _GENERIC  # "四个" names nothing
    sections = _sections(chunks)
    best: tuple[int, Listing] | None = None
    for prefix in {full[: i + 1] for full in sections for i in range(len(full))}:
        heading = prefix[-1]
        shared = words & set(tokenize(heading))
        if not shared or not _announces(heading, count):
            continue
        # a heading with no sub-sections may list its items as paragraphs ("四大产业聚集区": 环渤海地区… 长江三角洲…)
        items = _children(prefix, sections) or [ListItem("", p.chunk, p.at)
                                                for p in paragraph_items(sections.get(prefix, []), count)]
        if len(items) < 2:
            continue
        fit = (len(items) == count) * 10 + len(shared)
        if best is None or fit > best[0]:
            best = (fit, Listing(heading, tuple(items)))
    return best[1] if best else None


def _announces(heading: str, count: int) -> bool:
    """The heading names the count: "五类", "十大", "四大路径", "4个"."""
    for m in re.finditer(rf"([两二三四五六七八九十]|10|[2-9])\s*{_UNITS}", heading):
        if (_NUMERALS.get(m.group(1)) or int(m.group(1))) == count:
            return True
    return False


def _sections(chunks: Iterable[Chunk]) -> dict[tuple[str, ...], list[Chunk]]:
    """Each section path (with its document first) and its chunks, in document order."""
    out: dict[tuple[str, ...], list[Chunk]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.start)):
        out.setdefault((chunk.doc_id, *chunk.section.split(" > ")), []).append(chunk)
    return out


def _children(path: tuple[str, ...], sections: dict[tuple[str, ...], list[Chunk]]) -> list[ListItem]:
    items: dict[str, ListItem] = {}
    for full, chunks in sections.items():  # document order
        if len(full) > len(path) and full[: len(path)] == path and full[len(path)] not in items:
            items[full[len(path)]] = ListItem(full[len(path)], chunks[0])
    return list(items.values())
