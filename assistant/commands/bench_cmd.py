"""`sme-advisor bench`: ingestion, retrieval, ask, LLM time-to-first-token and start-up at several corpus sizes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bench", help="性能基准：建索引、检索、问答、首字时间、启动，及 ×10/×100 语料规模")
    parser.add_argument("--scale", default="1,10,100", help="语料倍数，逗号分隔（默认 1,10,100）")
    parser.add_argument("--out", type=Path, default=Path("bench-results"), help="输出目录（JSON、Markdown、PNG）")
    parser.add_argument("--quick", action="store_true", help="少量样本，快速跑一遍")
    parser.add_argument("--reuse", type=Path, help="沿用先前 --out 目录里已建好的索引（只重测检索、问答与启动）")
    parser.set_defaults(handler=run)


def parse_scales(text: str) -> list[int]:
    """'1,10,100' → [1, 10, 100]; anything else is refused with the expected form."""
    try:
        scales = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        scales = []
    if not scales or any(s < 1 or s > 1000 for s in scales):
        raise ValueError(f"--scale 应为 1–1000 的整数列表，如 1,10,100（收到 {text!r}）")
    return scales


def _import_bench():  # noqa: ANN202 - the bench.run module
    """bench/ sits beside assistant/ in the checkout; an editable install only maps the packaged folders."""
    try:
        import bench.run
    except ModuleNotFoundError:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        import bench.run
    return bench.run


def run(args: argparse.Namespace, settings: Settings) -> int:
    run_bench = _import_bench().run_bench

    try:
        scales = parse_scales(args.scale)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if not settings.corpus_dir.is_dir():
        print(f"错误：找不到语料目录 {settings.corpus_dir}，请用 --corpus 指定", file=sys.stderr)
        return 2
    results = run_bench(settings.corpus_dir, args.out, scales, quick=args.quick,
                        log=lambda text: print(f"[bench] {text}", file=sys.stderr, flush=True), reuse=args.reuse)
    print((args.out / "report.md").read_text(encoding="utf-8"))
    print(f"结果已写入 {args.out}/results.json、report.md、scaling.png；×1 用时见上表", file=sys.stderr)
    return 0 if results["scales"] else 1
