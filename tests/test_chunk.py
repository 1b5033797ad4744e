"""Chunks of the real corpus are citable passages: exact offsets, section paths, sensible sizes, no debris."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from corpus.chunk import Chunk, CleanDocument, assemble, chunk_document
from corpus.clean import clean_pages
from corpus.headings import detect_heading
from corpus.load import corpus_files, load_document, read_manifest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")

TOC_LINE = re.compile(r"\.{4,}|…{3,}|\t\d")
SENTENCE_END = re.compile(r"[。！？!?；;：:…”’）)]$|[①-⑳]$")


def _clean_corpus() -> list[tuple[CleanDocument, list[Chunk]]]:
    titles = read_manifest(CORPUS)
    out = []
    for path in corpus_files(CORPUS):
        loaded = load_document(path, titles)
        doc = assemble(loaded.doc_id, loaded.title, clean_pages(loaded.pages, loaded.paged))
        out.append((doc, chunk_document(doc)))
    return out


@pytest.fixture(scope="module")
def corpus_chunks() -> list[tuple[CleanDocument, list[Chunk]]]:
    return _clean_corpus()


def _all(corpus_chunks: list[tuple[CleanDocument, list[Chunk]]]) -> list[Chunk]:
    return [chunk for _, chunks in corpus_chunks for chunk in chunks]


def test_every_document_is_chunked_with_its_manifest_title(corpus_chunks) -> None:  # noqa: ANN001
    titles = read_manifest(CORPUS)
    assert len(corpus_chunks) == len(corpus_files(CORPUS)) >= 5
    for doc, chunks in corpus_chunks:
        assert chunks, doc.doc_id
        assert {c.title for c in chunks} == {titles[doc.doc_id]}
        assert {c.doc_id for c in chunks} == {doc.doc_id}


def test_chunk_text_is_exactly_the_cleaned_text_at_its_offsets(corpus_chunks) -> None:  # noqa: ANN001
    for doc, chunks in corpus_chunks:
        for chunk in chunks:
            assert chunk.text == doc.text[chunk.start:chunk.end]
            assert chunk.page is None  # .txt sources have no pages; the paragraph index locates them
            assert doc.offsets[chunk.para] <= chunk.start < doc.offsets[chunk.para] + len(doc.paragraphs[chunk.para].text)


def test_chunks_follow_document_order_and_cover_the_body(corpus_chunks) -> None:  # noqa: ANN001
    for doc, chunks in corpus_chunks:
        starts = [c.start for c in chunks]
        assert starts == sorted(starts)
        covered = sum(c.end - c.start for c in chunks)
        assert covered >= 0.9 * len(doc.text), doc.doc_id  # headings alone are left out; body text is not


def test_section_paths_follow_the_report_hierarchy(corpus_chunks) -> None:  # noqa: ANN001
    sections = {c.section for c in _all(corpus_chunks)}
    assert "四、中小企业数字化转型模型 > （三）十大细分领域中小企业典型数字化场景 > 5.汽车零部件领域中小企业转型场景" in sections
    assert "四、行业场景 > （二）医药制造业 > 1.场景需求" in sections
    assert "五、区域实践 > （二）县域推进先行探索 > 专栏1：县域单元实践案例" in sections
    assert "三、企业转型 > （二）催生五类工具需求 > 需求1：在研发设计环节，对国产化软件有需求" in sections
    assert "四、国外推动中小型制造企业智能化改造的经验与启示 > 1.强化顶层设计规划" in sections
    ten = [s for s in sections if s.startswith("四、中小企业数字化转型模型 > （三）十大细分领域")]
    assert len({s.split(" > ")[2] for s in ten if s.count(" > ") >= 2}) == 10


def test_chunk_lengths_are_mostly_within_the_target(corpus_chunks) -> None:  # noqa: ANN001
    lengths = [len(c.text) for c in _all(corpus_chunks)]
    within = sum(300 <= n <= 600 for n in lengths) / len(lengths)
    print(f"\nchunks={len(lengths)} mean={statistics.mean(lengths):.0f} min={min(lengths)} max={max(lengths)} "
          f"within 300-600={within:.0%} under 150={sum(n < 150 for n in lengths)}")
    assert within >= 0.65
    assert 380 <= statistics.mean(lengths) <= 520
    assert max(lengths) <= 750
    assert sum(n < 150 for n in lengths) / len(lengths) <= 0.08  # short chunks are only whole short sections


def test_no_chunk_carries_toc_lines_running_headers_or_full_width_digits(corpus_chunks) -> None:  # noqa: ANN001
    for chunk in _all(corpus_chunks):
        assert not TOC_LINE.search(chunk.text), chunk.text[:80]
        assert "Alliance of Industrial Internet" not in chunk.text
        assert not re.search(r"(^|\n)工业互联网产业联盟(\n|$)", chunk.text)
        assert not re.search(r"[０-９｡､]", chunk.text), chunk.text[:80]
        assert "**" not in chunk.text and "$" not in chunk.text


def test_no_chunk_breaks_a_line_inside_a_sentence(corpus_chunks) -> None:  # noqa: ANN001
    broken = []
    for chunk in _all(corpus_chunks):
        if not chunk.section:
            continue  # cover pages and front matter: lists of names, not sentences
        parts = chunk.text.split("\n\n")
        for before, after in zip(parts, parts[1:], strict=False):
            if after.startswith("注") or detect_heading(before):
                continue  # a page-foot footnote interrupts the sentence in the source itself
            if not SENTENCE_END.search(before):
                broken.append(f"{chunk.chunk_id}: …{before[-30:]}⏎{after[:20]}")
        assert "\n" not in chunk.text.replace("\n\n", ""), chunk.chunk_id
    assert len(broken) <= 2, broken  # the two tables flattened into text in report 002


def test_chunks_never_cross_into_another_section(corpus_chunks) -> None:  # noqa: ANN001
    crossing = []
    for _, chunks in corpus_chunks:
        for chunk in chunks:
            path = chunk.section.split(" > ")
            for part in chunk.text.split("\n\n")[1:]:
                heading = detect_heading(part)
                # A one-sentence lead-in of a parent section may be folded into its first child; a sibling never.
                if heading is not None and not heading.rest and heading.title not in path:
                    crossing.append((chunk.chunk_id, heading.title))
    assert not crossing


def test_chunks_end_at_sentence_ends(corpus_chunks) -> None:  # noqa: ANN001
    chunks = [c for c in _all(corpus_chunks) if c.section]
    ends = sum(bool(SENTENCE_END.search(c.text)) for c in chunks) / len(chunks)
    assert ends >= 0.95


def test_chunk_ids_and_content_hashes_are_stable_across_runs(corpus_chunks) -> None:  # noqa: ANN001
    again = _clean_corpus()
    first = [(c.chunk_id, c.content_hash) for c in _all(corpus_chunks)]
    assert first == [(c.chunk_id, c.content_hash) for c in _all(again)]
    assert len({c.chunk_id for c in _all(corpus_chunks)}) == len(first)


def test_index_text_gives_the_chunk_its_section_context(corpus_chunks) -> None:  # noqa: ANN001
    chunk = next(c for c in _all(corpus_chunks) if c.section.endswith("5.汽车零部件领域中小企业转型场景"))
    assert chunk.index_text().startswith("（三）十大细分领域中小企业典型数字化场景 > 5.汽车零部件领域中小企业转型场景\n")
    assert chunk.index_text().endswith(chunk.text)


def test_a_notice_whose_numbered_clauses_are_whole_sentences_keeps_every_clause_as_text() -> None:
    # one line per clause, as a PDF notice extracts: each "一、…。" is both a heading and the rule itself
    page = ("柯桥区中小企业数字化改造专项补贴实施细则\n"
            "一、对纺织印染中小企业实施数字化改造的，按设备和软件投入的30%给予补贴，单个企业最高200万元。\n"
            "二、申报时间为每年3月1日至4月30日，由区经信局受理。\n")
    doc = assemble("notice.pdf", "细则", clean_pages([page], paged=True))
    text = "".join(c.text for c in chunk_document(doc))
    assert "按设备和软件投入的30%给予补贴" in text and "每年3月1日至4月30日" in text
