"""English names for the profile's Chinese labels, so an English answer does not open with 汽车零部件 · 小型.

The profile keeps the reports' Chinese terms (they steer retrieval); only what an English reader is shown is
translated. The Chinese term follows in brackets where it is a report's own section name the quotes will use.
"""

from __future__ import annotations

import re
import string

from assistant.facts import EN_PLACES, PLACES
from assistant.industries import NOT_MANUFACTURING
from assistant.stage import STAGES

_INDUSTRIES = {
    "金属加工": "metal processing", "水泥石膏": "cement and gypsum", "纺织印染": "textile dyeing and printing",
    "印刷电路板": "printed circuit boards", "汽车零部件": "auto parts", "航空航天零部件": "aerospace parts",
    "成衣服装": "apparel", "消费电子": "consumer electronics", "日用化工": "daily-use chemicals",
    "压缩机、泵、阀等设备制造": "compressors, pumps and valves", "汽车制造业": "automotive manufacturing",
    "医药制造业": "pharmaceutical manufacturing", "通用设备制造业": "general equipment manufacturing",
    "皮革毛皮羽毛制品": "leather, fur and feather products", "造纸和印刷": "paper and printing",
    "木材加工和家具": "wood processing and furniture", "食品制造": "food manufacturing",
    "运输设备制造": "transport equipment", "电气机械和器材": "electrical machinery",
    "化学原料和化学制品": "chemicals", "计算机、通信和其他电子设备": "computers, communications and electronics",
    "专用设备制造": "special-purpose equipment", "非金属矿物制品": "non-metallic mineral products",
    "仪器仪表": "instruments", "金属冶炼和压延加工": "metal smelting and rolling",
    "石油煤炭燃料加工": "petroleum and coal processing", "橡胶和塑料制品": "rubber and plastics",
    "餐饮": "catering", "零售": "retail", "贸易": "trading", "物流": "logistics",
    "软件和信息服务": "software and IT services", "建筑装修": "construction", "农业": "agriculture",
    "生活服务": "consumer services",
}
_SIZES = {"大型": "large", "中型": "medium-sized", "小型": "small", "微型": "micro"}
_STAGES = {st.name: st.name_en for st in STAGES}
_GROUPS = {"劳动密集型": "labour-intensive", "资本密集型": "capital-intensive", "技术密集型": "technology-intensive"}


def in_english(label: str) -> str:
    """The English name of an industry, size class, stage or industry group, with the Chinese term in brackets;
    a label we have no name for (an industry in the user's own words) is returned as it is."""
    for table in (_INDUSTRIES, _SIZES, _STAGES, _GROUPS):
        if label in table:
            return f"{table[label]} ({label})"
    outside = label.removesuffix(NOT_MANUFACTURING)
    if outside != label and outside in _INDUSTRIES:  # "餐饮（非制造业）"
        return f"{_INDUSTRIES[outside]} ({outside}, not manufacturing)"
    return label


_PLACE_NAMES = {zh: en for en, zh in reversed(list(EN_PLACES.items()))}  # the first spelling listed wins


def place_in_english(place: str) -> str:
    """A place as English text writes it: "宁波海曙" → "Haishu, Ningbo", "江苏" → "Jiangsu"."""
    parts = re.findall(PLACES, place)
    if not parts or "".join(parts) != place:
        return place
    return ", ".join(_romanised(p) for p in reversed(parts))


def _romanised(place: str) -> str:
    if place in _PLACE_NAMES:
        return string.capwords(_PLACE_NAMES[place])
    from pypinyin import lazy_pinyin  # only English answers naming a district need it (~0.4 s to import)

    return "".join(lazy_pinyin(place)).title()
