"""Shared pytest fixtures."""

from __future__ import annotations

import pytest

_REMOTE_LLM_VARS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_API_BASE",
    "SME_ADVISOR_LLM_BASE_URL",
    "SME_ADVISOR_LLM_API_KEY",
)


@pytest.fixture(autouse=True)
def _no_remote_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test off real LLM endpoints; a test that needs one sets the variables itself."""
    for name in _REMOTE_LLM_VARS:
        monkeypatch.delenv(name, raising=False)
