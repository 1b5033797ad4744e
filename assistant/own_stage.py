""""我们算哪个阶段": where the rules layer places the firm among the reports' four stages, and what the reports say
of that stage and of the next one.

The 2024 report names the four stages and each one's need in one paragraph (三、(一) 特征1). It gives no way to place a
firm, so the placement is the rules layer's own rough reading of the systems the firm named, said as ours and not
as a rating; the quotes are the report's words on the stage it reads and on the one above it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Literal

from assistant.citations import CitationBook
from assistant.industries import industry_by_name
from assistant.passages import Passage, whole_passage
from assistant.quoting import quote_line
from assistant.request import Picked
from assistant.result import ProfileSummary
from assistant.sentences import ScoredSentence, split_passage
from assistant.stage import STAGE_SECTIONS, Stage, stage_by_level
from assistant.topics import topic_slots
from corpus.chunk import Chunk

_OVERVIEW = "四个阶段"


def asks_own_stage(question: str) -> bool:
    """"我们算是数字化哪个阶段", "我们厂处在什么水平": the firm asks where it stands, not what the stages are."""
    return topic_slots(question)[0] == "stage_check"


def stage_lines(chunks: Collection[Chunk], profile: ProfileSummary, book: CitationBook, english: bool,
                taken: list[str]) -> list[str]:
    """The stage block: our reading of the firm's stage and why, the report's four stages, the need it names for
    the firm's stage and for the next. Empty when no stage is known or the report's paragraph is not in the index."""
    if not profile.stage_level:
        return []
    sentences = _stage_paragraph(chunks)
    if sentences is None:
        return []
    passage, scored = sentences
    stage = stage_by_level(profile.stage_level)
    overview = _sentence_naming(scored, _OVERVIEW)
    own = _sentence_naming(scored, f"在{stage.name}阶段")
    if own is None:
        return []
    lines = ["", "### Where your company roughly stands" if english else "### 贵企业大致所处的阶段",
             _reading(stage, profile, english)]
    for s in (overview, own):
        if s is not None:
            lines.append(quote_line(book, passage, s))
            taken.append(s.sentence.text)
    if stage.level == 4:
        return lines
    above = stage_by_level(stage.level + 1)
    following = _sentence_naming(scored, f"在{above.name}阶段")
    if following is not None:
        lines += ["The stage above it:" if english else "再往上一个阶段：", quote_line(book, passage, following)]
        taken.append(following.sentence.text)
    chapter, steps = _path_steps(chunks, profile.industry, above.eval_level)
    if steps:
        own = chapter in _chapters_of(profile.industry)
        lines.append(_steps_label(chapter, above.eval_level, "own" if own else "other" if profile.industry else "unknown",
                                  english))
        lines += [quote_line(book, p, s) for p, s in steps]
        taken += [s.sentence.text for _, s in steps]
    return lines


def _steps_label(chapter: str, level: str, trade: Literal["own", "other", "unknown"], english: bool) -> str:
    if english:
        whose = {"own": "", "other": "the reports have no path table for your trade, and ",
                 "unknown": "an example, as your trade is not known, and "}[trade]
        return (f"What level {level} looks like in the reports' transformation path for “{chapter}” ({whose}matching "
                "stages to levels is this tool's own reading):")
    whose = {"own": "", "other": "，贵企业所在行业没有专门的路径表，仅供参考", "unknown": "，未提供行业，以此为例，仅供参考"}[trade]
    return f"报告“{chapter}”转型路径中“{level}”的做法（阶段与等级的对应是本工具的理解{whose}）："


def _chapters_of(industry: str | None) -> tuple[str, ...]:
    found = industry_by_name(industry) if industry else None
    doc, _ = STAGE_SECTIONS[1]
    return tuple(head for d, head in found.sections if d == doc) if found else ()


def _path_steps(chunks: Collection[Chunk], industry: str | None, level: str) -> tuple[str, Picked]:
    """The path table's entries for one level ("生产制造·三级（集成级）：…"), production first, from the firm's own
    chapter when the report has one, else from the general-equipment chapter (its business areas are any plant's)."""
    doc, head = STAGE_SECTIONS[1]
    by_chapter: dict[str, Picked] = {}
    label = f"·{level}："
    for chunk in chunks:
        parts = chunk.section.split(" > ")
        if chunk.doc_id != doc or not parts[-1].endswith(head) or len(parts) < 2 or label not in chunk.text:
            continue
        chapter = re.sub(r"^（[一二三四五六七八九十]+）", "", parts[-2])
        passage = whole_passage(chunk)
        by_chapter.setdefault(chapter, []).extend(
            (passage, ScoredSentence(s, chunk.chunk_id, 1, 0.0)) for s in split_passage(chunk.text) if label in s.text)
    own = [c for c in _chapters_of(industry) if c in by_chapter]
    chapter = own[0] if own else _GENERAL if _GENERAL in by_chapter else next(iter(by_chapter), "")
    steps = sorted(by_chapter.get(chapter, []), key=lambda ps: _AREAS.index(ps[1].sentence.text.split("·")[0])
                   if ps[1].sentence.text.split("·")[0] in _AREAS else len(_AREAS))
    return chapter, steps[:3]


_GENERAL = "通用设备制造业"
_AREAS = ("生产制造", "采购供应", "研发设计", "产品服务", "市场营销")


def _reading(stage: Stage, profile: ProfileSummary, english: bool) -> str:
    # one sentence: the guard keeps a framing line by its "说明：" opening, and checks any sentence after it
    source = profile.sources.get("stage", {})
    evidence, rule = source.get("evidence", ""), source.get("rule", "").split("→")[0].strip()
    if english:
        said = f" ({evidence.replace('、', ', ')})" if evidence else ""
        return (f"Note: going by what you told us{said}, this tool places your company roughly at the "
                f"“{stage.name_en}” (“{stage.name}”) stage (a rough reading of the systems in use, not a rating: the "
                "reports give no way to place one firm, and your local SME digital-transformation promotion centre can "
                "carry out a formal assessment).")
    said = f"按您提到的{evidence}（{rule}）" if evidence and rule else f"按您提到的{evidence}" if evidence else "按您所说"
    return (f"说明：{said}，本工具把贵企业粗略归为“{stage.name}”阶段（报告没有给出判定一家企业所处阶段的办法，这只是按所用系统做的"
            "归类，不是正式评估，正式诊断可请当地中小企业数字化转型促进中心或公共服务平台开展）。")


def _stage_paragraph(chunks: Collection[Chunk]) -> tuple[Passage, list[ScoredSentence]] | None:
    doc, _ = STAGE_SECTIONS[0]
    for chunk in chunks:
        if chunk.doc_id == doc and _OVERVIEW in chunk.text and "阶段，" in chunk.text:
            return whole_passage(chunk), [ScoredSentence(s, chunk.chunk_id, 1, 0.0) for s in split_passage(chunk.text)]
    return None


def _sentence_naming(scored: list[ScoredSentence], words: str) -> ScoredSentence | None:
    return next((s for s in scored if words in s.sentence.text), None)
