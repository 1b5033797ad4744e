"""Parse numbers as people type them: 三十来, 两百多, 一千二, 四五十, 2.8, 1,200, 上千."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "零〇一幺二两俩三四五六七八九十百千万亿几"
# A number as typed: Arabic (with separators/decimals) optionally followed by Chinese multipliers, or Chinese.
NUMBER_RE = re.compile(
    rf"(?:(?:\d[\d,]*(?:\.\d+)?)(?:[十百千万亿]*)|[{CN_NUM_CHARS}]+)"
)
_APPROX_AFTER = ("来", "多", "余", "左右", "上下", "出头", "几", "把")
_APPROX_BEFORE = ("大概", "大约", "约", "差不多", "将近", "接近", "近", "小", "大", "估计", "上", "快", "少说")


@dataclass(frozen=True)
class Number:
    """A parsed number; `approx` when the user hedged (来/多/左右/几) or gave a range (四五十)."""

    value: float
    approx: bool = False


def parse_number(token: str) -> Number | None:
    """Turn one number token (Arabic, Chinese or mixed) into a value, or None when it is not a number."""
    token = token.strip().replace(",", "").replace("，", "")
    if not token:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千万亿]*)", token)
    if m:
        value = float(m.group(1))
        for ch in m.group(2):
            value *= _UNITS.get(ch) or _BIG[ch]
        return Number(value)
    if not all(ch in CN_NUM_CHARS for ch in token):
        return None
    return _parse_chinese(token)


def _parse_chinese(token: str) -> Number | None:
    approx = "几" in token
    # "四五十" / "两三百" / "一两千": two adjacent digits before a unit mean a range; take the midpoint.
    m = re.fullmatch(r"([一二两三四五六七八九])([一二两三四五六七八九])([十百千万亿]*)", token)
    if m and _DIGITS[m.group(2)] == _DIGITS[m.group(1)] + 1:
        low = _parse_plain(m.group(1) + m.group(3))
        high = _parse_plain(m.group(2) + m.group(3))
        return Number((low + high) / 2, True)
    value = _parse_plain(token.replace("几", "五") if token.startswith("十") else token.replace("几", "三"))
    return Number(value, approx) if value > 0 else None


def _parse_plain(token: str) -> float:
    total = 0.0
    section = 0.0
    digit: float | None = None
    last_unit = 0
    for ch in token:
        if ch in "零〇" and last_unit:
            last_unit = 1  # "一百零五": the digit after 零 is taken literally
        elif ch in _DIGITS:
            digit = float(_DIGITS[ch])
        elif ch in _UNITS:
            section += (1.0 if digit is None else digit) * _UNITS[ch]
            last_unit, digit = _UNITS[ch], None
        elif ch in _BIG:
            section += digit or 0.0
            total = (total + (section or 1.0)) * _BIG[ch] if ch == "亿" else total + (section or 1.0) * _BIG[ch]
            section, digit, last_unit = 0.0, None, _BIG[ch]
    if digit is not None:
        # "一千二" means 1200 and "三百五" 350: a trailing digit takes the unit below the last one.
        digit = digit * (last_unit // 10) if last_unit >= 100 and last_unit != 10_000 else (
            digit * 1000 if last_unit == 10_000 else digit)
        section += digit
    return total + section


def hedged(before: str, after: str) -> bool:
    """Say whether the words around a number make it approximate."""
    return after.startswith(_APPROX_AFTER) or before.endswith(_APPROX_BEFORE)
