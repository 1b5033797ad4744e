"""Shared pytest fixtures."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.browser_support import ARGS, CHROMIUM, DESKTOP, TOKEN, Watch
from tests.ui_server import Server

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


# ---- the browser tests' server, Chromium and pages (tests/test_ui_browser*.py) ----------------------------------------
@pytest.fixture(scope="module")
def server(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("ui-server")
    data = root / "data"
    shutil.copytree(shared_index_settings.data_dir, data)
    srv = Server(data, shared_index_settings.corpus_dir, root / "server.log", staff_token=TOKEN)
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page_for(browser, server: Server) -> Iterator[object]:  # noqa: ANN001
    contexts = []

    def open_page(viewport: dict[str, int] = DESKTOP, locale: str = "zh-CN"):  # noqa: ANN202
        context = browser.new_context(viewport=viewport, locale=locale, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.watch = Watch(page)
        page.goto(server.url)
        page.locator("#chat-input textarea").wait_for()
        return page

    yield open_page
    for context in contexts:
        context.close()
