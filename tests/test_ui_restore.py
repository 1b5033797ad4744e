"""A reload shows the conversation as it was, including a question whose answer it cut off."""

from __future__ import annotations

import os

import gradio as gr
import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings
from ui.manager import ManagerView

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="module")
def view(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> ManagerView:
    db = tmp_path_factory.mktemp("ui-restore") / "advisor.sqlite3"
    manager = ManagerView(Advisor(Runtime(shared_index_settings.model_copy(update={"database": db}))))
    with gr.Blocks():
        manager.build()
    return manager


def test_a_question_whose_answer_a_reload_cut_off_comes_back_unanswered_and_ready_to_resend(view: ManagerView) -> None:
    first = view.advisor.respond("我们是做汽车零部件的，200 人左右，现在主要用 Excel，下一步数字化该从哪里入手？")
    # the browser reloaded while the next answer was composed: the question is stored first, its answer never
    view.advisor.runtime.store.add_user_message(first.session_id, "德国是怎么支持中小企业搞智能化的？")
    shown = view.on_restore(first.session_id)
    transcript = shown[view.transcript]
    assert "德国是怎么支持中小企业搞智能化的？" in transcript and "请重新发送" in transcript
    assert transcript.index("汽车零部件") < transcript.index("德国")  # the answered turn is still there, first
    assert shown[view.box] == "德国是怎么支持中小企业搞智能化的？"  # one click sends it again
    assert shown[view.industry] == "汽车零部件"  # the firm as the last answer knew it, not a blank card


def test_a_finished_conversation_comes_back_with_an_empty_box(view: ManagerView) -> None:
    first = view.advisor.respond("什么是工业互联网平台？")
    shown = view.on_restore(first.session_id)
    assert "请重新发送" not in shown[view.transcript] and view.box not in shown
