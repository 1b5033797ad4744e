"""Accept an uploaded document only after it has been checked and loaded, so the index never sees a bad file."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

from assistant.errors import DocumentError, InputError
from assistant.settings import Settings
from corpus.load import SUPPORTED, load_document

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]")


# What to do with the office files staff most often have at hand, before the list of accepted types
_CONVERT = {
    **dict.fromkeys((".doc", ".wps", ".rtf"), "请用 Word 或 WPS 打开后“另存为” .docx 再上传；"),
    **dict.fromkeys((".xlsx", ".xls", ".et", ".csv"), "表格不能直接加入资料库：请把内容复制到 Word 另存为 .docx，或导出为 PDF；"),
    **dict.fromkeys((".pptx", ".ppt", ".dps"), "演示文稿请“导出为 PDF”再上传；"),
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"), "图片里的文字读不出来：请上传可复制文字的 PDF 或 Word；"),
    **dict.fromkeys((".zip", ".rar", ".7z"), "请先解压，再逐个上传其中的文档；"),
    ".html": "网页请在浏览器中“打印为 PDF”再上传；",
}


def uploads_dir(settings: Settings) -> Path:
    return settings.data_dir / "uploads"


def safe_name(original: str) -> str:
    """The file's base name only (no folders, no '..', no control or reserved characters)."""
    name = PureWindowsPath(PurePosixPath(unicodedata.normalize("NFC", original or "")).name).name
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name or not Path(name).stem.strip("._ "):
        raise InputError("文件名无效", "请把文件改成普通的名字（例如 政策解读.pdf）再上传")
    if len(name.encode("utf-8")) > 200:
        stem, suffix = Path(name).stem, Path(name).suffix
        name = stem[:60] + suffix
    return name


def existing_names(settings: Settings, indexed: set[str]) -> set[str]:
    """Names already used by the curated corpus, earlier uploads or the index (a clash would shadow a document)."""
    names = set(indexed)
    for folder in (settings.corpus_dir, uploads_dir(settings)):
        if folder.is_dir():
            names |= {p.name for p in folder.iterdir() if p.is_file()}
    return {n.lower() for n in names}


def check_upload(path: Path, original_name: str, settings: Settings, indexed: set[str]) -> str:
    """Validate type, size, emptiness and name; return the sanitised name or raise InputError (Chinese)."""
    name = safe_name(original_name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        allowed = " / ".join(sorted(SUPPORTED))
        raise InputError(f"不支持的文件类型：{suffix or '（无扩展名）'}",
                         _CONVERT.get(suffix, "") + f"只能上传 {allowed} 文件")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError("上传的文件读取失败", "请重新选择文件上传") from exc
    if size == 0:
        raise InputError("文件是空的（0 字节）", "请检查文件内容后重新上传")
    limit = settings.max_upload_mb * 1024 * 1024
    if size > limit:
        raise InputError(f"文件太大（{size / 1024 / 1024:.1f} MB，上限 {settings.max_upload_mb} MB）",
                         "请压缩或拆分后再上传")
    if name.lower() in existing_names(settings, indexed):
        uploaded = name.lower() in {n.lower() for n in uploaded_names(settings)}
        raise InputError(f"已有同名文档：{name}", "如需替换，请先在下方“删除已上传的文档”中删除旧文件，再上传新文件"
                         if uploaded else "请改名后再上传；资料库自带的报告如需替换，请联系管理员在语料目录中更新")
    return name


def accept_upload(path: Path, original_name: str, settings: Settings, indexed: set[str]) -> tuple[Path, str]:
    """Check, trial-load, then place the file in uploads/; return its new path and its title."""
    name = check_upload(path, original_name, settings, indexed)
    with tempfile.TemporaryDirectory(prefix="sme-upload-") as tmp:
        trial = Path(tmp) / name
        shutil.copyfile(path, trial)
        try:
            loaded = load_document(trial, {}, settings.max_pdf_pages)
        except DocumentError as exc:
            raise InputError(f"无法读取 {name}：{exc.message}", exc.hint or "请检查文件后重新上传") from exc
        except Exception as exc:  # noqa: BLE001 - a hostile file must give a reason, never a traceback
            raise InputError(f"无法读取 {name}：文件已损坏或格式不正确", "请用原软件重新导出后再上传") from exc
        folder = uploads_dir(settings)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        partial = folder / f".{name}.part"
        shutil.copyfile(trial, partial)
        partial.replace(target)  # atomic: ingestion never sees half a file
    return target, loaded.title


def uploaded_names(settings: Settings) -> list[str]:
    """Documents added through the UI: the only ones staff may delete there (the curated reports stay)."""
    folder = uploads_dir(settings)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


@contextmanager
def set_aside(settings: Settings, name: str) -> Iterator[None]:
    """Take an uploaded document out of the corpus while the index is rebuilt without it; if the rebuild fails, put
    it back, so the index and the folder never disagree about what is in the corpus."""
    if name not in uploaded_names(settings):
        raise InputError(f"找不到已上传的文档：{name or '（未选择）'}", "请先点“刷新列表”，再从下拉框中选择要删除的文档")
    source = uploads_dir(settings) / name
    held = uploads_dir(settings) / ".removed" / name  # a hidden sub-folder: ingestion reads only the folder's files
    held.parent.mkdir(exist_ok=True)
    source.replace(held)
    try:
        yield
    except BaseException:
        held.replace(source)
        raise
    held.unlink(missing_ok=True)
