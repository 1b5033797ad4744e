"""Asks narrower than what the reports state: the cap one firm gets ("最多能拿多少", not the scheme's 30.67亿欧元),
an exact count ("给个准数", not "均不低于18个"), the level a designation requires (not how firms are spread over the
levels), which one ranks first, a fee or commission, and a figure of one named document (not another's).
A quote giving only the broader figure does not answer them: the note says the narrower one is missing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_I = re.IGNORECASE


@dataclass(frozen=True)
class ValueAsk:
    """A kind of value a question asks for, what gives it, and how a note names it when the words asked are no noun
    ("哪年" → "时间"; None: the words asked, "多少家"); `en`: the same in an English note."""

    asked: re.Pattern[str]
    given: Callable[[str, str], bool]  # (question, quote)
    label: str | Callable[[str], str] | None = None  # a callable names it from the question
    en: str = "number"


def has(pattern: re.Pattern[str]) -> Callable[[str, str], bool]:
    return lambda _question, quote: bool(pattern.search(quote))


_LEVEL = r"[一二三四五六1-6]\s*级"
# a count stated as a bound or a rough figure: "均不低于18个", "近千家", "300余家"
_BOUNDED = re.compile(r"(?:不低于|不少于|至少|超过|以上|近|约|逾|多达|接近)\s*$")
_COUNTED = re.compile(r"(?<![\d.])(\d+|[一二两三四五六七八九十百千]+)\s*(余|多)?\s*(?:个|家|项|座|批|户|台|人|名)(?!以上|左右)")
# "运维还是编程": the options the user names
_OPTIONS = re.compile(r"([\u4e00-\u9fff]{2,4})还是([\u4e00-\u9fff]{2,4})")
_WHICH_MOST = re.compile(r"哪(?:一?类|一?种|一?个|些|方面|环节|个行业)[^，。？?]{0,10}最[\u4e00-\u9fff]{0,4}"
                         # "which … is the most …", not "which area do most manufacturers digitalise first"
                         r"|\bwhich\b[^?]{0,40}\bthe most\b", _I)


def _exact_count(_question: str, quote: str) -> bool:
    """A count stated as such, not as a bound or a rough figure."""
    return any(not found.group(2) and not _BOUNDED.search(quote[max(0, found.start() - 4):found.start()])
               for found in _COUNTED.finditer(quote))


def _ranks_first(question: str, quote: str) -> bool:
    """The quote ranks something first ("最为突出", "居首"), one of the options asked about when there are any."""
    options = _OPTIONS.search(question)
    return bool(re.search(r"最|居首|首位|第一位|排名第一", quote)) and \
        (options is None or any(o in quote for o in options.groups()))


def _which_most(question: str) -> str:
    found = _WHICH_MOST.search(question)
    return found.group() if found else "哪一项最突出"


NARROW_ASKS = (
    # "Under Spain's Kit Digital, what is the maximum voucher one company can get": the scheme's total is no cap
    ValueAsk(re.compile(r"(?:单家|每家|每个企业|一家企业|单个企业)[^，。？?]{0,10}(?:最多|最高|上限|能拿|能补|多少)"
                        r"|(?:最多|最高)(?:能|可以)?(?:补|拿|给|奖|申请到)|上限|封顶"
                        r"|\bmaximum\b|\bper (?:company|firm|business|sme)\b|\bup to how much\b", _I),
             has(re.compile(r"(?:最高|最多|上限|不超过|封顶|每家|单家|每个企业)[^，。；]{0,12}\d")),
             "最高额度", "maximum amount"),
    # "江苏到底有几个…，给个准数": "均不低于18个" is a bound shared by five provinces
    ValueAsk(re.compile(r"^(?=.*(?:几|多少|\bhow many\b)).*?(?:准数|确切|精确|具体数|准确(?:的)?数|\bexact(?:ly)?\b"
                        r"|\bprecise(?:ly)?\b)", _I | re.S), _exact_count, "确切数量", "exact number"),
    # "数字化水平得评到几级才够格": how firms spread over the levels is no requirement
    ValueAsk(re.compile(r"(?:至少|最低|起码|得|要|需要|必须)[^，。？?]{0,8}几级|几级(?:以上|才|就)"
                        r"|\bwhat level\b[^?]*\b(?:need|required|must|qualify)", _I),
             has(re.compile(rf"(?:不低于|至少|须|需|应|要求)[^，。；]{{0,8}}{_LEVEL}|{_LEVEL}(?:及|或)?以上")),
             "认定要求的等级", "level required"),
    # "哪类岗位缺得最厉害，运维还是编程": totals rank nothing
    ValueAsk(_WHICH_MOST, _ranks_first, _which_most, "ranking"),
    # "What commission does Xometry take": that a platform earns a fee is not its rate
    ValueAsk(re.compile(r"佣金|抽成|抽佣|提成|费率|手续费|服务费|\bcommission\b|\bfees?\b|\btake rate\b", _I),
             has(re.compile(r"\d\s*[%％]|百分之|\d\s*(?:万|亿)?\s*元")), "收费标准或费率", "fee or rate"),
)

_TITLE = re.compile(r"《([^》]{2,40})》")


def of_the_title_asked(question: str, quotes: Sequence[str]) -> list[str]:
    """The quotes that may give a value of the document the question names ("《…（2025-2027年）》里有几项重点任务"):
    not one naming only another document (2020年的《中小型制造企业数字化赋能专项行动方案》's 13项重点任务)."""
    asked = [t.replace(" ", "") for t in _TITLE.findall(question)]
    if not asked:
        return list(quotes)
    return [q for q in quotes if any(t in q.replace(" ", "") for t in asked) or not _TITLE.search(q)]
