"""Follow-ups ("那小微企业呢？", "第二条具体怎么做？") rewritten into a standalone query from the history."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.case_asks import bare_peer_ask
from assistant.claims import bullet_body, strip_markers
from assistant.errors import ModelError
from assistant.fine_print import asks_fine_print_alone, kinds_asked, without_ask
from assistant.prompts import load_prompt
from assistant.result import Citation
from assistant.services import ChatMessage, ChatModel
from assistant.swaps import SIZES, without_same_kind
from assistant.textnorm import nfkc

_ORDINAL = re.compile(r"第\s*([一二三四五六七八九十1-9])\s*[条点个项]|(first|second|third|fourth|fifth) (?:one|point|item|bullet)"
                      r"|(?:point|item|bullet|number|no\.)\s*#?([1-9])\b", re.IGNORECASE)
_CN_ORD = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_FILLER = re.compile(r"^(那|那么|那如果|如果是|要是|还有|另外|再问一下|and|what about|how about)\s*|[呢吗呀啊吧？?。!！\s]+$",
                     re.IGNORECASE)
_ANAPHORA = re.compile(r"^(那|那么|还有|另外|如果是|要是)|呢[？?]?$|^[^，,。？?]{1,8}呢[，,]|这个|那个|上面|刚才|前面|具体|展开|详细|第\s*[一二三四五六七八九十1-9]\s*[条点个项]"
                       r"|^(and|what about|how about)|\b(it|that|this one|those)\b"
                       # "in jiangsu?", "for 50 people?": a place or size alone, asking nothing of its own
                       r"|^(?:and |but )?(?:in|for|at) (?!.*\b(?:what|which|how|why|who|when|where|is|are|do|does|did"
                       r"|can|should)\b)[^?？]{1,24}[?？]?$", re.IGNORECASE)


_WHY = re.compile(r"^(?:那|可是|但是?)?\s*(?:为什么|为啥|为何|凭什么|咋说|怎么说|理由是?什么|依据是?什么|有什么依据)"
                  r"|^(?:but\s+)?why\b", re.IGNORECASE)
WHY_RULE = "为什么 → 找上一回答的理由"
MORE_RULE = "还有吗 → 上一问题的其他内容"
PART_RULE = "第N个 → 上一条消息的第N个问题，补充其他内容"
# How the query of a multi-part answer joins its asks ("先上什么系统？ | 有没有补贴？")
ASK_SEPARATOR = " | "
_MORE = re.compile(r"^(?:那|嗯)?\s*(?:然后呢|然后|还有吗|还有呢|还有别的吗|还有没有|还有其他的?吗|详细点|详细说说|详细一点|具体点|具体说说|展开说说|"
                   r"多说点|再说说|就这样|就这些|没了吗|(?:tell me )?more|anything else|go on|any more|anything more"
                   r"|(?:got|have you got|is there) (?:anything|something) (?:else|more)|(?:show me |give me |any )?more"
                   r" (?:cases|examples|case studies)|what else)[？?。!！\s]*$", re.IGNORECASE)
# "有案例吗" / "能举个例子吗" on their own ask for cases of what was just discussed
_BARE_CASES = re.compile(r"^(?:那|那么)?(?:有没有|有|还有)?(?:相关的?|类似的?|具体的?|同行的?)?(?:案例|例子)(?:吗|没|呢|不)?[？?]*$"
                         r"|^(?:那)?(?:能|可以|能不能)?举(?:个|几个|一些)?例子?(?:吗|呢|不)?[？?]*$"
                         r"|^(?:any|some|got any) (?:examples?|cases?|case stud(?:y|ies))\??$|^examples?\??$"
                         r"|^(?:is there|are there|do you have|have you got) (?:a |an |any |some )?(?:real )?"
                         r"(?:examples?|cases?|case stud(?:y|ies))\??$"
                         r"|^(?:can|could) you (?:give|show) (?:me|us) (?:some |any )?(?:examples?|cases?)"
                         r"(?: from the reports?)?\??$", re.IGNORECASE)


# What may follow the why-word in a bare "why" ("为什么要先搞这个呢"): nothing that names a new topic
_WHY_REST = re.compile(r"要|先|得|会|是|这么|这样|这个|那个|这些|这一步|说|搞|做|弄|上|呢|啊|呀|吗|你|推荐|建议|选|排|第一|[？?。！!，,\s]"
                       r"|\b(?:is|that|this|so|first|do|we|should|it|you|recommend)\b", re.IGNORECASE)


# A question with no subject of its own ("要花多少钱", "难不难", "要多久") asks about what was just discussed
_OVERCOME = r"(?:怎么|怎样|如何|咋)(?:破解|解决|应对|克服|突破|改善|避免)"
_BARE_OVERCOME = re.compile(rf"^(?:那|那么)?(?:该)?{_OVERCOME}(?:呢|啊|呀)?[？?。!！]*$")
_BARE_ASK = re.compile(r"^(?:那|那么|这|这个|那个)?(?:该)?(?:咋办|怎么办|咋整|怎么整|咋弄|咋搞|如何是好"
                       rf"|{_OVERCOME})(?:呢|啊|呀)?[？?。!！]*$|"
                       r"^(?:那|这|这个|那个)?(?:大概|大约|一般|通常|得|要)?(?:要|得|需要)?(?:花|投|投入)?(?:多少钱|多少|多久|多长时间)"
                       r"(?:呢|啊|吗)?[？?]*$|^(?:那|这个?)?(?:贵不贵|贵吗|划算吗|划不划算|值不值|值得吗|难不难|难吗|好做吗|靠谱吗|"
                       r"风险大吗|能行吗|有用吗|效果怎么样|效果如何)[？?]*$"
                       r"|^(?:how much|how long|is it worth it|is it expensive|is it hard|does it work)\b[^?]{0,20}\??$"
                       r"|^(?:any |a |is there an? |what'?s the )?(?:cheaper|cheapest|low[- ]cost|less expensive) "
                       r"(?:options?|ways?|routes?|alternatives?|solutions?|approach(?:es)?)\??$",
                       re.IGNORECASE)


def asks_how_to_overcome(message: str) -> bool:
    """"怎么破解", "那如何应对": how to get past what the last answer named; the reports' way out is guidance."""
    return bool(_BARE_OVERCOME.match(nfkc(message).strip()))


def asks_why(message: str) -> bool:
    """"为什么先搞这个" / "why?": the reasons behind the last answer ("为什么中小企业不敢转" is a new question)."""
    text = nfkc(message).strip()
    found = _WHY.search(text)
    return bool(found) and not _WHY_REST.sub("", text[found.end():]).strip()


@dataclass(frozen=True)
class Rewrite:
    query: str
    rewritten: bool
    rule: str


@dataclass(frozen=True)
class PreviousTurn:
    question: str  # the standalone query used last time
    answer: str
    citations: tuple[Citation, ...] = ()
    shown_before: tuple[str, ...] = ()  # quotes of earlier answers to the same query ("还有吗" asked twice)


_EXPAND = re.compile(r"展开说说|展开讲讲|展开|具体说说|具体讲讲|详细说说|详细讲讲|说说|讲讲|具体"
                     r"|\b(?:tell me more about|more about|expand on|elaborate on|explain|the)\b", re.IGNORECASE)


def _gist(bullet: str) -> str:
    """What a quoted bullet is about, short enough to search on and to carry into later follow-ups: its label
    ("产品功能性能仿真测试。沈阳宝龙…" → the label), else its first clause."""
    first = re.split(r"(?<=[。；;])", bullet, maxsplit=1)[0].rstrip("。；;")
    if len(first) <= 24:
        return first
    return re.split(r"[，,]", first, maxsplit=1)[0][:40]


def _ordinal_ask(text: str) -> tuple[int, str] | None:
    """"第二条展开说说" → (2, what else it asks, without the ordinal and the asking-to-expand words)."""
    ordinal = _ORDINAL.search(text)
    if ordinal is None:
        return None
    word = ordinal.group(1) or ordinal.group(3)
    index = (_CN_ORD.get(word) or int(word)) if word else _EN_ORD[ordinal.group(2).lower()]
    return index, _FILLER.sub("", _EXPAND.sub("", _ORDINAL.sub("", text))).strip("，, ")


def _bullets(answer: str) -> list[str]:
    """The items an answer listed, in order, without their citation markers."""
    return [strip_markers(body) for line in answer.splitlines() if (body := bullet_body(line)) is not None]


def needs_previous(message: str) -> bool:
    """"还有吗", "为什么" on their own: they mean something only after an answer."""
    text = nfkc(message).strip()
    return bool(_MORE.search(text)) or (asks_why(text) and len(text) <= 30)


def missing_item(message: str, previous: PreviousTurn | None) -> int | None:
    """"第二条展开说说" when the last answer listed no second item (or there was no answer yet): the item asked for."""
    asked = _ordinal_ask(nfkc(message).strip())
    if asked is None or len(asked[1]) > 4:
        return None
    index = asked[0]
    items = (len(_asks_of(previous)) or len(_bullets(previous.answer))) if previous else 0
    return index if index > items else None


def _asks_of(previous: PreviousTurn) -> list[str]:
    """The separate asks the previous answer answered one by one under numbered headings ([] for a single ask)."""
    return previous.question.split(ASK_SEPARATOR) if ASK_SEPARATOR in previous.question else []


def looks_like_follow_up(message: str) -> bool:
    """Short messages that lean on the previous turn ("那…呢", "第二条", "what about…")."""
    text = nfkc(message).strip()
    return bool(_BARE_CASES.search(text)) or bare_peer_ask(text) or len(text) <= 30 and bool(
        _ANAPHORA.search(text) or asks_why(text) or _BARE_ASK.search(text) or _MORE.search(text))


def rewrite_by_rules(message: str, previous: PreviousTurn) -> Rewrite:
    """Resolve an ordinal against the previous answer's bullets, else carry the previous topic along."""
    text = nfkc(message).strip()
    if bare_peer_ask(text):  # "有没有类似的厂子做过": that topic's cases, asked as the reports would put it
        text = "有案例吗"
    if asks_why(text) and len(text) <= 30:  # the same topic, searched again for the reasons the reports give
        return Rewrite(previous.question, True, WHY_RULE)
    if _MORE.search(text):  # the same question again; what was already quoted is left out
        cases = re.search(r"案例|例子|\b(?:cases?|examples?|case stud(?:y|ies))\b", text, re.IGNORECASE)
        return Rewrite(f"{previous.question} 有哪些案例" if cases else previous.question, True, MORE_RULE)
    asked = _ordinal_ask(text)
    asks = _asks_of(previous)
    if asked is not None and asks and 0 < asked[0] <= len(asks):
        # after an answer in numbered parts, "第二个" is its second question (the numbers the user sees), and asks
        # for more on it than was shown
        return Rewrite(" ".join(p for p in (asks[asked[0] - 1], asked[1]) if p), True, PART_RULE)
    if asked is not None:
        index, rest = asked
        bullets = _bullets(previous.answer)
        if 0 < index <= len(bullets):
            # the item with who and where it was about ("日本…" then "第二条展开说说": still Japan's)
            query = " ".join(part for part in (_frame(previous.question), _gist(bullets[index - 1]), rest) if part)
            return Rewrite(query, True, f"第{index}条 → 上一回答的第{index}个要点")
    core = _written_places(_FILLER.sub("", text).strip("，, ") or text)
    if _AREA.search(core):  # "质量这块呢" then "仓储呢": a new part of the business, for the same firm
        frame = _frame(without_same_kind(previous.question, core))
        area = re.sub(r"这块|这一块|这方面|这一方面|方面|这边|那块|这个环节", "", core).strip() or core
        return Rewrite(f"{frame} {area}".strip(), True, "换话题 → 沿用上一问的行业/地区，问新的业务环节")
    if _SUPPORT_ASK.search(core) and not _SUPPORT_ASK.search(previous.question):
        # "那有补贴没" after advice on which system to adopt: support for that firm (its trade, place, size and the
        # systems it named), not the whole earlier question with its price ask
        systems = " ".join(dict.fromkeys(re.findall(r"(?<![A-Za-z])[A-Z]{2,5}(?![A-Za-z])", previous.question)))
        frame = " ".join(part for part in (_frame(previous.question), systems) if part)
        return Rewrite(f"{frame} {core}".strip(), True, "换话题 → 沿用上一问的行业/地区，问政策支持")
    # ("营收3000万、80人的企业能申请吗" asks only with its 吗, which the filler cut)
    fine = core if kinds_asked(core) or not kinds_asked(text) else text
    if asks_fine_print_alone(fine) and kinds_asked(previous.question) and (scheme := without_ask(previous.question)):
        # "最多补多少" after "苏州的专项资金怎么申请": that scheme's amount, not its procedure again
        return Rewrite(f"{scheme} {fine}", True, "细则追问 → 沿用上一问的文件和地区")
    kept = _topic_kept(previous.question, text, core)
    if _BARE_OVERCOME.match(core) and "破解" not in core:  # "那如何应对": the reports write the way out as 破解…困境
        core = f"{core} 破解 对策"
    if _only_names_in(core, kept):  # "韩国呢" already took the old country's place in the question
        return Rewrite(re.sub(r"\s+", " ", kept).strip(), True, "省略句 → 沿用上一问的主题")
    return Rewrite(f"{kept} {core}".strip(), True, "省略句 → 沿用上一问的主题")


def _topic_kept(question: str, text: str, core: str) -> str:
    """What of the previous question a follow-up keeps: its topic, without the ask the follow-up replaces."""
    kept = without_same_kind(question, core)
    if _BARE_ASK.search(text) or _CASES_ASK.search(text):
        # "…能帮上啥 有补贴吗" then "要花多少钱" / "有同行案例吗": the topic's price or cases, not the subsidy's
        kept = _SUPPORT_TAIL.sub("", kept)
    if _CASES_ASK.search(text):  # "那要花多少钱" then "有案例吗": cases of the topic, not of its price
        kept = " ".join(part for part in kept.split(" ") if not _BARE_ASK.search(part))
    elif _BARE_ASK.search(text):  # "有没有同行的案例" then "那要花多少钱": what the topic costs, not the cases again
        kept = _without_case_ask(kept)
    if _OWN_ASK.search(core):  # "不敢转是啥意思" then "那怎么破解": the topic, not the last question's ask
        kept = re.sub(r"\s+", " ", _ASK_FORM.sub(" ", kept)).strip()
    return kept


def _without_case_ask(question: str) -> str:
    """The question without its clause asking for cases ("我们是做汽配的，有没有同行的案例" → "我们是做汽配的")."""
    from assistant.dialogue import asks_for_cases

    clauses = re.split(r"(?<=[，,。；;？?])|\s+", question)
    kept = [c for c in clauses if c.strip() and not asks_for_cases(c)]
    return " ".join(c.strip(" ，,。；;？?") for c in kept) if kept else question


def _written_places(core: str) -> str:
    """"in jiangsu" → "in 江苏": the reports, the keyword search and the swap of places all read places in characters."""
    from assistant.facts import EN_PLACES

    return re.sub(r"\b[a-z']{3,}\b", lambda m: EN_PLACES.get(m.group(0).lower(), m.group(0)), core, flags=re.IGNORECASE)


def _only_names_in(core: str, kept: str) -> bool:
    """The follow-up is nothing but names the rewritten question already holds."""
    from assistant.names import name_spellings, names_asked

    names = names_asked(core)
    rest = core
    for name in names:
        rest = name_spellings(name).sub("", rest)
    return bool(names) and not rest.strip(" ，,。?？!！") and all(name_spellings(n).search(kept) for n in names)


# Support asked for after other advice ("那有补贴没", "any subsidies?")
_SUPPORT_ASK = re.compile(r"补贴|补助|奖补|扶持|政策|资助|贴息|\b(?:subsid\w*|grants?|funding|polic(?:y|ies))\b",
                          re.IGNORECASE)
# Cases asked for on their own ("有同行案例吗", "有没有例子")
_CASES_ASK = re.compile(r"^(?:那|那么)?(?:有没有|有|还有)?[^，,。？?]{0,6}(?:案例|例子)(?:吗|没|呢|不)?[？?]*$")
# A support ask the last question ended with ("…数字化能帮上啥 有补贴吗")
_SUPPORT_TAIL = re.compile(r"(?:^|\s+)(?:那)?(?:政府)?(?:有|有没有|有啥|有什么|能拿|能申请)(?:什么|啥)?(?:补贴|补助|奖补|政策|支持|扶持)\S*$"
                           r"|(?:^|\s+)(?:and )?(?:any|are there any|is there any) (?:subsid\w*|grants?|funding|polic(?:y|ies))\??$",
                           re.IGNORECASE)
# Parts of a business an owner moves between ("质量这块呢", "仓储呢", "那染整环节呢")
_AREA = re.compile(r"质量|质检|检测|检验|设备|能耗|能源|环保|排放|安全生产|仓储|仓库|库存|物流|排产|生产计划|计划|采购|供应链|销售|营销|"
                   r"电商|客户|研发|设计|售后|运维|财务|人事|追溯|染整|印染|工艺|车间|产线|生产线|\b(?:quality|inspection|equipment|"
                   r"energy|warehous\w*|inventory|logistics|scheduling|purchasing|supply chain|sales|marketing|r&d|design|"
                   r"maintenance|finance|traceability)\b", re.IGNORECASE)
# The ask of a question ("是啥意思", "是什么", "从哪入手"), dropped when the follow-up brings its own ask
_ASK_FORM = re.compile(r"是啥意思|是什么意思|啥意思|什么意思|是什么|是啥|指什么|指的是什么|从哪(?:里)?(?:入手|下手|开始)|怎么(?:入手|开始)"
                       r"|\bwhat (?:is|are|does .{1,20} mean)\b")
_OWN_ASK = re.compile(r"怎么|咋|如何|为什么|为啥|哪些|\b(?:how|why|which)\b", re.IGNORECASE)


def _frame(question: str) -> str:
    """Who and where the previous question was about (its industry, country, place and size words)."""
    from assistant.facts import PLACES
    from assistant.industries import match_industry
    from assistant.names import COUNTRIES, names_asked

    industry = match_industry(question)
    words = [*(industry.words if industry else ()), *(n for n in names_asked(question) if n in COUNTRIES),
             *(m.group(0) for m in re.finditer(PLACES, question)), *SIZES.findall(question)]
    return " ".join(dict.fromkeys(words))



def rewrite_with_llm(chat: ChatModel, message: str, history: list[tuple[str, str]]) -> Rewrite:
    """Ask the LLM for a standalone query (raises ModelError; the caller falls back to the rules)."""
    lines = "\n".join(f"{'用户' if role == 'user' else '顾问'}：{text[:300]}" for role, text in history[-6:])
    prompt = load_prompt("rewrite_query").render(history=lines or "（无）", question=message)
    query = chat.complete([ChatMessage("user", prompt)]).strip().splitlines()[0].strip("“”\"' ")
    if not query or len(query) > 200:
        raise ModelError("改写结果不可用", "已改用规则改写")
    return Rewrite(query, query != message.strip(), "LLM 改写")
