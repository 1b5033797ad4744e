"""`sme-advisor ingest`: build or update the index from the corpus folder."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ingest", help="建立/更新索引（只处理有变化的文档）")
    parser.add_argument("--corpus", type=str, dest="ingest_corpus", help="语料目录（默认 ../shared/corpus）")
    parser.add_argument("--rebuild", action="store_true", help="丢弃现有索引，全部重建")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出摘要")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from corpus.ingest import ingest

    if args.ingest_corpus:
        settings = settings.model_copy(update={"corpus_dir": __import__("pathlib").Path(args.ingest_corpus)})
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if args.json:
            return
        bar = bars.get(stage) or bars.setdefault(stage, tqdm(total=total, desc=stage, unit="项", leave=True))
        bar.n = done
        bar.refresh()

    report = ingest(settings, rebuild=args.rebuild, progress=progress)
    for bar in bars.values():
        bar.close()
    if args.json:
        print(json.dumps(asdict(report), ensure_ascii=False, indent=1))
        return 0
    print(summary_text(report))
    return 0


def summary_text(report) -> str:  # noqa: ANN001 - IngestReport, imported lazily to keep start-up light
    """The human summary printed after ingestion (also shown by the UI)."""
    if report.unchanged:
        return f"索引已是最新：{report.documents} 篇文档，{report.chunks} 个文本块（{report.seconds:.1f} 秒）"
    lines = [f"完成：{report.documents} 篇文档，{report.chunks} 个文本块，新向量化 {report.embedded} 块，"
             f"复用 {report.reused} 块，用时 {report.seconds:.1f} 秒"]
    if report.rebuilt_reason:
        lines.append(f"说明：{report.rebuilt_reason}")
    for label, names in (("新增", report.added), ("更新", report.updated), ("移除", report.removed)):
        if names:
            lines.append(f"{label}：{', '.join(names)}")
    for doc_id, reason in report.failed.items():
        kept = "（保留上一版本）" if doc_id in report.kept_previous else ""
        lines.append(f"跳过 {doc_id}：{reason}{kept}")
    return "\n".join(lines)
