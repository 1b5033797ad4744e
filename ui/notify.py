"""User-facing pop-up messages, titled in Chinese (instead of Gradio's English "Warning")."""

from __future__ import annotations

import gradio as gr


def warn(message: str) -> None:
    """Show a short Chinese warning toast; the message says what to do."""
    gr.Warning(message, title="提示")
