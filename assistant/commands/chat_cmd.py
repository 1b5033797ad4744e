"""`sme-advisor chat`: a conversation in the terminal, streamed, with the profile kept between turns."""

from __future__ import annotations

import argparse
import re
import sys

from assistant.errors import AdvisorError
from assistant.settings import Settings

# What people type to leave a terminal conversation (the banner names /quit; "exit" used to be answered as a question)
QUIT = {"/quit", "/exit", "/q", "quit", "exit", "q", "退出", "结束"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("chat", help="在终端里对话（输入 /new 开始新对话，/quit 退出）")
    parser.add_argument("--mode", choices=["extractive", "llm"], help="回答模式（默认取设置）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.advisor import Advisor
    from assistant.commands.ask_cmd import render_text
    from assistant.events import ResultEvent, StatusEvent, TokenEvent
    from assistant.runtime import Runtime

    advisor = Advisor(Runtime(settings))
    session: str | None = None
    print("数转顾问：您好！请说说贵企业的情况和想解决的问题。（/new 新对话，/quit 退出）")
    for line in sys.stdin:
        message = line.strip()
        if not message:  # Enter on an empty line, as in any shell: nothing to answer
            continue
        if message.lower() in QUIT:
            break
        if message == "/new":
            session = None
            print("已开始新对话。")
            continue
        if re.fullmatch(r"/[A-Za-z]+", message):  # /help and the like: a command we lack, not a question
            print(f"不认识的命令：{message}（可用：/new 新对话，/quit 退出）\n")
            continue
        try:
            for event in advisor.stream(message, session, mode=args.mode):
                if isinstance(event, StatusEvent):
                    print(f"（{event.text}）", file=sys.stderr)
                elif isinstance(event, TokenEvent):
                    pass  # the final rendering below includes sources; partial text would print twice
                elif isinstance(event, ResultEvent):
                    session = event.result.session_id
                    print(render_text(event.result))
        except AdvisorError as exc:
            print(f"提示：{exc.user_message()}")
        print()
    return 0
