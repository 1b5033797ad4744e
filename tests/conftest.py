"""Shared pytest fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings

if TYPE_CHECKING:
    from corpus.ingest import IngestReport

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


SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, IngestReport]:
    """Ingest the real shared corpus once per test session; the settings and the summary of that build."""
    from corpus.ingest import ingest

    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not beside the checkout ({SHARED_CORPUS})")
    data_dir = tmp_path_factory.mktemp("shared-index")
    reuse = os.environ.get("SME_ADVISOR_TEST_DATA_DIR")
    if reuse:
        # Developer speed-up: start from a copy of an index built earlier (without its conversation log, but with
        # chroma.sqlite3); ingest then only tops it up.
        shutil.copytree(reuse, data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("advisor.sqlite3*"))
    settings = Settings(data_dir=data_dir, corpus_dir=SHARED_CORPUS)
    return settings, ingest(settings)


@pytest.fixture(scope="session")
def shared_index_settings(shared_index: tuple[Settings, IngestReport]) -> Settings:
    """Settings whose data folder holds an index of the real shared corpus (read-only: do not re-ingest it)."""
    return shared_index[0]


@pytest.fixture(scope="module")
def advisor(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    """The advisor on the shared corpus's index, with its own conversation store for each test module."""
    db = tmp_path_factory.mktemp("advisor-db") / "advisor.sqlite3"
    return Advisor(Runtime(shared_index_settings.model_copy(update={"database": db})))
