"""What a quoted sentence is: support a firm can apply for (national, local, foreign, or only proposed), something a
firm can do, a firm's own case, or a row of the reports' level tables."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from assistant.facts import places_named
from assistant.industries import BY_KEY, INDUSTRIES, Industry, match_industry
from assistant.passages import Passage
from assistant.sentences import ScoredSentence
from assistant.stage import level_named
from assistant.support import company_names

# Words of support an SME can apply for; bare "资金" or "金融" also mark sentences about waste or markets.
POLICY = re.compile(r"政策|补贴|补助|奖补|奖励|资助|试点|专项|资金支持|资金补助|贷款|贷|贴息|财政|税收|减税|免税|税费|退税|抵税|税前"
                    r"|加计扣除|券|基金|扶持|政府|主管部门|工信|融资|风险资本|天使|行动计划|行动纲要|出台")  # not 税 alone: 税务装 is a uniform
# A complaint about support, not support ("上海的金融资本相对保守，…政府支持性基金…融资条件更为苛刻"): firms'
# grievances and a paper's list of bottlenecks name funds and policies without offering any
_SUPPORT_GRIEVANCE = re.compile(r"反映|相对保守|苛刻|融资难|融资贵|不够|瓶颈|短板")


def offers_support(text: str) -> bool:
    """The sentence speaks of support a firm could look for, not of firms' complaints about it."""
    return bool(POLICY.search(text)) and not _SUPPORT_GRIEVANCE.search(text)


DOMESTIC = re.compile(r"我国|国内|国家|工业和信息化部|工信部|国务院|试点城市|省|市|县|区")
FOREIGN = re.compile(r"美国|欧洲|欧盟|日本|德国|韩国|英国|法国|新加坡|西班牙|意大利|联邦|各国|主要国家|发达国家")
CASE_SECTION = re.compile(r"案例|专栏|实践|场景")
PLACE = re.compile(r"[\u4e00-\u9fff]{2,}(?:(?<![一二三四五六七八九十])市(?!场)|县(?!域)|(?<![集业地社辖郊能范点])区(?![域别分间])|高新区|园区)")
# Top-level sections where a report recommends rather than describes (对策建议, 突破路径, 展望).
PROPOSAL_SECTION = re.compile(r"对策|建议|突破路径|展望")
# A district or county running its own scheme ("海曙区出台…"); not 试点城市, 地区, 园区.
_LOCAL_SCHEME = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:(?<![地社园城辖郊])区|县(?!域))"
                           r"|(?:^|[，。；、])[\u4e00-\u9fff]{2,3}(?:(?<!城)市|(?<![地社园城辖郊])区|县(?!域))"
                           r"(?=出台|推出|设立|发布|印发|对|实施|开展|建设|打造|探索|通过|围绕|联合|以|在|将)")
# (laws, rules and the "soft environment" are a government's to-do too: "加强对…信息滥用…的惩罚力度")
_GOVERNMENT = re.compile(r"支持|鼓励|引导|加大|政府|财政|出台|完善.{0,6}(?:政策|机制|体系|制度)|健全|法律|法规|立法|监管"
                         r"|惩罚|处罚|软环境|氛围")
# A row of the level tables ("生产制造·三级（集成级）…") or what firms at one stage want ("在全面系统化阶段，诉求是…")
_LEVEL_ROW = re.compile(r"·\s*[一二三四1-4]级|（(?:初始|规范|集成|协同)级）|在(?:基础信息化|应用数字化|全面系统化|智慧生态化)阶段")


def proposed(p: Passage) -> bool:
    """The passage sits in a part of a report that recommends rather than describes."""
    return bool(PROPOSAL_SECTION.search(p.section.split(" > ")[0]))


def a_proposal(p: Passage, text: str) -> bool:
    """What a report asks government to do ("加大财政支持…"), in a part that recommends: no policy in force."""
    return proposed(p) and bool(_GOVERNMENT.search(text) or POLICY.search(text))


def policy_kind(p: Passage, text: str, home: Collection[str] = ()) -> str:
    """"proposal" (a report's recommendation), "foreign", "local" (one district's scheme) or "national". `home`: the
    districts whose notice the passage's document is (惠山's 奖补指南 is 惠山's where its lines name no place)."""
    if proposed(p):
        return "proposal"
    if FOREIGN.search(text) and not DOMESTIC.search(text):
        return "foreign"
    # a notice or paper whose title names its place ("宁波市…补助申报通知") speaks of that place's schemes
    return "local" if home or _LOCAL_SCHEME.search(text) or places_named(text) or places_named(p.title) else "national"


# "造纸和纸制品业、印刷和记录媒介复制业；": a list of sectors, saying nothing to do
_SECTOR_LIST = re.compile(r"^[\u4e00-\u9fff、，和及]+业[；;。，]?$")


# A survey's vendor ranking ("企业资源计划（ERP）厂家依次为：金蝶、用友…"): which vendors firms use, not what to do
VENDOR_RANKING = re.compile(r"厂家依次为|厂商依次为|供应商依次为")


def for_the_firm(s: ScoredSentence, p: Passage) -> bool:
    """Something a firm can do, not a support programme, a vendor ranking nor what a paper asks government to do."""
    text = s.sentence.text
    return not POLICY.search(text) and not _SECTOR_LIST.match(text) and not VENDOR_RANKING.search(text) and not (
        proposed(p) and _GOVERNMENT.search(text))


def fits_stage(text: str, stage: int | None) -> bool:
    """A row of the reports' level tables ("生产制造·三级（集成级）…") only for a firm at or next to that level."""
    row = _LEVEL_ROW.search(text)
    if row is None or stage is None:
        return True
    level = level_named(row.group(0))
    return level is None or abs(level - stage) <= 1


def is_case(s: ScoredSentence, p: Passage) -> bool:
    """A firm's or a place's own story: not a programme (NAIRR, a financing scheme), a table row or a bare label."""
    text = s.sentence.text
    if POLICY.search(text) or _LEVEL_ROW.search(text) or len(text) < 20:
        return False
    if proposed(p) and _GOVERNMENT.search(text):  # "引导社会资本投入，成立大数据经纪公司": a proposal, not a firm's story
        return False
    return bool(company_names(text)) or bool(CASE_SECTION.search(p.section) and PLACE.search(text))


# Trades close enough that one's scenarios and cases serve the other (a machining shop learns from a pump maker's
# vision inspection, not from a pharma plant's batch records)
_FAMILIES = (frozenset({"metal_processing", "general_equipment", "pumps_valves", "auto_parts", "automotive",
                        "aerospace_parts", "special_equipment", "transport_equipment", "electrical"}),
             frozenset({"pcb", "consumer_electronics", "computer_electronics"}), frozenset({"textile_dyeing", "apparel"}),
             frozenset({"cement_gypsum", "nonmetal_minerals"}), frozenset({"chemicals", "daily_chemicals"}))
# "广州某生物科技有限公司主要从事化妆品等代加工生产": the trade a case's firm is in
_FIRM_TRADE = re.compile(r"(?:公司|企业|工厂|厂)(?:主要)?(?:从事|生产|专注于?|是一家)([^，。；]{2,30})")


def another_industrys(s: ScoredSentence, p: Passage, own: Industry | None, systems: frozenset[str] = frozenset()) -> bool:
    """The sentence tells of a firm in another trade, or sits in a section the reports wrote for another industry
    without naming a system the user asked about (a pharma MES case is no scenario for a mould maker; the generic
    "部署MES…" line of the pump section is). Industries sharing a section count as one."""
    if own is None:
        return False
    related = _related(own.key)
    text = s.sentence.text
    firm = _FIRM_TRADE.search(text)
    found = match_industry(firm.group(1)) if firm else None
    if found is not None and found.key != "other":
        return found.key not in related
    if any(system in text.upper() for system in systems):
        named = match_industry(text)  # "为提升精细化工装置…打通MES": still that trade's own story
        return named is not None and named.key != "other" and named.key not in related
    return any(other.key not in related and any(doc == p.doc_id and head in p.section for doc, head in other.sections)
               for other in INDUSTRIES)


@lru_cache(maxsize=64)
def _related(key: str) -> frozenset[str]:
    """The industry and those sharing a report section or a family with it (asked once per sentence weighed)."""
    own = BY_KEY[key]
    shared = {i.key for i in INDUSTRIES if set(i.sections) & set(own.sections)} | {key}
    return frozenset(shared | next((family for family in _FAMILIES if key in family), frozenset()))


def systems_asked(question: str) -> frozenset[str]:
    """The systems a question names by their letters (MES, ERP, WMS)."""
    return frozenset(re.findall(r"[A-Z]{2,5}", question.upper()))
