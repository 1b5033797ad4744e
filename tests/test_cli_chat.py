"""The terminal: `sme-advisor chat` is left the way people leave a shell, and a clarifying question lists what one
may type; a one-shot `ask` has no next turn, so it never ends on a question."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _cli(settings: Settings, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SME_ADVISOR_DATABASE": str(tmp_path / "cli.sqlite3")}
    return subprocess.run([sys.executable, "-m", "assistant.cli", "--data-dir", str(settings.data_dir), *args],
                          input=stdin, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)


def test_chat_lists_the_replies_to_type_ignores_blank_lines_and_unknown_commands_and_ends_on_exit(
        shared_index_settings: Settings, tmp_path: Path) -> None:
    out = _cli(shared_index_settings, tmp_path, "chat",
               stdin="我们厂下一步数字化该做什么？\n\n/help\nexit\n什么是工业互联网平台？\n")
    assert out.returncode == 0, out.stderr
    assert "回复“跳过”" in out.stdout and "点“跳过”" not in out.stdout  # no button in a terminal
    assert "可回复：纸质/Excel为主、在用ERP/MES等系统" in out.stdout
    assert "不认识的命令：/help" in out.stdout and "消息是空的" not in out.stdout
    assert "工业互联网" not in out.stdout.split("不认识的命令")[1]  # nothing after "exit" was asked
    assert "Sorry" not in out.stdout


def test_a_one_shot_ask_answers_with_what_it_assumed_instead_of_asking_back(
        shared_index_settings: Settings, tmp_path: Path) -> None:
    out = _cli(shared_index_settings, tmp_path, "ask", "我们是做模具的，先上什么系统")
    assert out.returncode == 0, out.stderr
    assert "为了给您更对路的建议" not in out.stdout and "来源：" in out.stdout
    assert "未提供企业规模" in out.stdout  # the answer says what it went without
