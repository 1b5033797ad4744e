"""Several workers sharing one Chroma server: the server is the source of truth, each worker caches BM25 locally.

`publish` (run after an ingest in server mode) stores the manifest as collection metadata and the sentence
vectors as a companion collection; `sync_from_server` (run by each worker) rebuilds the local chunks/BM25/sentence
files of the server's newest complete generation when the local copy is missing or older.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from pathlib import Path

import numpy as np

from assistant.indexstore import IndexLayout, IndexManifest, read_manifest, save_chunks, write_manifest
from assistant.lexical import BM25Index, add_terms
from assistant.lexicon import domain_terms
from assistant.sentindex import VECTORS_FILE, SentenceIndex
from assistant.settings import Settings
from assistant.vectorstore import ChromaVectorIndex, chroma_client, collection_name, list_generations
from corpus.chunk import Chunk

log = logging.getLogger(__name__)

MANIFEST_KEY = "manifest"
SENTENCE_PREFIX = "sme_sents_g"
_BATCH = 1000


def sentence_collection(generation: int) -> str:
    return f"{SENTENCE_PREFIX}{generation:06d}"


def server_client(settings: Settings):  # noqa: ANN201 - chromadb's client type
    """One HTTP client to the configured Chroma server (create it once per process, not per request)."""
    return chroma_client(None, settings.chroma_url)


def publish(settings: Settings, client=None) -> int:  # noqa: ANN001
    """Put the local current generation's manifest and sentence vectors on the server; return its generation."""
    client = client or server_client(settings)
    layout = IndexLayout(settings.index_dir)
    manifest = read_manifest(layout)
    if manifest is None:
        raise ValueError("nothing to publish: no local index manifest")
    sentences_folder = layout.sentences_dir(manifest.generation)
    if manifest.sentences and SentenceIndex.exists(sentences_folder):
        rows = SentenceIndex.load(sentences_folder).rows
        _upload_sentences(client, manifest.generation, rows, np.load(sentences_folder / VECTORS_FILE))
    collection = client.get_collection(manifest.collection, embedding_function=None)
    meta = {k: v for k, v in (collection.metadata or {}).items() if not k.startswith("hnsw:")}
    collection.modify(metadata={**meta, MANIFEST_KEY: manifest.model_dump_json()})
    _drop_stale_sentence_collections(client, manifest.generation)
    return manifest.generation


def _upload_sentences(client, generation: int, all_rows: list[tuple[str, int, int]],  # noqa: ANN001
                      vectors: np.ndarray) -> None:
    name = sentence_collection(generation)
    try:
        client.delete_collection(name)
    except Exception:  # noqa: BLE001 - not there yet
        pass
    target = client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
    for start in range(0, len(all_rows), _BATCH):
        rows = all_rows[start:start + _BATCH]
        target.add(ids=[f"s{start + i:08d}" for i in range(len(rows))],
                   embeddings=vectors[start:start + len(rows)].astype(np.float32).tolist(),
                   metadatas=[{"chunk_id": c, "start": s, "end": e, "row": start + i}
                              for i, (c, s, e) in enumerate(rows)])


def _drop_stale_sentence_collections(client, keep: int) -> None:  # noqa: ANN001
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name.startswith(SENTENCE_PREFIX) and name != sentence_collection(keep):
            try:
                client.delete_collection(name)
            except Exception:  # noqa: BLE001 - another worker removed it first
                pass


def newest_complete(client) -> tuple[int, dict] | None:  # noqa: ANN001
    """(generation, metadata) of the newest collection an ingest finished, None when there is none."""
    for generation, meta in list_generations(client):
        if meta.get("complete"):
            return generation, meta
    return None


def sync_from_server(settings: Settings, client=None) -> bool:  # noqa: ANN001
    """Rebuild the local cache of the server's newest complete generation if needed; True when it changed."""
    client = client or server_client(settings)
    found = newest_complete(client)
    if found is None:
        return False
    generation, meta = found
    layout = IndexLayout(settings.index_dir)
    layout.root.mkdir(parents=True, exist_ok=True)
    with (layout.root / ".sync.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # workers sharing a data folder build the cache once
        try:
            if _local_is_current(layout, generation):
                return False
            _materialise(layout, client, generation, meta)
            return True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _local_is_current(layout: IndexLayout, generation: int) -> bool:
    try:
        local = read_manifest(layout)
    except Exception:  # noqa: BLE001 - a damaged local manifest is just a cache to rebuild
        return False
    return (local is not None and local.generation >= generation
            and layout.chunks_path(local.generation).exists() and layout.bm25_dir(local.generation).exists())


def _materialise(layout: IndexLayout, client, generation: int, meta: dict) -> None:  # noqa: ANN001
    ids, documents, metadatas = ChromaVectorIndex(client, collection_name(generation)).records()
    chunks = sorted((_chunk(i, d, m) for i, d, m in zip(ids, documents, metadatas, strict=True)),
                    key=lambda c: (c.doc_id, c.start, c.chunk_id))
    manifest = _manifest(generation, meta)
    manifest.tokenizer = add_terms(domain_terms())  # BM25 below is built with this process's dictionary
    folder = layout.generation_dir(generation)
    shutil.rmtree(folder, ignore_errors=True)
    save_chunks(layout.chunks_path(generation), chunks)
    BM25Index.build([c.chunk_id for c in chunks], [c.index_text() for c in chunks]).save(layout.bm25_dir(generation))
    sentences = _download_sentences(client, generation, manifest.dim)
    if sentences is None:
        manifest.sentences = None
    else:
        sentences.save(layout.sentences_dir(generation))
        manifest.sentences = len(sentences)
    write_manifest(layout, manifest)
    _remove_other_local_generations(layout, generation)
    log.info("synced generation %d from the Chroma server (%d chunks)", generation, len(chunks))


def _chunk(chunk_id: str, text: str, meta: dict) -> Chunk:
    page = int(meta.get("page", -1))
    return Chunk(chunk_id=chunk_id, doc_id=str(meta["doc_id"]), title=str(meta.get("title", "")),
                 section=str(meta.get("section", "")), text=text, start=int(meta["start"]), end=int(meta["end"]),
                 page=None if page < 0 else page, para=int(meta.get("para", 0)),
                 content_hash=str(meta.get("content_hash", "")))


def _manifest(generation: int, meta: dict) -> IndexManifest:
    if MANIFEST_KEY in meta:
        return IndexManifest.model_validate_json(str(meta[MANIFEST_KEY]))
    # Published by an ingest that did not call publish(): enough to serve, document records are unknown.
    return IndexManifest(generation=generation, collection=collection_name(generation),
                         embedder=str(meta.get("embedder", "")), dim=int(meta.get("dim", 384)), tokenizer="")


def _download_sentences(client, generation: int, dim: int) -> SentenceIndex | None:  # noqa: ANN001
    try:
        source = client.get_collection(sentence_collection(generation), embedding_function=None)
    except Exception:  # noqa: BLE001 - not published: serve without sentence ranking until the next publish
        return None
    total = int(source.count())
    rows: list[tuple[str, int, int]] = [("", 0, 0)] * total
    matrix = np.zeros((total, dim), dtype=np.float32)
    for offset in range(0, total, _BATCH):
        got = source.get(include=["embeddings", "metadatas"], limit=_BATCH, offset=offset)
        for meta, vector in zip(got["metadatas"], got["embeddings"], strict=True):
            row = int(meta["row"])
            rows[row] = (str(meta["chunk_id"]), int(meta["start"]), int(meta["end"]))
            matrix[row] = np.asarray(vector, dtype=np.float32)
    return SentenceIndex(rows, matrix)


def _remove_other_local_generations(layout: IndexLayout, keep: int) -> None:
    for folder in layout.root.glob("gen-*"):
        if folder != layout.generation_dir(keep) and folder.name.removeprefix("gen-").isdigit():
            shutil.rmtree(folder, ignore_errors=True)


def local_generation(index_dir: Path) -> int | None:
    manifest = read_manifest(IndexLayout(index_dir))
    return manifest.generation if manifest else None
