"""The on-disk index: which generation is current, its chunks, BM25 and vectors, opened once and shared."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from assistant.errors import EmbedderMismatchError, IndexCorruptError, IndexMissingError
from assistant.lexical import BM25Index
from assistant.sentindex import SentenceIndex
from assistant.settings import Settings
from assistant.vectorstore import ChromaVectorIndex, chroma_client, collection_name
from corpus.chunk import Chunk

MANIFEST = "CURRENT.json"


class DocRecord(BaseModel):
    title: str
    source_hash: str
    chunks: int
    chars: int
    ingested_at: str
    path: str
    paged: bool = False


# Bump when cleaning, chunking, sentence indexing or the vector collection's settings change: every document is then cut again
# on the next ingest (vectors of passages and sentences whose text did not change are kept).
PIPELINE = "2026-12-03.exact-vector-search"


class IndexManifest(BaseModel):
    generation: int
    collection: str
    embedder: str
    dim: int
    tokenizer: str  # fingerprint of jieba's extra terms: BM25 tokens depend on it
    sentences: int | None = None  # sentence vectors in the generation; None: built before sentence indexing
    pipeline: str = ""  # version of cleaning, chunking and sentence indexing that built it (PIPELINE)
    created_at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    docs: dict[str, DocRecord] = Field(default_factory=dict)
    failures: dict[str, str] = Field(default_factory=dict)  # doc id -> last reason it could not be (re)loaded
    failed_hashes: dict[str, str] = Field(default_factory=dict)  # doc id -> hash of the file that failed


@dataclass(frozen=True)
class IndexLayout:
    root: Path

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def chroma_dir(self) -> Path:
        return self.root / "chroma"

    def generation_dir(self, generation: int) -> Path:
        return self.root / f"gen-{generation:06d}"

    def chunks_path(self, generation: int) -> Path:
        return self.generation_dir(generation) / "chunks.jsonl"

    def bm25_dir(self, generation: int) -> Path:
        return self.generation_dir(generation) / "bm25"

    def sentences_dir(self, generation: int) -> Path:
        return self.generation_dir(generation)


def read_manifest(layout: IndexLayout) -> IndexManifest | None:
    """The current manifest, None when nothing was ever indexed; a damaged one is reported, not guessed."""
    path = layout.manifest_path
    if not path.exists():
        return None
    try:
        return IndexManifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError) as exc:
        raise IndexCorruptError(f"索引清单 {path} 已损坏", "请运行 sme-advisor ingest --rebuild 重建索引") from exc


def write_manifest(layout: IndexLayout, manifest: IndexManifest) -> None:
    """Swap the manifest atomically: readers see the old generation or the new one, never half of one."""
    tmp = layout.manifest_path.with_suffix(".tmp")
    tmp.write_text(manifest.model_dump_json(indent=1), encoding="utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, layout.manifest_path)


def save_chunks(path: Path, chunks: list[Chunk]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk.__dict__, ensure_ascii=False) + "\n")


def load_chunks(path: Path) -> list[Chunk]:
    with path.open(encoding="utf-8") as handle:
        return [Chunk(**json.loads(line)) for line in handle if line.strip()]


@dataclass
class LoadedIndex:
    manifest: IndexManifest
    chunks: dict[str, Chunk]
    bm25: BM25Index
    vectors: ChromaVectorIndex
    sentences: SentenceIndex = field(default_factory=lambda: SentenceIndex([], np.zeros((0, 0), np.float32)))

    @property
    def size(self) -> int:
        return len(self.chunks)


def open_index(settings: Settings, embedder_name: str) -> LoadedIndex:
    """Open the current generation; say clearly what is wrong and how to fix it when it cannot be used."""
    layout = IndexLayout(settings.index_dir)
    manifest = read_manifest(layout)
    if manifest is None:
        raise IndexMissingError("还没有建立索引", "请先运行 sme-advisor ingest（serve 会在首次启动时自动建立）")
    if manifest.embedder != embedder_name:
        raise EmbedderMismatchError(
            f"索引由 {manifest.embedder} 建立，当前配置的是 {embedder_name}",
            "请运行 sme-advisor ingest 以新模型重建索引",
        )
    try:
        chunks = load_chunks(layout.chunks_path(manifest.generation))
        bm25 = BM25Index.load(layout.bm25_dir(manifest.generation))
        client = chroma_client(layout.chroma_dir, settings.chroma_url)
        vectors = ChromaVectorIndex(client, manifest.collection)
        stored = vectors.count()
        sentences = _load_sentences(layout, manifest)
        by_id = {c.chunk_id: c for c in chunks}
        if sentences.lexical is None and len(sentences):
            sentences = sentences.with_lexical(by_id)
    except IndexCorruptError:
        raise
    except Exception as exc:  # missing files, damaged bm25 arrays, a collection Chroma cannot find
        raise IndexCorruptError(f"索引文件不完整或已损坏（{type(exc).__name__}）",
                                "请运行 sme-advisor ingest --rebuild 重建索引") from exc
    if stored != len(chunks) or bm25.chunk_ids != [c.chunk_id for c in chunks] or not sentences.chunk_ids <= set(by_id):
        raise IndexCorruptError("索引各部分不一致（向量与文本块数量不符）", "请运行 sme-advisor ingest --rebuild 重建索引")
    return LoadedIndex(manifest, by_id, bm25, vectors, sentences)


def _load_sentences(layout: IndexLayout, manifest: IndexManifest) -> SentenceIndex:
    """The generation's sentence vectors; an index built before they existed serves without them until re-ingest."""
    folder = layout.sentences_dir(manifest.generation)
    if manifest.sentences is None:
        return SentenceIndex([], np.zeros((0, manifest.dim), np.float32))
    index = SentenceIndex.load(folder)
    if len(index) != manifest.sentences:
        raise ValueError(f"manifest lists {manifest.sentences} sentences, found {len(index)}")
    return index


def remove_generation(layout: IndexLayout, client, generation: int) -> None:  # noqa: ANN001
    """Drop a generation's collection and files (old ones after a swap, or leftovers of a killed ingest)."""
    try:
        client.delete_collection(collection_name(generation))
    except Exception:  # noqa: BLE001 - already gone is fine
        pass
    shutil.rmtree(layout.generation_dir(generation), ignore_errors=True)
