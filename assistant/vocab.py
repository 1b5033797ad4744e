"""The index's own vocabulary applied to a query: words jieba split, homophone typos and pinyin names, by pinyin.

People type on pinyin keyboards, so their typos are homophones (上云律 for 上云率, 数子化 for 数字化, 专精特心 for
专精特新): a query window the corpus never uses, whose toneless pinyin equals a corpus word's, is almost always that
word. And jieba may cut a query differently from the reports ("那家铁芯公司" → 那家铁/芯/公司), so corpus words found
inside the query are searched too. An English question names Chinese places and firms in pinyin (Shangyu, Haishu),
which only the keyword side can match once they are written in characters again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from pypinyin import lazy_pinyin

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
_PROPER_NOUN = re.compile(r"\b[A-Z][a-z]{3,}\b")
SHORTEST_FIX, LONGEST_FIX = 3, 6  # two-character windows have too many homophones to correct safely
LONGEST_WORD = 4


@dataclass(frozen=True)
class Correction:
    typed: str
    meant: str
    start: int  # where the typed window starts in the query


class QueryVocabulary:
    """Corpus words by text and by toneless pinyin, built once per index generation."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if _CJK_WORD.fullmatch(w))

    @cached_property
    def _by_sound(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        # Lazy: only a query with an unknown three-character window pays for it (~0.1 s for 5,000 words).
        table: dict[tuple[str, ...], list[str]] = {}
        for word in self.words:
            if len(word) >= SHORTEST_FIX:
                table.setdefault(tuple(lazy_pinyin(word)), []).append(word)
        return {sound: tuple(sorted(found)) for sound, found in table.items()}

    @cached_property
    def _one_off(self) -> frozenset[str]:
        """Every corpus word with one character masked: a window matching none cannot be a one-character typo."""
        return frozenset(w[:i] + "\0" + w[i + 1:] for w in self.words if len(w) >= SHORTEST_FIX for i in range(len(w)))

    @cached_property
    def _by_spelling(self) -> dict[str, str]:
        table: dict[str, set[str]] = {}
        for word in self.words:
            if len(word) <= LONGEST_WORD:
                table.setdefault("".join(lazy_pinyin(word)), set()).add(word)
        return {spelling: next(iter(found)) for spelling, found in table.items() if len(found) == 1}

    def romanized(self, text: str) -> list[Correction]:
        """Place and company names an English question spells in pinyin (Shangyu → 上虞, Wuxi → 无锡)."""
        found = []
        for match in _PROPER_NOUN.finditer(text):
            word = self._by_spelling.get(match.group().lower())
            if word:
                found.append(Correction(match.group(), word, match.start()))
        return found

    def words_in(self, text: str) -> list[str]:
        """Corpus words (2–4 characters) that occur inside the query's Chinese runs, in order of appearance."""
        found: dict[str, None] = {}
        for run in _CJK_RUN.finditer(text):
            chars = run.group()
            for start in range(len(chars)):
                for size in range(2, LONGEST_WORD + 1):
                    piece = chars[start:start + size]
                    if len(piece) == size and piece in self.words:
                        found.setdefault(piece, None)
        return list(found)

    def corrections(self, text: str) -> list[Correction]:
        """Windows the corpus never uses that sound exactly like one corpus word differing in one character."""
        fixes: list[Correction] = []
        for run in _CJK_RUN.finditer(text):
            chars = run.group()
            for size in range(LONGEST_FIX, SHORTEST_FIX - 1, -1):
                for start in range(len(chars) - size + 1):
                    at = run.start() + start
                    if any(f.start < at + size and at < f.start + len(f.typed) for f in fixes):
                        continue
                    fix = self._correct(chars[start:start + size])
                    if fix and not _belongs_to_neighbour(self.words, chars, start, fix):
                        fixes.append(Correction(chars[start:start + size], fix, at))
        return sorted(fixes, key=lambda f: f.start)

    def _correct(self, window: str) -> str | None:
        if window in self.words or _known_inside(self.words, window):
            return None
        # Pinyin is the slow part of a search (~6 ms a question); most windows differ from every word by more.
        if not any(window[:i] + "\0" + window[i + 1:] in self._one_off for i in range(len(window))):
            return None
        candidates = [w for w in self._by_sound.get(tuple(lazy_pinyin(window)), ())
                      if sum(a != b for a, b in zip(w, window, strict=True)) == 1]
        return candidates[0] if len(candidates) == 1 else None

    def corrected(self, text: str) -> tuple[str, list[Correction]]:
        """The query with its typos replaced, and the corrections made."""
        fixes = self.corrections(text)
        for fix in reversed(fixes):
            text = text[:fix.start] + fix.meant + text[fix.start + len(fix.typed):]
        return text, fixes


def _belongs_to_neighbour(words: frozenset[str], chars: str, start: int, fix: str) -> bool:
    """The odd character at a window's edge is part of the next word ("国家工业" is not "国加工业")."""
    window = chars[start:start + len(fix)]
    odd = next(i for i, (a, b) in enumerate(zip(window, fix, strict=True)) if a != b)
    if odd == 0 and start > 0:
        return chars[start - 1:start + 1] in words
    end = start + len(fix)
    return odd == len(fix) - 1 and end < len(chars) and chars[end - 1:end + 1] in words


def _known_inside(words: frozenset[str], window: str) -> bool:
    """A window that is a corpus word plus one neighbouring character is not a typo ("数字化的")."""
    return any(len(w) >= SHORTEST_FIX and w in words for w in (window[1:], window[:-1]))
