"""Gradio UI: manager chat, helpdesk and corpus views over the advisor (the only package that imports gradio)."""
