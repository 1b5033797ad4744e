"""Heading styles of Chinese reports: 一、 / (一) / 1. / 特征1： / 专栏 1： and their levels; and of rules and
notices: 第一章 / 第一节 / 第一条."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = "一二三四五六七八九十"
# Patterns run on NFKC text (１． arrives as 1.); brackets may be either width. A smaller level is a higher
# heading: a rule's chapters (-1) and sections (0) sit above its articles (1), which hold items (（一） 2, 1. 3).
_LEVELS: tuple[tuple[int, re.Pattern[str], int], ...] = (
    (-1, re.compile(rf"^第[{_CN_NUM}]+(章|编|部分)\s*\S"), 40),
    (0, re.compile(rf"^第[{_CN_NUM}]+节\s*\S"), 40),
    (1, re.compile(r"^(前言|引言|序言|结语|结束语|参考文献|致谢|附录)$"), 6),
    (1, re.compile(rf"^[{_CN_NUM}]{{1,3}}\s*[、.]\s*\S"), 50),
    (2, re.compile(rf"^[(（]\s*[{_CN_NUM}]{{1,3}}\s*[)）]\s*\S"), 60),
    (3, re.compile(r"^\d{1,2}\s*[.、](?!\d)\s*\S"), 45),
    (4, re.compile(r"^(特征|需求|专栏|路径|案例|挑战|趋势)\s*\d{1,2}\s*[:：]\s*\S"), 45),
)
# "第三条 企业申报…": an article's number is its heading, the rest of the line is its first sentence. A line that
# begins with a reference to an article ("第三条规定的…", "第二条所称…") is a sentence broken across lines. (The
# space after the number is gone by now, so "第五条中小企业…" must still count.)
_ARTICLE = re.compile(r"^第[零〇一二三四五六七八九十百两\d]{1,6}条(?![规所的之款第、，,。；：:])\s*(?=\S)")
_ARTICLE_LEVEL = 1
_HEAD_END = re.compile(r"[。！？；]")
_CLAUSE_END = re.compile(r"[。！？；，,]")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str  # the heading itself, without any body text that follows it on the same line
    rest: str  # body text that followed the heading on the same line ("" when none)


def detect_heading(line: str) -> Heading | None:
    """Return the heading a line starts with, or None for body text."""
    text = line.strip()
    if len(text) < 2:
        return None
    article = _ARTICLE.match(text)
    if article is not None:
        return Heading(_ARTICLE_LEVEL, article.group().strip(), text[article.end():].strip())
    for level, pattern, max_len in _LEVELS:
        if not pattern.match(text):
            continue
        end = _HEAD_END.search(text)
        if end is None and len(text) <= max_len:
            return Heading(level, text, "")
        if level == 4 or (end is not None and end.start() <= max_len):
            # "特征 3：转型投入以轻量级为主，近两成… 。 正文…": the first sentence is the heading.
            cut = end.start() if end is not None else _first_clause_end(text, max_len)
            return Heading(level, text[:cut].strip(), text[cut:].lstrip("。！？；").strip())
        return None
    return None


def _first_clause_end(text: str, max_len: int) -> int:
    match = _CLAUSE_END.search(text, 4)
    return match.start() if match and match.start() <= max_len else min(len(text), max_len)


def looks_like_heading(line: str) -> bool:
    """Say whether a line is a heading (used to stop line re-joining at section starts)."""
    return detect_heading(line) is not None
