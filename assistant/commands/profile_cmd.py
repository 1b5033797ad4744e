"""`sme-advisor profile MESSAGE...`: run the rules layer alone over the turns of one conversation."""

from __future__ import annotations

import argparse
import json

from assistant.errors import InputError
from assistant.profile_input import read_profile_input
from assistant.result import ProfileSummary
from assistant.rules import ConversationState, RulesOutcome, step
from assistant.settings import Settings

_SLOT_LABELS = {"industry": "行业", "industry_group": "分组", "size": "规模", "stage": "阶段", "employees": "人数",
                "revenue_wan": "营收(万元)", "revenue_basis": "营收口径", "systems": "在用系统", "region": "地区",
                "designations": "资质"}
_SOURCE_LABELS = {"stated": "用户陈述", "inferred": "推断", "asked": "追问所得"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("profile", help="只运行规则层：画像、决定（回答/追问/直接回复）和追问内容")
    parser.add_argument("messages", nargs="+", metavar="MESSAGE", help="同一段对话里依次发送的消息")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出每一轮的结果")
    parser.add_argument("--industry", help="已知行业（如 汽车零部件），视为用户陈述")
    # read as the API and batch lines read them (assistant/profile_input.py): 50, 五十人, 2000, 两千万, 1.2亿
    parser.add_argument("--employees", help="已知从业人数，如 50 或 五十人")
    parser.add_argument("--revenue", dest="revenue_wan", help="已知年营收（万元），如 2000 或 两千万、1.2亿")
    parser.add_argument("--stage", help="已知数字化阶段（1–4 或 基础信息化/应用数字化/全面系统化/智慧生态化）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    messages = [m for m in args.messages if m.strip()]
    if not messages:
        raise InputError("没有可分析的消息", "请在命令后写上一条或多条消息，例如：sme-advisor profile \"我们是做模具的\"")
    too_long = [m for m in messages if len(m) > settings.max_message_chars]
    if too_long:
        raise InputError(f"消息过长（超过 {settings.max_message_chars} 字）", "请精简后再试")
    hint = read_profile_input(industry=args.industry, employees=args.employees, revenue_wan=args.revenue_wan,
                              stage=args.stage).to_profile()
    state: ConversationState | None = None
    outcomes: list[RulesOutcome] = []
    for message in messages:
        outcome = step(state, message, hint if state is None else None)
        outcomes.append(outcome)
        state = outcome.state
    if args.json:
        print(json.dumps([_as_json(i, m, o) for i, (m, o) in enumerate(zip(messages, outcomes, strict=True), 1)],
                         ensure_ascii=False, indent=1))
        return 0
    for i, (message, outcome) in enumerate(zip(messages, outcomes, strict=True), 1):
        print(turn_text(i, message, outcome))
    print(profile_text(outcomes[-1].state.profile.summary()))
    return 0


def _as_json(turn: int, message: str, o: RulesOutcome) -> dict[str, object]:
    return {
        "turn": turn, "message": message, "intent": o.intent, "action": o.action, "question": o.question,
        "topic": o.topic, "language": o.language,
        "clarify": o.clarify.model_dump() if o.clarify else None, "reply": o.reply,
        "assumptions": o.assumptions, "trace": [t.model_dump() for t in o.trace],
        "profile": o.state.profile.summary().model_dump(),
    }


def turn_text(turn: int, message: str, o: RulesOutcome) -> str:
    """One turn for helpdesk staff: intent, decision, the clarify question or reply, assumptions, rule trace."""
    lines = [f"第 {turn} 轮：{message}", f"  意图：{o.intent}　决定：{o.action}" + (f"　话题：{o.topic}" if o.topic else "")]
    if o.action == "answer" and o.question != message:
        lines.append(f"  回答原问题：{o.question}")
    if o.clarify is not None:
        lines.append("  追问：" + o.clarify.question.replace("\n", "\n        "))
        for slot, options in o.clarify.options.items():
            lines.append(f"  快捷选项[{slot}]：{' | '.join(options)}")
    if o.reply:
        lines.append(f"  直接回复：{o.reply}")
    for note in o.assumptions:
        lines.append(f"  假设：{note}")
    lines.append("  规则轨迹：")
    lines += [f"    - {t.rule}：{t.detail}" for t in o.trace]
    return "\n".join(lines)


def profile_text(summary: ProfileSummary) -> str:
    """The profile with, for each slot, its source and the words and rule behind it."""
    values = summary.model_dump()
    values["stage"] = f"{summary.stage}（{summary.stage_level}）" if summary.stage else None
    values["systems"] = "、".join(summary.systems) or None
    lines = ["企业画像："]
    for slot, label in _SLOT_LABELS.items():
        src = summary.sources.get(slot)
        value = values.get(slot)
        if slot in ("designations", "revenue_basis") and src:
            value = src.get("value")
        if value is None:
            lines.append(f"  {label}：未知")
            continue
        how = f"　[{_SOURCE_LABELS.get(src['source'], src['source'])}] “{src['evidence']}” · {src['rule']}" if src else ""
        lines.append(f"  {label}：{value}{how}")
    return "\n".join(lines)
