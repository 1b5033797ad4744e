"""Company size: read headcount and revenue as people type them, classify by the 2017 national standard."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.cnnum import Number, hedged, parse_number
from assistant.patterns import rx
from assistant.textnorm import nfkc

# 统计上大中小微型企业划分办法（2017）, 工业: (class, min employees, min revenue 万元); larger classes need both.
SIZE_STANDARD: tuple[tuple[str, int, float], ...] = (("大型", 1000, 40000.0), ("中型", 300, 2000.0),
                                                       ("小型", 20, 300.0))
SIZE_CLASSES = ("大型", "中型", "小型", "微型")
STANDARD_NAME = "统计上大中小微型企业划分办法（2017）工业标准"

_NUM = r"\d[\d,]*(?:\.\d+)?|[零〇一二两俩三四五六七八九十百千几]+"
_PRE = r"(?P<pre>不到|不足|少于|小于|超过|将近|接近|差不多|大概|大约|上|近|约|小|大|快)?"
_EMP_AFTER = re.compile(
    rf"{_PRE}(?P<num>{_NUM})(?P<hedge>来|多|余|几|出头|左右)?\s*(?:个|号|名|位)?"
    r"(?P<unit>员工|工人|职工|人)(?![民次均家才员])(?P<post>不到|不足|以下|以内)?"
)
_EMP_BEFORE = re.compile(
    rf"(?:员工|工人|职工|人数|人员|规模|headcount)(?:数|总数)?(?:有|大概|大约|约|差不多|是|在|共|一共|总共|[:：\s])*"
    rf"{_PRE}(?P<num>{_NUM})(?P<hedge>来|多|余|左右)?(?:个|人|名|号)?(?P<post>不到|不足|以下|以内)?"
)
# "人也不是30是130": a corrected headcount, the figure after 是
_EMP_CORRECTED = re.compile(rf"(?:人|人数|员工)(?:也|数)?不是(?:{_NUM})(?:个|人|名)?[，,\s]*(?:而)?是{_PRE}(?P<num>{_NUM})"
                            r"(?P<hedge>来|多|余|左右)?(?:个|人|名|号)?(?P<post>不到|不足|以下|以内)?")
# "人不多，十几个": the headcount follows a remark on it
_EMP_FEW = re.compile(rf"人(?:不多|也不多|很少|不算多)[，,\s]*(?:就|也就|才|大概|大约|差不多|约)?(?P<num>{_NUM})"
                      r"(?P<hedge>来|多|余)?(?:个|号)")
_EMP_EN = rx(
    r"(?P<pre>about|around|roughly|nearly|over|under|less than|more than|~)?\s*(?P<num>\d[\d,]*)\+?\s*[-‐‑]?\s*"
    r"(?:full[- ]time\s+)?(?:people|ppl|employees|staff|workers|persons|person|headcount|employee)\b"
)
# Headcount of a team, not of the company ("IT就一个人", "两个人负责信息化").
_TEAM_BEFORE = re.compile(r"(it|信息|技术员|电脑|财务|会计|仓管|文员|销售|其中)[^，。,.]{0,4}$")  # not 就: "厂里就15个人"
_TEAM_AFTER = re.compile(r"^[^，。,.]{0,3}(负责|管|搞|做it|懂|会用|专职)")

_MONEY = re.compile(
    rf"{_PRE}(?P<num>{_NUM})(?P<hedge>来|多|余|几)?\s*(?P<ge>个)?(?P<hedge2>多|来)?\s*(?P<unit>亿|千万|百万|万|元|w(?![a-z]))(?P<tail>[一二两三四五六七八九])?"
    r"(?:元|块|人民币|rmb)?(?P<post>不到|不足|以下|以内)?"
)
_MONEY_EN = re.compile(
    r"(?:rmb|cny|yuan|¥|￥)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>million|mn|m|billion|bn|k|thousand)?\s*"
    r"(?P<cur>yuan|rmb|cny|usd|dollars|\$|euros?|eur|€)?"
)
_OUTPUT_WORDS = ("产值", "output value", "output")
_REVENUE_WORDS = ("营收", "营业收入", "营业额", "销售额", "销售收入", "收入", "流水", "开票", "年销", "销售", "卖",
                  "做到", "做了", "revenue", "turnover", "sales")
_YEAR_WORDS = ("一年", "每年", "年", "去年", "今年", "per year", "a year", "annual", "annually")
_NOT_REVENUE = ("投入", "投资", "投", "砸", "预算", "花", "补贴", "资助", "贷款", "奖励", "成本", "利润", "净利", "税", "工资",
                "注册资", "融资", "报价", "价格", "费用", "多少钱", "贵", "买", "采购", "亏", "profit", "budget",
                "invest", "cost", "subsid", "loan", "price", "spend", "spent")
_UNIT_WAN = {"亿": 10_000.0, "千万": 1_000.0, "百万": 100.0, "万": 1.0, "w": 1.0, "元": 0.0001}  # 8000w: 8000万
_EN_UNIT_WAN = {"million": 100.0, "mn": 100.0, "m": 100.0, "billion": 100_000.0, "bn": 100_000.0,
                "k": 0.1, "thousand": 0.1, None: 0.0001}
# not a question about the class ("算小微企业吗", "是小型企业吗")
_SIZE_WORD = re.compile(r"(?<![中给为像和跟对算])(?P<cls>大型|中型|小型|微型|小微)(?:企业|公司|工厂|厂)(?![吗嘛么吧不？?]|还是)")
# "规模中型", "规模算小微": the class said outright
_SIZE_SAID = re.compile(r"规模(?:是|算|属于|为)?(?P<cls>大型|中型|小型|微型|小微)(?![吗嘛么吧？?])")
_SIZE_COLLOQUIAL = (("小作坊", "微型"), ("作坊", "微型"), ("个体户", "微型"), ("夫妻店", "微型"),
                    ("小厂", "小型"), ("小工厂", "小型"), ("小公司", "小型"), ("small business", "小型"),
                    ("micro business", "微型"), ("medium-sized", "中型"), ("large enterprise", "大型"))


@dataclass
class SizeFacts:
    """What one message says about size: the numbers with the words they came from, or a size word."""

    employees: int | None = None
    employees_approx: bool = False
    employees_words: str = ""
    revenue_wan: float | None = None
    revenue_approx: bool = False
    revenue_basis: str | None = None  # 营收 | 产值
    revenue_words: str = ""
    revenue_rule: str = ""
    size_word: str | None = None
    size_words: str = ""
    size_rule: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SizeClass:
    """A size class with the rule that produced it, in words a helpdesk can check."""

    size: str
    basis: str  # both | employees | revenue
    rule: str


def classify_size(employees: int | None, revenue_wan: float | None) -> SizeClass | None:
    """Classify by the 2017 standard for industry; with one number known, classify from it alone."""
    if employees is None and revenue_wan is None:
        return None
    size = next((cls for cls, min_emp, min_rev in SIZE_STANDARD
                 if (employees is None or employees >= min_emp) and (revenue_wan is None or revenue_wan >= min_rev)),
                "微型")
    if employees is not None and revenue_wan is not None:
        return SizeClass(size, "both", f"{STANDARD_NAME}：从业人员 {employees} 人、营业收入 {wan_text(revenue_wan)}，"
                                       "两项同时达到下限才归入较大类型")
    if employees is not None:
        return SizeClass(size, "employees", f"{STANDARD_NAME}：仅知从业人员 {employees} 人，按人数判断（未提供营收）")
    return SizeClass(size, "revenue", f"{STANDARD_NAME}：仅知营业收入 {wan_text(revenue_wan or 0)}，按营收判断（未提供人数）")


def classes_by_missing(employees: int | None, revenue_wan: float | None) -> list[tuple[str, float, float | None]]:
    """With one figure known, the classes the other figure decides between: (class, lower bound, upper bound) of the
    missing figure (people or 万元; upper None = no limit).

    A larger class needs both minimums, so 2000万 of revenue alone makes a firm at most 中型: 中型 with 300 staff or
    more, 小型 with 20–299, 微型 below 20. Empty when both or neither are known, or when the known one already says 微型.
    """
    if (employees is None) == (revenue_wan is None):
        return []
    top = classify_size(employees, revenue_wan)
    if top is None or top.size == "微型":
        return []
    options: list[tuple[str, float, float | None]] = []
    upper: float | None = None
    for cls, min_emp, min_rev in SIZE_STANDARD[SIZE_CLASSES.index(top.size):]:
        low = float(min_emp) if employees is None else min_rev
        options.append((cls, low, upper))
        upper = low
    options.append(("微型", 0.0, upper))
    return options


def wan_text(value: float) -> str:
    """An amount in 万元 as people read it: "2000 万元", "5 亿元"."""
    if value >= 10_000:
        return f"{value / 10_000:g} 亿元"
    return f"{value:g} 万元"


def extract_size(text: str) -> SizeFacts:
    """Read headcount, revenue (营收 or 产值) and size words from one message."""
    norm = normalized(text)
    facts = SizeFacts()
    _read_employees(norm, facts)
    _read_revenue(norm, facts)
    _read_size_word(norm, facts)
    return facts


# "一点二个亿", "两点五亿": a decimal said in words (its 二 was read alone, as 2亿)
_CN_DECIMAL = re.compile(r"(?P<whole>[零一二两三四五六七八九十]+)点(?P<frac>[零一二三四五六七八九]+)")
_CN_DIGIT = dict(zip("零一二三四五六七八九", "0123456789", strict=True))


def normalized(text: str) -> str:
    """The text as the figures are read from it (and their words quoted): NFKC, lower case, decimals in digits."""
    return _CN_DECIMAL.sub(_arabic_decimal, nfkc(text).lower())


def _arabic_decimal(m: re.Match[str]) -> str:
    whole = parse_number(m.group("whole"))
    if whole is None:
        return m.group(0)
    return f"{whole.value:g}." + "".join(_CN_DIGIT[ch] for ch in m.group("frac"))


_BELOW = ("不到", "不足", "少于", "小于", "以下", "以内", "under", "less than")


def _below(pre: str | None, post: str | None) -> bool:
    """"不到20人", "三百万不到": the figure sits just below the number said (and below a class threshold on it)."""
    return pre in _BELOW or post in _BELOW


def _adjust(num: Number, pre: str | None, hedge: str | None, post: str | None = None) -> tuple[float, bool]:
    value, approx = num.value, num.approx or bool(hedge) or bool(pre) or bool(post)
    return value - _below(pre, post), approx


def _read_employees(norm: str, facts: SizeFacts) -> None:
    best: tuple[float, bool, str] | None = None
    for pattern in (_EMP_AFTER, _EMP_BEFORE, _EMP_FEW, _EMP_EN, _EMP_CORRECTED):
        for m in pattern.finditer(norm):
            if pattern is _EMP_AFTER and (_TEAM_BEFORE.search(norm[max(0, m.start() - 8): m.start()])
                                          or _TEAM_AFTER.search(norm[m.end(): m.end() + 6])):
                continue
            num = parse_number(m.group("num"))
            if num is None or num.value < 1:
                continue
            groups = m.groupdict()
            value, approx = _adjust(num, groups.get("pre"), groups.get("hedge"), groups.get("post"))
            if best is None or value > best[0]:
                best = (value, approx, m.group(0).strip())
    if best is not None:
        facts.employees, facts.employees_approx, facts.employees_words = int(round(best[0])), best[1], best[2]


def _revenue_context(norm: str, start: int, end: int, reach: int = 12) -> tuple[str | None, str]:
    """Decide from nearby words whether an amount is revenue, output value, or something else (budget …); `reach`
    characters before it are read (English words are longer: "revenue of about 400 million")."""
    before = norm[max(0, start - reach): start]
    after = re.split(r"[，。,;；！？!?]", norm[end: end + 8])[0]
    positions: list[tuple[int, str, str]] = []
    for words, kind in ((_OUTPUT_WORDS, "产值"), (_REVENUE_WORDS, "营收"), (_NOT_REVENUE, "no"),
                        (_YEAR_WORDS, "year")):
        for w in words:
            pos = before.rfind(w)
            if pos >= 0:
                positions.append((pos + len(w), kind, w))
            if kind != "year" and w in after:
                positions.append((100 - after.find(w), kind, w))
    positions.sort()
    found = [(k, w) for _, k, w in positions if k != "year"]
    if found:
        kind, word = found[-1]
        return (None, "") if kind == "no" else (kind, f"金额旁有“{word}”，记为{kind}")
    if positions:
        return "营收", "“一年/每年…”后的金额，按营收理解"
    return None, ""


def _read_revenue(norm: str, facts: SizeFacts) -> None:
    for m in _MONEY.finditer(norm):
        num_text = m.group("num")
        if m.group("pre") == "大" and num_text.startswith("几"):
            num_text = "七" + num_text[1:]  # "大几千万" is seven to nine thousand ten-thousands
        num = parse_number(num_text)
        if num is None:
            continue
        value = num.value * _UNIT_WAN[m.group("unit")]
        if m.group("tail") and m.group("unit") in ("亿", "万"):
            value += parse_number(m.group("tail")).value * _UNIT_WAN[m.group("unit")] / 10  # type: ignore[union-attr]
        basis, rule = _revenue_context(norm, m.start(), m.end())
        if basis is None or value <= 0:
            continue
        _, approx = _adjust(num, m.group("pre"), m.group("hedge") or m.group("hedge2"), m.group("post"))
        value -= _below(m.group("pre"), m.group("post"))  # 1 万 below, whatever the unit said
        facts.revenue_wan, facts.revenue_approx, facts.revenue_basis = value, approx, basis
        facts.revenue_words, facts.revenue_rule = m.group(0).strip(), rule
        return
    _read_revenue_en(norm, facts)


def _read_revenue_en(norm: str, facts: SizeFacts) -> None:
    for m in _MONEY_EN.finditer(norm):
        if not m.group("unit") and not m.group("cur"):
            continue
        basis, rule = _revenue_context(norm, m.start(), m.end(), reach=24)
        if basis is None:
            continue
        if m.group("cur") in ("usd", "dollars", "$", "euro", "euros", "eur", "€") \
                or re.search(r"[$€]", norm[max(0, m.start() - 2): m.start() + 1]):
            facts.notes.append(f"金额“{m.group(0).strip()}”不是人民币，未换算")
            continue
        facts.revenue_wan = float(m.group("num").replace(",", "")) * _EN_UNIT_WAN[m.group("unit")]
        facts.revenue_basis, facts.revenue_words, facts.revenue_rule = basis, m.group(0).strip(), rule
        return


def _read_size_word(norm: str, facts: SizeFacts) -> None:
    m = _SIZE_WORD.search(norm) or _SIZE_SAID.search(norm)
    if m:
        cls = m.group("cls")
        facts.size_word = "小型" if cls == "小微" else cls
        facts.size_words = m.group(0)
        facts.size_rule = "用户自述规模（“小微”未细分，暂按小型）" if cls == "小微" else "用户自述规模"
        return
    for word, cls in _SIZE_COLLOQUIAL:
        if word in norm:
            facts.size_word, facts.size_words, facts.size_rule = cls, word, f"口语“{word}”推断规模"
            return


def hedge_note(approx: bool) -> str:
    """Return the marker shown next to an approximate number."""
    return "（约数）" if approx else ""


__all__ = ["SIZE_CLASSES", "SizeClass", "SizeFacts", "classes_by_missing", "classify_size", "wan_text", "extract_size", "hedged", "hedge_note"]


# "那要是三百五十人的厂呢", "如果只有20个人呢", "and for 50 people?": a what-if about another firm's size
_WHAT_IF = re.compile(r"^(?:那|那么|要是|如果|假如|假设|换成)|(?:的话|呢)[？?]?$|\bwhat if\b|\bwhat about\b|\bhow about\b"
                      r"|^(?:and|but|so)?\s*(?:for|with|if|say)\b", re.IGNORECASE)


def what_if_size(message: str) -> SizeClass | None:
    """The size class of a what-if about another firm's headcount or revenue, else None."""
    if not _WHAT_IF.search(message.strip()):
        return None
    figures = extract_size(message)
    return classify_size(figures.employees, figures.revenue_wan) if figures.employees or figures.revenue_wan else None
