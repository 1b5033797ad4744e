"""The Gradio app: manager chat (open), helpdesk and corpus (staff, behind a token when one is required)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.access import staff_token_required, token_ok
from assistant.advisor import Advisor
from assistant.runtime import Runtime
from ui.assets import CSS, FONT_STACK, PAGE_CSS
from ui.corpus_view import CorpusView
from ui.gradio_zh import localise_js
from ui.helpdesk import HelpdeskView
from ui.manager import ManagerView
from ui.notify import warn

TITLE = "数转顾问 · 中小制造企业数字化转型顾问"


def theme() -> gr.themes.Base:
    """A theme with local fonts only: the default one would fetch Google Fonts."""
    return gr.themes.Soft(font=FONT_STACK, font_mono=["DejaVu Sans Mono", "monospace"])


def launch_options(runtime: Runtime) -> dict[str, Any]:
    """What mount_gradio_app / launch need besides the Blocks (theme, CSS, script, upload cap)."""
    # Gradio's own cap is a backstop well above ours, so most oversized files get our Chinese message.
    # The script: Gradio's own widgets and connection errors speak English whatever the page's language.
    return {"theme": theme(), "css": CSS, "head": f"<style>{PAGE_CSS}</style>", "js": localise_js(),
            "footer_links": [], "ssr_mode": False, "max_file_size": f"{runtime.settings.max_upload_mb * 4}mb"}


def build_ui(runtime: Runtime) -> gr.Blocks:
    """Build the three views around one runtime (index, embedder and store are shared with the API)."""
    advisor = Advisor(runtime)
    locked = staff_token_required(runtime.settings)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as blocks:
        gr.Markdown(f"# {TITLE}\n只依据收录的政策文件与研究报告回答，每条建议都可点开核对原文。", elem_id="app-title")
        staff_ok = gr.State(not locked)
        gates: list[tuple[gr.Column, gr.Column, gr.Textbox, gr.Button, gr.Markdown]] = []
        with gr.Tabs():
            with gr.Tab("企业咨询", id="manager"):
                manager = ManagerView(advisor)
                manager.build()
            with gr.Tab("客服工作台", id="helpdesk"):
                gates.append(_gate("hd", locked))
                with gates[-1][1]:
                    helpdesk = HelpdeskView(advisor, staff_ok)
                    helpdesk.build()
            with gr.Tab("资料库", id="corpus"):
                gates.append(_gate("corpus", locked))
                with gates[-1][1]:
                    corpus = CorpusView(runtime, staff_ok)
                    corpus.build()
        _wire_gates(runtime, gates, staff_ok, corpus)
        manager.restore_on_load(blocks)
        blocks.load(helpdesk.on_page_load, None, [helpdesk.employees, helpdesk.revenue], show_progress="hidden")
        if not locked:
            blocks.load(corpus.on_refresh, staff_ok, corpus.listing)
    return blocks


def _gate(prefix: str, locked: bool) -> tuple[gr.Column, gr.Column, gr.Textbox, gr.Button, gr.Markdown]:
    """A token prompt shown instead of the staff view until the right token is entered."""
    with gr.Column(visible=locked, elem_id=f"{prefix}-lock") as lock:
        gr.Markdown("此页面仅供工作人员使用，请输入工作人员口令。")
        token = gr.Textbox(label="工作人员口令", type="password", elem_id=f"{prefix}-token")
        unlock = gr.Button("解锁", variant="primary", elem_id=f"{prefix}-unlock")
        note = gr.Markdown("", elem_id=f"{prefix}-lock-note")
    content = gr.Column(visible=not locked, elem_id=f"{prefix}-content")
    return lock, content, token, unlock, note


def _wire_gates(runtime: Runtime, gates: list[tuple[Any, ...]], staff_ok: gr.State, corpus: CorpusView) -> None:
    locks = [g[0] for g in gates]
    contents = [g[1] for g in gates]
    notes = [g[4] for g in gates]

    def unlock(presented: str) -> list[Any]:
        ok = token_ok(runtime.settings, (presented or "").strip() or None)
        if not ok:
            warn("口令不正确")
        note = "" if ok else "⚠ 口令不正确，请重新输入（口令由管理员在 SME_ADVISOR_STAFF_TOKEN 中设置）"
        return [ok, *[gr.update(visible=not ok)] * len(locks), *[gr.update(visible=ok)] * len(contents),
                *[note] * len(notes)]

    for _lock, _content, token, button, _note in gates:
        outputs = [staff_ok, *locks, *contents, *notes]
        for trigger in (button.click, token.submit):
            trigger(unlock, token, outputs).then(corpus.on_refresh, staff_ok, corpus.listing)
