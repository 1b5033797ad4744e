"""The corpus tab's upload: a file the index did not take is not left behind to block the retry as a duplicate."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import gradio as gr
import pytest

from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.small_corpus import build_small_index
from ui.corpus_view import CorpusView

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def _view(settings: Settings) -> CorpusView:
    view = CorpusView(Runtime(settings), gr.State(True))
    with gr.Blocks():
        view.build()
    return view


def _file(tmp_path: Path) -> str:
    path = tmp_path / "incoming" / "新通知.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text("# 新通知\n\n中小企业数字化改造补贴按季度申报。", encoding="utf-8")
    return str(path)


def test_an_upload_while_another_index_build_runs_is_refused_and_nothing_is_left_behind(tmp_path: Path) -> None:
    settings = build_small_index(tmp_path)
    view = _view(settings)
    held, release = threading.Event(), threading.Event()

    def other_build() -> None:  # another staff member's re-index, still running
        with view._exclusive():
            held.set()
            release.wait(30)

    worker = threading.Thread(target=other_build)
    worker.start()
    held.wait(30)
    try:
        _, status, _ = view.on_upload(True, _file(tmp_path))
    finally:
        release.set()
        worker.join()
    assert "已有建索引任务在运行" in status
    assert not (settings.data_dir / "uploads" / "新通知.md").exists()
    _, status, _ = view.on_upload(True, _file(tmp_path))  # the retry goes through
    assert "已加入：新通知.md" in status


def test_an_upload_the_index_build_refuses_is_taken_back_so_a_retry_is_not_a_duplicate(tmp_path: Path) -> None:
    settings = build_small_index(tmp_path)
    (tmp_path / "empty").mkdir()  # the reports' folder came up empty: the build refuses to drop the reports
    view = _view(settings.model_copy(update={"corpus_dir": tmp_path / "empty"}))
    with pytest.warns(UserWarning, match="没有可读的文档"):
        _, status, _ = view.on_upload(True, _file(tmp_path))
    assert "没有可读的文档" in status and not (settings.data_dir / "uploads" / "新通知.md").exists()
