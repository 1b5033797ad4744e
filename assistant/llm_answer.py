"""LLM answers: numbered passages in, streamed text out, every sentence checked by the guard as it arrives."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.guard import GuardReport, StreamGuard
from assistant.passages import Passage
from assistant.prompts import load_prompt
from assistant.result import Citation, ProfileSummary
from assistant.services import ChatMessage, ChatModel

MAX_PASSAGE_CHARS = 900


@dataclass
class LLMRequest:
    question: str
    profile: ProfileSummary
    assumptions: list[str]
    history: list[tuple[str, str]]  # (role, text), oldest first
    passages: Sequence[Passage]


def sources_for(passages: Sequence[Passage]) -> dict[int, Citation]:
    """Number the passages 1..k exactly as the prompt shows them."""
    return {n: Citation(n=n, doc_id=p.doc_id, title=p.title, section=p.section, page=p.page, quote="",
                        chunk_id=p.chunk_id, passage=p.text) for n, p in enumerate(passages, start=1)}


def build_messages(request: LLMRequest) -> list[ChatMessage]:
    """Fill the prompt files; passages, history and the question go in as delimited data."""
    passages = "\n\n".join(
        f"[{n}] 《{p.title}》 {p.section}\n{_clip(p.text)}" for n, p in enumerate(request.passages, start=1)
    )
    history = "\n".join(f"{'用户' if role == 'user' else '顾问'}：{_clip(text, 300)}" for role, text in request.history)
    user = load_prompt("answer_user").render(
        profile=_profile_text(request.profile, request.assumptions), history=history or "（无）",
        passages=passages, question=request.question,
    )
    return [ChatMessage("system", load_prompt("answer_system").render()), ChatMessage("user", user)]


def stream_answer(chat: ChatModel, request: LLMRequest) -> Iterator[str | GuardReport]:
    """Yield checked text pieces as the model streams, then the guard's report; ModelError propagates."""
    guard = StreamGuard(sources_for(request.passages))
    for delta in chat.stream(build_messages(request)):
        yield from guard.feed(delta)
    yield from guard.close()
    yield guard.report()


def _profile_text(profile: ProfileSummary, assumptions: list[str]) -> str:
    fields = (("行业", profile.industry), ("规模", profile.size), ("数字化阶段", profile.stage),
              ("人数", profile.employees), ("年营收（万元）", profile.revenue_wan), ("地区", profile.region))
    known = [f"{name}：{value}" for name, value in fields if value not in (None, "")]
    lines = known or ["（用户未提供企业信息）"]
    return "\n".join(lines + [f"假设：{a}" for a in assumptions])


def _clip(text: str, limit: int = MAX_PASSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
