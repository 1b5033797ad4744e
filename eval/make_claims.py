"""Generate eval/datasets/claims_labelled.jsonl: supported and perturbed claims from real corpus passages.

Deterministic (seeded): `python -m eval.make_claims [--corpus DIR] [--out FILE]` regenerates the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.support import INDUSTRIES, REGIONS, company_names, negated_anchors, numbers_in
from eval.claims_paraphrases import PARAPHRASES
from eval.dataset import DATASETS_DIR
from eval.verify_dataset import default_corpus_dir, load_corpus

SEED = 20240607
OUT = DATASETS_DIR / "claims_labelled.jsonl"
WINDOW = 2  # sentences either side of the claim's sentence form its evidence passage (~300–500 chars)
COUNTS = {
    "verbatim": 45,
    "number": 25,
    "negation": 25,
    "company": 12,
    "region": 12,
    "industry": 12,
    "other": 22,
    "nearby": 16,
}
_SENT = re.compile(r"[^。！？；]+[。！？；]")
_NOISE = ("*", "$", "Alliance", "图", "来源", "...", "目录", "版权")
_VERBS = (
    "需要",
    "能够",
    "可以",
    "实现",
    "提升",
    "具有",
    "采用",
    "存在",
    "关注",
    "支持",
    "成为",
    "提高",
    "部署",
)
_UNNEGATE = (("尚未", "已经"), ("无法", "能够"), ("不能", "能"), ("没有", "有"), ("未", "已"), ("不", ""))


@dataclass(frozen=True)
class Sentence:
    doc: str
    index: int
    text: str


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    claim: str
    evidence: str
    label: str  # "supported" | "unsupported"
    perturbation: str
    doc: str


def sentences_of(doc: str, text: str) -> list[Sentence]:
    return [Sentence(doc, i, m.group(0)) for i, m in enumerate(_SENT.finditer(text))]


def usable(s: Sentence) -> bool:
    """A clean, self-contained sentence: mostly Chinese, no extraction debris, reasonable length."""
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in s.text)
    clean = not any(n in s.text for n in _NOISE) and not s.text[0].isdigit()  # digit first: a glued heading
    return 18 <= len(s.text) <= 90 and cjk / len(s.text) > 0.6 and clean


def passage(sents: list[Sentence], index: int) -> str:
    return "".join(s.text for s in sents[max(0, index - WINDOW) : index + WINDOW + 1])


def change_number(text: str, rng: random.Random) -> str | None:
    """Replace one Arabic number with a plausible but different value."""
    nums = list(re.finditer(r"\d+(?:\.\d+)?", text))
    if not nums:
        return None
    m = rng.choice(nums)
    old = m.group(0)
    if "." in old:
        new = f"{float(old) + rng.choice((1.3, 2.7, -0.8)):.1f}"
    else:
        new = str(int(old) + rng.choice((1, 2, 3, 5, 10)) if int(old) < 100 else int(old) * 2)
    return text[: m.start()] + new + text[m.end() :]


def flip_negation(text: str, rng: random.Random) -> str | None:
    """Remove an existing negation, or negate the first verb that is not negated yet."""
    if negated_anchors(text):
        for neg, pos in _UNNEGATE:
            if neg in text and not text.startswith(("不断", "不少", "不同", "不仅"), text.index(neg)):
                return text.replace(neg, pos, 1)
    for verb in _VERBS:
        i = text.find(verb)
        if i > 0 and text[i - 1] not in "的了不未":
            return text[:i] + rng.choice(("不", "未", "没有")) + text[i:]
    return None


def swap_term(text: str, vocab: list[str], evidence: str, rng: random.Random) -> str | None:
    """Replace a term of `vocab` found in the text by another that the evidence does not mention."""
    present = [t for t in vocab if t in text]
    if not present:
        return None
    old = max(present, key=len)
    choices = [t for t in vocab if t not in evidence and t != old]
    return text.replace(old, rng.choice(choices)) if choices else None


def build(corpus: dict[str, str], seed: int = SEED) -> list[LabelledClaim]:
    """Build the labelled set from the corpus; the same corpus and seed give the same list."""
    rng = random.Random(seed)
    by_doc = {doc: sentences_of(doc, text) for doc, text in sorted(corpus.items())}
    pool = [s for sents in by_doc.values() for s in sents if usable(s)]
    out: list[LabelledClaim] = []

    def add(kind: str, claim: str, s: Sentence, label: str, evidence: str | None = None) -> None:
        n = sum(1 for c in out if c.perturbation == kind) + 1
        ev = evidence if evidence is not None else passage(by_doc[s.doc], s.index)
        out.append(LabelledClaim(f"{kind}-{n:03d}", claim, ev, label, kind, s.doc))

    for s in rng.sample(pool, COUNTS["verbatim"]):
        add("verbatim", s.text, s, "supported")
    for doc, anchor, text in PARAPHRASES:
        s = next(s for s in by_doc[doc] if anchor in s.text)
        add("paraphrase", text, s, "supported")
    _perturb(out, add, pool, by_doc, rng)
    return out


def _perturb(out, add, pool, by_doc, rng: random.Random) -> None:  # noqa: ANN001 - closure plumbing
    companies = sorted({n for s in pool for n in company_names(s.text) if "某" not in n})
    shuffled = rng.sample(pool, len(pool))
    makers = {
        "number": lambda s, ev: change_number(s.text, rng) if numbers_in(s.text) else None,
        "negation": lambda s, ev: flip_negation(s.text, rng),
        "company": lambda s, ev: swap_term(s.text, companies, ev, rng),
        "region": lambda s, ev: swap_term(s.text, REGIONS, ev, rng),
        "industry": lambda s, ev: swap_term(s.text, INDUSTRIES, ev, rng),
    }
    for kind, make in makers.items():
        made = 0
        for s in shuffled:
            if made == COUNTS[kind]:
                break
            evidence = passage(by_doc[s.doc], s.index)
            claim = make(s, evidence)
            if claim and claim != s.text and claim not in evidence:
                add(kind, claim, s, "unsupported", evidence)
                made += 1
    for s in shuffled[: COUNTS["other"]]:
        other = rng.choice([t for t in pool if t.doc != s.doc or abs(t.index - s.index) > 20])
        add("other_passage", s.text, s, "unsupported", passage(by_doc[other.doc], other.index))
    # A passage a few sentences away, usually the same section: same topic and vocabulary, different facts.
    for s in shuffled[COUNTS["other"] : COUNTS["other"] + COUNTS["nearby"]]:
        sents = by_doc[s.doc]
        step = 2 * WINDOW + 1 + rng.randrange(3)
        near = s.index + step if s.index + step < len(sents) else s.index - step
        add("nearby_passage", s.text, s, "unsupported", passage(sents, near))


def write(claims: list[LabelledClaim], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for c in claims:
            f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.make_claims", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    claims = build(load_corpus(args.corpus or default_corpus_dir()), args.seed)
    write(claims, args.out)
    kinds = {
        k: sum(c.perturbation == k for c in claims) for k in dict.fromkeys(c.perturbation for c in claims)
    }
    print(f"wrote {len(claims)} claims to {args.out}: {kinds}")


if __name__ == "__main__":
    main()
