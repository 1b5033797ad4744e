"""Digital stage: the 2024 report's four stages, inferred from the systems a user mentions or a short self-check.

Grounding (002 = 专精特新中小企业数字化转型报告（2024年）):
- 三、(一) 特征1: stages 基础信息化 → 应用数字化 → 全面系统化 → 智慧生态化, needs 简易速赢 / 上云深入 / 打通集成 / 智能互联.
- 特征4 and the 转型路径 tables of the three industry chapters: the national evaluation's levels 一级（初始级）,
  二级（规范级）, 三级（集成级）, 四级（协同级）; the tables describe level 1 with Excel/云存储, level 2 with
  轻量化MES and systems managing the process, level 3 with MES+集成平台 and data shared across systems, level 4 with
  AI and 互联互通. Aligning stage N with level N is our own reading: the reports give no scoring rules, so neither do we.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.patterns import AB
from assistant.textnorm import nfkc


@dataclass(frozen=True)
class Stage:
    level: int
    name: str
    need: str
    eval_level: str
    name_en: str


STAGES: tuple[Stage, ...] = (
    Stage(1, "基础信息化", "简易速赢", "一级（初始级）", "basic informatisation"),
    Stage(2, "应用数字化", "上云深入", "二级（规范级）", "applied digitalisation"),
    Stage(3, "全面系统化", "打通集成", "三级（集成级）", "full systematisation"),
    Stage(4, "智慧生态化", "智能互联", "四级（协同级）", "smart ecosystem"),
)
STAGE_SECTIONS = (("002_82f8ca8554db744f.txt", "呈现四个转型特征"), ("002_82f8ca8554db744f.txt", "转型路径"))

# (canonical name, pattern, level); level-1 patterns that already carry a negation ("没有系统") skip the check.
_SYSTEMS: tuple[tuple[str, str, int], ...] = (
    ("Excel", r"excel|电子表格|表格|wps|spreadsheet", 1),
    ("纸质单据", r"\bpaper\b|\bby hand\b|\bmanual(?:ly)?\b|\bwhiteboard\b", 1),
    ("纸质单据", r"纸质|纸笔|纸面|手写|手抄|本子|记账本|白板|手工|人工记录|靠人记|单据", 1),
    ("微信群", r"微信群|微信派单", 1),
    ("无系统", r"没有(?:任何)?系统|没系统|没上(?:过)?系统|啥系统都没|什么系统都没|没用(?:什么)?软件|啥软件都没"
               r"|啥也没有|什么也没有|啥都没有|什么都没有|啥都没上|什么都没上", 1),
    ("财务软件", r"财务软件|记账软件", 1),
    ("ERP", r"\berp\b|用友|金蝶|u8|k3|管家婆|sap\b|进销存", 2),
    ("MES", r"\bmes\b|制造执行", 2),
    ("OA", r"\boa\b|钉钉|企业微信|飞书", 2),
    ("WMS", r"\bwms\b|仓库管理系统|仓储系统", 2),
    ("CRM", r"\bcrm\b|客户管理系统", 2),
    ("SRM", r"\bsrm\b", 2),
    ("PLM/PDM", r"\bplm\b|\bpdm\b", 2),
    ("APS", r"\baps\b|排产软件|排产系统", 2),
    ("QMS", r"\bqms\b|质量管理系统", 2),
    ("SCADA/DNC", r"\bscada\b|\bdnc\b|设备联网|数采|数据采集", 2),
    ("云服务", r"上云|云平台|云服务|云上|saas|云端|\bcloud\b", 2),
    ("条码/扫码", r"扫码|条码|二维码|rfid", 2),
    ("管理系统", r"(?:管理|业务|生产)系统|信息系统|软件系统|\bsystems?\b|\bsoftware\b", 2),
    ("系统集成", r"打通|集成|互通|互联互通|对接|数据共享|一体化|贯通|连起来|连通|无缝|integrat|connected", 3),
    ("AI/数据驱动", r"数据驱动|\bai\b|人工智能|大模型|机器学习|算法模型|预测模型|智能决策|智能排产|预测性维护"
                   r"|数字孪生|data-driven|machine learning", 4),
    ("平台生态", r"平台生态|生态圈|产业生态|上下游协同|产业链协同|供应链协同|上下游(?:数据)?(?:打通|互联)", 4),
)
# "啥也没有全靠手工": a negation with 靠 after it ends its own clause and does not deny what is relied on
_NEG = re.compile(r"(没有|没|未|不|无|尚未|还没|缺少|缺乏|不再|告别)(?:(?!靠)[^，。,.;；！？?]){0,3}$")
_NEG_AFTER = re.compile(r"^[还都也暂时尚]{0,2}(没有|没上|没用|没|不用|未)|^[^，。,.;；]{0,8}(?:停了|停用|弃用|不用了|没再用|放弃了)")
# Without a 我们 in the message, a system counts as the firm's only with a word of having or using it nearby
# ("有erp了", "ERP上了两年"): "上云有啥补贴政策" and "用友还是金蝶好" mention systems, they do not report them.
_OWN = re.compile(r"我们|我厂|我司|我家|咱们|咱|本厂|本公司|厂里|我公司|我这|自家|\bwe\b|\bour\b|\bi\b")
_IN_USE = re.compile(r"有(?!啥|什么|没有|哪|多少)|用(?!友)|上了|上过|上线|投用|运行|跑起来|打通|连通|集成|对接了|装了|买了|跑着|在跑|使用|部署|引入|实施|接入|已经|已|都在|靠|\b(?:use|using|have|run)")
_LIST_GAP = re.compile(r"(?:[\s、,，/和与及跟]|\bor\b|\band\b|还是)*")  # "ERP or MES?" shares its ask
_DONE = re.compile(r"(?:都|已|已经|早就)\||\|了")  # "MES和ERP都打通了": integration is reported done
_FINANCE_ONLY = re.compile(r"财务[^，。,.;；]{0,3}$")
# Wanted, asked about, heard of or sold to others ("给工厂做MES"): not a system the firm runs
_WANT = re.compile(r"(想|打算|准备|计划|考虑|要不要|该不该|需不需要|是否|能否|能不能|可不可以|值不值|下一步|接下来|"
                   r"(?:要|让|逼)(?:我们|咱们|我)|如何|怎么|怎样|哪个|哪家|选|推荐|需要|"
                   r"要上|想上|上个|上一个|上套|上一套|要求|规划|希望|适合|有没有|哪些|什么样的|听说|据说|都说|说回|聊聊|说说|谈谈|讲讲|"
                   r"给[^，。,.]{0,6}(?:做|开发|实施|提供|卖)|"
                   r"should|whether|want|plan|thinking of|how to|which|heard)[^，。,.;；！？?]{0,10}$")
# English puts the asking verb further back than 14 characters ("Should we implement MES first or ERP?")
_WANT_EN = re.compile(r"\b(?:should|shall|could|would|can|must|needs?|want(?:s)? to|plan(?:s|ning)? to|"
                      r"going to|thinking (?:of|about)|consider(?:ing)?|looking (?:at|into)|worth|whether|recommend|"
                      r"evaluat(?:e|ing)|choose|pick|start with|go for|introduce|implement|adopt|deploy|install|buy|"
                      r"get|add)\b[^,.;!?]{0,24}$")
_ASKS_AT_END = re.compile(r"(?:吗|嘛|么|呢|你觉得呢|你看呢|[?？])\s*$|^呢")
_ASK_AFTER_EN = re.compile(r"^[^,.;]{0,12}\b(?:first|or|vs\.?|versus|worth|next)\b")
_ASK_AFTER = re.compile(r"^[^，。,.;；]{0,12}(还是|要不要|该不该|能不能|值不值|有必要|划算|怎么样|咋样|行不行|"
                        r"好[吗呢啊]?(?:[?？]|$)|怎么|如何|好不好|有必要|值不值|要多少|多少钱|选哪|哪家|哪个|靠谱|区别|对比|"
                        r"比较|是什么|是啥|什么意思|干啥|做啥|干什么|有什么用|有啥用|能帮|很火|挺火|火了|多久|多长时间|吗|[?？])")
_FINANCE_AFTER = re.compile(r"^[^，。,.;；]{0,5}(?:财务|记账|会计|做账|报税|算账)")
_NOT_CONNECTED = re.compile(r"(没|未|不|没有|还没|无法|不能)[^，。,.]{0,3}(打通|集成|互通|对接|连通|共享)|数据孤岛|信息孤岛"
                            r"|各管各|各用各|不通|not (?:yet )?(?:integrated|connected)|silo")
_STATED_NAME = re.compile(r"(基础信息化|应用数字化|全面系统化|智慧生态化|初始级|规范级|集成级|协同级)")
_STATED_LEVEL = re.compile(r"(?:评测|评估|测评|等级|水平|我们|我厂|目前|现在)[^，。?？]{0,8}?(?<![升到上])([1-4一二三四])\s*级")
_CN_LEVEL = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_LEVEL_DIGIT = re.compile(r"([1-4一二三四])\s*级")
_NAME_LEVEL = {"基础信息化": 1, "应用数字化": 2, "全面系统化": 3, "智慧生态化": 4,
               "初始级": 1, "规范级": 2, "集成级": 3, "协同级": 4}


@dataclass
class StageEvidence:
    """What one message says about the stage: the level, the words, the rule, systems in use and wanted."""

    level: int | None = None
    words: list[str] = field(default_factory=list)
    rule: str = ""
    stated: bool = False
    systems: list[str] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)


def level_named(text: str) -> int | None:
    """The level a phrase names: a stage or evaluation-level name ("全面系统化", "集成级") or a number ("三级")."""
    name = next((level for name, level in _NAME_LEVEL.items() if name in text), None)
    if name is not None:
        return name
    digit = _LEVEL_DIGIT.search(text)
    return _CN_LEVEL[digit.group(1)] if digit else None


def stage_by_level(level: int) -> Stage:
    """Return the stage at a level (1–4)."""
    return STAGES[max(1, min(4, level)) - 1]


def stage_by_name(name: str) -> Stage | None:
    """Find a stage by its name, need, evaluation level name or number ("应用数字化", "2", "规范级")."""
    norm = nfkc(name).strip()
    for st in STAGES:
        if norm in (st.name, st.need, st.eval_level, str(st.level), st.name_en) or norm in st.eval_level:
            return st
    return None


# A system the firm calls its own, whatever it asks next of it
_POSSESSIVE = re.compile(r"(?:\bour|\bmy|我们的|我们现在的|我们现有的|我们用的|我们那套|厂里的|我司的|咱们的)\s*"
                         r"(?:old |current |existing |legacy |老的?|旧的?|现有的?)?\s*$")


def infer_stage(text: str) -> StageEvidence:
    """Infer the stage from systems mentioned; a stage or evaluation level the user names counts as stated."""
    shown = nfkc(text)
    norm = shown.lower()  # same length, so spans found in `norm` cut the user's own spelling out of `shown`
    ev = _stated_stage(norm)
    if ev is not None:
        return ev
    ev = StageEvidence()
    own = bool(_OWN.search(norm))
    levels: list[int] = []
    negated: list[str] = []
    found = [(name, level, m) for name, pattern, level in _SYSTEMS
             for m in re.finditer(pattern.replace(r"\b", AB), norm)]
    starts = sorted(m.start() for _, _, m in found)
    for name, level, m in found:
        # the words after a system up to the next one are about it ("有erp了 mes要不要上": the question is MES's)
        stop = next((st for st in starts if st >= m.end()), len(norm))
        before, after = norm[max(0, m.start() - 14): m.start()], norm[m.end(): m.end() + 14]
        # a list shares its verb ("ERP、MES都在用", "AI大模型对我们有用吗"); past anything else, the words after
        # the next system are about it ("有erp了 mes要不要上")
        own_words = after if _LIST_GAP.fullmatch(norm[m.end():stop]) else after[:stop - m.end()]
        used = own or _IN_USE.search(before[-8:] + "|" + after[:8]) or (level == 3 and _DONE.search(before + "|" + after[:2]))
        # the clause after it, up to the next system or the end of the sentence, asks ("数字孪生呢 听起来很高大上
        # 我们用得上吗"): a system asked about
        clause = re.split(r"[，,。.！!；;]", norm[m.end():stop], maxsplit=1)[0]
        wanted = _WANT.search(before) or _ASK_AFTER.search(own_words) or _ASKS_AT_END.search(clause) or (
            _WANT_EN.search(norm[max(0, m.start() - 40): m.start()]) or _ASK_AFTER_EN.search(own_words))
        if _POSSESSIVE.search(before):  # "move our MES to the cloud", "我们现在的ERP要不要换": theirs already
            used, wanted = True, None
        if level > 1 and (wanted or not used):
            _add(ev.wanted, name)
            continue
        if name != "无系统" and (_NEG.search(before) or _NEG_AFTER.search(after)):
            if level > 1:  # "没有ERP也没有MES": none of the systems of a later stage
                negated.append(shown[m.start():m.end()])
            continue
        if name == "ERP" and (_FINANCE_ONLY.search(before) or _FINANCE_AFTER.search(after)):
            name, level = "财务软件", 1  # "财务用了用友", "金蝶财务软件": bookkeeping only, not an ERP
        if level == 3 and _NOT_CONNECTED.search(norm):
            continue
        _add(ev.systems, name)
        _add(ev.words, shown[m.start():m.end()])
        levels.append(level)
    broken = _NOT_CONNECTED.search(norm)
    if broken:
        _add(ev.words, broken.group(0))
        levels = [min(lv, 2) for lv in levels] + [2]
    if not levels and negated and not ev.wanted:
        ev.words, levels = [f"没有{'、'.join(negated)}"], [1]
    if levels:
        ev.level = max(levels)
        ev.rule = _rule(ev.level, bool(broken))
    return ev


def _rule(level: int, broken: bool) -> str:
    if broken:
        return "已有系统但数据未打通 → 应用数字化（对应二级·规范级的描述）"
    return {
        1: "纸质/Excel/手工为主 → 基础信息化（路径指引中一级·初始级的描述）",
        2: "在用 ERP/MES/OA 等系统或已上云 → 应用数字化（对应二级·规范级的描述）",
        3: "系统之间已打通集成 → 全面系统化（对应三级·集成级的描述）",
        4: "数据驱动/人工智能/上下游协同 → 智慧生态化（对应四级·协同级的描述）",
    }[level]


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _stated_stage(norm: str) -> StageEvidence | None:
    if re.search(r"(什么是|是什么|指什么|哪[几些]|几个阶段|有什么区别|what is|what are)", norm):
        return None
    # a level aimed at or asked about ("达到协同级要做什么", "我们算集成级吗") is not the firm's own
    if re.search(r"(?<!已经)(?<!已)达到|升到|迈向|跃升|算[^，。,.]{0,6}吗|是不是[^，。,.]{0,6}级|要做什么|怎么(?:达到|升|到)"
                 r"|\b(?:reach|get to|move up to)\b", norm):
        return None
    m = _STATED_NAME.search(norm)
    level = _NAME_LEVEL[m.group(1)] if m else None
    if m is None:
        m = _STATED_LEVEL.search(norm)
        level = _CN_LEVEL[m.group(1)] if m else None
    if m is None or level is None:
        return None
    return StageEvidence(level, [m.group(0)], "用户自述阶段/评测等级", stated=True)


# A 4-question self-check, cumulative like the reports' ladder; our own framing, not the official evaluation.
SELF_CHECK: tuple[tuple[str, str], ...] = (
    ("除了纸质和 Excel，是否已在用 ERP、MES、进销存、OA 等管理软件（含云上 SaaS）？",
     "Besides paper and Excel, do you use management software such as ERP, MES or OA (cloud SaaS counts)?"),
    ("关键生产或经营数据，是否能在系统里实时看到，而不是月底汇总？",
     "Can you see key production or business data in a system in real time, not only at month end?"),
    ("各个系统之间数据是否基本打通（订单、生产、仓储、财务不用手工来回导）？",
     "Are your systems mostly connected (orders, production, stock and finance flow without manual re-entry)?"),
    ("是否已用数据分析或人工智能辅助排产、质检、预测，或和上下游在线协同？",
     "Do you use data analytics or AI for scheduling, quality or forecasting, or collaborate online with "
     "suppliers and customers?"),
)
_YES_NO = re.compile(r"没有|不是|不能|不会|不太|没|否|不|无|no|×|✗|是的|是|有|对|能|会|yes|√|✓")
_NO_TOKENS = ("没有", "不是", "不能", "不会", "不太", "没", "否", "不", "无", "no", "×", "✗")


def self_check_text(lang: str = "zh") -> str:
    """Return the self-check as one message the user can answer in a line."""
    idx = 1 if lang == "en" else 0
    lines = [f"{i}. {q[idx]}" for i, q in enumerate(SELF_CHECK, 1)]
    if lang == "en":
        return "A quick self-check (answer e.g. “yes no no no”):\n" + "\n".join(lines)
    return "做个 1 分钟小自测吧（按顺序回答，如“是 否 否 否”）：\n" + "\n".join(lines)


def parse_self_check(text: str) -> list[bool]:
    """Read yes/no answers in order from a reply like "是 否 否 否" or "1有 2没有 3没 4没"."""
    norm = nfkc(text).lower()
    return [tok not in _NO_TOKENS for tok in (m.group(0) for m in _YES_NO.finditer(norm))][: len(SELF_CHECK)]


def score_self_check(answers: list[bool]) -> int | None:
    """Place the answers on the four-stage ladder: the highest rung reached without a gap below it."""
    if len(answers) < 3:
        return None
    padded = answers + [False] * (len(SELF_CHECK) - len(answers))
    has_systems, realtime, connected, smart = padded
    if not has_systems and not realtime:
        return 1
    if not connected:
        return 2
    return 4 if smart else 3
