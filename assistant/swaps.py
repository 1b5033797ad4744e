"""What a follow-up swaps in the previous question: "德国呢" then "韩国呢" asks about Korea instead of Germany, "那小微企业呢"
another size class, "那咱们国家呢" China instead of abroad."""

from __future__ import annotations

import re

_ASKED_BEFORE = re.compile(r"\s+(?:能|可以)?(?:举个例子|举例|有案例|有没有案例|有啥案例|要花多少钱|花多少钱|多少钱|要多久|多久"
                           r"|怎么做|具体怎么做|怎么弄|适合我们|适合吗)[^\s]*$")
_HOME = re.compile(r"咱们国家|我们国家|我国|国内|中国|咱国|\bchina\b|\bchinese\b|\bdomestic", re.IGNORECASE)
_ABROAD = re.compile(r"国外|外国|其他国家|别的国家|发达国家|国际上|\babroad\b|\bother countries\b", re.IGNORECASE)
SIZES = re.compile(r"小微企业|微型企业|小型企业|中型企业|大型企业|中小企业|小微|微型|小型|中型|大型")


def _JOINED(name: re.Pattern[str]) -> re.Pattern[str]:  # noqa: N802 - reads as a pattern
    """A name with the word joining it to the next one ("Germany and ", "德国和", "日本、")."""
    return re.compile(rf"(?:{name.pattern})(?:\s*(?:and|or|&|和|与|及|跟|、|，|,)\s*)?", name.flags)


def without_same_kind(question: str, core: str) -> str:
    """The previous question without the country, place, industry or size class the follow-up swaps in: "德国呢"
    then "韩国呢" asks about Korea instead of Germany, not about both."""
    from assistant.facts import PLACES
    from assistant.industries import match_industry
    from assistant.names import COUNTRIES, as_written, name_spellings, names_asked

    out = _ASKED_BEFORE.sub("", question)  # "…仿真测试 能举个例子" then "要花多少钱": the topic, not the last ask
    countries = [n for n in names_asked(core) if n in COUNTRIES]
    home = bool(_HOME.search(core))  # "美国呢" then "那咱们国家呢": China's own measures, not America's
    if countries or home:
        kept = () if home else countries
        new = " ".join(as_written(n, core) for n in countries if not name_spellings(n).search(out))
        if home and not countries:  # "Compare Germany and Japan…" then "And China?": one side, nothing to compare
            out = re.sub(r"^\s*(?:compare|比较一下|比较|对比一下|对比)\s*", "", out, flags=re.IGNORECASE)
        for old in (n for n in names_asked(out) if n in COUNTRIES and n not in kept):
            # the first country gives its place to the new one ("What does Japan do…" → "What does Korea do…");
            # any other, and any repeat, goes with the word joining it ("Germany and Japan" → "Korea")
            out = _JOINED(name_spellings(old)).sub(f" {new} " if new else " ", out, count=1)
            out = _JOINED(name_spellings(old)).sub(" ", out)
            new = ""
        out = _ABROAD.sub("", out)  # "国外是咋做的" then "德国呢": Germany, not abroad in general
        if countries and not home:  # "那咱们国家呢" then "美国呢": America's, not China's
            out = _HOME.sub("", out)
    places = re.compile(PLACES)
    # a province swaps with a country either way: "浙江有啥支持政策" then "德国呢" asks about Germany alone
    if places.search(core) or countries or home:
        out = places.sub("", out)
    if places.search(core) and not countries:
        for old in (n for n in names_asked(out) if n in COUNTRIES):
            out = name_spellings(old).sub("", out)
        out = _ABROAD.sub("", out)
    industry = match_industry(core)
    previous_industry = match_industry(out)
    if industry and previous_industry and previous_industry.key != industry.key:
        for word in previous_industry.words:
            out = out.replace(word, "")
    if SIZES.search(core):
        out = SIZES.sub("中小企业" if "中小企业" in out else "", out)
    return re.sub(r"\s+", " ", out).strip()
