"""The consultation report a manager can forward: profile, questions and answers, and one reference list (Markdown,
PDF and Word)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.citations import where
from assistant.dialogue_text import SKIP_EN, SKIP_ZH, rmb_en
from assistant.labels_en import in_english, place_in_english
from assistant.profile import FORM_EVIDENCE
from assistant.result import AdvisorResult, ProfileSummary
from ui.export_docx import write_docx
from ui.export_labels import ZH, Language, ReportLabels, labels_for
from ui.export_pdf import write_pdf

_CITE = re.compile(r"\[(\d{1,3})\]")
SOURCE_WORDS = ZH.sources


@dataclass
class Reference:
    n: int
    title: str
    section: str
    page: int | None
    quote: str


@dataclass
class Entry:
    question: str
    answer: str  # citation markers renumbered to the report's reference list
    flag: str = ""  # 依据不足 / 未作回答


@dataclass
class Report:
    created: datetime
    profile: list[tuple[str, str, str]]  # (label, value, where it came from)
    language: Language = "zh"  # the conversation's: the report's headings and labels are written in it
    entries: list[Entry] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def source_text(info: dict[str, str] | None, labels: ReportLabels = ZH) -> str:
    """来源: stated/inferred/asked in words, with the user's words that revealed it."""
    if not info:
        return ""
    how = labels.sources.get(info.get("source", ""), info.get("source", ""))
    evidence = info.get("evidence", "")
    if evidence == FORM_EVIDENCE:  # filled in on a form, not words the user wrote
        return labels.aside.format(how=how, what=labels.form)
    return labels.aside.format(how=how, what=f"“{evidence}”") if evidence else how


def profile_rows(p: ProfileSummary, language: Language = "zh") -> list[tuple[str, str, str]]:
    """The profile as (label, value, source) rows; unknown values are said to be unknown."""
    labels, english = labels_for(language), language == "en"
    employees = labels.people.format(n=p.employees) if p.employees is not None else ""
    revenue = "" if p.revenue_wan is None else rmb_en(p.revenue_wan) if english else f"{p.revenue_wan:g} 万元"
    values = {"industry": p.industry or "", "size": p.size or "", "stage": p.stage or "", "employees": employees,
              "revenue_wan": revenue, "region": p.region or "", "systems": "、".join(p.systems)}
    if english:  # the profile keeps the reports' Chinese terms; an English reader gets their English names
        values.update({slot: in_english(values[slot]) for slot in ("industry", "size", "stage") if values[slot]})
        values["region"] = place_in_english(p.region) if p.region else ""
        values["systems"] = ", ".join(p.systems)
    return [(labels.rows[slot], value or labels.unknown,
             source_text(p.sources.get(slot), labels) if value else "")
            for slot, value in values.items() if value or slot in ("industry", "size", "stage")]


def conversation_language(turns: Sequence[tuple[str, AdvisorResult]]) -> Language:
    """The language most answers were given in (the last answer's on a tie): one "你好" in an English
    conversation does not turn its report Chinese."""
    english = sum(r.language == "en" for _, r in turns)
    if english * 2 == len(turns) and turns:
        return turns[-1][1].language
    return "en" if english * 2 > len(turns) else "zh"


def build_report(turns: Sequence[tuple[str, AdvisorResult]], profile: ProfileSummary,
                 created: datetime | None = None) -> Report:
    """Collect the conversation into one report with citations renumbered across answers (shared sources once)."""
    language = conversation_language(turns)
    labels = labels_for(language)
    report = Report(created=created or datetime.now(), profile=profile_rows(profile, language), language=language)
    by_chunk: dict[str, int] = {}
    for question, result in _folded(turns, labels):
        mapping: dict[int, int] = {}
        for c in result.citations:
            # one reference per quote: two sentences of one passage cited as [1] and [7] keep their own quotes
            key = f"{c.chunk_id or c.doc_id + ':' + c.section}:{c.quote}"
            if key not in by_chunk:
                by_chunk[key] = len(report.references) + 1
                report.references.append(Reference(by_chunk[key], c.title, c.section, c.page, c.quote))
            mapping[c.n] = by_chunk[key]
        answer = _renumber(result.answer, mapping)
        flag = labels.refused if result.refused else labels.low_confidence if result.low_confidence else ""
        if result.mode == "clarify":  # the conversation ended on the advisor's question
            flag = labels.waiting
        report.entries.append(Entry(question, answer, flag))
    return report


def _folded(turns: Sequence[tuple[str, AdvisorResult]], labels: ReportLabels) -> list[tuple[str, AdvisorResult]]:
    """Each question with the answer it finally got: a clarifying exchange ("下一步做什么？" → the advisor asks →
    "金属加工/模具") is one entry under the original question, not a question of its own named "金属加工/模具"."""
    folded: list[tuple[str, AdvisorResult]] = []
    pending: tuple[str, AdvisorResult] | None = None  # a question held back by the advisor's clarifying question
    for question, result in turns:
        rules = {t.rule for t in result.trace}
        if pending is not None and "resume" in rules:
            skipped = question.strip() in (SKIP_ZH, SKIP_EN)
            question = pending[0] if skipped else labels.added.format(q=pending[0], more=question)
        elif pending is not None and "clarify_merged" in rules:
            question = f"{pending[0]} {question}"
        elif pending is not None:  # the customer moved on: the held-back question stands, unanswered
            folded.append(pending)
        pending = (question, result) if result.mode == "clarify" else None
        if pending is None:
            folded.append((question, result))
    return folded + ([pending] if pending is not None else [])


def _renumber(answer: str, mapping: dict[int, int]) -> str:
    return _CITE.sub(lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else m.group(0), answer)


def to_markdown(report: Report) -> str:
    """The report as Markdown, its headings in the conversation's language."""
    labels = labels_for(report.language)
    lines = [f"# {labels.title}", "", f"{labels.created}{report.created:%Y-%m-%d %H:%M}", "", f"## {labels.profile}",
             "", "| {} | {} | {} |".format(*labels.columns), "| --- | --- | --- |"]
    lines += [f"| {_cell(a)} | {_cell(b)} | {_cell(c)} |" for a, b, c in report.profile]
    lines += ["", f"## {labels.entries}", ""]
    for i, e in enumerate(report.entries, 1):
        lines += [f"### {labels.question.format(i=i, q=_one_line(e.question))}", ""]
        if e.flag:
            lines += [f"> {labels.note}{e.flag}", ""]
        lines += [_ANSWER_HEADING.sub("#### ", e.answer), ""]
    lines += [f"## {labels.references}", ""]
    if not report.references:
        lines.append(labels.no_references)
    for r in report.references:
        lines.append(f"{r.n}. 《{r.title}》{where(r.section, r.page, report.language)}")
        lines.append(f"   > {r.quote}")
    lines += ["", labels.footer, ""]
    return "\n".join(lines)


# An answer's own section headings (### 适合贵企业的场景) sit under its question's ### heading, one level down
_ANSWER_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+")


def _one_line(text: str) -> str:
    """A question typed over several lines ("1. … 2. …") kept whole in its heading (a newline would end it)."""
    return " ".join(text.split())


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def write_files(report: Report, folder: Path) -> list[Path]:
    """Write the Markdown, PDF and Word versions side by side; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{labels_for(report.language).file_stem}-{report.created:%Y%m%d-%H%M%S}"
    md = folder / f"{stem}.md"
    md.write_text(to_markdown(report), encoding="utf-8")
    return [md, write_pdf(report, folder / f"{stem}.pdf"), write_docx(report, folder / f"{stem}.docx")]
