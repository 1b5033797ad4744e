"""Read the profile facts one message states: industry, size, stage, region, designations — with their words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

from assistant.industries import IndustryMatch, match_industry
from assistant.patterns import NATIONAL_WE, rx
from assistant.sizing import SizeFacts, extract_size
from assistant.stage import StageEvidence, infer_stage
from assistant.textnorm import nfkc

_PROVINCES = ("北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
              "四川 贵州 云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆").split()
_CITIES = ("苏州 无锡 常州 南京 南通 扬州 泰州 徐州 宿迁 昆山 江阴 张家港 宁波 杭州 温州 台州 绍兴 嘉兴 湖州 金华 "
           "义乌 慈溪 余姚 柯桥 东莞 佛山 深圳 广州 中山 珠海 惠州 江门 汕头 揭阳 厦门 泉州 福州 晋江 青岛 烟台 潍坊 "
           "济南 临沂 淄博 郑州 洛阳 武汉 宜昌 襄阳 长沙 株洲 成都 绵阳 西安 合肥 芜湖 滁州 沈阳 大连 石家庄 保定 "
           "唐山 太原 南昌 赣州 南宁 柳州 贵阳 昆明 兰州 哈尔滨 长春 乌鲁木齐").split()
PLACES = "|".join(sorted(_PROVINCES + _CITIES, key=len, reverse=True))
_REGION = re.compile(
    rf"(?:在|位于|坐标|地处|来自|地址在|厂在|公司在|落户|我们是|我们|咱们)\s*(?P<a>{PLACES})(?:省|市|区|县)?"
    rf"(?P<a2>{PLACES})?"
    rf"|(?P<b>{PLACES})(?:省|市)?(?:这边|这儿|这里|本地|当地|的(?:企业|工厂|厂|公司|老板|一家|一个|小厂|厂子)"
    r"|的(?=[^，。,.]{0,6}(?:厂|站|公司|企业|作坊)))"
)
# English questions spell places in pinyin (the first listed wins a shared spelling: shanxi is 山西, 陕西 is shaanxi);
# a few have their own English names.
EN_PLACES = {"".join(lazy_pinyin(place)): place for place in reversed(_PROVINCES + _CITIES)} | {
    "shaanxi": "陕西", "inner mongolia": "内蒙古", "tibet": "西藏", "xi'an": "西安", "harbin": "哈尔滨",
    "urumqi": "乌鲁木齐", "canton": "广州"}
del EN_PLACES["xian"]  # also an English word; "xi'an" is listed
_REGION_EN = rx(r"\b(?:in|based in|from|located in|a|an)\s+(?P<p>" + "|".join(EN_PLACES) + r")\b")


# Districts and counties the reports name, by the city or province they belong to: a 海曙区 programme is a 宁波 one.
_PLACE_PARTS = {
    "宁波": ("海曙", "鄞州", "北仑", "镇海", "江北", "奉化", "余姚", "慈溪", "象山", "宁海"),
    "上海": ("临港", "松江", "浦东", "嘉定", "闵行", "宝山", "金山", "青浦", "奉贤", "张江"),
    "绍兴": ("柯桥", "上虞", "诸暨"), "苏州": ("昆山", "张家港", "常熟", "太仓", "吴江"),
    "重庆": ("梁平",), "成都": ("蒲江",), "无锡": ("江阴", "宜兴"), "佛山": ("顺德", "南海"),
}


def place_covered(place: str, text: str) -> bool:
    """The text speaks of the place: by name, or by one of its districts ("海曙区" for 宁波)."""
    return place in text or any(part in text for part in _PLACE_PARTS.get(place, ()))


def places_named(text: str) -> list[str]:
    """Provinces and cities a question names (English names as the reports write them), once each, in order."""
    found = re.findall(PLACES, nfkc(text))
    found += [zh for en, zh in EN_PLACES.items() if re.search(rf"\b{en}\b", text, re.IGNORECASE)]
    return list(dict.fromkeys(found))


_DESIGNATIONS = (("专精特新“小巨人”", r"小巨人"), ("专精特新", r"专精特新"), ("高新技术企业", r"高新技术企业|高新企业"),
                 ("规模以上企业", r"规上|规模以上"))
_FIRST_PERSON = rx(r"我们|我厂|我司|我家|我这|我们这|咱们|咱|本厂|本公司|厂里|我公司|自家|我是|我就是"
                           r"|\bwe\b|\bour\b|\bmy\b|\bi run\b|\bi own\b|\bi'm\b|\bi am\b")
_CORRECTION = rx(r"其实|不对|更正|纠正|说错|准确(?:地)?说|应该是|实际上|修正|改一下|刚才说的不对"
                         r"|\bactually\b|\bcorrection\b|\bsorry\b|\bi meant\b")


@dataclass
class MessageFacts:
    """Everything one message says about the company, before it is merged into the profile."""

    industry: IndustryMatch | None = None
    size: SizeFacts = field(default_factory=SizeFacts)
    stage: StageEvidence = field(default_factory=StageEvidence)
    region: str | None = None
    region_words: str = ""
    designations: list[str] = field(default_factory=list)
    first_person: bool = False
    correction: bool = False

    @property
    def about_company(self) -> bool:
        """Say whether the message describes a company (numbers, systems, place), not only names an industry."""
        s = self.size
        return bool(self.first_person or s.employees or s.revenue_wan or s.size_word or self.stage.systems
                    or self.region)

    @property
    def any(self) -> bool:
        s = self.size
        return bool(self.industry or s.employees or s.revenue_wan or s.size_word or self.stage.level
                    or self.stage.systems or self.region or self.designations)


def read_facts(message: str) -> MessageFacts:
    """Extract the facts a message states about the user's own company."""
    norm = nfkc(message).lower()
    facts = MessageFacts(
        industry=match_industry(message),
        size=extract_size(message),
        stage=infer_stage(message),
        first_person=bool(_FIRST_PERSON.search(NATIONAL_WE.sub("", norm))),
        correction=bool(_CORRECTION.search(norm)),
    )
    m = _REGION.search(norm)
    if m:
        region = (m.group("a") or "") + (m.group("a2") or "") or m.group("b")
        facts.region, facts.region_words = region, m.group(0)
    else:
        m = _REGION_EN.search(norm)
        if m:
            facts.region, facts.region_words = EN_PLACES[m.group("p")], m.group(0)
    for label, pattern in _DESIGNATIONS:
        if rx(pattern).search(norm) and not (label == "专精特新" and "专精特新“小巨人”" in facts.designations):
            facts.designations.append(label)
    return facts


def is_first_person(message: str) -> bool:
    """Say whether a message talks about the user's own company."""
    return bool(_FIRST_PERSON.search(NATIONAL_WE.sub("", nfkc(message).lower())))
