"""The chat tab has the same per-address request budget as the API."""

from __future__ import annotations

import os
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.access import RateLimiter
from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings
from ui.chat_state import ChatView
from ui.manager import ManagerView

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def _from(address: str) -> SimpleNamespace:
    return SimpleNamespace(client=SimpleNamespace(host=address))


@pytest.fixture(scope="module")
def view(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> ManagerView:
    db = tmp_path_factory.mktemp("ui-limit") / "advisor.sqlite3"
    advisor = Advisor(Runtime(shared_index_settings.model_copy(update={"database": db})))
    manager = ManagerView(advisor, RateLimiter(per_minute=2))
    with gr.Blocks():
        manager.build()
    return manager


def test_a_client_over_its_budget_is_told_to_wait_and_nothing_is_asked(view: ManagerView) -> None:
    chat = ChatView()
    for _ in range(2):
        list(view.on_send(_from("10.0.0.7"), "中小微企业上云率是多少", chat, "", None, None, ""))
    assert len(chat.turns) == 2 and all(t.result is not None for t in chat.turns)
    with pytest.warns(UserWarning, match="提问太频繁"):
        updates = list(view.on_send(_from("10.0.0.7"), "再问一次", chat, "", None, None, ""))
    assert len(chat.turns) == 2 and updates == [{view.state: chat}]


def test_another_client_keeps_its_own_budget(view: ManagerView) -> None:
    chat = ChatView()
    list(view.on_send(_from("10.0.0.8"), "中小微企业上云率是多少", chat, "", None, None, ""))
    assert len(chat.turns) == 1 and chat.turns[0].result is not None
