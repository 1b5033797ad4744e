"""The helpdesk assist view as staff use it: a chat pasted whole is read as the customer's turns (the draft answers
the latest ask for the firm the earlier messages describe, the staff's own lines left out), the profile says what the
customer told, and what to ask next is only what would change the reply."""

from __future__ import annotations

import os

import gradio as gr
import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.transcript import customer_turns
from ui.helpdesk import HelpdeskView, draft_text

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

PASTED = "客户：我们是做注塑的，50人，用的Excel\n客服：您好，请问想了解哪方面？\n客户：有补贴吗？"


@pytest.fixture(scope="module")
def helpdesk(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> HelpdeskView:
    db = tmp_path_factory.mktemp("helpdesk") / "advisor.sqlite3"
    view = HelpdeskView(Advisor(Runtime(shared_index_settings.model_copy(update={"database": db}))), gr.State(True))
    with gr.Blocks():
        view.build()
    return view


def test_a_pasted_chat_is_read_as_the_customers_turns_with_the_staffs_lines_left_out() -> None:
    pasted = customer_turns("客户：我们做模具的\n三十来号人\n客服：好的\n我：请问还有什么？\nCustomer: any subsidies?")
    assert pasted.turns == ["我们做模具的\n三十来号人", "any subsidies?"] and pasted.staff_lines == 2
    # a chat app names the customer ("张总："); a written log says 问/答
    assert customer_turns("张总：我们是做注塑的\n我：您好，想了解什么？\n张总：有补贴吗").turns == ["我们是做注塑的", "有补贴吗"]
    assert customer_turns("问：我们做模具的\n答：好的\n问：先上什么系统").turns == ["我们做模具的", "先上什么系统"]
    for typed in ("我们是做注塑的，有补贴吗？", "我们的客户：主要是主机厂\n客户：有补贴吗", "1. 先做什么？\n2. 有补贴吗？",
                  "注意：我们是小厂\n说明：想上ERP"):
        assert customer_turns(typed).turns == [typed] and not customer_turns(typed).is_conversation


def test_the_draft_for_a_pasted_chat_answers_the_last_ask_for_the_firm_the_earlier_messages_describe(
        helpdesk: HelpdeskView) -> None:
    out = helpdesk.on_draft(True, PASTED, "", None, None, "")
    draft, flags = out[helpdesk.draft], out[helpdesk.flags]
    assert "橡胶和塑料制品" in draft and "可关注的政策与支持" in draft, draft  # the firm's own policy answer
    assert "客服" not in out[helpdesk.query] and "想了解哪方面" not in out[helpdesk.query]
    assert "客户的 2 条消息（客服的 1 段话未计入）" in flags and "有补贴吗" in flags
    card = out[helpdesk.profile_card]
    assert "橡胶和塑料制品" in card and "50 人" in card
    assert "来源：客户告知（“50人”）" in card and "您告知" not in card  # staff read it: the customer told them
    assert "您告知" not in out[helpdesk.trace]


def test_a_message_typed_without_labels_is_drafted_as_one_message_with_no_replay_notice(
        helpdesk: HelpdeskView) -> None:
    out = helpdesk.on_draft(True, "我们是做注塑的，50人，用的Excel。有补贴吗？", "", None, None, "")
    assert "橡胶和塑料制品" in out[helpdesk.draft] and "逐条读取" not in out[helpdesk.flags]


def test_a_question_about_the_reports_suggests_no_questionnaire_to_staff(helpdesk: HelpdeskView) -> None:
    out = helpdesk.on_draft(True, "湖南省的上云率是多少？", "", None, None, "")
    assert out[helpdesk.next].startswith("无需追问") and "行业未知" not in out[helpdesk.next]
    assert "咨询当地工信部门" in out[helpdesk.next]  # the reports hold no answer: say so to the customer
    advice = helpdesk.on_draft(True, "我们想搞数字化，先上什么系统？", "", None, None, "", True)
    assert "行业未知" in advice[helpdesk.next]  # advice for the customer's own firm still depends on it


@pytest.mark.parametrize("paste", ["客服：您好，请问有什么可以帮您？",
                                   "客服小王：您好！\n请问有什么可以帮您？",
                                   "客服：您好，我是数转顾问的客服\n客服：请问贵厂是做什么的？",
                                   "Agent: Hi, how can I help you today?"])
def test_a_paste_of_the_staffs_own_words_is_not_drafted_and_asks_for_the_customers_message(
        helpdesk: HelpdeskView, paste: str) -> None:
    out = helpdesk.on_draft(True, paste, "", None, None, "")
    assert out[helpdesk.draft] == "" and out[helpdesk.evidence] == ""  # nothing answers the staff's own greeting
    assert "没有客户的问题" in out[helpdesk.flags] and "请把客户发来的消息粘贴进来" in out[helpdesk.flags]
    assert "请粘贴客户发来的原话" in out[helpdesk.next]
    searched = helpdesk.on_search(True, paste)
    assert "没有客户的问题" in searched[helpdesk.flags] and not searched.get(helpdesk.passages)


@pytest.mark.parametrize("typed", ["我：想问一下有什么补贴", "客户：有补贴吗？", "客服：您好\n客户：我们做模具的，有补贴吗？"])
def test_a_customers_message_with_a_label_is_still_drafted(helpdesk: HelpdeskView, typed: str) -> None:
    out = helpdesk.on_draft(True, typed, "", None, None, "")
    assert out[helpdesk.draft] and "没有客户的问题" not in out[helpdesk.flags]


def test_a_heading_already_in_square_brackets_keeps_one_pair_in_the_draft() -> None:
    from assistant.result import AdvisorResult

    draft = draft_text(AdvisorResult(answer="### 【产业集群实践】\n北仑推动模具企业上云。\n### 政策支持\n有补贴。"))
    assert draft.startswith("【产业集群实践】\n") and "【政策支持】" in draft and "【【" not in draft, draft
