"""Chroma behind the VectorIndex interface: embedded on disk by default, a `chroma run` server when configured."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from assistant.errors import ConfigError, IndexCorruptError
from assistant.services import VectorHit, VectorRecord

COLLECTION_PREFIX = "sme_chunks_g"
# HNSW explores this many candidates per query. Chroma's default (100) is approximate: the tail of a 50-hit ranking
# could differ between two processes opening the same index, and the confidence read from it moved with it. A
# corpus of a few thousand passages is searched exhaustively at this width in well under a millisecond.
SEARCH_WIDTH = 1000


def chroma_client(persist_dir: Path | None, server_url: str = ""):  # noqa: ANN201 - chromadb's client type
    """Open Chroma: an HTTP client when a server URL is set, else a persistent client on disk."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if server_url:
        parsed = urlparse(server_url)
        if not parsed.hostname:
            raise ConfigError(f"Chroma 服务地址无效：{server_url}", "格式如 http://127.0.0.1:8000")
        return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or 8000,
                                   ssl=parsed.scheme == "https", settings=chroma_settings)
    assert persist_dir is not None
    persist_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(persist_dir), settings=chroma_settings)
    except Exception as exc:  # chromadb raises assorted internal errors for a damaged folder
        raise IndexCorruptError(f"向量索引无法打开：{type(exc).__name__}",
                                "请运行 sme-advisor ingest --rebuild 重建索引") from exc


class ChromaVectorIndex:
    """One generation of the chunk vectors, stored as one Chroma collection with cosine distance."""

    def __init__(self, client, collection_name: str, create: bool = False) -> None:  # noqa: ANN001
        self._client = client
        self.name = collection_name
        self._count: int | None = None  # a served generation is immutable: ask Chroma once, not per query
        if create:
            self._collection = client.get_or_create_collection(
                collection_name, configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_WIDTH}},
                embedding_function=None,
            )
        else:
            self._collection = client.get_collection(collection_name, embedding_function=None)

    def upsert(self, records: Sequence[VectorRecord]) -> None:
        self._count = None
        for start in range(0, len(records), 500):
            batch = records[start:start + 500]
            self._collection.upsert(
                ids=[r.chunk_id for r in batch],
                embeddings=[np.asarray(r.vector, dtype=np.float32).tolist() for r in batch],
                documents=[r.text for r in batch],
                metadatas=[dict(r.metadata) for r in batch] if all(r.metadata for r in batch) else None,
            )

    def delete(self, chunk_ids: Sequence[str]) -> None:
        self._count = None
        if chunk_ids:
            self._collection.delete(ids=list(chunk_ids))

    def search(self, vector: np.ndarray, k: int) -> list[VectorHit]:
        k = min(k, self.count())
        if k <= 0:
            return []
        result = self._collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
                                        n_results=k, include=["distances"])
        ids, distances = result["ids"][0], result["distances"][0]
        return [VectorHit(chunk_id=i, score=1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by id, so an unchanged document is carried into a new generation unembedded."""
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(chunk_ids), 500):
            got = self._collection.get(ids=list(chunk_ids[start:start + 500]), include=["embeddings"])
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True):
                out[cid] = np.asarray(vec, dtype=np.float32)
        return out

    def records(self) -> tuple[list[str], list[str], list[dict]]:
        """All ids, documents and metadatas (a worker rebuilds BM25 from these in server mode)."""
        got = self._collection.get(include=["documents", "metadatas"])
        return list(got["ids"]), list(got["documents"] or []), list(got["metadatas"] or [])

    def count(self) -> int:
        if self._count is None:
            self._count = int(self._collection.count())
        return self._count

    def mark_complete(self, info: dict[str, str | int]) -> None:
        self._collection.modify(metadata={"complete": 1, **info})

    def info(self) -> dict:
        return dict(self._collection.metadata or {})


def list_generations(client) -> list[tuple[int, dict]]:  # noqa: ANN001
    """(generation, metadata) of our collections, newest first."""
    gens = []
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name.startswith(COLLECTION_PREFIX) and name[len(COLLECTION_PREFIX):].isdigit():
            meta = client.get_collection(name, embedding_function=None).metadata or {}
            gens.append((int(name[len(COLLECTION_PREFIX):]), dict(meta)))
    return sorted(gens, reverse=True)


def collection_name(generation: int) -> str:
    return f"{COLLECTION_PREFIX}{generation:06d}"
