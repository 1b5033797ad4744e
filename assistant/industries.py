"""Industry taxonomy grounded in the reports, and matching a user's words against it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.industries_data import (
    MANUFACTURING_CONTEXT,
    NON_MANUFACTURING,
    RAW_INDUSTRIES,
)
from assistant.patterns import AB
from assistant.textnorm import nfkc

NOT_MANUFACTURING = "（非制造业）"  # marks a business outside manufacturing in its industry label


@dataclass(frozen=True)
class Industry:
    """One industry the advisor knows, with the words owners use and the corpus sections written for it."""

    key: str
    name: str
    kind: str  # scenario | chapter | sector
    sector: str  # the sector name in the 2024 report's grouping
    group: str | None  # 劳动密集型 / 资本密集型 / 技术密集型, None when the report does not place it
    aliases: tuple[str, ...]
    report_terms: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (doc_id, section heading text, match by containment)
    group_note: str = ""


@dataclass(frozen=True)
class IndustryMatch:
    """The industry found in a message and the words that decided it."""

    key: str  # an Industry key, or "other" for a business outside the taxonomy
    name: str
    group: str | None
    words: tuple[str, ...]
    manufacturing: bool
    rule: str
    customer_words: tuple[str, ...] = field(default=())


INDUSTRIES: tuple[Industry, ...] = tuple(
    Industry(key, name, kind, sector, group, tuple(aliases), tuple(terms), tuple(sections), note)
    for key, name, kind, sector, group, aliases, terms, sections, note in RAW_INDUSTRIES
)
BY_KEY: dict[str, Industry] = {i.key: i for i in INDUSTRIES}
GROUPS = ("劳动密集型", "资本密集型", "技术密集型")

# Phrases containing an alias that do not describe the business (tools used, sales channels, customers' goods).
_MASKS = ("数字化", "智能化", "信息化", "自动化", "电子表格", "电子商务", "电子化", "电子邮件", "电子签", "电子发票", "电子看板", "电子台账", "机械臂",
          "电商", "汽车厂家的要求", "纸质", "印刷品", "五金店", "电器店", "用电", "电表", "设备管理", "设备联网")
# A word right after these is the customer, not the business ("给主机厂做冲压件").
_CUSTOMER_BEFORE = re.compile(r"(给|为|帮|替|配套|供货给|供应给|卖给|客户是|客户主要是|客户多是|下游是|for)\s*$")
# Customers that make a supplier part of a report sub-industry (the 2023 report defines those by their customers).
_CUSTOMER_TO_SUPPLIER = {"automotive": "auto_parts", "aerospace_parts": "aerospace_parts"}
# "客户有汽车厂也有工程机械厂": every trade in the clause is a customer
_CUSTOMER_CLAUSE = re.compile(r"(?:客户|下游)(?:主要|大多|多)?(?:有|包括|涵盖|是|为|都是|来自)[^，。；,.;！？?]*")
# "主机厂要求我们跟他们系统对接": whoever asks things of us is the customer
_CUSTOMER_ASKS = re.compile(r"(?:那边|方面)?(?:要求|让我们|需要我们|希望我们|逼着|(?:老|总|总是|一直|经常)?要(?:我们|咱们))")
_OTHER_BUSINESS = re.compile(
    r"(?:我们|我|我家|我司|公司|厂里|咱们|本厂)(?:厂|公司|这边)?(?:是|主要|就是|是个|是家|是一家)?"
    r"(?:做|生产|搞|造|加工|制造)"
    r"([\u4e00-\u9fff]{1,8}?)(?:的|为主|出身)"
)
# "贵州遵义的一家酒类包装厂": the product named before 厂, when it says more than the plant's size or kind
_OTHER_PLANT = re.compile(r"(?:一家|一个|是家|是个)(?:做)?([\u4e00-\u9fff]{2,6}?)(?:工厂|厂)(?![商家长])")
_NOT_A_PRODUCT = re.compile(r"^(?:小型|中型|大型|小|大|制造|生产|加工|工业|民营|私营|外资|国有|代工|乡镇|家庭|老|新)+$")
_NOT_MAKING = re.compile(r"不生产|没有工厂|没工厂|不是工厂|不做生产|don'?t (?:make|manufacture)")
_QUESTION_WORDS = ("什么", "啥", "哪", "怎么", "多少")


@lru_cache(maxsize=1)
def _aliases() -> list[tuple[str, str]]:
    """(alias, industry key) for every alias, longest first."""
    return sorted(((alias, ind.key) for ind in INDUSTRIES for alias in ind.aliases), key=lambda r: -len(r[0]))


@lru_cache(maxsize=1024)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    # Compiled on first sight: compiling all ~700 up front was ~0.25 s of a cold start, and most are never present.
    # ASCII aliases need word boundaries ("led" in "called").
    return re.compile(rf"{AB}{re.escape(alias)}s?{AB}" if alias.isascii() else re.escape(alias), re.IGNORECASE)


# "不是陶瓷，是卫浴五金", "我们不是做陶瓷的": the trade after a denial is the one the firm is not in
_DENIED = re.compile(r"(?:不是|并不是|并非|不属于)(?:做|搞|生产|干)?([^，,。；;!！?？]{1,12}?)(?=的|，|,|。|；|;|而是|是|$)")
# "Actually we make PCBs, not moulds", "we're not a mould shop", "PCBs rather than moulds"
_DENIED_EN = re.compile(r"\b(?:not|rather than|instead of)\s+(?:a |an |the |in |making |doing )?([a-z][a-z -]{1,30}?)"
                        r"(?=[,.;!?]|\s+(?:but|anymore|any more)\b|$)")


def _masked(text: str) -> str:
    for phrase in _MASKS:
        text = text.replace(phrase, "＿" * len(phrase))
    for m in [*_DENIED.finditer(text), *_DENIED_EN.finditer(text)]:
        if not _NOT_MAKING.search(m.group(0)):  # "不是工厂" still says the business makes nothing
            text = text[:m.start(1)] + "＿" * len(m.group(1)) + text[m.end(1):]
    return text


def _find_aliases(text: str) -> list[tuple[int, str, str, bool]]:
    """Return (position, alias, key, is_customer) for non-overlapping alias hits, longest alias first."""
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, str, str, bool]] = []
    clauses = [m.span() for m in _CUSTOMER_CLAUSE.finditer(text)]
    for alias, key in _aliases():
        if alias.lower() not in text:  # a substring test is far cheaper than the regex, and most aliases are absent
            continue
        for m in _alias_pattern(alias).finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            customer = bool(_CUSTOMER_BEFORE.search(text[max(0, m.start() - 8): m.start()])) or \
                any(s <= m.start() < e for s, e in clauses) or bool(_CUSTOMER_ASKS.match(text, m.end()))
            hits.append((m.start(), m.group(0), key, customer))
    return sorted(hits)


def _score(hits: list[tuple[int, str, str, bool]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    starts = {pos for pos, _a, _k, _c in hits}
    for pos, alias, key, customer in hits:
        weight = float(len(alias)) if not alias.isascii() else len(alias) / 2.5
        if pos + len(alias) in starts:
            weight *= 0.5  # a modifier of the next word: "汽车模具" is a mould maker
        if customer:
            supplier = _CUSTOMER_TO_SUPPLIER.get(key)
            if supplier is None:
                continue
            key, weight = supplier, weight * 0.6
        scores[key] = scores.get(key, 0.0) + weight
    if "auto_parts" in scores and "automotive" in scores:
        scores["auto_parts"] += scores.pop("automotive")  # "汽车变速箱齿轮": an automotive part
    # "电子元器件厂，做SMT贴片的": the sub-industry the reports have a scenario section for, within its sector
    for sector in [k for k in scores if BY_KEY[k].kind == "sector"]:
        within = [k for k in scores if BY_KEY[k].kind == "scenario" and BY_KEY[k].sector == BY_KEY[sector].sector]
        if within:
            best = max(within, key=lambda k: scores[k])
            scores[best] += scores.pop(sector)
    # A generic metal or machining word next to an automotive/aerospace customer names that supplier sector.
    for supplier in ("auto_parts", "aerospace_parts"):
        if supplier in scores and any(c and _CUSTOMER_TO_SUPPLIER.get(k) == supplier for _, _, k, c in hits):
            scores[supplier] += scores.pop("metal_processing", 0.0) * 0.5 + scores.pop("general_equipment", 0.0)
    return scores


def match_industry(text: str) -> IndustryMatch | None:
    """Find the industry a message describes: taxonomy first, then non-manufacturing, then "做X的" as stated."""
    norm = _masked(nfkc(text).lower())
    hits = _find_aliases(norm)
    scores = _score(hits)
    non_mfg = match_non_manufacturing(norm)
    if scores:
        best = max(scores, key=lambda k: (scores[k], -_first_pos(hits, k)))
        if non_mfg is not None and (_NOT_MAKING.search(norm) or not any(w in norm for w in MANUFACTURING_CONTEXT)):
            return non_mfg
        ind = BY_KEY[best]
        merged = {best, "metal_processing", "general_equipment"} if best in _CUSTOMER_TO_SUPPLIER.values() else {best}
        words = tuple(dict.fromkeys(a for _, a, k, _c in hits if k in merged or _CUSTOMER_TO_SUPPLIER.get(k) == best))
        customers = tuple(a for _, a, _k, c in hits if c)
        # Stated when the user used the industry's own name (or part of it, "印染厂"); an alias is our inference.
        exact = any(len(a) >= 2 and a in ind.name for a in words) and not customers
        rule = "行业名称" if exact else "行业别称"
        if customers and best in _CUSTOMER_TO_SUPPLIER.values():
            rule = f"客户是“{'、'.join(customers)}” → 配套零部件（2023年报告按客户和产品界定该细分领域）"
        return IndustryMatch(ind.key, ind.name, ind.group, words or (ind.name,), True, rule, customers)
    if non_mfg is not None:
        return non_mfg
    return _other_business(norm)


def _first_pos(hits: list[tuple[int, str, str, bool]], key: str) -> int:
    return min((p for p, _a, k, _c in hits if k == key), default=10_000)


def match_non_manufacturing(text: str) -> IndustryMatch | None:
    """Recognise a business outside manufacturing (restaurant, shop, trading, logistics …)."""
    norm = nfkc(text).lower()
    found = sorted((m.start(), m.end(), label, word) for label, words in NON_MANUFACTURING for word in words
                   if word.lower() in norm
                   for m in re.finditer(rf"{AB}{re.escape(word)}s?{AB}" if word.isascii() else re.escape(word), norm))
    customer_ends: set[int] = set()
    for start, end, label, word in found:
        # "给医院做外壳": the hospital is the customer; so is the rest of the compound ("给餐饮连锁店": 连锁店 too)
        if start in customer_ends or _CUSTOMER_BEFORE.search(norm[max(0, start - 8): start]):
            customer_ends.add(end)
            continue
        return IndustryMatch("other", f"{label}{NOT_MANUFACTURING}", None, (word,), False, "非制造业词")
    return None


def _other_business(norm: str) -> IndustryMatch | None:
    m = _OTHER_BUSINESS.search(norm)
    if m is None:  # no "做X的": a plant named by its product ("一家酒类包装厂") says the trade as well
        plant = _OTHER_PLANT.search(norm)
        m = plant if plant is not None and not _NOT_A_PRODUCT.match(plant.group(1)) else None
    if m is None or any(q in m.group(1) for q in _QUESTION_WORDS):
        return None
    thing = m.group(1)
    mfg = any(w in norm for w in MANUFACTURING_CONTEXT) or m.group(0).find("生产") >= 0
    return IndustryMatch("other", thing, None, (m.group(0),), mfg, "按用户原话记录（不在报告行业目录中）")


def industry_by_name(name: str) -> Industry | None:
    """Look an industry up by key, name or alias (for API/CLI input such as "汽车零部件" or "auto_parts")."""
    norm = nfkc(name).strip().lower()
    for ind in INDUSTRIES:
        if norm in (ind.key, ind.name.lower()):
            return ind
    found = match_industry(norm)
    return BY_KEY.get(found.key) if found else None


def sections_for(key: str) -> list[tuple[str, str]]:
    """Return the corpus sections written for an industry (empty for sectors without their own section)."""
    ind = BY_KEY.get(key)
    return list(ind.sections) if ind else []


def case_search_words(name: str) -> tuple[str, ...]:
    """What to search a firm's own cases by: its industry's name, and for a sector the reports give no section of
    its own (计算机、通信和其他电子设备) the sub-industries of that sector they do write up (印刷电路板, 消费电子)."""
    ind = industry_by_name(name)
    if ind is None:
        return (name,)
    written = () if ind.sections else tuple(i.name for i in INDUSTRIES if i.sector == ind.sector and i.sections)
    return (ind.name, *written)
