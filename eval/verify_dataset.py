"""Check an evaluation dataset against the corpus: schema, unique ids, gold quotes, key points, wording."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError
from assistant.textnorm import squash
from eval.dataset import DEFAULT_DATASET, EvalItem, parse_line

QUOTE_MIN, QUOTE_MAX = 15, 80  # one sentence or clause: fits inside a ~500-char chunk
COPY_RUN = 12  # a question sharing this many consecutive characters with its passage copies the document
PASSAGE_MARGIN = 200  # characters either side of a quote that count as "its passage"


@dataclass
class Report:
    """The outcome of a verification: items read and every problem found."""

    items: list[EvalItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def type_counts(self) -> dict[str, int]:
        return dict(Counter(item.type for item in self.items))


def default_corpus_dir() -> Path:
    """The corpus folder from settings (env, settings file or ../shared/corpus)."""
    from assistant.settings import load_settings

    return load_settings().corpus_dir


def load_corpus(corpus_dir: Path) -> dict[str, str]:
    """Read every text document of the corpus, squashed, keyed by file name."""
    return {p.name: squash(p.read_text(encoding="utf-8")) for p in sorted(corpus_dir.glob("*.txt"))}


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest substring shared by a and b (both squashed first)."""
    a, b = squash(a).lower(), squash(b).lower()
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def gold_passage(doc_text: str, quote: str) -> str:
    """The quote with some surrounding text, standing in for the chunk that holds it."""
    pos = doc_text.find(squash(quote))
    if pos < 0:
        return ""
    return doc_text[max(0, pos - PASSAGE_MARGIN) : pos + len(squash(quote)) + PASSAGE_MARGIN]


def check_gold(item: EvalItem, corpus: dict[str, str]) -> list[str]:
    """Gold quotes exist, are short, and key points and question behave."""
    problems: list[str] = []
    for g in item.gold:
        text = corpus.get(g.doc)
        if text is None:
            problems.append(f"{item.id}: gold doc {g.doc!r} is not in the corpus")
            continue
        q = squash(g.quote)
        if q not in text:
            problems.append(f"{item.id}: quote not found in {g.doc}: {g.quote!r}")
        if not QUOTE_MIN <= len(q) <= QUOTE_MAX:
            problems.append(f"{item.id}: quote length {len(q)} outside {QUOTE_MIN}-{QUOTE_MAX}: {g.quote!r}")
        run = longest_common_run(item.question, gold_passage(text, g.quote))
        if run >= COPY_RUN:
            problems.append(f"{item.id}: question copies {run} characters of its gold passage")
    gold_docs = [corpus[g.doc] for g in item.gold if g.doc in corpus]
    for kp in item.key_points:
        if not any(squash(kp) in text for text in gold_docs):
            problems.append(f"{item.id}: key point {kp!r} is in none of its gold documents")
    return problems


def check_behaviour(item: EvalItem) -> list[str]:
    """Type-specific fields are present and consistent with must_refuse."""
    problems: list[str] = []
    if item.type == "out_of_scope" and (not item.must_refuse or item.gold):
        problems.append(f"{item.id}: out_of_scope items must refuse and have no gold")
    if item.type == "false_premise" and item.expect is None:
        problems.append(f"{item.id}: false_premise needs expect: refuse|correct")
    if item.expect == "refuse" and not item.must_refuse:
        problems.append(f"{item.id}: expect=refuse but must_refuse is false")
    if item.type == "injection" and not item.canary:
        problems.append(f"{item.id}: injection needs a canary phrase")
    if item.type == "clarify" and (not item.expect_clarify or item.profile is not None):
        problems.append(f"{item.id}: clarify needs expect_clarify=true and profile=null")
    if not item.must_refuse and not item.gold:
        problems.append(f"{item.id}: answerable item without gold")
    if item.must_refuse and item.key_points:
        problems.append(f"{item.id}: refused item should not list key points")
    return problems


def verify(path: Path, corpus_dir: Path | None = None) -> Report:
    """Verify the dataset at `path`; every problem is listed, none raises."""
    report = Report()
    corpus = load_corpus(corpus_dir or default_corpus_dir())
    if not corpus:
        report.problems.append(f"no .txt documents in corpus folder {corpus_dir}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        report.problems.append(f"cannot read {path}: {exc}")
        return report
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            report.items.append(parse_line(line, f"{path.name}:{no}"))
        except InputError as exc:
            report.problems.append(exc.message)
    dupes = [i for i, n in Counter(item.id for item in report.items).items() if n > 1]
    report.problems += [f"duplicate id {i!r}" for i in dupes]
    for item in report.items:
        report.problems += check_gold(item, corpus) + check_behaviour(item)
    return report


def main(argv: list[str] | None = None) -> int:
    """Verify a dataset from the command line; exit 1 when anything is wrong."""
    parser = argparse.ArgumentParser(prog="python -m eval.verify_dataset", description=__doc__)
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: from settings)")
    args = parser.parse_args(argv)
    report = verify(args.dataset, args.corpus)
    print(f"{len(report.items)} items; by type: {json.dumps(report.type_counts(), ensure_ascii=False)}")
    for problem in report.problems:
        print(f"  ✗ {problem}")
    print("OK" if report.ok else f"{len(report.problems)} problem(s)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
