"""A notice's numeric conditions held against the figures a firm gave ("我们60人营收3000万，能不能申请…").

Only a condition with a clear bound on a figure the firm stated of the same kind is checked: 营业收入 against its
revenue, 从业人员 against its headcount, 研发投入占比 and 成立年限 against what it said of them. A wrong "in range" is
worse than none, so anything less clear is left alone: a condition joined by 或, a growth rate, an average, a bound
with no comparator ("营业收入2000万元"), and an approximate figure ("三十来号人") too close to the bound to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.cnnum import parse_number
from assistant.firm_figures import YEAR_DATE, Figure, asks_to_qualify, firm_figures
from assistant.result import ProfileSummary

Verdict = Literal["in", "out", "unclear"]
APPROX_BAND = (0.8, 1.25)  # "60多人", "三十来号人", "不到20人": the real figure lies around the one read

# What a condition is on, by the words that name it; a blocker names a figure the firm gives none of (研发人员占比,
# 项目总投资, 纳税额), so its numbers are never taken for the kind named before it.
_KINDS: tuple[tuple[str | None, str], ...] = (
    ("研发投入占比", r"研发(?:投入|费用|经费|支出)(?:总额)?(?:占|比例|比重)[^。；，,\d]{0,14}"),
    (None, r"(?:研发|科技|技术|专业)人员[^。；，,\d]{0,14}|(?:项目)?总?投资(?:额)?|纳税|税收|资产|利润|注册资本|贷款"),
    ("营收", r"主营业务收入|营业收入|销售收入|年销售额|销售额|营收"),
    ("从业人员", r"从业人员(?:数|人数)?|职工(?:人数|总数)?|员工(?:人数|总数)?|用工人数"),
    ("成立年限", r"(?:注册)?成立(?:时间|年限)?|注册时间"),
)
_KIND = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_KINDS)))
_UNITS = {"营收": r"亿元|千万元|万元|亿|万|元", "从业人员": r"人|名", "研发投入占比": r"%", "成立年限": r"周?年"}
_TO_BASE = {"亿元": 10_000.0, "亿": 10_000.0, "千万元": 1_000.0, "万元": 1.0, "万": 1.0, "元": 0.0001}
_NUM = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"
_LOWER = {"不低于": True, "不少于": True, "不小于": True, "达到": True, "满": True, "≥": True, "高于": False,
          "大于": False, "超过": False, ">": False}
_UPPER = {"不超过": True, "不高于": True, "不大于": True, "≤": True, "低于": False, "少于": False, "小于": False,
          "不足": False, "<": False}
_AFTER = {"及以上": ("lower", True), "以上": ("lower", True), "及以下": ("upper", True), "以下": ("upper", True),
          "以内": ("upper", True)}
_BEFORE = "|".join(sorted([*_LOWER, *_UPPER], key=len, reverse=True))
_AFTER_WORDS = "|".join(sorted(_AFTER, key=len, reverse=True))
# a clause after the first that only bounds the same figure further ("，且不超过4亿元")
_GOES_ON = re.compile(rf"^(?:且|并且|同时|但)?(?:在)?(?:{_BEFORE})")
_UNCLEAR = re.compile(r"或|增长|增幅|增速|同比|较上年|平均|累计|合计|减少|下降")


@dataclass(frozen=True)
class Bound:
    value: float
    inclusive: bool


@dataclass(frozen=True)
class Condition:
    kind: str
    quoted: str  # the notice's words that state it, verbatim
    lower: Bound | None
    upper: Bound | None


@dataclass(frozen=True)
class Check:
    figure: Figure
    condition: Condition
    verdict: Verdict


def conditions_in(sentence: str) -> list[Condition]:
    """The numeric conditions a notice's sentence states on a figure a firm could give."""
    matches = list(_KIND.finditer(sentence))
    if matches and "或" in sentence[matches[0].start():]:
        return []  # "从业人员1000人以下或营业收入40000万元以下": either will do, neither alone decides
    found: list[Condition] = []
    for i, m in enumerate(matches):
        kind = _KINDS[int(m.lastgroup[1:])][0] if m.lastgroup else None
        end = matches[i + 1].start() if i + 1 < len(matches) else len(sentence)
        if kind is not None and not _UNCLEAR.search(sentence[max(0, m.start() - 6):m.start()]):  # "近三年平均营业收入"
            condition = _condition(kind, sentence[m.start():end])
            if condition is not None:
                found.append(condition)
    return found


def _condition(kind: str, segment: str) -> Condition | None:
    text = _bounding_part(segment)
    if _UNCLEAR.search(text):
        return None
    number = rf"(?P<num>{_NUM})\s*(?P<unit>{_UNITS[kind]})"
    span = re.search(rf"(?P<low>{_NUM})\s*(?P<low_unit>{_UNITS[kind]})?\s*(?:至|到|-|—|~|～)\s*{number}", text)
    if span is not None:  # "20人至300人", "500-2000万元", "500万元至2亿元": both ends count
        low, high = parse_number(span.group("low")), parse_number(span.group("num"))
        high_scale = _TO_BASE.get(span.group("unit"), 1.0)
        low_scale = _TO_BASE.get(span.group("low_unit") or span.group("unit"), 1.0)
        if low is None or high is None or low.value * low_scale >= high.value * high_scale:
            return None
        return Condition(kind, text[:span.end()], Bound(low.value * low_scale, True), Bound(high.value * high_scale, True))
    lower = upper = None
    last = 0
    for m in re.finditer(rf"(?P<before>{_BEFORE})?\s*{number}(?:\s*(?P<after>{_AFTER_WORDS}))?", text):
        bound = _bound(kind, m)
        if bound is None:
            continue
        side, limit = bound
        if (side == "lower" and lower is not None) or (side == "upper" and upper is not None):
            return None  # two bounds the same way: not a condition read with confidence
        lower, upper = (limit, upper) if side == "lower" else (lower, limit)
        last = m.end()
    if lower is None and upper is None:
        return None
    if lower and upper and lower.value > upper.value:
        return None
    return Condition(kind, text[:last].rstrip("，,"), lower, upper)


def _bounding_part(segment: str) -> str:
    """The segment's first clause and the clauses after it that only bound the same figure further."""
    clauses = re.split(r"(?<=[，,；;。])", segment)
    kept = clauses[0]
    for clause in clauses[1:]:
        if not _GOES_ON.match(clause):
            break
        kept += clause
    return kept.rstrip("。；;")


def _bound(kind: str, m: re.Match[str]) -> tuple[str, Bound] | None:
    parsed = parse_number(m.group("num"))
    if parsed is None:
        return None
    value = parsed.value * _TO_BASE.get(m.group("unit"), 1.0)
    if kind == "成立年限" and value >= YEAR_DATE:
        return None
    before, after = m.group("before"), m.group("after")
    if before and after:
        return None  # "超过…以上": said twice over, read neither way
    if before in _LOWER:
        return "lower", Bound(value, _LOWER[before])
    if before in _UPPER:
        return "upper", Bound(value, _UPPER[before])
    if after:
        side, inclusive = _AFTER[after]
        return side, Bound(value, inclusive)
    return None


def verdict(figure: Figure, condition: Condition) -> Verdict:
    """Whether the firm's figure lies within the condition's bounds; "unclear" when an approximate figure could
    lie on either side."""
    low, high = (figure.value * APPROX_BAND[0], figure.value * APPROX_BAND[1]) if figure.approx else \
        (figure.value, figure.value)
    fits_low = [_meets(v, condition) for v in (low, high)]
    if all(fits_low):
        return "in"
    if not any(fits_low):
        return "out"
    return "unclear"


def _meets(value: float, condition: Condition) -> bool:
    lower, upper = condition.lower, condition.upper
    if lower is not None and (value < lower.value or (value == lower.value and not lower.inclusive)):
        return False
    return upper is None or value < upper.value or (value == upper.value and upper.inclusive)


def checks(sentences: list[str], figures: list[Figure]) -> list[Check]:
    """One check per numeric condition of the sentences that a figure of the same kind can be held against."""
    by_kind = {f.kind: f for f in figures}
    return [Check(by_kind[c.kind], c, verdict(by_kind[c.kind], c))
            for sentence in sentences for c in conditions_in(sentence) if c.kind in by_kind]


def unstated(sentences: list[str], figures: list[Figure]) -> list[Condition]:
    """The numeric conditions of the sentences on a figure the firm did not give (its R&D share, its headcount)."""
    given = {f.kind for f in figures}
    return [c for sentence in sentences for c in conditions_in(sentence) if c.kind not in given]


_LABELS = {"营收": ("营收", "revenue"), "从业人员": ("从业人员", "headcount"), "研发投入占比": ("研发投入占比", "R&D share"),
           "成立年限": ("成立", "years in business")}
_NOT_SAID = {"营收": ("营业收入", "revenue"), "从业人员": ("从业人员数", "headcount"),
             "研发投入占比": ("研发投入占比", "R&D share"), "成立年限": ("成立年限", "years in business")}


def held_against(profile: ProfileSummary, user_text: str, sentences: list[str], en: bool) -> list[str]:
    """The notes holding the firm's stated figures against the numeric conditions of these quoted sentences; when
    it gave figures or asks whether it qualifies, the conditions on a figure it did not give are named as undecided."""
    figures = firm_figures(profile, user_text)
    qualifying = bool(figures) or asks_to_qualify(user_text.split("\n", 1)[0])
    return check_lines(checks(sentences, figures), unstated(sentences, figures) if qualifying else [], en,
                       bool(figures))


def check_lines(found: list[Check], missing: list[Condition], en: bool, figures_given: bool = True) -> list[str]:
    """The checks as notes under the quoted conditions: our words, the condition quoted as the notice words it;
    `missing`: conditions on a figure the firm did not give, said to be undecided for that reason."""
    if not found and not missing:
        return []
    if en:
        lines = ["Note: your figures held against the conditions above that state a number (a first check only; the "
                 "authority's review decides):" if figures_given else
                 "Note: the conditions above that state a number, to check with your own figures (the authority's "
                 "review decides):"]
    else:
        lines = ["说明：按贵企业提供的数字，初步对照上面有明确数字的条件（是否符合以主管部门审核为准）：" if figures_given else
                 "说明：上面有明确数字的条件，需按贵企业的实际数字核对（是否符合以主管部门审核为准）："]
    lines += [_check_line(check, en) for check in found]
    for condition in missing:
        zh, english = _NOT_SAID[condition.kind]
        lines.append(f"Note: “{condition.quoted}”: cannot tell: you did not say your {english}." if en else
                     f"说明：“{condition.quoted}”：无法判断：未说明贵企业的{zh}。")
    return lines


def _check_line(check: Check, en: bool) -> str:
    zh, english = _LABELS[check.figure.kind]
    figure = check.figure.shown
    quoted = check.condition.quoted
    if en:
        said = {"in": f"within “{quoted}”", "out": f"does not meet “{quoted}”",
                "unclear": f"close to the limit in “{quoted}”: cannot tell, check with the exact figure"}
        return f"Note: your {english} of {figure} is {said[check.verdict]}."
    said = {"in": f"在“{quoted}”范围内", "out": f"不满足“{quoted}”",
            "unclear": f"与“{quoted}”的界限接近，无法判断，请按准确数字核对"}
    return f"说明：贵企业{zh}{figure}：{said[check.verdict]}。"
