"""What a manager does with an answer once it is given: rate it, and export the conversation as a report."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AdvisorError
from assistant.store import Store
from ui import export
from ui.chat_state import ChatView
from ui.notify import warn

FeedbackHandler = Callable[[ChatView, str], tuple[str, str]]


def feedback_handler(store: Store, rating: int) -> FeedbackHandler:
    """The 有帮助 (rating 1) or 没帮助 (-1) button's handler: records the rating of the latest answer once."""

    def handler(view: ChatView, comment: str) -> tuple[str, str]:
        result = view.last_result()
        if result is None or result.message_id is None:
            warn("还没有可以评价的回答")
            return "", comment
        text = (comment or "").strip()[:2000]
        thanks = "已记录：有帮助，谢谢！" if rating > 0 else "已记录：没帮助。我们会改进，谢谢！"
        if view.rated.get(result.message_id) == rating and not text:  # a second click is not a second vote
            return thanks, comment
        try:
            store.add_feedback(result.message_id, rating, text)
        except AdvisorError as exc:
            warn(exc.user_message())
            return "", comment
        view.rated[result.message_id] = rating
        return thanks, ""

    return handler


def export_report(view: ChatView) -> dict[Any, Any] | Any:
    """The conversation's report files for the download list; a warning when nothing has been answered yet."""
    finished = [(t.user, t.result) for t in view.turns if t.result is not None]
    if not finished:
        warn("还没有可导出的对话，请先提一个问题")
        return gr.update(value=None, visible=False)
    report = export.build_report(finished, finished[-1][1].profile)
    paths = export.write_files(report, Path(tempfile.mkdtemp(prefix="sme-report-")))
    return gr.update(value=[str(p) for p in paths], visible=True)
