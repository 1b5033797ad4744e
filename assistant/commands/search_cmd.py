"""`sme-advisor search QUERY`: the passages retrieval finds, without an answer (helpdesk checks, debugging)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import InputError
from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("search", help="检索：列出与问题最相关的报告段落（不生成回答）")
    parser.add_argument("query", nargs="?", help="要检索的问题")
    parser.add_argument("--k", type=int, default=6, help="返回段落数（默认 6）")
    parser.add_argument("--industry", help="按行业加权该行业的专门章节（如 汽车零部件、做模具的）")
    parser.add_argument("--json", action="store_true", help="每条结果输出一个 JSON 对象")
    parser.add_argument("--batch", type=Path, help="JSONL 文件：每行 {id, question, profile?}，每行输出一条 JSON")
    parser.set_defaults(handler=handler)


def handler(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.hints import profile_hints
    from assistant.runtime import Runtime
    from assistant.search_output import human_listing, result_records

    if args.k < 1 or args.k > 50:
        raise InputError("--k 应在 1 到 50 之间", "例如 --k 5")
    if args.batch is None and not (args.query or "").strip():
        raise InputError("缺少要检索的问题", '例如：sme-advisor search "上云有补贴吗"，或用 --batch 文件')
    hints = profile_hints(args.industry) if args.industry else None
    if args.industry and hints is None:
        raise InputError(f"不认识的行业：{args.industry}", "可用如 金属加工、汽车零部件、医药制造业、纺织印染 等")
    retriever = Runtime(settings).retriever()
    if args.batch is not None:
        return _batch(args.batch, retriever, args.k, hints)
    result = retriever.search(args.query, k=args.k, hints=hints)
    if args.json:
        for record in result_records(result):
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(human_listing(result, sys.stdout.isatty()))
    return 0


def _batch(path: Path, retriever, k: int, default_hints) -> int:  # noqa: ANN001 - HybridRetriever, ProfileHints
    from assistant.batch import items, read_lines
    from assistant.hints import profile_hints
    from assistant.search_output import result_records

    bad = 0
    for item in items(read_lines(path)):
        if item.error:
            bad += 1
            print(json.dumps(item.error_record(), ensure_ascii=False), flush=True)
            print(item.error, file=sys.stderr)
            continue
        p = item.profile
        hints = profile_hints(p.industry, p.employees, p.revenue_wan, p.stage) or default_hints
        result = retriever.search(item.question, k=k, hints=hints)
        record = item.marked({"id": item.id, "results": result_records(result),
                              "confidence": round(result.confidence, 4), "covered": result.covered,
                              "unmet": result.unmet.record()})
        print(json.dumps(record, ensure_ascii=False), flush=True)
    if bad:
        print(f"共 {bad} 行无法处理（输出中带 error 字段），其余已完成", file=sys.stderr)
    return 1 if bad else 0
