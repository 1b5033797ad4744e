"""The districts and counties the documents themselves name ("无锡市惠山区" → 惠山), beside the hand-kept place list.

A helpdesk uploads notices from wherever its firms are, and no list of places holds every 区 and 县. Read from the
documents, "惠山买工业软件能补多少" names a place: 北仑's notice, which never mentions 惠山, does not answer it,
however many of its other words it shares, and 惠山's own notice does even where the passage at hand omits the name.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache

from assistant.facts import places_named
from assistant.textnorm import nfkc

_NAME = r"[\u4e00-\u9fff]{2}"
# a district or county written after its city or province ("无锡市惠山区", "浙江省长兴县")
_AFTER_CITY = re.compile(rf"(?<=[省市州])(?P<name>{_NAME})(?:新区|区|县)")
# a title opening with the district that issues it ("惠山区工业企业…指南", "丽水市…通知")
_TITLE_OPENING = re.compile(rf"^(?P<name>{_NAME})(?:新区|区|县|市)")
# what reads as a place name by shape but is an area of another kind ("苏州市行政区域", "全市各区县", "市开发区")
_NOT_PLACES = frozenset(
    "行政 开发 高新 示范 功能 试验 保税 经济 工业 产业 集聚 风景 自贸 所辖 全市 中心 城市 老城 新城 主城 核心 重点 "
    "直辖 各区 各县 市区 城区 辖区 片区 园区 社区 地区 街区 景区 郊区 山区 本区 全区 全县 我区 我县 本县 该区 该县 "
    "区县 县区 县级 区级 市级 省级 所在 管辖 农村 乡村 城乡 市场 市直 各市 全省 本市 我市 该市".split())


_LATIN_WORD = re.compile(r"[A-Za-z]{4}")


@lru_cache(maxsize=1024)
def _pinyin(place: str) -> str:
    from pypinyin import lazy_pinyin  # only English questions need it (~0.4 s to import)

    return "".join(lazy_pinyin(place)).lower()


def places_of(title: str, texts: Iterable[str]) -> frozenset[str]:
    """The districts, counties and cities a document names by their administrative title."""
    found = {m.group("name") for text in (title, *texts) for m in _AFTER_CITY.finditer(nfkc(text))}
    opening = _TITLE_OPENING.match(nfkc(title).strip())
    if opening:
        found.add(opening.group("name"))
    return frozenset(found - _NOT_PLACES)


_OPENING = 200  # a notice says whose it is in its title or first sentence ("为推动无锡市惠山区工业企业…")
_CITY_AND_DISTRICT = re.compile(rf"(?P<city>{_NAME})市(?P<name>{_NAME})(?:新区|区|县)")


def home_of(title: str, opening: str) -> frozenset[str]:
    """The districts a document is the notice of, by its title and opening ("无锡惠山" for "为推动无锡市惠山区…"), each
    with its city where the document writes it; a report naming a district deep in its text is no district's."""
    head = nfkc(f"{title}\n{opening[:_OPENING]}")
    cities = {m.group("name"): m.group("city") for m in _CITY_AND_DISTRICT.finditer(head)}
    return frozenset(f"{cities.get(place, '')}{place}" for place in places_of(title, [opening[:_OPENING]]))


def homes_by_document(parts: Iterable[tuple[str, str, int, str]]) -> dict[str, frozenset[str]]:
    """Each document's own districts (`home_of`), from its (doc id, title, start, passage text) parts."""
    first: dict[str, tuple[int, str, str]] = {}
    for doc, title, start, text in parts:
        if doc not in first or start < first[doc][0]:
            first[doc] = (start, title, text)
    return {doc: home for doc, (_, title, text) in first.items() if (home := home_of(title, text))}


def places_by_document(parts: Iterable[tuple[str, str, str]]) -> dict[str, frozenset[str]]:
    """Each document's own places, from its (doc id, title, passage text) parts."""
    titles: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    for doc, title, text in parts:
        titles.setdefault(doc, title)
        texts.setdefault(doc, []).append(text)
    return {doc: places_of(titles[doc], texts[doc]) for doc in titles}


def places_asked(question: str, local: Mapping[str, Collection[str]]) -> list[str]:
    """The places a question names: those of the hand-kept list, and the districts the documents name, in Chinese
    or, in an English question, in pinyin ("Can a factory in Nanhai apply…" → 南海)."""
    known = places_named(question)
    text = nfkc(question)
    named = {place for places in local.values() for place in places if place in text}
    if _LATIN_WORD.search(text):
        lowered = text.lower()
        named |= {place for places in local.values() for place in places
                  if re.search(rf"\b{_pinyin(place)}\b", lowered)}
    # a derived name inside a listed one ("北仑" of "宁波北仑") adds nothing
    return list(dict.fromkeys([*known, *sorted(p for p in named if not any(p in k for k in known))]))
