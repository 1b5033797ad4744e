"""The index's own vocabulary applied to a query: words jieba split, homophone typos and pinyin names, by pinyin.

People type on pinyin keyboards, so their typos are homophones (上云律 for 上云率, 数子化 for 数字化, 专精特心 for
专精特新): a query window the corpus never uses, whose toneless pinyin equals a corpus word's, is almost always that
word. And jieba may cut a query differently from the reports ("那家铁芯公司" → 那家铁/芯/公司), so corpus words found
inside the query are searched too. An English question names Chinese places and firms in pinyin (Shangyu, Haishu),
which only the keyword side can match once they are written in characters again.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
_PROPER_NOUN = re.compile(r"\b[A-Z][a-z]{3,}\b")
SHORTEST_FIX, LONGEST_FIX = 3, 6  # two-character windows have too many homophones to correct safely
# ...except these, which owners type often and which read as nothing else in this domain
_TWO_CHARACTER_TYPOS = {"补帖": "补贴", "帖息": "贴息", "政侧": "政策", "申清": "申请", "企亚": "企业", "系通": "系统",
                        "上芸": "上云", "转形": "转型", "专精特心": "专精特新"}
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
    def _one_off(self) -> dict[str, tuple[str, ...]]:
        """Corpus words by each one-character mask: the only words a window can be a one-character typo of."""
        table: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= SHORTEST_FIX:
                for i in range(len(word)):
                    table.setdefault(word[:i] + "\0" + word[i + 1:], []).append(word)
        return {mask: tuple(found) for mask, found in table.items()}

    @cached_property
    def _by_spelling(self) -> dict[str, str]:
        table: dict[str, set[str]] = {}
        for word in self.words:
            if len(word) <= LONGEST_WORD:
                table.setdefault("".join(_pinyin(word)), set()).add(word)
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
        fixes = [Correction(typed, meant, m.start()) for typed, meant in _TWO_CHARACTER_TYPOS.items()
                 if typed not in self.words for m in re.finditer(typed, text)]
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
        # Only words one character away can be the meant word; the two differing characters must share a reading.
        near = sorted({w for i in range(len(window)) for w in self._one_off.get(window[:i] + "\0" + window[i + 1:], ())})
        if not near:
            return None
        candidates = [w for w in near if _sound_alike(*next((a, b) for a, b in zip(window, w, strict=True) if a != b))]
        return candidates[0] if len(candidates) == 1 else None

    def corrected(self, text: str) -> tuple[str, list[Correction]]:
        """The query with its typos replaced, and the corrections made."""
        fixes = self.corrections(text)
        for fix in reversed(fixes):
            text = text[:fix.start] + fix.meant + text[fix.start + len(fix.typed):]
        return text, fixes


def without_common_typos(text: str) -> str:
    """The text with the typos owners type most often fixed (有啥补帖没 → 有啥补贴没), for reading its intent."""
    for typed, meant in _TWO_CHARACTER_TYPOS.items():
        text = text.replace(typed, meant)
    return text


def _pinyin(text: str) -> list[str]:
    # ~0.4 s to import (its phrase table): only English questions need the reading of whole words.
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text)


def _sound_alike(typed: str, meant: str) -> bool:
    """Two characters whose usual toneless readings are the same (a pinyin keyboard offers both for the same keys).

    Only the usual reading: any reading would make 和 (huo) sound like 化 and 的 (di) like 低.
    """
    return bool(usual_reading(typed)) and usual_reading(typed) == usual_reading(meant)


@lru_cache(maxsize=4096)
def usual_reading(char: str) -> str:
    return _toneless(_char_table().get(str(ord(char)), "").split(",")[0])


@lru_cache(maxsize=1)
def _char_table() -> dict[str, str]:
    """Readings by decimal code point: pypinyin's own table, read without importing pypinyin (~0.4 s, phrases)."""
    spec = importlib.util.find_spec("pypinyin")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    path = Path(folders[0]) / "pinyin_dict.json" if folders else None
    if path is not None and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    from pypinyin.pinyin_dict import pinyin_dict  # a packaging without the data file: ask the library itself

    return {str(code): readings for code, readings in pinyin_dict.items()}


def _toneless(reading: str) -> str:
    """'lǜ' → 'lv', as a pinyin keyboard spells it."""
    spelled = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in spelled if not unicodedata.combining(c))


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
