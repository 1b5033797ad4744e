"""`sme-advisor ask`: one question (or a JSONL batch) through the full advisor, printed or as result JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import AdvisorError
from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ask", help="提一个问题（或用 --batch 批量提问）")
    parser.add_argument("question", nargs="?", help="问题")
    parser.add_argument("--industry", help="行业，如 汽车零部件")
    # read as the API and batch lines read them (assistant/profile_input.py): 50, 五十人, 2000, 两千万, 1.2亿
    parser.add_argument("--employees", help="从业人数，如 50 或 五十人")
    parser.add_argument("--revenue", help="年营业收入（万元），如 2000 或 两千万、1.2亿")
    parser.add_argument("--stage", help="数字化阶段，如 应用数字化 或 1-4")
    parser.add_argument("--mode", choices=["extractive", "llm"], help="回答模式（默认取设置）")
    parser.add_argument("--json", action="store_true", help="输出完整结果 JSON")
    parser.add_argument("--batch", type=Path, help="JSONL 文件：每行 {id, question, profile?}")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.advisor import Advisor
    from assistant.profile_input import read_profile_input
    from assistant.runtime import Runtime

    advisor = Advisor(Runtime(settings))
    if args.batch:
        return _batch(advisor, args.batch, args.mode)
    if not args.question:
        print("错误：请提供问题，或用 --batch 指定文件", file=sys.stderr)
        return 2
    profile = read_profile_input(industry=args.industry, employees=args.employees, revenue_wan=args.revenue,
                                 stage=args.stage)
    # one question, no conversation to answer a clarifying question in: skip it as the batch does (notices say what
    # was assumed; --industry/--employees/--stage give the rest, `sme-advisor chat` asks)
    result = advisor.respond(args.question, profile=profile, mode=args.mode, clarify=False)
    if args.json:
        print(result.model_dump_json(indent=1))
    else:
        print(render_text(result))
    return 0


def _batch(advisor, path: Path, mode: str | None) -> int:  # noqa: ANN001
    from assistant.batch import items, read_lines
    from assistant.profile_input import read_profile_input

    try:
        lines = read_lines(path)
    except AdvisorError as exc:
        print(f"错误：{exc.user_message()}", file=sys.stderr)
        return 2
    failures = 0
    for item in items(lines):
        out: dict[str, object]
        if item.error:
            out = item.error_record()
        else:
            p = item.profile
            try:
                profile = read_profile_input(industry=p.industry, employees=p.employees, revenue_wan=p.revenue_wan,
                                             stage=p.stage)
                result = advisor.respond(item.question, profile=profile, mode=mode, clarify=False)
                out = item.marked({"id": item.id, **json.loads(result.model_dump_json())})
            except AdvisorError as exc:
                out = item.error_record(f"第 {item.line} 行 {exc.user_message()}")
        if "error" in out:
            failures += 1
            print(out["error"], file=sys.stderr)
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if failures else 0


def render_text(result) -> str:  # noqa: ANN001 - AdvisorResult
    """Terminal rendering: the answer, then the numbered sources."""
    en = result.language == "en"
    lines = [_typed_not_tapped(result.answer)]
    if result.clarify is not None:
        lines += _replies(result.clarify.options, en)
    if result.notices:
        lines += [""] + [f"{'Note: ' if en else '提示：'}{n}" for n in result.notices]
    if result.query and result.trace and any(t.rule == "追问改写" for t in result.trace):
        lines += ["", f"{'Searched for: ' if en else '检索用语：'}{result.query}"]
    if result.citations:
        from assistant.citations import reference_lines

        lines += ["", "Sources:" if en else "来源：", *reference_lines(result.citations, "en" if en else "zh")]
    return "\n".join(lines)


def _typed_not_tapped(answer: str) -> str:
    """A clarifying question offers a 跳过 button in the web UI; in a terminal it is typed."""
    return answer.replace("（不方便说可以点“跳过”）", "（不方便说可以回复“跳过”）").replace(
        " (tap “Skip” if you'd rather not say)", " (reply “Skip” if you'd rather not say)")


def _replies(options: dict[str, list[str]], en: bool) -> list[str]:
    """A terminal has no quick-reply buttons: the answers one may type, numbered as the questions are."""
    lead, sep = ("e.g. ", "; ") if en else ("可回复：", "、")  # options hold "/" themselves (金属加工/模具)
    numbered = len(options) > 1
    return [f"  {f'{i}. ' if numbered else ''}{lead}{sep.join(opts)}" for i, opts in enumerate(options.values(), 1)]
