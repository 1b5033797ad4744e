"""A list the reports lay out as consecutive paragraphs under a heading that counts it, with no sub-headings
("（三）四大产业聚集区初步形成": 环渤海地区… / 长江三角洲… / 珠江三角洲… / 中西部地区…; "一是…" / "二是…"): each
paragraph that opens an item, where it starts in the section."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.sentences import Sentence, chart_debris, split_passage
from corpus.chunk import Chunk

# an item numbered as the reports number them: "一是", "第一，", "（一）", "1." (not "1.5亿")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、]|[（(][一二三四五六七八九十][）)]|\d{1,2}[.．、](?!\d))")
# a paragraph that goes on with the item before it: an example, a figure on it, what happened since
# (a footnote, "注1：…", or a figure's source is none either)
_GOES_ON = re.compile(r"^(?:例如|比如|譬如|如|此外|另外|同时|其中|近年来|目前|从[^，。]{1,8}看|在此基础上|因此|总体|总之|整体来看|可见|这|该"
                      r"|注\s*\d*\s*[:：]|来源[:：]|资料来源)")


@dataclass(frozen=True)
class Paragraph:
    chunk: Chunk  # the chunk the paragraph starts in
    at: int  # where it starts in that chunk's text


def paragraph_items(chunks: Sequence[Chunk], count: int) -> list[Paragraph]:
    """The paragraphs opening the `count` items of a section's list, in order; [] when its paragraphs are no list of
    that many (numbered items first; else the paragraphs after the first that do not go on with the one before)."""
    paragraphs = _paragraphs(sorted(chunks, key=lambda c: c.start))
    numbered = [p for p in paragraphs if _ORDINAL.match(_text(p))]
    if len(numbered) == count:
        return numbered
    opening = [p for p in paragraphs[1:] if not _GOES_ON.match(_text(p))]
    return opening if len(opening) == count and not numbered else []


def _paragraphs(chunks: Sequence[Chunk]) -> list[Paragraph]:
    """Each paragraph of the section once (chunks overlap), by the chunk it starts in."""
    found: dict[int, Paragraph] = {}  # by offset in the document
    for chunk in chunks:
        for m in re.finditer(r"(?:^|\n\s*\n)\s*(?=\S)", chunk.text):
            at = chunk.start + m.end()
            # a paragraph starting at the end of one chunk is read from the next, which holds more of it
            if at not in found or found[at].chunk.end < chunk.end:
                found[at] = Paragraph(chunk, m.end())
    # a chunk starting mid-paragraph (its overlap with the one before) starts no paragraph
    starts = {c.start for c in chunks[1:] if not _starts_paragraph(c, chunks)}
    return [p for at, p in sorted(found.items()) if not (p.at == 0 and p.chunk.start in starts)]


def _starts_paragraph(chunk: Chunk, chunks: Sequence[Chunk]) -> bool:
    before = [c for c in chunks if c.start < chunk.start <= c.end]
    if not before:
        return True
    prior = before[-1].text[: chunk.start - before[-1].start]
    return not prior.strip() or prior.endswith("\n")


def _text(p: Paragraph) -> str:
    return p.chunk.text[p.at:]


def opening(p: Paragraph) -> Sentence | None:
    """The paragraph's first sentence; a label on a line of its own ("三是工业互联网平台…协同转型。") with the
    sentence after it, as split_passage would keep a label on the line of what it introduces."""
    first = next((s for s in split_passage(p.chunk.text) if s.end > p.at and not chart_debris(s.text)), None)
    if first is None or first.start <= p.at:
        return first
    return Sentence(p.chunk.text[p.at:first.end], p.at, first.end)
