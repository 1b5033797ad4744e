"""The manager view: its layout and the conversation (streaming chat, profile card, clarifying quick replies)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.access import RateLimiter
from assistant.advisor import Advisor, ProfileInput
from assistant.errors import AdvisorError
from assistant.events import ResultEvent, StatusEvent, TokenEvent
from assistant.pasted import without_contact_details
from assistant.profile_input import read_profile_input
from assistant.result import AdvisorResult, ProfileSummary
from ui.answer_actions import export_report, feedback_handler
from ui.assets import CITE_JS, DRAWER_HTML, DRAWER_JS
from ui.chat_state import NO_SESSION, ChatView, same_value
from ui.notify import warn
from ui.profile_card import STAGES, card_html, card_values, fields_from
from ui.render import Turn, transcript_html
from ui.restore import stored_turns

log = logging.getLogger(__name__)

EXAMPLES = ("我们是做汽车零部件的，200 人左右，下一步数字化该从哪里入手？",
            "中小企业数字化转型有哪些政策支持？",
            "什么是工业互联网平台？")
EMPTY_HINT = ("您好！我是数转顾问，根据政策文件和研究报告回答中小制造企业的数字化转型问题，每条建议都标注出处。"
              "可以直接提问，或点下面的示例问题。")
SLOT_LABELS = {"industry": "行业", "size": "企业规模", "stage": "数字化基础", "stage_selfcheck": "阶段自测",
               "employees": "从业人数", "revenue_wan": "营业收入", "region": "地区"}
MAX_SLOTS = 4
SKIP = "跳过"


class ManagerView:
    """Builds the manager tab and wires its events to one Advisor."""

    def __init__(self, advisor: Advisor, limiter: RateLimiter | None = None) -> None:
        self.advisor = advisor
        # The same per-address budget as the API: the chat tab is the cheapest way to make the advisor work.
        self.limiter = limiter or RateLimiter(advisor.runtime.settings.rate_limit_per_min)

    def build(self) -> None:
        self.state = gr.State(ChatView())
        # the conversation's id in the browser's own storage, so that a reload finds the conversation again
        self.saved = gr.BrowserState(None, storage_key="sme-advisor-session")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                self.transcript = gr.HTML(transcript_html([], EMPTY_HINT), elem_id="transcript", js_on_load=CITE_JS,
                                          autoscroll=False)
                self._build_clarify()
                with gr.Row(equal_height=True):
                    self.box = gr.Textbox(label="您的问题", placeholder="输入您的问题，例如：我们是做家具的小厂，先上什么系统？", lines=2,
                                          max_lines=6, show_label=False, scale=5, min_width=200, elem_id="chat-input")
                    self.send_btn = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="send-btn")
                with gr.Row(elem_classes="example-row"):
                    self.example_btns = [gr.Button(q, size="sm", min_width=120, elem_classes="example")
                                         for q in EXAMPLES]
                with gr.Row():
                    self.new_btn = gr.Button("新对话", size="sm", elem_id="new-chat")
                    self.export_btn = gr.Button("导出咨询报告（Word + PDF + Markdown）", size="sm", elem_id="export-btn")
                self.files = gr.File(label="报告下载", file_count="multiple", visible=False, interactive=False,
                                     elem_id="export-files")
            with gr.Column(scale=2, min_width=280):
                self._build_profile()
                self._build_feedback()
        gr.HTML(DRAWER_HTML, js_on_load=DRAWER_JS, elem_id="drawer-host")
        self._wire()

    def _build_clarify(self) -> None:
        with gr.Column(visible=False, elem_id="clarify-box", elem_classes="quick-replies") as self.clarify_box:
            self.radios = [gr.Radio([], label="", visible=False, elem_id=f"clarify-slot-{i}") for i in range(MAX_SLOTS)]
            with gr.Row():
                self.clarify_send = gr.Button("发送所选", variant="primary", size="sm", elem_id="clarify-send")
                self.skip_btn = gr.Button(SKIP, size="sm", elem_id="clarify-skip")

    def _build_profile(self) -> None:
        with gr.Group(elem_classes="profile-card"):
            gr.Markdown("**企业画像**（可直接修改，下一条消息起生效）")
            self.industry = gr.Textbox(label="行业", placeholder="如 汽车零部件", elem_id="pf-industry")
            with gr.Row():
                # no `minimum`: Gradio would refuse -5 in English and mark every field red; the profile check
                # refuses it in Chinese with the fix
                self.employees = gr.Number(None, label="从业人数", placeholder="如 50", precision=0,
                                           elem_id="pf-employees", min_width=100)
                self.revenue = gr.Number(None, label="年营收（万元）", placeholder="如 3000",
                                         elem_id="pf-revenue", min_width=100)
            self.stage = gr.Dropdown(["", *STAGES], value="", label="数字化阶段", elem_id="pf-stage")
            self.card = gr.HTML(card_html(ProfileSummary()), elem_id="profile-sources")

    def _build_feedback(self) -> None:
        with gr.Group():
            gr.Markdown("**这条回答有帮助吗？**（评价最新一条回答）")
            with gr.Row():
                self.up = gr.Button("✓ 有帮助", size="sm", elem_id="fb-up", min_width=80)
                self.down = gr.Button("✗ 没帮助", size="sm", elem_id="fb-down", min_width=80)
            self.comment = gr.Textbox(label="补充意见（可选）", lines=1, max_length=2000, elem_id="fb-comment")
            self.fb_status = gr.Markdown("", elem_id="fb-status")

    # ---- events -------------------------------------------------------------------------------------------
    def _outputs(self) -> list[Any]:
        return [self.state, self.transcript, self.box, self.clarify_box, *self.radios, self.clarify_send,
                self.industry, self.employees, self.revenue, self.stage, self.card, self.saved, self.fb_status,
                self.files]

    def restore_on_load(self, blocks: gr.Blocks) -> None:
        """After a reload: the conversation the browser remembers, re-read from the store."""
        blocks.load(self.on_restore, self.saved, self._outputs())

    def on_restore(self, session_id: str | None) -> dict[Any, Any]:
        view = ChatView()
        try:
            turns = stored_turns(self.advisor.runtime.store, session_id) \
                if session_id and session_id != NO_SESSION else []
        except AdvisorError:  # an id the store does not know (deleted by retention, or tampered with)
            turns = []
        # Gradio's number fields show a page's first value None as "0" (从业人数 0, 年营收 0 on a new page); None sent
        # by an event shows the placeholder
        blank = {self.employees: None, self.revenue: None}
        if not turns:
            return {self.state: view, self.saved: NO_SESSION, **blank}
        view.session_id, view.turns = session_id, turns
        updates = {**blank, **self._finish(view)}
        if turns[-1].result is None:  # the question the reload cut off is back in the box, one click from sent
            updates.update({self.box: turns[-1].user, **self._profile_updates(view.last_result())})
        return updates

    def _wire(self) -> None:
        fields = [self.industry, self.employees, self.revenue, self.stage]
        inputs = [self.state, *fields]
        out = self._outputs()
        quiet = {"show_progress": "minimal"}  # a full overlay would hide the answer while it streams
        self.send_btn.click(self.on_send, [self.box, *inputs], out, **quiet)
        self.box.submit(self.on_send, [self.box, *inputs], out, **quiet)
        for btn in self.example_btns:
            btn.click(self.on_send, [btn, *inputs], out, **quiet)
        for radio in self.radios:
            radio.select(self.on_quick_pick, [*inputs, *self.radios], out, show_progress="hidden")
        self.clarify_send.click(self.on_clarify_send, [*inputs, *self.radios], out, **quiet)
        self.skip_btn.click(self.on_skip, inputs, out, **quiet)
        self.new_btn.click(self.on_new, self.state, out)
        store = self.advisor.runtime.store
        self.up.click(feedback_handler(store, 1), [self.state, self.comment], [self.fb_status, self.comment])
        self.down.click(feedback_handler(store, -1), [self.state, self.comment], [self.fb_status, self.comment])
        self.export_btn.click(export_report, self.state, self.files)

    def on_send(self, request: gr.Request, text: str, view: ChatView, *fields: Any) -> Iterator[dict[Any, Any]]:
        yield from self._converse(request, text, view, fields)

    def on_quick_pick(self, request: gr.Request, view: ChatView, *values: Any) -> Iterator[dict[Any, Any]]:
        """A single-question clarify answers on the first click; several questions wait for 发送所选."""
        fields, picks = values[:4], values[4:]
        choice = next((p for p in picks if p), None)
        if len(view.clarify_slots) != 1 or not choice:
            yield {self.state: view}
            return
        yield from self._converse(request, str(choice), view, fields)

    def on_clarify_send(self, request: gr.Request, view: ChatView, *values: Any) -> Iterator[dict[Any, Any]]:
        fields, picks = values[:4], values[4:]
        chosen = [str(p) for p in picks[: len(view.clarify_slots)] if p]
        if not chosen:
            warn("请先在上面为每个问题选一个答案，或点“跳过”")
            yield {self.state: view}
            return
        yield from self._converse(request, "，".join(chosen), view, fields)

    def on_skip(self, request: gr.Request, view: ChatView, *fields: Any) -> Iterator[dict[Any, Any]]:
        yield from self._converse(request, SKIP, view, fields)

    def on_new(self, _view: ChatView) -> dict[Any, Any]:
        fresh = ChatView()
        return {**self._clarify_updates(None, fresh), self.state: fresh, self.saved: NO_SESSION,
                self.transcript: transcript_html([], EMPTY_HINT), self.box: "", self.industry: "",
                self.employees: None, self.revenue: None, self.stage: "", self.card: card_html(ProfileSummary()),
                self.files: gr.update(value=None, visible=False), self.fb_status: ""}

    def _profile_input(self, view: ChatView, fields: tuple[Any, ...]) -> ProfileInput | None:
        """Only what the user typed into the card is sent; values the advisor filled in are its own already."""
        values = card_values(*fields)
        # A field differing from what the card last showed was typed by the user, however the field was left (Enter,
        # a click elsewhere, or straight to 发送): Gradio's per-field events do not all fire before the click.
        result = view.last_result()
        shown = dict(zip(values, fields_from(result.profile), strict=True)) if result is not None else {}
        given = {k: v for k, v in values.items() if v is not None and not same_value(v, shown.get(k))}
        return read_profile_input(**given) if given else None

    def _converse(self, request: gr.Request | None, text: str, view: ChatView,
                  fields: tuple[Any, ...]) -> Iterator[dict[Any, Any]]:
        """Run one message through the advisor, re-rendering the transcript as checked text streams in."""
        wait = self.limiter.retry_after(request)
        if wait:
            warn(f"提问太频繁了，请约 {wait} 秒后再发送（每分钟最多 {self.limiter.per_minute} 条）")
            yield {self.state: view}
            return
        try:
            cleaned = self.advisor.clean_message(text)
            profile = self._profile_input(view, fields)
            if view.session_id is None:  # the browser remembers a new conversation before its first answer is
                # composed: a reload meanwhile finds the question (the id otherwise came with the answer it stops)
                view.session_id = self.advisor.runtime.store.create_session(title=without_contact_details(cleaned)[:40])
        except AdvisorError as exc:
            warn(exc.user_message())
            yield {self.state: view}
            return
        except (TypeError, ValueError):
            warn("企业画像中的数字格式不对（从业人数、营收请填数字）")
            yield {self.state: view}
            return
        turn = Turn(user=cleaned, status="正在思考…")
        view.turns.append(turn)
        # the last answer's "已记录：有帮助" is not this one's, and a report exported before it would now be missing it
        yield {self.state: view, self.saved: view.session_id, self.box: "", self.transcript: self._html(view),
               self.fb_status: "", self.files: gr.update(value=None, visible=False),
               **self._clarify_updates(None, view)}
        try:
            for event in self.advisor.stream(cleaned, view.session_id, profile):
                if isinstance(event, StatusEvent):
                    turn.status = event.text
                    if event.reset:
                        turn.partial = ""
                elif isinstance(event, TokenEvent):
                    turn.partial += event.text
                elif isinstance(event, ResultEvent):
                    turn.result = event.result
                    view.session_id = event.result.session_id
                yield {self.transcript: self._html(view)}
        except AdvisorError as exc:
            turn.error = exc.user_message()
            warn(turn.error)
        except Exception:  # noqa: BLE001 - the user sees a plain message; the log keeps the details
            log.exception("chat turn failed")
            turn.error = "抱歉，处理这条消息时出错了，请稍后重试。"
        updates = self._finish(view)
        if turn.error:  # the question is back in the box, to be sent again without retyping it
            updates[self.box] = cleaned
        yield updates

    def _finish(self, view: ChatView) -> dict[Any, Any]:
        result = view.turns[-1].result
        return {self.state: view, self.transcript: self._html(view), self.saved: view.session_id,
                **self._clarify_updates(result, view), **self._profile_updates(result)}

    def _profile_updates(self, result: AdvisorResult | None) -> dict[Any, Any]:
        """The card as `result` left the firm; nothing without a result (what the user typed stays)."""
        if result is None:
            return {}
        industry, employees, revenue, stage = fields_from(result.profile)
        return {self.industry: industry, self.employees: employees, self.revenue: revenue, self.stage: stage,
                self.card: card_html(result.profile)}

    def _clarify_updates(self, result: AdvisorResult | None, view: ChatView) -> dict[Any, Any]:
        clarify = result.clarify if result is not None else None
        slots = [s for s in (clarify.slots if clarify else []) if clarify and clarify.options.get(s)][:MAX_SLOTS]
        view.clarify_slots = slots
        updates: dict[Any, Any] = {self.clarify_box: gr.update(visible=bool(slots)),
                                   self.clarify_send: gr.update(visible=len(slots) > 1)}
        for i, radio in enumerate(self.radios):
            if i < len(slots) and clarify is not None:
                opts = [o for o in clarify.options[slots[i]] if o != SKIP]  # the 跳过 button is beside them
                updates[radio] = gr.update(choices=opts, value=None, visible=True,
                                           label=SLOT_LABELS.get(slots[i], slots[i]))
            else:
                updates[radio] = gr.update(choices=[], value=None, visible=False)
        return updates

    @staticmethod
    def _html(view: ChatView) -> str:
        return transcript_html(view.turns, EMPTY_HINT)
