"""The helpdesk view: a customer's message in, a draft reply with evidence, trace and what to ask next out."""

from __future__ import annotations

import logging
import re
from typing import Any

import gradio as gr

from assistant.advisor import Advisor, ProfileInput
from assistant.citations import reference_lines
from assistant.dialogue_text import SKIP_EN, SKIP_ZH
from assistant.errors import AdvisorError
from assistant.profile_input import read_profile_input
from assistant.result import AdvisorResult
from assistant.transcript import Pasted, customer_turns
from ui.export import SOURCE_WORDS
from ui.notify import warn
from ui.profile_card import STAGES, card_html, card_values
from ui.render import badges, esc, evidence_html, passages_html

log = logging.getLogger(__name__)
MISSING = (("industry", "行业", "贵厂主要做什么产品？（比如模具、汽配、电路板…）"),
           ("size", "规模", "大概多少人、一年营收多少？"),
           ("stage", "数字化阶段", "现在主要靠纸质/Excel，还是已经在用 ERP、MES 等系统？"))


def draft_text(result: AdvisorResult) -> str:
    """A plain-text reply staff can paste into a chat or e-mail: the answer, then the numbered sources."""
    # Chat apps show Markdown as typed: headings become 【…】 lines
    # (a heading in 【】 already, as a report's column tag is, keeps its one pair)
    body = re.sub(r"(?m)^#{1,6}\s*【?(.+?)】?\s*$", r"【\1】", result.answer.replace("**", ""))
    # a chat customer has no 跳过 button: the clarifying question's aside is for the web UI only
    lines = [_for_chat(body)]
    english = result.language == "en"
    if result.low_confidence and not result.refused:  # the caveat staff see above the draft goes to the customer too
        lines += ["", "(Note: the reports only partly match this question; please check the passages fit your case.)"
                  if english else "（说明：资料与这个问题只是部分相关，以上仅供参考，请结合贵企业实际判断。）"]
    if result.citations:
        lines += ["", "Sources:" if english else "参考资料：", *reference_lines(result.citations, result.language)]
    return "\n".join(lines)


def _for_chat(text: str) -> str:
    """A chat customer has no 跳过 button: the clarifying question's aside is for the web UI only."""
    return text.replace("（不方便说可以点“跳过”）", "（不方便说也没关系）").replace(
        " (tap “Skip” if you'd rather not say)", " (fine to skip any you'd rather not say)")


def ask_next(result: AdvisorResult) -> str:
    """What staff should ask the customer: the clarifying question, or each key slot still unknown."""
    if result.intent in ("out_of_scope", "greeting", "sources"):
        return "无需追问：这条消息" + ("超出服务范围，已说明可以去哪里问。" if result.intent == "out_of_scope"
                                     else "已直接回复。")
    if result.clarify is not None:
        # the customer has no buttons: the options are what staff may suggest, named in Chinese, without 跳过
        opts = "\n".join(f"- {_SLOT_NAMES.get(k, k)}：{' / '.join(o for o in v if o not in (SKIP_ZH, SKIP_EN))}"
                         for k, v in result.clarify.options.items())
        question = _for_chat(result.clarify.question)
        return f"{question}\n\n可参考的答复：\n{opts}" if opts else question
    if result.intent == "fact":  # 湖南省的上云率是多少: the answer is the same whatever the firm, so no questionnaire
        return "无需追问：这是关于报告内容的问题，答案不随客户企业的情况而变。" + (
            "\n资料中没有依据：可按草稿如实告知，并建议客户咨询当地工信部门。" if result.refused else "")
    profile = result.profile
    missing = [(label, question) for slot, label, question in MISSING if getattr(profile, slot) in (None, "")]
    if not missing:
        return "画像信息已齐全（行业、规模、阶段均已知）。"
    return "\n".join(f"- {label}未知：{question}" for label, question in missing)


# The rules' own step names, as staff read them (the trace and the result JSON keep the names)
_STEP_NAMES = {"language": "语言", "intent": "意图", "decision": "决定", "topic": "话题", "assume": "按通用情况",
               "resume": "继续原问题", "quick_reply": "快捷选项", "stage_selfcheck": "阶段自测", "size_check": "规模判断",
               "profile_hint": "表单画像", "profile_corrected": "画像更正", "no_clarify": "不再追问",
               "injection": "忽略指令", "industry_kept": "保留行业", "clarify_merged": "合并追问",
               "clarify_dropped": "不再等待追问"}
_SLOT_NAMES = {"industry": "行业", "industry_group": "行业分组", "size": "规模", "stage": "阶段", "employees": "从业人数",
               "revenue_wan": "营收", "region": "地区", "systems": "已有系统", "designations": "资质"}
# Staff read the profile: what the customer said is 客户告知, not 您告知 (the words the chat uses to its user)
_WHO_SAID = {**SOURCE_WORDS, "stated": "客户告知"}
_SOURCES = re.compile(r"（(stated|inferred|asked|default)；")


def _step_name(rule: str) -> str:
    if rule.startswith("slot:"):
        return f"画像·{_SLOT_NAMES.get(rule[5:], rule[5:])}"
    return _STEP_NAMES.get(rule, rule)


_INTENTS = re.compile(r"^(advice|fact|follow_up|greeting|sources|out_of_scope|skip|profile_info)\b")
_INTENT_NAMES = {"advice": "求建议", "fact": "问事实", "follow_up": "追问上文", "greeting": "寒暄", "sources": "问资料来源",
                 "out_of_scope": "超出范围", "skip": "跳过", "profile_info": "介绍企业"}
_ACTIONS = {"answer": "回答", "clarify": "先追问", "reply": "直接回复"}
_TOPIC_NAMES = {"roadmap": "转型路径", "policy": "政策支持", "system": "选系统", "cost": "投入成本", "scenario": "场景",
                "people": "人才", "security": "数据安全", "stage_check": "阶段自测"}


def _detail(rule: str, detail: str) -> str:
    """Details name sources, intents, actions, languages and slots by their code names ("（inferred；…）",
    "advice → clarify", "zh", "缺 industry、size")."""
    if rule == "language":
        return {"zh": "中文", "en": "英文"}.get(detail, detail)
    detail = _SOURCES.sub(lambda m: f"（{_WHO_SAID.get(m.group(1), m.group(1))}；", detail)
    if rule == "topic":
        detail = re.sub(r"[a-z_]+", lambda m: _SLOT_NAMES.get(m.group(0), _TOPIC_NAMES.get(m.group(0), m.group(0))),
                        detail)
    if rule in ("intent", "decision"):
        detail = _INTENTS.sub(lambda m: _INTENT_NAMES[m.group(1)], detail)
        detail = re.sub(r" → (answer|clarify|reply)$", lambda m: f" → {_ACTIONS[m.group(1)]}", detail)
    return detail


def trace_html(result: AdvisorResult) -> str:
    """Why this profile and which rules fired, plus where each profile value came from."""
    items = [f"<li><b>{esc(_step_name(t.rule))}</b>：{esc(_detail(t.rule, t.detail))}</li>" for t in result.trace]
    for slot, info in result.profile.sources.items():
        how = _WHO_SAID.get(info.get("source", ""), info.get("source", ""))
        items.append(f"<li><b>画像·{esc(_SLOT_NAMES.get(slot, slot))}</b> = {esc(info.get('value', ''))}（{esc(how)}："
                     f"{esc(info.get('evidence', ''))}；{esc(info.get('rule', ''))}）</li>")
    conf = f"<p>置信度：{result.confidence:.2f}</p>" if result.confidence is not None else ""
    return conf + ("<ul class='trace-list'>" + "".join(items) + "</ul>" if items else "<p>（无规则记录）</p>")


def _why_not_searched(result: AdvisorResult) -> str:
    if result.mode == "clarify":
        return "（未检索：需先向客户了解情况）"
    return "（未检索：超出服务范围）" if result.intent == "out_of_scope" else "（未检索：直接回复）"


# A paste of the staff's own words only: answering "您好，请问有什么可以帮您？" as the customer's question would draft a
# reply to the staff themselves
STAFF_ONLY = "粘贴的内容里只有客服的话，没有客户的问题"
STAFF_ONLY_HINT = "请把客户发来的消息粘贴进来（可连同前面的对话一起粘贴，客户的话前面标“客户：”，客服的话标“客服：”）。"


def _replayed(pasted: Pasted) -> str:
    if not pasted.is_conversation:
        return ""
    skipped = f"（客服的 {pasted.staff_lines} 段话未计入）" if pasted.staff_lines else ""
    last = pasted.turns[-1].replace("\n", " ")
    return (f"<div class='notices'>提示：按粘贴的对话逐条读取了客户的 {len(pasted.turns)} 条消息{skipped}，"
            f"草稿回复的是最后一条：“{esc(last[:60])}{'…' if len(last) > 60 else ''}”</div>")


class HelpdeskView:
    """Builds the helpdesk tab; every action re-checks the staff credential server-side."""

    def __init__(self, advisor: Advisor, staff_ok: gr.State) -> None:
        self.advisor = advisor
        self.staff_ok = staff_ok

    def build(self) -> None:
        self.message = gr.Textbox(label="客户的消息（每次起草相互独立：追问请连同前文一起粘贴，每段前可带“客户：”“客服：”）",
                                  lines=4, max_lines=12,
                                  elem_id="hd-message",
                                  placeholder="把客户发来的原话粘贴到这里")
        with gr.Accordion("客户画像（可选）", open=False):
            with gr.Row():
                self.industry = gr.Textbox(label="行业", elem_id="hd-industry", min_width=120)
                # no `minimum`: Gradio refuses -5 in English; the profile check says it in Chinese
                self.employees = gr.Number(None, label="从业人数", placeholder="如 50", precision=0, min_width=100,
                                           elem_id="hd-employees")
                self.revenue = gr.Number(None, label="年营收（万元）", placeholder="如 3000", min_width=100,
                                         elem_id="hd-revenue")
                self.stage = gr.Dropdown(["", *STAGES], value="", label="数字化阶段", min_width=120)
        self.no_clarify = gr.Checkbox(False, label="不追问，直接按已知信息起草", elem_id="hd-no-clarify")
        with gr.Row():
            self.draft_btn = gr.Button("起草回复", variant="primary", elem_id="hd-draft-btn")
            self.search_btn = gr.Button("仅检索资料（不生成回答）", elem_id="hd-search-btn")
            self.clear_btn = gr.Button("清空，接待下一位客户", elem_id="hd-clear")
        with gr.Accordion("检索结果（仅检索模式）", open=True, visible=False) as self.search_box:
            self.passages = gr.HTML("", elem_id="hd-passages")
        self.flags = gr.HTML("", elem_id="hd-flags")
        with gr.Accordion("从客户消息中读出的画像", open=True):
            self.profile_card = gr.HTML("", elem_id="hd-profile")
        self.draft = gr.Textbox(label="回复草稿（可复制后发送）", lines=8, max_lines=30, buttons=["copy"],
                                interactive=True, elem_id="hd-draft")
        self.query = gr.Textbox(label="实际检索用语（改写后的独立问题）", interactive=False, elem_id="hd-query")
        self.next = gr.Textbox(label="建议接下来问客户", lines=3, interactive=False, elem_id="hd-next")
        with gr.Accordion("引用依据", open=True):
            self.evidence = gr.HTML("", elem_id="hd-evidence")
        with gr.Accordion("规则轨迹（为什么这样判断）", open=False):
            self.trace = gr.HTML("", elem_id="hd-trace")
        inputs = [self.staff_ok, self.message, self.industry, self.employees, self.revenue, self.stage]
        outputs = [self.flags, self.draft, self.query, self.next, self.evidence, self.trace, self.search_box,
                   self.passages, self.profile_card]
        self.draft_btn.click(self.on_draft, [*inputs, self.no_clarify], outputs)
        self.search_btn.click(self.on_search, inputs[:2], outputs)
        self.clear_btn.click(self.on_clear, None, [*outputs, self.message, *inputs[2:]])

    def _blank(self) -> dict[Any, Any]:
        """Every output of the last customer, so nothing of theirs stays on screen for the next one."""
        return {self.flags: "", self.draft: "", self.query: "", self.next: "", self.evidence: "", self.trace: "",
                self.profile_card: "", self.passages: "", self.search_box: gr.update(visible=False)}

    @staticmethod
    def on_page_load() -> tuple[None, None]:
        """Blank number fields: Gradio shows a page's first value None as "0" (人数 0, 营收 0), an event's as blank."""
        return None, None

    def on_clear(self) -> dict[Any, Any]:
        return {**self._blank(), self.message: "", self.industry: "", self.employees: None, self.revenue: None,
                self.stage: ""}

    def on_draft(self, staff_ok: bool, message: str, industry: str, employees: Any, revenue: Any,
                 stage: str, no_clarify: bool = False) -> dict[Any, Any]:
        if not staff_ok:
            warn("请先输入工作人员口令")
            return {self.flags: ""}
        # whatever goes wrong, nothing of the last customer stays on screen to be copied for this one
        try:
            profile = read_profile_input(**card_values(industry, employees, revenue, stage))
            pasted = customer_turns(self.advisor.clean_message(message))
            if pasted.staff_only:
                return self._staff_only()
            result = self._respond(pasted, profile, clarify=not no_clarify)
        except AdvisorError as exc:
            warn(exc.user_message())
            return {**self._blank(), self.flags: f"<div class='badge refused'>{esc(exc.user_message())}</div>"}
        except (TypeError, ValueError):
            warn("客户画像中的数字格式不对（从业人数、营收请填数字）")
            return self._blank()
        except Exception:  # noqa: BLE001 - staff see a plain message; the log keeps the details
            log.exception("helpdesk draft failed")
            warn("起草失败，请稍后重试")
            return self._blank()
        given = {label: value for label, value in (("行业", profile.industry), ("人数", profile.employees),
                                                    ("营收（万元）", profile.revenue_wan), ("阶段", profile.stage)) if value}
        # the form's values win over the message: say so, since they may be left from the last customer
        manual = ("<div class='notices'>提示：使用了表单里人工指定的画像（" +
                  esc("，".join(f"{k}={v}" for k, v in given.items())) + "），换客户时请点“清空”</div>") if given else ""
        return {**self._blank(), self.flags: badges(result) + manual + _replayed(pasted) +
                "".join(f"<div class='notices'>提示：{esc(n)}</div>" for n in result.notices),
                self.draft: draft_text(result), self.query: result.query or _why_not_searched(result),
                self.next: ask_next(result), self.evidence: evidence_html(result.citations),
                self.profile_card: card_html(result.profile).replace("来源：您告知", "来源：客户告知"),
                self.trace: trace_html(result), self.search_box: gr.update(visible=False)}

    def _respond(self, pasted: Pasted, profile: ProfileInput, clarify: bool) -> AdvisorResult:
        """Draft for the customer's last message; a pasted chat is first replayed as the customer had it, so their
        earlier words give the profile and the context the follow-up leans on."""
        session = None
        for earlier in pasted.turns[:-1]:
            session = self.advisor.respond(earlier, session, profile).session_id
        return self.advisor.respond(pasted.turns[-1], session, profile, clarify=clarify)

    def _staff_only(self) -> dict[Any, Any]:
        """No draft for a paste of the staff's own words: say what is missing and what to paste instead."""
        warn(f"{STAFF_ONLY}，请粘贴客户发来的消息")
        return {**self._blank(), **self._staff_only_flag(), self.next: "客户还没有提问：请粘贴客户发来的原话后再起草。"}

    def _staff_only_flag(self) -> dict[Any, Any]:
        return {self.flags: f"<div class='badge refused'>{STAFF_ONLY}</div>"
                f"<div class='notices'>提示：{STAFF_ONLY_HINT}</div>"}

    def on_search(self, staff_ok: bool, message: str) -> dict[Any, Any]:
        if not staff_ok:
            warn("请先输入工作人员口令")
            return {self.flags: ""}
        try:
            pasted = customer_turns(self.advisor.clean_message(message))
            if pasted.staff_only:  # nothing to search for; the draft staff were working on stays
                warn(f"{STAFF_ONLY}，请粘贴客户发来的消息")
                return {**self._staff_only_flag(), self.search_box: gr.update(visible=False)}
            query = "\n".join(pasted.turns)  # not the staff's lines
            found = self.advisor.runtime.retriever().search(query, k=8)
        except AdvisorError as exc:
            warn(exc.user_message())
            return {self.flags: ""}
        header = f"<p>检索用语：{esc(found.query)} · 置信度 {found.confidence:.2f}" + \
                 ("" if found.covered else " · <span class='badge lowconf'>资料覆盖不足</span>") + "</p>"
        # only the search list changes: the draft staff were working on stays
        return {self.search_box: gr.update(visible=True), self.passages: header + passages_html(found.passages)}
