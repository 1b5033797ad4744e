"""Reading the user's answers to a clarify: quick-reply options, the stage self-check, "不确定"; tracing changes."""

from __future__ import annotations

import re

from assistant.dialogue_text import QUICK_REPLIES
from assistant.industries import BY_KEY
from assistant.profile import Profile, Slot, Source
from assistant.result import TraceStep
from assistant.stage import SELF_CHECK, parse_self_check, score_self_check, stage_by_level, stage_by_name
from assistant.textnorm import nfkc

_SKIPPY = re.compile(r"不确定|不清楚|不知道|不好说|说不好|说不清|跳过|先不说|保密|不方便|not sure|don'?t know|skip|"
                     r"no idea|rather not")
_ABOUT_SLOTS = re.compile(r"阶段|规模|多少人|人数|营收|产值|行业|算哪|哪一类|哪个级|几级|stage|size|revenue|industry")


def apply_quick_replies(profile: Profile, message: str, lang: str, turn: int, answering: bool,
                        trace: list[TraceStep]) -> tuple[list[tuple[str, object]], str]:
    """Apply every quick-reply option found in the message; return them and the message with them removed."""
    text = nfkc(message)
    found: list[tuple[str, object]] = []
    source: Source = "asked" if answering else "stated"
    options = {**QUICK_REPLIES["zh"], **QUICK_REPLIES["en"]}
    if not answering:
        return found, text  # options only mean something as the answer to our own clarify
    for option in sorted(options, key=len, reverse=True):
        pattern = re.compile(rf"(?:^|(?<=[\s,，、;；]))({re.escape(nfkc(option))})(?=$|[\s,，、;；。.!！])")
        if not pattern.search(text):
            continue
        text = pattern.sub(" ", text)
        slot, value = options[option]
        found.append((slot, value))
        if value is None:
            trace.append(TraceStep(rule="quick_reply", detail=f"“{option}”：未指定具体值"))
            continue
        _apply(profile, slot, value, option, source, turn)
        trace.append(TraceStep(rule="quick_reply", detail=f"“{option}” → {slot}={value}（{source}）"))
    return found, text


def _apply(profile: Profile, slot: str, value: object, option: str, source: Source, turn: int) -> None:
    rule = "快捷选项"
    if slot == "industry":
        ind = BY_KEY[str(value)]
        profile.industry = Slot(value=ind.name, source=source, evidence=option, rule=rule, turn=turn)
        profile.industry_key, profile.manufacturing = ind.key, True
        profile._set_group(turn)
    elif slot == "size":
        profile.size_word = Slot(value=str(value), source=source, evidence=option, rule=f"{rule}（按人数区间）",
                                 turn=turn)
        profile.refresh_size()
    elif slot == "stage":
        profile.stage = Slot(value=int(str(value)), source=source, evidence=option, rule=rule, turn=turn)


def apply_self_check(profile: Profile, message: str, turn: int, trace: list[TraceStep]) -> int | None:
    """Score a reply to the stage self-check; set the stage when at least three answers could be read."""
    named = stage_by_name(message.strip(" 。.!！级"))  # "2", "应用数字化": the stage itself, not the answers
    if named is not None:
        profile.stage = Slot(value=named.level, source="asked", evidence=message.strip(),
                             rule=f"自测时直接说了阶段 → {named.name}", turn=turn)
        trace.append(TraceStep(rule="stage_selfcheck", detail=f"直接说了阶段：{named.name}"))
        return named.level
    answers = parse_self_check(message)
    if not answers:
        trace.append(TraceStep(rule="stage_selfcheck", detail="没有读到是/否回答，无法判断阶段"))
        return None
    # The questions climb a ladder: a lone "没有" to the first one is enough, and an unanswered later rung is one
    # not reached ("有" alone: software in use, nothing more said).
    level = score_self_check(answers + [False] * (len(SELF_CHECK) - len(answers)))
    assert level is not None
    marks = "".join("是" if a else "否" for a in answers)
    stage = stage_by_level(level)
    unanswered = "，未回答的按“否”计" if len(answers) < len(SELF_CHECK) else ""
    rule = (f"阶段自测 {len(answers)}/{len(SELF_CHECK)} 问（{marks}{unanswered}）→ {stage.name}；"
            "按阶梯取最高连续达到的一级，是我们的归类方法，不是官方评测打分")
    profile.stage = Slot(value=level, source="asked", evidence=message.strip(), rule=rule, turn=turn)
    trace.append(TraceStep(rule="stage_selfcheck", detail=rule))
    return level


# "你先说说一般怎么弄", "先说一般的": answer in general first, the details can wait
_GO_AHEAD = re.compile(r"(?:你)?先(?:说说|讲讲|说|讲|回答|答)|说(?:个|说)?(?:一般|通用)的|一般(?:怎么|咋)(?:弄|做|搞|办)"
                       r"|通用(?:的)?(?:做法|建议|情况)|泛泛|笼统|大概说|\bin general\b|\bgenerally\b")


def looks_like_skip(message: str) -> bool:
    """Say whether a reply to a clarify means "I'm not sure" or "answer in general first", though phrased as a
    question."""
    norm = nfkc(message).lower()
    bare = re.sub(r"\W", "", norm)
    if _GO_AHEAD.search(norm) and len(bare) <= 14:
        return True
    return bool(_SKIPPY.search(norm)) and (len(bare) <= 12 or bool(_ABOUT_SLOTS.search(norm)))


def trace_changes(profile: Profile, changed: list[str], trace: list[TraceStep]) -> None:
    """Record which rule set which slot from which words."""
    names = list(changed)
    if any(n in ("employees", "revenue_wan", "size") for n in changed):
        names.append("size_class")
    if "industry" in changed and profile.industry_group is not None:
        names.append("industry_group")
    for name in dict.fromkeys(names):
        slot = profile.size if name in ("size", "size_class") else getattr(profile, name, None)
        if slot is None:
            continue
        label = "size" if name == "size_class" else name
        trace.append(TraceStep(rule=f"slot:{label}",
                               detail=f"“{slot.evidence}” → {slot.value}（{slot.source}；{slot.rule}）"))
