"""Sentences of a passage with their offsets, scored for how well they answer a question."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.lexical import BM25Index, tokenize
from corpus.sentences import clause_pieces

_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*|$)")
_NUMERIC_ASK = re.compile(r"多少|几[个成年家项级]|比例|占比|比重|百分之|多大|几成|how (?:many|much)|what share|percent|%|rate")
# Asking how a case turned out: its figures usually come in the sentence after the one naming the company.
_OUTCOME_ASK = re.compile(r"效果|成效|结果|怎么样|咋样|如何|提升|降低|缩短|减少|节省|省了|result|effect|impact|improv")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|千|百|家|个|倍|元|项|人|户|台|级|成)")
MAX_QUOTE = 200  # longer sentences are cut at a clause so one quote never floods the answer
SEMANTIC_WEIGHT = 12.0  # e5 cosines sit in a narrow band (~0.78–0.92): only the part above the floor counts
SEMANTIC_FLOOR = 0.80
LABEL_CHARS = 14
_ENUMERATED = re.compile(r"^(\d{1,2}[.、]|[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}是)")  # a "sentence" this short is a scenario label, quoted together with what follows it


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset within the passage text
    end: int
    continued: bool = False  # a later clause of a sentence too long to quote whole


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    chunk_id: str
    passage_rank: int  # 1-based rank of its passage in retrieval
    score: float
    overlap: float = 0.0  # weighted query terms the sentence itself contains
    tokens: frozenset[str] = frozenset()  # its words, as scored


def split_passage(text: str, min_chars: int = 8) -> list[Sentence]:
    """Sentences of a passage; a short label ("数字化排产与优化。") stays with the sentence it introduces."""
    spans: list[tuple[int, int, bool]] = []  # start, end, holds more than labels
    last_was_label = False  # labels chain: "在经营管理方面。一是办公协同。" both introduce the next sentence
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.start() + len(raw.rstrip())
        if end - start <= 0:
            continue
        between = text[spans[-1][1]:start] if spans else "\n"
        after_label = last_was_label
        last_was_label = _is_label(text[start:end])
        if spans and after_label and not between.strip() and "\n" not in between:
            spans[-1] = (spans[-1][0], end, spans[-1][2] or not last_was_label)
        else:
            spans.append((start, end, not last_was_label))
    out: list[Sentence] = []
    for start, end, content in spans:
        body = text[start:end]
        if len(body) < min_chars or not content:
            continue  # a heading or label left on its own line: the section path already shows it
        out += _pieces(body, start)
    return out


def _pieces(body: str, start: int) -> list[Sentence]:
    """A sentence, or a long one cut at clauses into quotable pieces (its figures often sit in the last clause)."""
    pieces = [Sentence(body[s:e], start + s, start + e, continued=i > 0)
              for i, (s, e) in enumerate(clause_pieces(body, MAX_QUOTE))]
    if len(pieces) > 1 and len(pieces[-1].text.strip()) < 8:
        pieces.pop()  # a few trailing characters say nothing on their own
    return pieces


def term_weights(bm25: BM25Index, terms: Sequence[str]) -> dict[str, float]:
    """IDF of each query term over the chunks: "中小企业" is everywhere and says little, "上云率" says a lot."""
    total = max(len(bm25.chunk_ids), 1)
    weights: dict[str, float] = {}
    for term in dict.fromkeys(terms):
        if len(term) < 2 and term.isascii():
            continue
        df = bm25.doc_freq(term)
        weights[term] = math.log(1 + (total - df + 0.5) / (df + 0.5)) if df else 0.0
    return weights


# A chart or table flattened into the text by PDF extraction: axis ticks ("0 10 20 30 40 50") or a run of category
# labels with nothing between them ("汽车制造业电子设备制造业电气机械和器材制造业…"). Quoted, such a sentence reads as
# nonsense, so it is never quoted (the passage stays searchable).
_AXIS_TICKS = re.compile(r"(?<![\d.])\d{1,4}(?: \d{1,4}){4,}(?![\d.])")
_LABEL_RUN = re.compile(r"(?:[\u4e00-\u9fff]{1,10}?业){5,}")
# the same labels as a list item by item ("运输设备制造业；医药制造业；电气机械和器材制造业；…"): names, no claim
_LABEL_LIST = re.compile(r"^(?:[\u4e00-\u9fff、，,]{2,16}?业[；;、]\s*){2,}[\u4e00-\u9fff、，,]{2,16}?业[。；;]?$"
                         r"|^[\u4e00-\u9fff、，,和等]{2,24}?(?:制造|制品|加工)业[；;]$")  # one item of such a list
# a list of authors' organisations run together ("…研究院中国联合网络通信集团有限公司中国电子信息产业集团有限公司…")
_ORG_RUN = re.compile(r"(?:[\u4e00-\u9fff]{2,20}?(?:有限公司|研究院|集团)){3,}")


def chart_debris(text: str) -> bool:
    run = _LABEL_RUN.search(text)
    return bool(_AXIS_TICKS.search(text) or _ORG_RUN.search(text) or _LABEL_LIST.match(text)
                or run and not re.search(r"[的这是在]", run.group(0)))


# A sentence opening like this goes on about the subject of the one before ("德国通过…多种渠道。如在“数字化战略2025”中
# 提出，要…投资10亿欧元"): it counts as naming what that one named.
_CONTINUES = re.compile(r"^(?:如|例如|比如|譬如|其中|该|此外|同时|并|还|另外|具体而言|具体来看)")


def score_sentences(weights: dict[str, float], passages: Iterable[tuple[str, str, int]],
                    question: str, cosines: dict[str, list[tuple[int, int, float]]] | None = None,
                    subjects: frozenset[str] = frozenset()) -> list[ScoredSentence]:
    """Rank sentences by the IDF of the query terms they share, their passage's rank and, for "how many", figures.
    `subjects` (a country or firm asked about) carry over to a sentence that continues the one naming them."""
    wanted = {t: w for t, w in weights.items() if w > 0}
    numeric = bool(_NUMERIC_ASK.search(question.lower()))
    scored: list[ScoredSentence] = []
    for chunk_id, text, rank in passages:
        named: set[str] = set()
        for sentence in split_passage(text):
            if chart_debris(sentence.text):
                continue
            tokens = set(tokenize(sentence.text))
            if subjects and _CONTINUES.match(sentence.text):
                tokens |= named
            named = tokens & subjects
            overlap = sum(w for t, w in wanted.items() if t in tokens)
            score = overlap / math.sqrt(max(len(tokens), 4)) + 1.0 / (rank + 1)
            if numeric and overlap and _FIGURE.search(sentence.text):
                score += 1.0
            score += SEMANTIC_WEIGHT * max(0.0, _cosine(cosines, chunk_id, sentence) - SEMANTIC_FLOOR)
            scored.append(ScoredSentence(sentence, chunk_id, rank, round(score, 4), overlap, frozenset(tokens)))
    return sorted(scored, key=lambda s: (-s.score, s.passage_rank, s.sentence.start))


def asks_for_figures(question: str) -> bool:
    """The question wants a number or how something turned out."""
    q = question.lower()
    return bool(_NUMERIC_ASK.search(q) or _OUTCOME_ASK.search(q))


def has_figure(text: str) -> bool:
    return bool(_FIGURE.search(text))


# "在环保管理方面，排放数据监测。": an area and the scenario named in it, the heading of what follows
_AREA_LABEL = re.compile(r"^在[\u4e00-\u9fff]{1,10}方面[，,]?[\u4e00-\u9fff]{0,12}[。；]?$")


def _is_label(sentence: str) -> bool:
    """A scenario label or a numbered heading sentence ("3.工业互联网平台建设尚处探索阶段。") says little alone."""
    return len(sentence) < LABEL_CHARS or (len(sentence) < 2 * LABEL_CHARS and bool(_ENUMERATED.match(sentence))) \
        or bool(_AREA_LABEL.match(sentence))


def _cosine(cosines: dict[str, list[tuple[int, int, float]]] | None, chunk_id: str, sentence: Sentence) -> float:
    """The retriever's query–sentence cosine for the sentence spans overlapping this one (0 when unknown)."""
    spans = (cosines or {}).get(chunk_id, [])
    return max((c for start, end, c in spans if start < sentence.end and sentence.start < end), default=0.0)


def near_duplicate(a: str, b: str) -> bool:
    """Two sentences saying the same thing (overlapping windows, repeated findings) count once."""
    ga = {a[i:i + 2] for i in range(len(a) - 1)}
    gb = {b[i:i + 2] for i in range(len(b) - 1)}
    return bool(ga and gb) and len(ga & gb) / min(len(ga), len(gb)) > 0.7
