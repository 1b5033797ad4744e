"""`sme-advisor search QUERY`: the passages retrieval finds, without an answer (helpdesk checks, debugging)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

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
    from assistant.search_output import result_records

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取批量文件 {path}：{exc}", "请检查路径，文件应为 UTF-8 编码的 JSONL") from exc
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item_id, question, hints = _parse_item(line, default_hints)
        except InputError as exc:
            bad += 1
            print(f"第 {number} 行：{exc.user_message()}", file=sys.stderr)
            continue
        result = retriever.search(question, k=k, hints=hints)
        print(json.dumps({"id": item_id, "results": result_records(result), "confidence": round(result.confidence, 4),
                          "covered": result.covered, "unmet": result.unmet.record()}, ensure_ascii=False), flush=True)
    if bad:
        print(f"共 {bad} 行无法处理，已跳过", file=sys.stderr)
    return 1 if bad else 0


def _parse_item(line: str, default_hints) -> tuple[Any, str, Any]:  # noqa: ANN001
    from assistant.hints import profile_hints

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"不是合法的 JSON（{exc.msg}）", "每行应是一个 JSON 对象，如 {\"id\": 1, \"question\": \"…\"}") from exc
    if not isinstance(item, dict):
        raise InputError("应为 JSON 对象", "每行应是一个 JSON 对象，如 {\"id\": 1, \"question\": \"…\"}")
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        raise InputError("缺少 question 字段（或为空）", "每行需要 question 文本")
    profile = item.get("profile") or {}
    if not isinstance(profile, dict):
        raise InputError("profile 应为对象", "如 {\"industry\": \"金属加工\", \"employees\": 30}")
    try:
        hints = profile_hints(profile.get("industry"), _int(profile.get("employees")),
                              _float(profile.get("revenue_wan", profile.get("revenue"))), profile.get("stage"))
    except (TypeError, ValueError) as exc:
        raise InputError(f"profile 字段格式不对（{exc}）", "employees 为整数，revenue_wan 为数字（万元）") from exc
    return item.get("id"), question, hints or default_hints


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
