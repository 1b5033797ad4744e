"""What value a fact question asks for (a count, a share, an amount, a year, a score, a firm, the members of a named
set…) and whether a quote gives it: an answer resting on a nearby sentence must say the value itself is missing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.lexical import tokenize
from assistant.narrow_asks import NARROW_ASKS, ValueAsk, has, of_the_title_asked
from assistant.support import company_names
from assistant.vendors import asks_vendor_pick

_COUNT = re.compile(r"(?:\d[\d.,，]*|[一二两三四五六七八九十百千万亿]{2,}|[二两三四五六七八九十]|[近上数几逾超][十百千万亿]+)"
                    r"\s*(?:余|多)?\s*(?:万|亿)?\s*"
                    r"(?:家|户|个|台|人|名|项|座|批)|\d\s*[、，,]\s*\d")  # or a list of counts: "分别为 46、63、97"
# "多少家" wants a count: a share (8%) does not answer it, nor a share a count ("一个关键条件" is no count either).
# Only the explicit "多少/有几" forms:
# "几个车间抢料", "十几个人的小厂" and "哪几个方面" are not asking for a number.
# An amount of money ("100万元", "10亿欧元", "Tr≤100万"), not a count ("3万多家企业")
MONEY = re.compile(r"\d\s*(?:万|亿)?\s*(?:元|美元|欧元|日元|韩元|英镑)|\d\s*(?:万|亿)(?![多余]?[家个人项台户名座批])")

# a count of several: "这一阶段" and "第一" count nothing
_CN_COUNT = r"(?:\d+|[二两三四五六七八九十][一二三四五六七八九十]*)"
_KIND_COUNTERS = "个类种项大条"
# the thing counted: "有几个特征" → 特征, "分几个阶段" → 阶段 (two characters at least: "分几类" alone names nothing)
_NOUN_AFTER = re.compile(rf"(?:几|多少)[{_KIND_COUNTERS}]([\u4e00-\u9fff]{{2,4}}?)(?=[，,？?。呢吗啊呀]|$|是|有|分别|都)")
# ...or before a count of kinds: "转型路径有几种", "模式分几类" (not "项目有几个": 项目个数 counts projects another way)
_NOUN_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?:有|分为|分成|分|共有|一共有|包括)?几(?:种|类|大类|大)(?=[？?吗呢啊]|$)")
_NOUNS_EN = {"stage": "阶段", "phase": "阶段", "feature": "特征", "characteristic": "特征", "path": "路径",
             "pathway": "路径", "route": "路径", "type": "类", "kind": "类", "level": "级"}
_HOW_MANY_EN = re.compile(r"\bhow many (\w+?)s?\b", re.IGNORECASE)


def counted_noun(question: str) -> str | None:
    """The thing a count question counts ("有几个特征" → 特征, "how many stages" → 阶段), else None."""
    found = _NOUN_AFTER.search(question) or _NOUN_BEFORE.search(question)
    if found:
        return found.group(1)
    english = _HOW_MANY_EN.search(question)
    return _NOUNS_EN.get(english.group(1).lower()) if english else None


# the reports' word for what people call it otherwise: "有几个特点" is answered by "有4个特征"
_REPORTS_WORD = {"特点": "特征", "步骤": "阶段", "步": "阶段", "时期": "阶段", "路线": "路径", "途径": "路径", "方式": "路径",
                 "路子": "路径"}


def counting(noun: str) -> re.Pattern[str]:
    """A count of that very thing: "4个特征", "四大转型路径", "三类主要因素", "四阶段"."""
    named = re.escape(noun) + (f"|{_REPORTS_WORD[noun]}" if noun in _REPORTS_WORD else "")
    # (not a version: "工业3.0阶段" counts no stages)
    return re.compile(rf"(?<![\d.]){_CN_COUNT}\s*(?:[{_KIND_COUNTERS}]\s*[^\s，。；、,;]{{0,10}}?)?(?:{named})")


# "多少台", "多少家": a count in that unit answers it (or a list of counts); "前50家企业" does not answer "多少台"
_UNIT_ASKED = re.compile(r"(?:多少|有几|一共几|共有几)([家户台人名座批])")


def _count_given(question: str, quote: str) -> bool:
    noun = counted_noun(question)
    if noun:
        return bool(counting(noun).search(quote))
    unit = _UNIT_ASKED.search(question)
    return any(unit is None or found.group().endswith(unit.group(1)) or not found.group()[-1].isalpha()
               for found in _COUNT.finditer(quote))


_I = re.IGNORECASE
# the counts an answer's first quote should give (they reorder the quotes as well as add the note)
_COUNT_ASKS = (
    ValueAsk(re.compile(r"(?:多少|有几|分几|分为几|分成几|一共几|共有几)[家户个台人名项座批种类大]|\bhow many\b", _I),
              _count_given, "{noun}的数量"),
    ValueAsk(re.compile(r"占比|比例|比重|百分之|百分比|几成|\bwhat (?:share|percentage|proportion|fraction)\b", _I),
              has(re.compile(r"\d\s*[%％]|百分之|[一二三四五六七八九]成")), en="share"),
    # "专项资金一年多少亿", "每家能拿多少钱": only an amount of money answers it
    ValueAsk(re.compile(r"多少(?:钱|亿|万|额度)|几(?:亿|千万|百万)|(?:资金|预算|盘子|规模|额度)[^，。？?]{0,6}多(?:少|大)"
                         r"|(?:投|拿|给|花|补|奖)了?多少|\bhow much (?:money|funding|subsid)|\bbudget\b"
                         r"|\bhow much\b[^?]*\b(?:receive|invest|spend|fund|grant)", _I), has(MONEY), "具体金额", "amount"),
    # "是哪年出台的", "哪年挂牌的": a year or month answers it ("近年来" does not)
    ValueAsk(re.compile(r"哪一?年|什么时候|啥时候|何时|几月份?|\b(?:what|which) year\b|\bwhen (?:was|were|did|will)\b", _I),
              has(re.compile(r"(?:19|20)\d\d|\d{1,2}\s*月")), "时间", "date"),
    # "正式名字叫啥": a title in 《》 or a name in quotes answers it
    ValueAsk(re.compile(r"叫(?:啥|什么)(?:名字)?|(?:名字|名称|全称)(?:是|叫)?(?:啥|什么)"),
              has(re.compile(r"《[^》]+》|“[^”]+”")), "名称", "name"),
)

# a figure stated of a metric: not a rank ("稳居全国前5位" says where it stands, not what it is)
_FIGURE = re.compile(r"(?<![前第])\d+(?:\.\d+)?\s*(?:%|％|分|个百分点|倍|万|亿)?(?![\d.]|\s*[位名])")
# "普及率多少", "两化融合指数是多少", "失败率高吗": the value of a rate or an index
_METRIC = re.compile(r"(率|指数)[^，。？?]{0,6}?(?:多少|多高|几成|多大|是几|高吗|高不高|低吗|大吗|大不大)")
_FUNCTION = re.compile(r"[的是有和与在，,。？?\s]")


def _metric(question: str) -> tuple[str, str] | None:
    """The rate or index asked for, as asked ("设备数字化率") and its stem the reports would use ("数字化")."""
    found = _METRIC.search(question)
    prefix = _FUNCTION.split(question[:found.start()])[-1] if found else ""
    words = tokenize(prefix)
    if found is None or not words:
        return None
    stem = words[-1]
    before = prefix[:len(prefix) - len(stem)][-2:]
    named = before + stem if len(before) == 2 and before in words else stem
    return named + found.group(1), stem


# "转型失败的多吗", "上云的企业多不多": how common something is
_HOW_COMMON = re.compile(r"((?:(?![的是有吗])[\u4e00-\u9fff]){2,4}?)(?:的|了)?(?:企业|厂子?|公司|情况)?"
                         r"(?:多吗|多不多|普遍吗|普遍不|常见吗)")
_COMPANY_ASK = re.compile(r"哪一?[家个](?:公司|企业|厂商|厂家|服务商|供应商|单位|机构)|是谁(?:家)?(?:做|开发|搭建|建设|提供|承建)的"
                          r"|谁家(?:做|开发|的)|哪家(?:做|开发|搭建|建|提供)的|\bwhich (?:company|firm)\b"
                          r"|\bwho (?:built|made|developed|runs|operates)\b", _I)
# a firm by its name: "…有限公司", or "鑫铂瑞等龙头企业"
_FIRM_NAMED = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,8}等(?:龙头|骨干|领军|重点)?(?:企业|公司)")


def _firm_given(_question: str, quote: str) -> bool:
    return bool(company_names(quote) or _FIRM_NAMED.search(quote))


def _metric_given(question: str, quote: str) -> bool:
    """A figure stated of the metric's stem: "设备联网率" by "完成设备联网、开展数据采集的仅为23%"."""
    metric = _metric(question)
    return metric is None or any(_FIGURE.search(quote[m.end():m.end() + 20])
                                 for m in re.finditer(re.escape(metric[1]), quote))


def _common_given(question: str, quote: str) -> bool:
    """A figure in a quote naming the thing: "能到四五级的多不多" by "只有5%的企业处于…四级和五级"."""
    found = _HOW_COMMON.search(question)
    return found is None or found.group(1)[-2:] in quote and bool(_FIGURE.search(quote))


# details the reports rarely hold, asked outright: the note says so when no quote gives one
_DETAIL_ASKS = (
    # a score is written "46.2" (out of 100) as often as "46分"; "2.24" is a level, no score
    ValueAsk(re.compile(r"多少分|几分(?![之钟])|得分|分数是|评分|\bscore\b", _I),
              has(re.compile(r"\d+(?:\.\d+)?\s*分(?![之钟别析布类工支享散])|(?<![\d.])[1-9]\d{1,2}\.\d+(?!\s*[%％倍])")),
              "分值", "score"),
    ValueAsk(_METRIC, _metric_given, lambda q: f"{(_metric(q) or ('',))[0]}的具体数值", "figure"),
    ValueAsk(_HOW_COMMON, _common_given, "{0}的比例或数量", "share or number"),
    ValueAsk(_COMPANY_ASK, _firm_given, "公司名称", "company name"),
    # "有哪些税收优惠": a quote on support in general names no tax relief
    ValueAsk(re.compile(r"(?:税收|税费|减税|免税|退税|所得税|增值税|加计扣除|\btax\b)", _I),
              has(re.compile(r"税|加计扣除")), "税收方面的具体政策", "tax measures"),
    ValueAsk(re.compile(r"标准号|标准编号|国标号|文号|编号(?:是|多少)|\bstandard (?:number|code)\b", _I),
              has(re.compile(r"(?:GB|ISO|IEC|T/[A-Z]+)\s*[/／]?\s*[A-Z]*\s*\d|〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号")),
              "标准号或文号", "standard or document number"),
    ValueAsk(re.compile(r"完整(?:的)?(?:名单|名录|清单|列表)|全部(?:的)?名单|(?:名单|名录)(?:在哪|有吗|是什么|有哪些)"
                         r"|\b(?:full|complete) list\b", _I),
              has(re.compile(r"(?:[^、，。；]{1,20}、){4,}")), "完整名单", "full list"),
)


@dataclass(frozen=True)
class Missing:
    """A value asked for that no quote gives, named for the note in Chinese and in English."""

    zh: str
    en: str


def missing_value(question: str, quotes: Sequence[str]) -> Missing | None:
    """The value the question asks for ("多少家", "具体金额", "公司名称") when none of the quotes gives one, else None."""
    if asks_vendor_pick(question):  # "MES哪家好": the vendor note says the reports name none
        return None
    quotes = of_the_title_asked(question, quotes)
    for ask in (*_COUNT_ASKS, *_DETAIL_ASKS, *NARROW_ASKS):
        found = ask.asked.search(question)
        if found and not any(ask.given(question, q) for q in quotes):
            return Missing(_label(ask, question, found), ask.en)
    return None


def _label(ask: ValueAsk, question: str, found: re.Match[str]) -> str:
    """How the note names what was asked: "特征的数量", "普及率的具体数值", else the words asked ("多少家")."""
    if ask.label is None:
        return found.group()
    if callable(ask.label):
        return ask.label(question)
    if "{noun}" in ask.label:
        noun = counted_noun(question)
        return ask.label.format(noun=noun) if noun and not noun.isascii() and len(noun) > 1 else found.group()
    return ask.label.format(found.group(1) if found.re.groups else "")


def count_not_given(question: str, quotes: Sequence[str]) -> str | None:
    """The kind of value the question asks for ("多少家", "具体金额") when none of the quotes gives one, else None."""
    missing = missing_value(question, quotes)
    return missing.zh if missing else None


def gives_count_asked(question: str, text: str) -> bool | None:
    """Whether a sentence gives the kind of count the question asks for ("有几个阶段" → "四个阶段"); None when the
    question asks for none."""
    for ask in _COUNT_ASKS:
        if ask.asked.search(question):
            return ask.given(question, text)
    return None


# asking what a named set is made of: "6和X分别指什么", "“6”具体是哪六个", "四大产业集聚区是哪些"
_MEMBERS_ASK = re.compile(r"分别(?:指|是|为|代表)|具体(?:指|是|包括|包含)(?:的是)?(?:什么|啥|哪)|哪[两二三四五六七八九十\d]+[个类种项大条]?"
                          r"|(?:是|有|包括|包含|指)哪些|(?:指|代表)(?:的是)?(?:什么|啥)"
                          r"|\bwhat (?:are|do|does)\b.*\b(?:stand for|consist of|include)\b", _I)
_ASKING = re.compile(r"^(?:请问|想问下?|那)|(?:具体|分别|到底|都)?(?:是|有|包括|包含|分为|分成|指)$")
_WHAT_IS = re.compile(r"是什么|是啥|什么意思|啥意思|\bwhat (?:is|does)\b", _I)
_CODE_NAME = re.compile(r"[\dA-Za-z]+\s*[+＋]\s*[\dA-Za-z]+")  # "6+X", "3+1"
_QUOTED_NAME = re.compile(r"[“\"]([^”\"]{1,12})[”\"]")
_COUNTED_SET = re.compile(rf"({_CN_COUNT})(?:大|类|个|种|项|条)([\u4e00-\u9fff]{{2,8}}?)(?=是|有|包括|分别|具体|指|都|[，,？?]|$)")
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LIST_OPENS = re.compile(r"(?:即|包括|包含|分别(?:是|为)|[:：])(.+)")


def _items(quote: str) -> int:
    """How many items the longest list in a quote holds: "A、B、C" 3, "“甲”“乙”和“丙”" 3, "即A，B，C" 3."""
    text = quote.rstrip("。；;，, ")
    opened = _LIST_OPENS.search(text)
    # "A、B、C和D": the last item joined by 和 counts too
    joined = bool(re.search(r"、[^、；;，。]{1,10}(?:和|及|与)[^、；;，。]", text))
    return max(len(re.findall(r"[、；;]", text)) + 1 + joined, len(re.findall(r"“[^”]{1,12}”", text)),
               len(re.findall(r"[一二三四五六七八九十]是", text)),
               len(re.findall(r"[、，,；;]", opened.group(1))) + 1 if opened else 1)


def asks_for_items(question: str) -> bool:
    """The question asks what a set is made of ("有哪些路径", "分别是什么") or how many it holds ("有几种")."""
    return bool(_MEMBERS_ASK.search(question) or counted_noun(question))


def members_not_listed(question: str, quotes: Sequence[str]) -> str | None:
    """The named set whose members the question asks for ("6+X", "四大产业集聚区") when no quote lists them."""
    code, counted = _CODE_NAME.search(question), _COUNTED_SET.search(question)
    # a composite name ("6+X") asked about at all is asked what its parts are
    if not _MEMBERS_ASK.search(question) and not (code and _WHAT_IS.search(question)):
        return None
    quoted = _QUOTED_NAME.search(question)
    if code or quoted:  # a name the reports would write as it is: a quote naming it lists its parts, or none does
        name = code.group() if code else quoted.group(1) if quoted else ""
        naming = [q for q in quotes if name in q] or quotes
        need = _count_of(counted.group(1)) if counted else 3
        return None if any(_items(q) >= need for q in naming) else name
    if counted and question[counted.start() - 1:counted.start()] == "哪":  # "小快轻准是哪四个方面": the count is
        # the ask, and a quote listing that many answers it
        subject = _ASKING.sub("", question[:counted.start() - 1]).strip("，,？? ")
        return None if any(_items(q) >= _count_of(counted.group(1)) for q in quotes) else subject or counted.group()
    if counted:  # a counted set: a quote counting that thing lists it ("有4个特征，即…，…，…")
        need, noun = _count_of(counted.group(1)), counted.group(2)
        lists = [q for q in quotes if counting(noun[-2:]).search(q) and _items(q) >= need]
        return None if lists else counted.group()
    return None


def _count_of(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else _NUMERALS.get(numeral, 2)
