"""Load corpus documents (.txt, .md, .pdf, .docx) into page texts, with titles from manifest.json."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DocumentError
from corpus.markdown import markdown_lines
from corpus.tables import as_sentence
from corpus.titles import spread_title

SUPPORTED = {".txt", ".md", ".pdf", ".docx"}


@dataclass(frozen=True)
class LoadedDocument:
    doc_id: str  # the file name
    title: str
    pages: tuple[str, ...]
    paged: bool  # True when pages are real PDF pages
    source_hash: str
    path: Path


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every loadable file in the corpus folder (not recursive; manifest and hidden files skipped)."""
    if not corpus_dir.is_dir():
        raise DocumentError(f"语料目录不存在：{corpus_dir}", "请用 --corpus 或 SME_ADVISOR_CORPUS_DIR 指定正确的目录")
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() in SUPPORTED)


def read_manifest(corpus_dir: Path) -> dict[str, str]:
    """Titles by file name from manifest.json; a missing or broken manifest just means no titles."""
    path = corpus_dir / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    docs = data.get("documents", data) if isinstance(data, dict) else {}
    return {name: str(meta["title"]) for name, meta in docs.items() if isinstance(meta, dict) and meta.get("title")}


def read_credits(corpus_dir: Path) -> dict[str, str]:
    """Who wrote each document and when, by file name ("中国信息通信研究院，2025 年"), from manifest.json; only the
    fields it fills in, and nothing when it is missing or broken."""
    try:
        data = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    docs = data.get("documents", data) if isinstance(data, dict) else {}
    credits = {}
    for name, meta in docs.items():
        if not isinstance(meta, dict):
            continue
        parts = [str(meta[k]) for k in ("authors", "publisher") if meta.get(k)]
        if meta.get("year"):
            parts.append(f"{meta['year']} 年")
        if parts:
            credits[name] = "，".join(parts)
    return credits


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_document(path: Path, titles: dict[str, str], max_pages: int = 500) -> LoadedDocument:
    """Read one file; raise DocumentError with a one-line reason when it cannot be used."""
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError("文件为空", "请上传有内容的文件")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pages, paged = _pdf_pages(path, max_pages), True
    elif suffix == ".docx":
        pages, paged = (_docx_text(path),), False
    else:
        pages, paged = (_decode_text(data),), False
    if not any(p.strip() for p in pages):
        raise DocumentError("没有可提取的文字（可能是扫描件）", "请提供可复制文字的 PDF 或文本文件")
    title = titles.get(path.name) or _guess_title(pages[0], path)  # (a Markdown heading's # marks a short title)
    if suffix == ".md":
        pages = (markdown_lines(pages[0]),)
    return LoadedDocument(path.name, title, tuple(pages), paged, hashlib.sha256(data).hexdigest(), path)


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows Notepad's "Unicode": UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("UTF-16 文本已损坏，无法读取", "请另存为 UTF-8 编码") from exc
    if b"\x00" in data[:4096] or _control_ratio(data[:4096]) > 0.05:
        raise DocumentError("不是文本文件（含二进制内容）", "请确认文件格式与扩展名一致")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # GB18030 accepts almost any bytes, Big5 (Taiwan, Hong Kong) included, as garbage: read both and keep the one
    # that reads as words.
    readings = []
    for encoding in ("gb18030", "big5"):
        try:
            readings.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise DocumentError("无法识别文字编码（不是 UTF-8、GBK 或 Big5）", "请另存为 UTF-8 编码")
    return max(readings, key=_word_share)


def _word_share(text: str) -> float:
    """Share of the text's Chinese characters that form dictionary words of two or more characters."""
    from assistant.lexical import tokenize

    sample = text[:4000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") or 1
    return sum(len(t) for t in tokenize(sample) if len(t) > 1 and "\u4e00" <= t[0] <= "\u9fff") / cjk


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls / max(len(sample), 1)


def _pdf_pages(path: Path, max_pages: int) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs its repairs in English ("EOF marker not found"); a file it cannot read is reported in Chinese below
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError("PDF 已加密", "请提供未加密的版本")
        if len(reader.pages) > max_pages:
            raise DocumentError(f"PDF 页数过多（{len(reader.pages)} 页，上限 {max_pages}）", "请拆分后再上传")
        return [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentError("PDF 无法解析，文件内容不完整或已损坏", "请用原软件重新导出 PDF 后再上传") from exc


def _docx_text(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise DocumentError("DOCX 无法解析", "文件可能已损坏，请重新保存") from exc
    return "\n".join(_docx_lines(document))


def _docx_lines(document) -> list[str]:  # noqa: ANN001 - a python-docx Document
    """The body's paragraphs and tables in reading order: a table row becomes one line of tab-separated cells (the
    shape the cleaner rewrites into sentences, as for a PDF's tables), a two-column row "label：value。"."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            lines.append(block.text)
            continue
        for row in block.rows:
            cells = [re.sub(r"\s*\n\s*", "", cell.text).strip() for cell in row.cells]
            if len(cells) == 2:  # a row of its own: unended, the cleaner ran it into the next as a wrapped line
                lines.append(as_sentence("：".join(c for c in cells if c)))
            else:
                lines.append("\t".join(cells))
        lines.append("")
    return lines


def _guess_title(first_page: str, path: Path) -> str:
    """First substantial short line, else the file name: better than a hash as a citation label."""
    lines = first_page.splitlines()[:30]
    for i, line in enumerate(lines):
        text = re.sub(r"\s+", "", line).lstrip("#*>-=")  # a Markdown heading's marks are not part of the title
        # a Markdown heading is a title however short ("# 临时通知"); a plain line that short is rarely one
        shortest = 2 if line.lstrip().startswith("#") else 6
        if shortest <= len(text) <= 60 and not re.fullmatch(r"[\d\W]+", text):
            spread = spread_title(lines, i)  # a notice's title printed over two lines is one title
            return spread.lstrip("#*>-=") if spread else text
    return path.stem
