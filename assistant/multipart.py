"""Messages that ask several things at once ("1.什么是两化融合 2.SaaS靠谱吗", "…想做设备联网怎么搞 另外温州有没有补贴
还有大概投多少钱"): the separate asks, each answered on its own, and their answers joined into one reply.

One search for the whole message finds passages for none of its parts; each part searched alone finds its own.
"""

from __future__ import annotations

import re

from assistant.facts import places_named
from assistant.followup import ASK_SEPARATOR, looks_like_follow_up
from assistant.industries import match_industry
from assistant.names import names_asked
from assistant.result import AdvisorResult, Citation, TraceStep
from assistant.textnorm import nfkc

MAX_PARTS = 4

# "1.", "2、", "(3)", "①", "第二，": a numbered list of questions
_NUMBERED = re.compile(r"(?:^|(?<=[\s，,。；;：:？?！!]))(?:\d{1,2}\s*[.、．)）](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥]"
                       r"|第[一二三四五六]\s*[，,、:：])\s*")
# "另外…", "还有…", "顺便问下…", "other than that": the next ask, after a pause (punctuation or a space)
_CONNECTIVE = re.compile(r"(?:(?<=[\s，,。；;？?！!])|^)(?:另外|此外|还有(?![吗呢没么啥什])|同时(?:也)?|顺便(?:问(?:一)?下|问问)?|"
                         r"再问(?:一下|个)?|以及|最后|其次|and also|also,?|another question:?)\s*", re.IGNORECASE)
# A question mark ends one ask; a new sentence may start another
_QUESTION_END = re.compile(r"(?<=[？?])")
# The part asks something: a question word, a wish, or a request to tell or list
_ASKS = re.compile(r"[?？]|吗|么|呢|怎么|如何|什么|啥|哪|咋|怎样|是否|能否|能不能|可不可以|有没有|多少|几|为什么|为啥|要不要|"
                   r"该不该|值不值|靠谱|想(?![法象起到])|请问|介绍|说说|讲讲|列一下|区别|"
                   r"\b(?:how|what|which|why|where|when|who|is|are|can|could|should|do|does|any)\b", re.IGNORECASE)
# Closing requests that ask for nothing of their own ("请帮我给出回复要点", "谢谢")
_CLOSING = re.compile(r"^[”\"」』\s]*(?:请|麻烦)?(?:帮我|帮忙)?(?:给出|整理|写|拟|起草)?(?:一下)?(?:回复|答复)?(?:要点|思路|话术|草稿)?"
                      r"[，,。.!！\s]*(?:谢谢|多谢|thanks)?[。.!！\s]*$")


# Words that ask even in a message without a question mark. 哪 and 几 alone do not: an owner listing pains writes
# "追溯不到是哪批料", "还有几个老师傅快退休了" and asks nothing until the next message ("先做哪个？")
_ASKS_WITHOUT_MARK = re.compile(r"吗|么|呢|怎么|如何|什么|啥|咋|怎样|是否|能否|能不能|可不可以|有没有|多少|为什么|为啥|"
                                r"要不要|该不该|值不值|靠谱|想(?![法象起到])|请问|介绍|说说|讲讲|列一下|区别|哪(?:个|些|家|里|儿|种|方面)|"
                                r"几(?:级|年|种|类|步|成|家|个(?:方面|阶段|试点))|"
                                r"\b(?:how|what|which|why|where|when|who|can|could|should|any)\b", re.IGNORECASE)
# "Is it useful…", "这个对我们有用吗": the ask is about what the one before it named, so it is no ask of its own
_BACK_REFERENCE = re.compile(r"^(?:(?:is|was|are|does|do|can|could|will|would|should|how much does|what does|why is)\s+"
                             r"(?:it|this|that|they|these|those)\b|(?:它|这个|那个|这些|那些)(?:对|能|会|有|要|值|适合|靠谱|怎么|是))",
                             re.IGNORECASE)


def split_asks(message: str) -> list[str]:
    """The separate asks of a message, in order; [] when it asks one thing (or more than we can part safely)."""
    text = nfkc(message).strip()
    if len(text) < 12 or not _ASKS_WITHOUT_MARK.search(text) and not re.search(r"[?？]", text):
        return []
    pieces, numbered = _split(text)
    asks = [p for p in (_trim(p) for p in pieces) if p and _ASKS.search(p) and not _CLOSING.match(p)]
    if len(asks) < 2:
        return []
    # "还有大概投多少钱", "比全国高吗" name no subject of their own: they ask on about the message's main ask. A
    # numbered item is its own ask however short ("…在宁波。1. 先上什么系统？2. 有没有补贴？"): the firm the lead-in
    # describes is the subject of each, and the user has already told us where one question ends.
    parts = asks[:1]
    for ask in asks[1:]:
        if numbered or _own_subject(ask):
            parts.append(ask)
        else:
            parts[0] = f"{parts[0]} {ask}"
    return parts[:MAX_PARTS] if len(parts) >= 2 else []


_LEADING_AND = re.compile(r"^(?:and|also|plus)\b[\s,]*", re.IGNORECASE)
_SYSTEM_NAME = re.compile(r"(?<![A-Za-z])[A-Z]{2,5}\d*(?![A-Za-z])")  # "And how much does ERP cost?": its own subject
_SUBJECT_WORD = re.compile(r"[A-Za-z]{2,}\d*|专精特新|小巨人|上云|工业互联网|两化融合|数字化|智能制造|试点|集群|园区")


def _own_subject(ask: str) -> bool:
    """The ask stands on its own: it names a place, a firm, a trade or a system, or says enough to search on."""
    bare = _LEADING_AND.sub("", ask)
    if _BACK_REFERENCE.match(bare):
        return False
    if names_asked(bare) or places_named(bare) or match_industry(bare) or _SYSTEM_NAME.search(bare):
        return True
    if looks_like_follow_up(bare):  # "any examples?", "有案例吗": the English words are no system's name
        return False
    return bool(_SUBJECT_WORD.search(bare)) or len(re.findall(r"[\u4e00-\u9fff]", bare)) >= 8 or len(bare.split()) >= 5


def _split(text: str) -> tuple[list[str], bool]:
    """The message's pieces, and whether the user numbered them."""
    numbered = [m.start() for m in _NUMBERED.finditer(text)]
    if len(numbered) >= 2:
        lead = text[:numbered[0]]
        bounds = [*numbered, len(text)]
        items = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        # "三个问题：1.… 2.…", "We are a stamping plant… Questions: 1) …": the lead-in announces the list or
        # describes the firm (the rules read it); only a question of its own ("…怎么办？1.…") is an ask
        return ([lead] if re.search(r"[?？]\s*$", lead.strip(" :：")) else []) \
            + [_NUMBERED.sub("", i, count=1) for i in items], True
    parts: list[str] = []
    for piece in _QUESTION_END.split(text):
        parts += _CONNECTIVE.split(piece)
    return parts, False


def _trim(part: str) -> str:
    return part.strip(" \t\n，,。；;：:“”\"'")


def merge(parts: list[tuple[str, AdvisorResult]], language: str) -> AdvisorResult:
    """One reply from the parts' answers: each under its question, citations renumbered to run through."""
    english = language == "en"
    shared = _shared_header([r.answer for _, r in parts])
    lines = [f"Your message asks {len(parts)} things; each is answered below." if english
             else f"您的消息里有{len(parts)}个问题，下面逐一回答：", *shared]
    citations: list[Citation] = []
    for i, (ask, result) in enumerate(parts, start=1):
        offset = len(citations)
        citations += [c.model_copy(update={"n": c.n + offset}) for c in result.citations]
        body = [line for line in _shifted(result.answer, offset).strip().splitlines()
                if not (line in shared and line in _header(result.answer))]
        lines += ["", f"**{i}. {_heading(ask)}**", "\n".join(body).strip()]
    first = parts[0][1]
    answered = [r for _, r in parts if not r.refused]
    notices = list(dict.fromkeys(n for _, r in parts for n in r.notices))
    trace = list(first.trace) + [TraceStep(rule="分项回答", detail=f"{i}. {ask}（{r.mode}）")
                                 for i, (ask, r) in enumerate(parts, start=1)]
    confidences = [r.confidence for _, r in parts if r.confidence is not None]
    return first.model_copy(update={
        "answer": "\n".join(lines), "citations": citations, "notices": notices, "trace": trace,
        "mode": answered[0].mode if answered else "refusal", "refused": not answered,
        "low_confidence": any(r.low_confidence for _, r in parts),
        "confidence": min(confidences) if confidences else None,
        "query": ASK_SEPARATOR.join(ask for ask, _ in parts),
        "timings": {k: sum(r.timings.get(k, 0.0) for _, r in parts) for k in first.timings},
    })


# The lines an answer opens with before its first quote or heading: whom it is for and what it assumed
_HEADER_LINE = re.compile(r"^(?:根据您提供的情况|Based on your profile|说明：|Note: )")


def _header(answer: str) -> list[str]:
    """The opening lines that say whom the answer is for ("根据您提供的情况（…）") and what it assumed ("说明：…")."""
    lines = []
    for line in answer.strip().splitlines():
        if not _HEADER_LINE.match(line):
            break
        lines.append(line)
    return lines


def _shared_header(answers: list[str]) -> list[str]:
    """Header lines two or more parts open with: said once above all parts, since the firm is the same for each
    (three parts each saying "根据您提供的情况（注塑 · 小型）" and "仅按从业人员判断为小型企业" read as noise)."""
    headers = [_header(a) for a in answers]
    return [line for line in dict.fromkeys(x for h in headers for x in h) if sum(line in h for h in headers) >= 2]


def _shifted(answer: str, offset: int) -> str:
    """The answer with its citation markers moved up by `offset` ([2] → [5])."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", answer) if offset else answer


def _heading(ask: str, limit: int = 40) -> str:
    """The ask as its answer's heading: a pasted paragraph is cut, not echoed whole."""
    ask = re.sub(r"\s+", " ", ask)
    return ask if len(ask) <= limit else ask[:limit].rstrip(" ，,") + "……"
