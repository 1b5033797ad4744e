"""Deterministic evidence checks for a claim: numbers, named entities, negation and character n-grams."""

from __future__ import annotations

import re
import unicodedata

_CN_DIGIT = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千"
_PCT_CN = re.compile(rf"百分之([{_CN}]+(?:点[{_CN}]+)?)")
_CHENG = re.compile(r"([一二两三四五六七八九])成(?![为本功立果熟员])")
_CN_MEASURED = re.compile(rf"([{_CN}]+)(?=[个家项名人年月天倍万亿台条种类批次级])")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CONTENT = re.compile(r"[\u4e00-\u9fffa-z0-9]")
_CONTENT_OR_DECIMAL = re.compile(r"[\u4e00-\u9fffa-z0-9]|(?<=\d)\.(?=\d)")
_STOP_CHARS = set("的了是在和与及等也都就还而或被把将对从向于为其之这那个些着过地得所以到里上中后时大约近有")

REGIONS = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 "
    "安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 "
    "陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 "
    "东莞 新昌 宁波 海曙 鄞州 杭州 厦门 海口 武汉 昆明 芜湖 鹰潭 "
    "太仓 蒲江 北仑 临清 合肥 无锡 宜昌 宿迁 佛山 苏州 南通 东阳 "
    "柯桥 青岛 深圳 广州 唐山 沈阳 成都 西安 滁州 澄海 上虞 梁平 "
    "燕市 新泻 岐阜 东京 名古屋 大阪 横滨 汉诺威 南京 长沙 郑州 "
    "济南 德国 美国 日本 韩国 法国 英国 欧盟 欧洲 巴西 西班牙 "
    "葡萄牙 奥地利 马来西亚 新加坡 荷兰 瑞士 印度 长江三角洲 长三角 "
    "珠江三角洲 珠三角 环渤海 中西部 中国 "
).split()
INDUSTRIES = (
    "金属加工 水泥 石膏 纺织 印染 印刷电路板 汽车零部件 汽车制造 "
    "汽配 航空航天 服装 成衣 消费电子 日用化工 日化 化妆品 压缩机 "
    "泵 阀 医药 通用设备 专用设备 钢铁 化工 建材 电子信息 家具 "
    "食品 模具 轴承 注塑 锻压 混凝土 砂浆 造纸 皮革 制鞋 玩具 "
    "半导体 集成电路 原材料 消费品 装备制造 "
).split()
DESIGNATIONS = "专精特新 小巨人 隐形冠军 单项冠军 链主".split()
_ALIASES = {"我国": "中国", "国内": "中国"}  # the reports say 我国; a paraphrase says 中国
_COMPANY = re.compile(r"(有限责任公司|股份有限公司|有限公司|集团|公司)")
_NAME_STOP = set("的是为与和在由如从对向将把被让使等及了、,.;:()“”\"'，。；：（）《》")
# "国外公司", "该公司", "一些科技公司": a kind of firm, not a firm's name
_GENERIC_FIRM = re.compile(r"^(?:国外|外国|国内|外资|内资|大型|中型|小型|中小|该|这|那|这些|那些|相关|一些|部分|多家|各家|各|其他|其它|上市"
                           r"|科技|互联网|软件|服务|平台|母|子|分|总|全资|控股)+(?:有限责任公司|股份有限公司|有限公司|集团|公司)$")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

NEGATIONS = (
    "没有",
    "尚未",
    "并未",
    "未能",
    "不能",
    "不是",
    "并非",
    "无法",
    "不会",
    "不",
    "未",
    "没",
    "无",
    "非",
)
# Words that start with a negation character but do not negate what follows.
_NOT_NEGATION = (
    "不断",
    "不少",
    "不同",
    "不仅",
    "不论",
    "不管",
    "不得不",
    "不一",
    "无论",
    "非标",
    "无人",
    "无缝",
    "非常",
    "无需",
    "不亚于",
    "非核心",
    "无线",
    "不等",
)
ANCHOR = 2  # characters after a negation that say what is negated


def normalise(text: str) -> str:
    """NFKC, lower-case, no whitespace, [n] markers removed: the form every check works on."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"\[\d{1,3}\]", "", text)
    text = re.sub(r"\s+", "", text)
    for alias, canonical in _ALIASES.items():
        text = text.replace(alias, canonical)
    return text


def cn_to_number(chars: str) -> float | None:
    """Convert a Chinese numeral below 10,000 (三十, 一百零五, 两千, 十二) to its value."""
    if "点" in chars:
        whole, _, frac = chars.partition("点")
        base = cn_to_number(whole)
        digits = "".join(str(_CN_DIGIT.get(c, "")) for c in frac)
        return None if base is None or not digits else float(f"{int(base)}.{digits}")
    total, current = 0, 0
    for c in chars:
        if c in _CN_DIGIT:
            current = current * 10 + _CN_DIGIT[c] if current and c != "零" else _CN_DIGIT[c]
        elif c in _CN_UNIT:
            total += (current or 1) * _CN_UNIT[c]
            current = 0
        else:
            return None
    return float(total + current)


def _fmt(value: float) -> str:
    # 15 significant digits: an order or phone number stays as typed ("20240512345", not "2.02405e+10"), while
    # float noise (1.1 × 10 = 11.000000000000002) still reads "11"
    return f"{value:.15g}"


_APPROX_PAIRS = {"一二", "一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九", "三五"}


def rough_range(pair: str) -> tuple[int, int] | None:
    """The two digits of a rough amount's pair ("三四" → 3, 4), or None when the pair is not one."""
    return (_CN_DIGIT[pair[0]], _CN_DIGIT[pair[1]]) if pair in _APPROX_PAIRS else None


def _approximate(numeral: str, before: str) -> bool:
    """A rough amount, not a figure: 几十/几百 (几 precedes), 三四百/一两百/两三成/四五级 (neighbouring digits)."""
    digits = before + numeral if before in "一两二三四五六七八" else numeral
    return before == "几" or ("〇" not in digits and "零" not in digits
                             and any(digits[i:i + 2] in _APPROX_PAIRS for i in range(len(digits) - 1)))


def numbers_in(text: str) -> set[str]:
    """Every number mentioned, as a canonical value string (百分之三十, 三成 and 30% all give "30")."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\[\d{1,3}\]", "", text)
    found: set[str] = set()
    rules = ((_PCT_CN, 1.0), (_CHENG, 10.0), (_CN_MEASURED, 1.0))
    for pattern, factor in rules:
        for m in pattern.finditer(text):
            if m.group(1) == "一" and pattern is _CN_MEASURED:
                continue  # 一家/一个/一台 mean "a", not a figure
            if _approximate(m.group(1), text[max(0, m.start(1) - 1):m.start(1)]):
                continue
            value = cn_to_number(m.group(1))
            if value is not None:
                found.add(_fmt(value * factor))
        text = pattern.sub(" ", text)
    found.update(_fmt(float(m.group(0))) for m in _ARABIC.finditer(_THOUSANDS.sub("", text)))
    return found


def missing_numbers(claim: str, evidence: str) -> list[str]:
    """Numbers of the claim that the evidence never mentions, or mentions only for another quantity."""
    have = numbers_in(evidence)
    missing = {n for n in numbers_in(claim) if n not in have}
    return sorted(missing | misattached_numbers(claim, evidence))


def _figures_after(text: str) -> dict[str, set[str]]:
    """Map the two content characters before each Arabic figure to the figures that follow them."""
    flat = content_chars(text)
    out: dict[str, set[str]] = {}
    for m in re.finditer(r"\d+(?:\.\d+)?", flat):
        if m.start() >= 2 and not flat[m.start() - 2 : m.start()].isdigit():
            out.setdefault(flat[m.start() - 2 : m.start()], set()).add(_fmt(float(m.group(0))))
    return out


def misattached_numbers(claim: str, evidence: str) -> set[str]:
    """Figures the claim attaches to words (e.g. 缩短25) that the evidence attaches to other figures only."""
    ev = _figures_after(evidence)
    return {n for ctx, nums in _figures_after(claim).items() if ctx in ev for n in nums if n not in ev[ctx]}


def company_names(text: str) -> set[str]:
    """Organisation names ending in 公司/集团, read backwards from the suffix to a function word."""
    names: set[str] = set()
    for m in _COMPANY.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 12 and text[start - 1] not in _NAME_STOP:
            start -= 1
        if m.start() - start >= 2 and not _GENERIC_FIRM.match(text[start : m.end()]):
            names.add(text[start : m.end()])
    return names


def entities_in(text: str) -> set[str]:
    """Regions, industries, designations, organisation names and Latin acronyms in normalised text."""
    raw = unicodedata.normalize("NFKC", text)
    norm = normalise(text)
    found = {e for e in (*REGIONS, *INDUSTRIES, *DESIGNATIONS) if e in norm}
    found |= company_names(norm)
    found |= {a.lower() for a in _ACRONYM.findall(raw)}
    return found


def missing_entities(claim: str, evidence: str) -> list[str]:
    """Entities of the claim that do not occur in the evidence."""
    ev = normalise(evidence)
    return sorted(e for e in entities_in(claim) if e not in ev)


def _negated_at(text: str, pos: int) -> bool:
    """Say whether the word starting at `pos` is preceded by a negation (within two characters)."""
    window = text[max(0, pos - 4) : pos]
    for neg in NEGATIONS:
        i = window.rfind(neg)
        if (
            i >= 0
            and len(window) - (i + len(neg)) <= 2
            and not text.startswith(_NOT_NEGATION, pos - len(window) + i)
        ):
            return True
    return False


def negated_anchors(text: str) -> set[str]:
    """The ANCHOR characters right after each real negation in the text."""
    anchors: set[str] = set()
    for neg in NEGATIONS:
        for m in re.finditer(neg, text):
            if text.startswith(_NOT_NEGATION, m.start()):
                continue
            anchor = text[m.end() : m.end() + ANCHOR]
            if len(anchor) == ANCHOR:
                anchors.add(anchor)
    return anchors


def _occurs_unnegated(text: str, anchor: str) -> bool:
    return any(not _negated_at(text, m.start()) for m in re.finditer(re.escape(anchor), text))


def _occurs_negated(text: str, anchor: str) -> bool:
    return any(_negated_at(text, m.start()) for m in re.finditer(re.escape(anchor), text))


def negation_conflicts(claim: str, evidence: str) -> list[str]:
    """Anchors negated on one side only: the claim denies what the evidence says, or the reverse."""
    c, e = content_chars(claim), content_chars(evidence)
    conflicts = [f"不{a}" for a in negated_anchors(c) if a in e and not _occurs_negated(e, a)]
    conflicts += [
        a for a in negated_anchors(e) if a in c and not _occurs_negated(c, a) and not _occurs_unnegated(e, a)
    ]
    return sorted(set(conflicts))


def content_chars(text: str) -> str:
    """Only the letters, digits (with decimal points) and CJK characters of normalised text."""
    return "".join(_CONTENT_OR_DECIMAL.findall(normalise(text)))


def ngram_text(text: str) -> str:
    """Content characters without the function characters paraphrases add or drop freely."""
    return "".join(c for c in content_chars(text) if c not in _STOP_CHARS)


def ngrams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def ngram_support(claim: str, evidence: str, sizes: tuple[int, ...] = (2, 3)) -> float:
    """Mean share of the claim's character n-grams that occur in the evidence (1.0 = every one)."""
    c, e = ngram_text(claim), ngram_text(evidence)
    ratios = []
    for n in sizes:
        grams = ngrams(c, n)
        if grams:
            ratios.append(len(grams & ngrams(e, n)) / len(grams))
    return sum(ratios) / len(ratios) if ratios else 0.0


DEFAULT_SUPPORT_THRESHOLD = 0.4  # set on eval/datasets/claims_labelled.jsonl by eval.validate_scorer
HARD_FAIL_FACTOR = 0.25  # a claim with a wrong number, entity or polarity keeps only a quarter of its overlap


def judge_support(claim: str, evidence: str, threshold: float = DEFAULT_SUPPORT_THRESHOLD) -> tuple[bool, float, list[str]]:
    """Decide whether `evidence` supports `claim`: numbers, entities and polarity must match, n-grams overlap.

    Shared by the answer guard and the offline faithfulness scorer, so "supported" means one thing.
    """
    if not evidence.strip():
        return False, 0.0, ["no evidence cited"]
    reasons = [f"number not in evidence: {n}" for n in missing_numbers(claim, evidence)]
    reasons += [f"entity not in evidence: {e}" for e in missing_entities(claim, evidence)]
    reasons += [f"polarity differs from evidence: {a}" for a in negation_conflicts(claim, evidence)]
    overlap = ngram_support(claim, evidence)
    hard_fail = bool(reasons)
    if overlap < threshold:
        reasons.append(f"n-gram support {overlap:.2f} below {threshold:.2f}")
    score = overlap * HARD_FAIL_FACTOR if hard_fail else overlap
    return not reasons, round(min(1.0, score), 4), reasons
