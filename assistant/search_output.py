"""How search results are shown: a readable listing with the query's words highlighted, or JSON records."""

from __future__ import annotations

import re
from typing import Any

from assistant.passages import Passage, RetrievalResult

SNIPPET = 160
BOLD, RESET = "\033[1m", "\033[0m"


def passage_record(rank: int, p: Passage) -> dict[str, Any]:
    """One result as JSON: the chunk, where it sits in its document, and how each retriever ranked it."""
    return {
        "rank": rank, "chunk_id": p.chunk_id, "doc_id": p.doc_id, "title": p.title, "section": p.section,
        "page": p.page, "para": p.para, "start": p.start, "end": p.end, "text": p.text, "score": round(p.score, 6),
        "ranks": {"bm25": p.bm25_rank, "dense": p.dense_rank, "sentence": p.sentence_rank,
                  "sentence_bm25": p.sentence_bm25_rank},
        "scores": {"bm25": round(p.bm25_score, 4), "dense": round(p.dense_score, 4),
                   "sentence": round(p.sentence_score, 4)},
        "boosted": p.boosted,
    }


def result_records(result: RetrievalResult) -> list[dict[str, Any]]:
    return [passage_record(i, p) for i, p in enumerate(result.passages, start=1)]


def snippet(p: Passage, width: int = SNIPPET) -> str:
    """The passage around its sentence closest to the query, on one line."""
    start = max(p.sentences, key=lambda s: s.score).start if p.sentences else 0
    text = p.text[start:start + width]
    flat = re.sub(r"\s+", " ", text).strip()
    return ("…" if start else "") + flat + ("…" if start + width < len(p.text) else "")


def highlight(text: str, terms: list[str], tty: bool) -> str:
    """Mark every occurrence of the query's words: bold on a terminal, 【】 when piped."""
    words = sorted({t for t in terms if len(t) > 1 or not t.isascii()}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    open_, close = (BOLD, RESET) if tty else ("【", "】")
    return pattern.sub(lambda m: f"{open_}{m.group(0)}{close}", text)


def human_listing(result: RetrievalResult, tty: bool) -> str:
    """Rank, title, section, page, highlighted snippet per passage; then the confidence verdict."""
    lines: list[str] = []
    for i, p in enumerate(result.passages, start=1):
        where = f"第 {p.page} 页" if p.page is not None else f"第 {p.para + 1} 段"
        lines.append(f"{i}. 《{p.title}》 {p.section or '（正文）'} · {where}")
        lines.append(f"   {highlight(snippet(p), result.query_terms, tty)}")
    if not result.passages:
        lines.append("没有找到相关段落。")
    verdict = "文档覆盖此问题" if result.covered else "文档可能未覆盖此问题"
    lines.append(f"置信度：{result.confidence:.2f}（{verdict}）")
    if result.unmet:
        lines.append(f"排在前面的段落{result.unmet.describe()}")
    return "\n".join(lines)
