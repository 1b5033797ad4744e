"""Ingestion: corpus folder → clean chunks → a new index generation, swapped in atomically."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.embedders import embedder_from_settings
from assistant.errors import DocumentError, IndexCorruptError, InputError
from assistant.indexstore import (
    PIPELINE,
    DocRecord,
    IndexLayout,
    IndexManifest,
    load_chunks,
    read_manifest,
    remove_generation,
    save_chunks,
    write_manifest,
)
from assistant.lexical import BM25Index, add_terms, load_dictionary_by_character
from assistant.lexicon import domain_terms
from assistant.sentindex import SentenceIndex, build_sentence_index
from assistant.services import Embedder, VectorRecord
from assistant.settings import Settings
from assistant.vectorstore import ChromaVectorIndex, chroma_client, collection_name, list_generations
from corpus.chunk import Chunk, assemble, chunk_document
from corpus.clean import clean_pages
from corpus.load import corpus_files, file_hash, load_document
from corpus.load import read_manifest as read_titles

Progress = Callable[[str, int, int], None]  # (stage, done, total)

@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # chunks embedded this run (0 when every document was unchanged)
    sentences_embedded: int = 0  # sentences embedded for the sentence index (unchanged ones are carried over)
    reused: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    kept_previous: list[str] = field(default_factory=list)  # failed now, but the last good version still serves
    rebuilt_reason: str = ""
    unchanged: bool = False
    seconds: float = 0.0
    generation: int = 0


def source_dirs(settings: Settings) -> list[Path]:
    """The curated corpus plus documents uploaded through the UI (kept under the data folder)."""
    uploads = settings.data_dir / "uploads"
    return [settings.corpus_dir] + ([uploads] if uploads.is_dir() else [])


def ingest(settings: Settings, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
    """Bring the index up to date with the corpus; unchanged documents are neither re-read nor re-embedded."""
    layout = IndexLayout(settings.index_dir)
    layout.root.mkdir(parents=True, exist_ok=True)
    with _exclusive(layout, progress):
        return _ingest_locked(settings, layout, rebuild, progress)


@contextmanager
def _exclusive(layout: IndexLayout, progress: Progress | None) -> Iterator[None]:
    """One ingest per data folder at a time: a second one (CLI beside serve) waits, then finds little to do."""
    with (layout.root / ".ingest.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if progress:
                progress("等待另一个建索引任务完成", 0, 1)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ingest_locked(settings: Settings, layout: IndexLayout, rebuild: bool,
                   progress: Progress | None) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    embedder = embedder_from_settings(settings)
    load_dictionary_by_character(settings.cache_dir)  # the first ingest leaves the shards for fast starts
    tokenizer = add_terms(domain_terms())
    try:
        old = read_manifest(layout)
    except IndexCorruptError:
        if not rebuild:
            raise
        old, report.rebuilt_reason = None, "索引清单已损坏，已完整重建索引"  # the repair the error message names
    if old is not None and (old.embedder != embedder.name or old.dim != embedder.dim):
        report.rebuilt_reason = f"嵌入模型已变更（{old.embedder} → {embedder.name}），已完整重建索引"
        rebuild = True
    if old is not None and old.tokenizer != tokenizer and not rebuild:
        report.rebuilt_reason = report.rebuilt_reason or "分词词典已更新，已重建关键词索引"
    files = _collect_files(settings)
    # An empty or mistyped folder would otherwise remove every indexed document; so would an empty curated folder
    # (a mount that failed) beside a few uploads, which alone keep `files` from being empty.
    curated_gone = old is not None and not corpus_files(settings.corpus_dir) and bool(set(old.docs) - set(files))
    if not files or curated_gone:
        kept = f"，已有索引（{len(old.docs)} 篇文档）保持不变" if old and old.docs else ""
        raise InputError(f"语料文件夹里没有可读的文档：{settings.corpus_dir}{kept}",
                         "支持 .txt .md .pdf .docx；请检查 --corpus 或 SME_ADVISOR_CORPUS_DIR 指向的文件夹")
    fresh_format = old is not None and old.sentences is not None and old.pipeline == PIPELINE
    if old is not None and old.pipeline != PIPELINE and not rebuild:
        report.rebuilt_reason = report.rebuilt_reason or "文档清洗与切分方式已更新，已重新切分全部文档（未变的段落沿用原向量）"
    if old and not rebuild and old.tokenizer == tokenizer and fresh_format and _nothing_changed(old, files):
        report.unchanged, report.documents, report.generation = True, len(old.docs), old.generation
        report.chunks = sum(d.chunks for d in old.docs.values())
        report.seconds = time.perf_counter() - started
        return report
    client = chroma_client(layout.chroma_dir, settings.chroma_url)
    _remove_leftovers(layout, client, old)
    previous = _previous_state(layout, client, old) if old and not rebuild else _PreviousState()
    chunks, doc_records = _gather(settings, files, old, previous, embedder, report, progress)
    generation = max([old.generation if old else 0] + [g for g, _ in list_generations(client)]) + 1
    report.embedded = _write_generation(layout, client, generation, chunks, previous.vectors, embedder, settings,
                                        progress)
    sentences, report.sentences_embedded = _write_sentences(layout, generation, chunks, previous.sentence_vectors,
                                                            embedder, settings, progress)
    report.reused = len(chunks) - report.embedded  # unchanged passages of an edited document count as reused
    manifest = IndexManifest(generation=generation, collection=collection_name(generation),
                             embedder=embedder.name, dim=embedder.dim, tokenizer=tokenizer, sentences=sentences,
                             pipeline=PIPELINE,
                             docs=doc_records, failures=dict(report.failed),
                             failed_hashes={doc_id: files[doc_id][1] for doc_id in report.failed})
    write_manifest(layout, manifest)
    if settings.chroma_url:
        from assistant.shared_index import publish

        publish(settings, client)  # workers on other machines pick the new generation up from the server
    if old is not None:
        remove_generation(layout, client, old.generation)
    report.removed = sorted(set(old.docs) - set(doc_records)) if old else []
    report.documents, report.chunks, report.generation = len(doc_records), len(chunks), generation
    report.seconds = time.perf_counter() - started
    return report


def _collect_files(settings: Settings) -> dict[str, tuple[Path, str, str]]:
    """doc id -> (path, source hash, title from manifest); the first folder wins a name clash."""
    out: dict[str, tuple[Path, str, str]] = {}
    for folder in source_dirs(settings):
        titles = read_titles(folder)
        for path in corpus_files(folder):
            if path.name not in out:
                out[path.name] = (path, file_hash(path), titles.get(path.name, ""))
    return out


def _nothing_changed(old: IndexManifest, files: dict[str, tuple[Path, str, str]]) -> bool:
    if set(old.docs) | set(old.failures) != set(files):
        return False
    # A failed file counts as unchanged only while it is the same bytes: a fixed file must be read again.
    return all(old.failed_hashes.get(doc_id) == digest if doc_id in old.failures
               else old.docs[doc_id].source_hash == digest for doc_id, (_, digest, _) in files.items())


@dataclass
class _PreviousState:
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # by the text that was embedded (index_text)
    sentence_vectors: dict[str, np.ndarray] = field(default_factory=dict)  # by sentence text


def _previous_state(layout: IndexLayout, client, old: IndexManifest) -> _PreviousState:  # noqa: ANN001
    try:
        chunks = load_chunks(layout.chunks_path(old.generation))
        by_id = ChromaVectorIndex(client, old.collection).vectors([c.chunk_id for c in chunks])
        # Keyed by text, not id: a passage that only moved (an edit earlier in its document) keeps its vector.
        vectors = {c.index_text(): by_id[c.chunk_id] for c in chunks if c.chunk_id in by_id}
    except Exception:  # noqa: BLE001 - a damaged previous generation just means embedding everything again
        return _PreviousState()
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    return _PreviousState(by_doc, vectors, _previous_sentences(layout, old, chunks))


def _previous_sentences(layout: IndexLayout, old: IndexManifest, chunks: list[Chunk]) -> dict[str, np.ndarray]:
    folder = layout.sentences_dir(old.generation)
    if old.sentences is None or not SentenceIndex.exists(folder):
        return {}
    try:
        return SentenceIndex.load(folder).vectors_by_text({c.chunk_id: c for c in chunks})
    except (OSError, ValueError):
        return {}


def _gather(settings: Settings, files: dict[str, tuple[Path, str, str]], old: IndexManifest | None,
            previous: _PreviousState, embedder: Embedder, report: IngestReport,
            progress: Progress | None) -> tuple[list[Chunk], dict[str, DocRecord]]:
    chunks: list[Chunk] = []
    records: dict[str, DocRecord] = {}
    for done, (doc_id, (path, digest, title)) in enumerate(sorted(files.items()), start=1):
        known = old.docs.get(doc_id) if old else None
        if known and known.source_hash == digest and doc_id in previous.chunks and old and old.pipeline == PIPELINE:
            chunks.extend(previous.chunks[doc_id])
            records[doc_id] = known
            report.reused += len(previous.chunks[doc_id])
        else:
            try:
                doc_chunks, record = _process(path, digest, title, settings)
            except DocumentError as exc:
                report.failed[doc_id] = exc.user_message()
                if known and doc_id in previous.chunks:
                    chunks.extend(previous.chunks[doc_id])
                    records[doc_id] = known
                    report.kept_previous.append(doc_id)
            else:
                chunks.extend(doc_chunks)
                records[doc_id] = record
                (report.updated if known else report.added).append(doc_id)
        if progress:
            progress("读取与切分", done, len(files))
    return chunks, records


def _process(path: Path, digest: str, title: str, settings: Settings) -> tuple[list[Chunk], DocRecord]:
    loaded = load_document(path, {path.name: title} if title else {}, settings.max_pdf_pages)
    paragraphs = clean_pages(loaded.pages, paged=loaded.paged)
    if not paragraphs:
        raise DocumentError("清洗后没有正文内容", "请确认文件是报告正文")
    doc = assemble(loaded.doc_id, loaded.title, paragraphs)
    doc_chunks = chunk_document(doc)
    record = DocRecord(title=loaded.title, source_hash=digest, chunks=len(doc_chunks), chars=len(doc.text),
                       ingested_at=datetime.now(UTC).isoformat(timespec="seconds"), path=str(path),
                       paged=loaded.paged)
    return doc_chunks, record


def _write_generation(layout: IndexLayout, client, generation: int, chunks: list[Chunk],  # noqa: ANN001
                      reusable: dict[str, np.ndarray], embedder: Embedder, settings: Settings,
                      progress: Progress | None) -> int:
    vectors = ChromaVectorIndex(client, collection_name(generation), create=True)
    todo = [c for c in chunks if c.index_text() not in reusable]
    fresh: dict[str, np.ndarray] = {}
    batch = max(1, settings.embed_batch_size)
    for start in range(0, len(todo), batch):
        part = todo[start:start + batch]
        for chunk, vector in zip(part, embedder.embed_passages([c.index_text() for c in part]), strict=True):
            fresh[chunk.chunk_id] = vector
        if progress:
            progress("向量化", min(start + batch, len(todo)), len(todo))
    records = [VectorRecord(c.chunk_id, c.text, fresh.get(c.chunk_id, reusable.get(c.index_text())), c.metadata())
               for c in chunks]
    vectors.upsert(records)
    save_chunks(layout.chunks_path(generation), chunks)
    BM25Index.build([c.chunk_id for c in chunks], [c.index_text() for c in chunks]).save(layout.bm25_dir(generation))
    vectors.mark_complete({"generation": generation, "embedder": embedder.name, "chunks": len(chunks)})
    return len(todo)


def _write_sentences(layout: IndexLayout, generation: int, chunks: list[Chunk], reusable: dict[str, np.ndarray],
                     embedder: Embedder, settings: Settings, progress: Progress | None) -> tuple[int, int]:
    """Embed the sentences not seen before and store the generation's sentence index; (sentences, embedded)."""
    def report(done: int, total: int) -> None:
        if progress:
            progress("句子向量化", done, total)

    index, embedded = build_sentence_index(chunks, embedder.embed_passages, embedder.dim, reusable,
                                           max(1, settings.embed_batch_size), report)
    index.save(layout.sentences_dir(generation))
    return len(index), embedded


def _remove_leftovers(layout: IndexLayout, client, old: IndexManifest | None) -> None:  # noqa: ANN001
    """A killed ingest leaves a half-written generation behind; the manifest never pointed at it."""
    current = old.generation if old else -1
    for generation, _ in list_generations(client):
        if generation != current:
            remove_generation(layout, client, generation)
    for folder in layout.root.glob("gen-*"):
        suffix = folder.name.removeprefix("gen-")
        if suffix.isdigit() and int(suffix) != current:
            remove_generation(layout, client, int(suffix))
