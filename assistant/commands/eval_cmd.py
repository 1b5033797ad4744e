"""`sme-advisor eval`: run an eval dataset through the advisor and write summary, items, report and chart."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    from eval.dataset import DEFAULT_DATASET

    parser = sub.add_parser("eval", help="评测：检索、忠实度、引用、拒答等指标")
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="JSONL 评测集")
    parser.add_argument("--out", type=Path, default=Path("eval-results"), help="输出目录（默认 eval-results）")
    parser.add_argument("--mode", choices=["extractive", "llm"], help="回答模式（默认取设置）")
    parser.add_argument("--k", type=int, default=5, help="hit@k / recall@k 的 k（默认 5）")
    parser.add_argument("--limit", type=int, help="最多评测多少条")
    parser.add_argument("--types", help="只评测这些类型，逗号分隔，如 factoid,policy")
    parser.add_argument("--check-thresholds", type=Path, metavar="FILE", help="低于阈值时以 1 退出")
    parser.add_argument("--threshold-set", choices=["full", "ci"], default="full",
                        help="用阈值文件中的哪一组；ci 组同时限定为其固定题目")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.runtime import Runtime
    from eval.dataset import ITEM_TYPES, load_dataset
    from eval.report import type_table, write_outputs
    from eval.runner import EvalRunner, open_advisor, pick_scorer, select_items, summarise
    from eval.thresholds import breaches, load_thresholds

    types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
    unknown = sorted(set(types or ()) - set(ITEM_TYPES))
    if unknown:
        print(f"错误：未知题型 {', '.join(unknown)}；可选：{', '.join(ITEM_TYPES)}", file=sys.stderr)
        return 2
    if args.k < 1 or (args.limit is not None and args.limit < 1):
        print("错误：--k 和 --limit 必须是正整数", file=sys.stderr)
        return 2
    limits = getattr(load_thresholds(args.check_thresholds), args.threshold_set) if args.check_thresholds else None
    ids = limits.ids if limits and limits.ids else None
    items = select_items(load_dataset(args.dataset), types, args.limit, ids)
    if not items:
        print("错误：按所给条件没有选中任何题目", file=sys.stderr)
        return 2
    mode = args.mode or settings.answer_mode
    runtime = Runtime(settings)
    advisor = open_advisor(runtime, args.out / "sessions.sqlite3")
    scorer = pick_scorer(runtime, mode)
    if mode == "llm" and not settings.llm_enabled:
        print("提示：未配置大模型，llm 模式会回退为摘录模式，忠实度用离线评分器", file=sys.stderr)
    started = time.perf_counter()
    records = EvalRunner(advisor, scorer, mode=mode, k=args.k).run(items)
    meta = {"dataset": args.dataset.name, "mode": mode, "scorer": scorer.name, "k": args.k,
            "seconds": round(time.perf_counter() - started, 1)}
    summary = summarise(records, args.k, meta)
    breached = breaches(summary, limits) if limits else []
    paths = write_outputs(args.out, summary, records, args.k, breached)
    print(type_table(summary, args.k))
    print(f"\n{len(records)} 条，用时 {meta['seconds']} 秒；结果在 {paths['report.md'].parent}")
    for line in breached:
        print(f"低于阈值：{line}", file=sys.stderr)
    return 1 if breached else 0
