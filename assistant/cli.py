"""`sme-advisor` command line: a thin shell over the package; each sub-command lives in assistant/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from assistant.errors import AdvisorError
from assistant.settings import load_settings

# Each module exposes register(subparsers) and sets `handler(args, settings) -> int` on its parser.
COMMAND_MODULES = ("ingest", "search", "profile", "ask", "chat", "serve", "eval", "bench")


_ARG_ERRORS = (
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "参数 {0} 的值“{1}”不是整数"),
    (re.compile(r"argument (\S+): invalid float value: '(.*)'"), "参数 {0} 的值“{1}”不是数字"),
    (re.compile(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)"), "参数 {0} 不能是“{1}”，可选：{2}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"the following arguments are required: (.*)"), "缺少必需的参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "不认识的参数：{0}"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese, in the one-line form every other error takes."""

    def error(self, message: str) -> NoReturn:
        for pattern, zh in _ARG_ERRORS:
            if m := pattern.fullmatch(message):
                message = zh.format(*m.groups()).replace("参数 command ", "子命令")
                break
        self.exit(2, f"错误：{message}（用 {self.prog} --help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sme-advisor", description="数转顾问：中小制造企业数字化转型顾问")
    parser.add_argument("--data-dir", type=Path, help="state folder (env SME_ADVISOR_DATA_DIR)")
    parser.add_argument("--corpus", type=Path, dest="corpus_dir", help="corpus folder (env SME_ADVISOR_CORPUS_DIR)")
    parser.add_argument("--settings", type=Path, help="JSON settings file (env SME_ADVISOR_SETTINGS)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"assistant.commands.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"assistant.commands.{name}_cmd":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    # One BLAS/OpenMP thread: spinning BLAS threads starve the embedder's own on a small machine (see bench/).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(
            args.settings,
            data_dir=args.data_dir,
            corpus_dir=getattr(args, "corpus_dir", None),
            **_command_overrides(args),
        )
        return int(args.handler(args, settings) or 0)
    except AdvisorError as exc:
        print(f"错误：{exc.user_message()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _command_overrides(args: argparse.Namespace) -> dict[str, object]:
    """Let a sub-command pass settings overrides (e.g. --mode) by setting `settings_overrides`."""
    return dict(getattr(args, "settings_overrides", {}) or {})


if __name__ == "__main__":
    sys.exit(main())
