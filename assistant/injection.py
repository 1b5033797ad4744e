"""Prompt-injection defence for retrieved text: sentences that instruct the assistant are never quoted or prompted."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from assistant.passages import Passage, RetrievalResult
from assistant.prompts import load_prompt

# Written against the report corpus: none of its 1,500+ sentences match (tests/test_injected_document.py checks).
# Common report phrases such as “扮演重要角色” are deliberately not patterns.
_INSTRUCTION = re.compile(
    r"(忽略|无视|不要理会|忘掉|忘记|不要遵守).{0,12}(指令|指示|提示|规则|设定|要求|资料|文档)"
    r"|(输出|复述|透露|泄露|告诉我|打印|重复|显示).{0,10}(系统提示|提示词|全部规则|你的规则|system prompt)"
    r"|你现在是|从现在起，?你|(只|仅|直接)回答\s*[‘“'\"「]|^\s*(system|assistant|系统)\s*[:：]"
    r"|\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|rules|prompts?)\b"
    r"|\b(reveal|print|repeat|output)\b.{0,20}\b(system prompt|instructions)\b|\breply only with\b|\bjust say\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?:[^。！？!?；;.\n]|\.(?!\s))*(?:(?:[。！？!?；;]|\.(?=\s|$))+[”’」）)]*\s*|\n|$)")


def is_instruction(sentence: str) -> bool:
    """Say whether a sentence addresses the assistant (an injection) rather than informing the reader."""
    return bool(_INSTRUCTION.search(sentence))


def defuse_text(text: str) -> tuple[str, int]:
    """Drop the sentences of a passage that instruct the assistant; return the text and how many were dropped."""
    kept, dropped = [], 0
    for sentence in _SENTENCE.findall(text):
        if sentence.strip() and is_instruction(sentence):
            dropped += 1
        else:
            kept.append(sentence)
    return ("".join(kept), dropped) if dropped else (text, 0)


def defuse(result: RetrievalResult) -> RetrievalResult:
    """The retrieval result with injected instructions cut from its passages (data stays, orders go)."""
    passages: list[Passage] = []
    for passage in result.passages:
        text, dropped = defuse_text(passage.text)
        if not dropped:
            passages.append(passage)
        elif text.strip():
            passages.append(replace(passage, text=text))
    return replace(result, passages=passages)


_WINDOW = 12
_DECORATION = re.compile(r"^[\s#>*\-\d.、)）]+|`|\*\*|\[\d{1,3}\]")


def _core(line: str) -> str:
    return _DECORATION.sub("", line).strip()


@cache
def _prompt_rules() -> tuple[frozenset[str], frozenset[str]]:
    """The system prompt's headings and every 12-character run of its rules.

    Left out: the answer headings it prescribes (### …) and its referral advice (咨询 …), which answers may repeat.
    """
    lines = [line for line in load_prompt("answer_system").render().splitlines()
             if line.strip() and "###" not in line and "咨询" not in line]
    headings = frozenset(_core(line) for line in lines if line.lstrip().startswith("#"))
    windows = frozenset(core[i:i + _WINDOW] for core in map(_core, lines) for i in range(len(core) - _WINDOW + 1))
    return headings, windows


def echoes_system_prompt(text: str) -> bool:
    """Say whether a piece of an answer repeats the system prompt (a leak, whatever the model was told)."""
    core = _core(text)
    headings, windows = _prompt_rules()
    return core in headings or any(core[i:i + _WINDOW] in windows for i in range(len(core) - _WINDOW + 1))
