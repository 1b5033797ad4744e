"""The figures a firm gives of itself when it asks whether it qualifies for a notice's scheme ("营收3000万、80人的企业能
申请吗", "a firm with 80 staff and 120 million revenue"), and the question without them.

A qualification question states figures whether or not it says 我们: those of the message itself are the ones to hold
against the notice's conditions, before any recorded in the firm's profile earlier in the conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.cnnum import parse_number
from assistant.result import ProfileSummary
from assistant.sizing import SizeFacts, extract_size, normalized
from assistant.textnorm import nfkc

YEAR_DATE = 1900  # "成立于2020年…以后": a calendar year, not a count of years


@dataclass(frozen=True)
class Figure:
    kind: str
    value: float
    approx: bool
    shown: str  # as the answer names it: "3000万元", "60人", and an approximate one in the user's words ("“三百万不到”")


# a question whether the firm qualifies, rather than what the conditions are: it is told what it did not say
QUALIFY = re.compile(r"(?:能|可以|可不可以|够)(?:不能)?申(?:请|报)|能不能申|符合|够(?:不够)?(?:条件|资格|格)|有(?:没有)?资格"
                     r"|\beligib|\bqualif|\b(?:can|could|may)\b[^?.]{0,80}\bapply\b", re.IGNORECASE)
_RD_SAID = re.compile(r"研发(?:投入|费用|经费|支出)?(?:占(?:比|营收|营业收入|销售收入|收入)?(?:的)?(?:比例|比重)?|比例|比重)"
                      r"(?:是|为|约|大概|有|在)?\s*(?P<num>\d+(?:\.\d+)?)\s*%")
_YEARS_SAID = re.compile(r"成立(?:了|有|已经|已)?\s*(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?P<more>多)?\s*年")
# what names the firm or one of its figures, once the figure itself is cut out ("去年营收", "员工", "的企业")
_FIRM_WORDS = re.compile(r"(?:去年|上年度?|今年|全年|年度?)?(?:主营业务收入|营业收入|销售收入|销售额|营收|产值|收入|员工|职工"
                         r"|从业人员|人员|人数)|我们|咱们|我司|本公司|公司|企业|工厂|厂子|一家|的")


def asks_to_qualify(question: str) -> bool:
    """The question asks whether the firm qualifies ("能申请吗", "符合条件吗", "can we apply")."""
    return bool(QUALIFY.search(nfkc(question)))


def without_firm_figures(text: str) -> str:
    """The text without the firm's headcount, revenue, R&D share and years and the words naming them: "年营收1.2亿
    员工80人 符合条件吗" asks of no scheme it names, and "研发费用占比4%" asks no price."""
    text = _YEARS_SAID.sub(" ", _RD_SAID.sub(" ", nfkc(text)))
    size = extract_size(text)
    said = [w for w in (size.employees_words, size.revenue_words) if w]
    if not said:
        return text
    text = normalized(text)  # as the figures' words were read ("一点二个亿" → "1.2个亿")
    for words in said:
        text = text.replace(words, " ")
    return _FIRM_WORDS.sub(" ", text)


def firm_figures(profile: ProfileSummary, user_text: str) -> list[Figure]:
    """The figures the firm stated: headcount and revenue as its message (the first line of `user_text`) gives them,
    else as the profile read them, and its R&D share and years in business from what it typed."""
    text = nfkc(user_text)
    said = extract_size(text.split("\n", 1)[0])
    figures = [f for f in (_revenue(said, profile), _headcount(said, profile)) if f is not None]
    rd = _RD_SAID.search(text)
    if rd:
        figures.append(Figure("研发投入占比", float(rd.group("num")), False, f"{rd.group('num')}%"))
    years = _YEARS_SAID.search(text)
    parsed = parse_number(years.group("num")) if years else None
    if years and parsed is not None and 0 < parsed.value < YEAR_DATE:
        approx = parsed.approx or bool(years.group("more"))
        figures.append(Figure("成立年限", parsed.value, approx, f"“{years.group()}”" if approx else f"{parsed.value:g}年"))
    return figures


def _revenue(said: SizeFacts, profile: ProfileSummary) -> Figure | None:
    if said.revenue_wan is not None:
        if said.revenue_basis != "营收":  # 产值 is not 营业收入
            return None
        value, approx, words = said.revenue_wan, said.revenue_approx, said.revenue_words
    else:
        sources = profile.sources
        if profile.revenue_wan is None or sources.get("revenue_basis", {}).get("value", "营收") != "营收" \
                or not _stated(sources.get("revenue_wan")):
            return None
        value, approx = profile.revenue_wan, "约数" in sources["revenue_wan"].get("rule", "")
        words = sources["revenue_wan"].get("evidence", "")
    shown = f"{value / 10_000:g}亿元" if value >= 10_000 else f"{value:g}万元"
    return Figure("营收", value, approx, _as_said(shown, approx, words))


def _headcount(said: SizeFacts, profile: ProfileSummary) -> Figure | None:
    if said.employees is not None:
        value, approx, words = said.employees, said.employees_approx, said.employees_words
    else:
        source = profile.sources.get("employees")
        if profile.employees is None or not _stated(source):
            return None
        value, approx, words = profile.employees, "约数" in source.get("rule", ""), source.get("evidence", "")
    return Figure("从业人员", float(value), approx, _as_said(f"{value}人", approx, words))


def _as_said(shown: str, approx: bool, words: str) -> str:
    """An approximate figure in the user's own words ("三百万不到" is no 299万元), else as read."""
    return f"“{words}”" if approx and words else shown


def _stated(source: dict[str, str] | None) -> bool:
    """The user gave the figure (not one inferred from a size word)."""
    return source is not None and source.get("source") != "inferred"
