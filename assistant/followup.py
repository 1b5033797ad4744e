"""Follow-ups ("那小微企业呢？", "第二条具体怎么做？") rewritten into a standalone query from the history."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.claims import bullet_body, strip_markers
from assistant.errors import ModelError
from assistant.prompts import load_prompt
from assistant.services import ChatMessage, ChatModel
from assistant.textnorm import nfkc

_ORDINAL = re.compile(r"第\s*([一二三四五六七八九十1-9])\s*[条点个项]|(first|second|third|fourth|fifth) (?:one|point|item)")
_CN_ORD = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_FILLER = re.compile(r"^(那|那么|那如果|如果是|要是|还有|另外|再问一下|and|what about|how about)\s*|[呢吗呀啊吧？?。!！\s]+$",
                     re.IGNORECASE)
_ANAPHORA = re.compile(r"^(那|那么|还有|另外|如果是|要是)|呢[？?]?$|这个|那个|上面|刚才|前面|具体|展开|详细|第\s*[一二三四五六七八九十1-9]\s*[条点个项]"
                       r"|^(and|what about|how about)|\b(it|that|this one|those)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rewrite:
    query: str
    rewritten: bool
    rule: str


@dataclass(frozen=True)
class PreviousTurn:
    question: str  # the standalone query used last time
    answer: str


def looks_like_follow_up(message: str) -> bool:
    """Short messages that lean on the previous turn ("那…呢", "第二条", "what about…")."""
    text = nfkc(message).strip()
    return len(text) <= 30 and bool(_ANAPHORA.search(text))


def rewrite_by_rules(message: str, previous: PreviousTurn) -> Rewrite:
    """Resolve an ordinal against the previous answer's bullets, else carry the previous topic along."""
    text = nfkc(message).strip()
    ordinal = _ORDINAL.search(text)
    if ordinal:
        word = ordinal.group(1)
        index = (_CN_ORD.get(word) or int(word)) if word else _EN_ORD[ordinal.group(2).lower()]
        bullets = [strip_markers(body) for line in previous.answer.splitlines()
                   if (body := bullet_body(line)) is not None]
        if 0 < index <= len(bullets):
            rest = _FILLER.sub("", _ORDINAL.sub("", text)).strip("，, ")
            return Rewrite(f"{bullets[index - 1]} {rest}".strip(), True, f"第{index}条 → 上一回答的第{index}个要点")
    core = _FILLER.sub("", text).strip("，, ") or text
    return Rewrite(f"{previous.question} {core}".strip(), True, "省略句 → 沿用上一问的主题")


def rewrite_with_llm(chat: ChatModel, message: str, history: list[tuple[str, str]]) -> Rewrite:
    """Ask the LLM for a standalone query (raises ModelError; the caller falls back to the rules)."""
    lines = "\n".join(f"{'用户' if role == 'user' else '顾问'}：{text[:300]}" for role, text in history[-6:])
    prompt = load_prompt("rewrite_query").render(history=lines or "（无）", question=message)
    query = chat.complete([ChatMessage("user", prompt)]).strip().splitlines()[0].strip("“”\"' ")
    if not query or len(query) > 200:
        raise ModelError("改写结果不可用", "已改用规则改写")
    return Rewrite(query, query != message.strip(), "LLM 改写")
