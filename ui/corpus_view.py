"""The corpus view: what is in the index, re-indexing with progress, and checked uploads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.commands.ingest_cmd import summary_text
from assistant.errors import AdvisorError
from assistant.runtime import Runtime
from corpus.ingest import IngestReport, ingest
from corpus.load import SUPPORTED
from ui.assets import too_big_js
from ui.notify import warn
from ui.render import esc
from ui.upload import accept_upload, set_aside, uploaded_names

log = logging.getLogger(__name__)
HEADERS = ["文件", "标题", "文本块", "最近建索引"]


class CorpusView:
    """Builds the corpus tab; uploads are trial-loaded before they can reach the index."""

    def __init__(self, runtime: Runtime, staff_ok: gr.State) -> None:
        self.runtime = runtime
        self.staff_ok = staff_ok
        self._busy = threading.RLock()

    def build(self) -> None:
        limit = self.runtime.settings.max_upload_mb
        types = " / ".join(sorted(SUPPORTED))
        with gr.Row():
            self.refresh_btn = gr.Button("刷新列表", size="sm", elem_id="corpus-refresh")
            self.reindex_btn = gr.Button("重新建索引", variant="primary", size="sm", elem_id="corpus-reindex")
        self.table = gr.Dataframe(headers=HEADERS, value=[], label="已收录的文档", show_label=False, interactive=False, wrap=True,
                                  column_widths=["190px", "300px", "70px", "150px"], elem_id="corpus-table")
        self.status = gr.HTML("", elem_id="corpus-status")
        gr.Markdown(f"**上传新文档**：支持 {types}，单个文件不超过 {limit} MB。文件会先试读，能读出文字才加入索引；"
                    "原有索引在新索引建好前一直可用。自带的研究报告不含申报细则；上传当地的政策通知（申报通知、实施细则等）后，"
                    "顾问可以按通知原文回答申报条件、补助标准、申报时间和流程。")
        self.file = gr.File(label="选择文件", file_count="single", type="filepath", elem_id="corpus-upload")
        self.upload_btn = gr.Button("上传并加入索引", variant="primary", elem_id="corpus-upload-btn")
        self.upload_status = gr.HTML("", elem_id="upload-status", js_on_load=too_big_js(limit))
        gr.Markdown("**删除已上传的文档**：只能删除在这里上传的文档（资料库自带的报告不能删除）；删除后立即重建索引，"
                    "重建失败时文件会放回原处。")
        with gr.Row():
            self.uploaded = gr.Dropdown([], value=None, label="已上传的文档", scale=3, elem_id="corpus-uploaded")
            self.delete_btn = gr.Button("删除并重建索引", variant="stop", scale=1, elem_id="corpus-delete-btn")
        self.delete_status = gr.HTML("", elem_id="delete-status")
        self.refresh_btn.click(self.on_refresh, self.staff_ok, self.listing)
        # The build's progress is drawn over the table, or over the file being added: over a one-line status it spilt
        # onto the instructions below and hid them for the whole build
        self.reindex_btn.click(self.on_reindex, self.staff_ok, [self.table, self.status], show_progress_on=self.table)
        self.upload_btn.click(self.on_upload, [self.staff_ok, self.file], [self.table, self.upload_status, self.file],
                              show_progress_on=self.file).then(self.on_refresh, self.staff_ok, self.listing)
        self.delete_btn.click(self.on_delete, [self.staff_ok, self.uploaded], [self.table, self.delete_status],
                              show_progress_on=self.table).then(self.on_refresh, self.staff_ok, self.listing)

    @property
    def listing(self) -> list[Any]:
        """What on_refresh fills in: the table, its status line and the list of deletable uploads."""
        return [self.table, self.status, self.uploaded]

    def rows(self) -> list[list[Any]]:
        manifest = self.runtime.index().manifest
        return [[doc_id, rec.title, rec.chunks, rec.ingested_at.replace("T", " ")[:16]]
                for doc_id, rec in sorted(manifest.docs.items())]

    def on_refresh(self, staff_ok: bool) -> tuple[Any, str, Any]:
        if not staff_ok:  # also runs after a failed unlock: stay quiet, the gate already said why
            return gr.update(), "", gr.update()
        uploads = gr.update(choices=uploaded_names(self.runtime.settings), value=None)
        try:
            rows = self.rows()
        except AdvisorError as exc:
            return [], _error(exc.user_message()), uploads
        failures = self.runtime.index().manifest.failures
        notes = "".join(f"<div class='src-meta'>未能读取 {esc(k)}：{esc(v)}</div>" for k, v in failures.items())
        return rows, f"<div class='src-meta'>共 {len(rows)} 篇文档</div>{notes}", uploads

    def _ingest(self, progress: gr.Progress) -> IngestReport:
        def report(stage: str, done: int, total: int) -> None:
            progress((done, max(total, 1)), desc=stage, unit=_UNITS.get(stage, "项"))

        with self._exclusive():
            return ingest(self.runtime.settings, progress=report)

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One corpus change from this UI at a time (re-entrant: an upload holds it from its check to its index)."""
        if not self._busy.acquire(blocking=False):
            raise _Busy
        try:
            yield
        finally:
            self._busy.release()

    def on_reindex(self, staff_ok: bool, progress: gr.Progress = gr.Progress()) -> tuple[Any, str]:  # noqa: B008
        if not staff_ok:
            warn("请先输入工作人员口令")
            return gr.update(), ""
        try:
            summary = summary_text(self._ingest(progress))
        except _Busy:
            warn("已有建索引任务在运行，请稍后再试")
            return gr.update(), ""
        except AdvisorError as exc:
            return gr.update(), _error(exc.user_message())
        return self.rows(), f"<pre class='summary'>{esc(summary)}</pre>"

    def on_upload(self, staff_ok: bool, path: str | None,
                  progress: gr.Progress = gr.Progress()) -> tuple[Any, str, Any]:  # noqa: B008
        if not staff_ok:
            warn("请先输入工作人员口令")
            return gr.update(), "", None
        if not path:
            return gr.update(), _error("请先选择要上传的文件"), gr.update()
        original, target = Path(path).name, None
        try:
            with self._exclusive():  # held from the check: a busy index must not leave the file half-added
                indexed = set(self.runtime.index().manifest.docs)
                target, title = accept_upload(Path(path), original, self.runtime.settings, indexed)
                report = self._ingest(progress)
        except _Busy:
            return gr.update(), _error("已有建索引任务在运行，请稍后再上传"), gr.update()
        except Exception as exc:  # noqa: BLE001 - never a traceback in the UI; details go to the log
            if target is not None:  # not in the index: a retry must not be refused as "已有同名文档"
                target.unlink(missing_ok=True)
            if not isinstance(exc, AdvisorError):
                log.exception("upload failed")
            message = exc.user_message() if isinstance(exc, AdvisorError) else "上传失败：文件无法处理，请检查后重试"
            warn(message)
            return gr.update(), _error(message), None
        if target.name in report.failed:
            target.unlink(missing_ok=True)  # the index never took it; do not leave it to fail every re-index
            return gr.update(), _error(f"无法加入 {target.name}：{report.failed[target.name]}"), None
        summary = summary_text(report)
        ok = f"<div class='upload-ok'>已加入：{esc(target.name)}（《{esc(title)}》）</div>"
        return self.rows(), ok + f"<pre class='summary'>{esc(summary)}</pre>", None


    def on_delete(self, staff_ok: bool, name: str | None,
                  progress: gr.Progress = gr.Progress()) -> tuple[Any, str]:  # noqa: B008
        if not staff_ok:
            warn("请先输入工作人员口令")
            return gr.update(), ""
        if not name:
            return gr.update(), _error("请先在“已上传的文档”中选择要删除的文档")
        try:
            with self._exclusive(), set_aside(self.runtime.settings, name):
                report = self._ingest(progress)
        except _Busy:
            return gr.update(), _error("已有建索引任务在运行，请稍后再删除")
        except AdvisorError as exc:
            warn(exc.user_message())
            return gr.update(), _error(exc.user_message())
        except Exception:  # noqa: BLE001 - never a traceback in the UI; the file is back in place, details in the log
            log.exception("delete failed")
            return gr.update(), _error("删除失败：索引未能重建，文档已放回原处，请稍后重试")
        done = f"<div class='upload-ok'>已删除：{esc(name)}</div>"
        return self.rows(), done + f"<pre class='summary'>{esc(summary_text(report))}</pre>"


# What each ingest stage counts, for the progress line ("3/9 篇"): Gradio's own unit is the English "steps"
_UNITS = {"读取与切分": "篇", "向量化": "段", "句子向量化": "句"}


class _Busy(Exception):
    """Another ingest started from this UI is still running."""


def _error(text: str) -> str:
    return f"<div class='upload-error' role='alert'>⚠ {esc(text)}</div>"
