"""The consultation report a manager can forward: profile, questions and answers, and one reference list."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from assistant.citations import where
from assistant.dialogue_text import SKIP_EN, SKIP_ZH
from assistant.profile import FORM_EVIDENCE
from assistant.result import AdvisorResult, ProfileSummary

log = logging.getLogger(__name__)
_CITE = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
SOURCE_WORDS = {"stated": "您告知", "inferred": "推断", "asked": "追问所得", "default": "默认"}


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
    entries: list[Entry] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def source_text(info: dict[str, str] | None) -> str:
    """来源: stated/inferred/asked in words, with the user's words that revealed it."""
    if not info:
        return ""
    how = SOURCE_WORDS.get(info.get("source", ""), info.get("source", ""))
    evidence = info.get("evidence", "")
    if evidence == FORM_EVIDENCE:  # filled in on a form, not words the user wrote
        return f"{how}（{evidence}）"
    return f"{how}（“{evidence}”）" if evidence else how


def profile_rows(p: ProfileSummary) -> list[tuple[str, str, str]]:
    """The profile as (label, value, source) rows; unknown values are said to be unknown."""
    employees = f"{p.employees} 人" if p.employees is not None else ""
    revenue = f"{p.revenue_wan:g} 万元" if p.revenue_wan is not None else ""
    rows = [("行业", p.industry or "", "industry"), ("规模", p.size or "", "size"),
            ("数字化阶段", p.stage or "", "stage"), ("从业人数", employees, "employees"),
            ("营业收入", revenue, "revenue_wan"), ("地区", p.region or "", "region"),
            ("已有系统", "、".join(p.systems), "systems")]
    return [(label, value or "未知", source_text(p.sources.get(slot)) if value else "")
            for label, value, slot in rows if value or slot in ("industry", "size", "stage")]


def build_report(turns: Sequence[tuple[str, AdvisorResult]], profile: ProfileSummary,
                 created: datetime | None = None) -> Report:
    """Collect the conversation into one report with citations renumbered across answers (shared sources once)."""
    report = Report(created=created or datetime.now(), profile=profile_rows(profile))
    by_chunk: dict[str, int] = {}
    for question, result in _folded(turns):
        mapping: dict[int, int] = {}
        for c in result.citations:
            # one reference per quote: two sentences of one passage cited as [1] and [7] keep their own quotes
            key = f"{c.chunk_id or c.doc_id + ':' + c.section}:{c.quote}"
            if key not in by_chunk:
                by_chunk[key] = len(report.references) + 1
                report.references.append(Reference(by_chunk[key], c.title, c.section, c.page, c.quote))
            mapping[c.n] = by_chunk[key]
        answer = _renumber(result.answer, mapping)
        flag = "未作回答（资料中无依据）" if result.refused else "依据不足，仅供参考" if result.low_confidence else ""
        if result.mode == "clarify":  # the conversation ended on the advisor's question
            flag = "顾问在等待补充企业信息，尚未回答"
        report.entries.append(Entry(question, answer, flag))
    return report


def _folded(turns: Sequence[tuple[str, AdvisorResult]]) -> list[tuple[str, AdvisorResult]]:
    """Each question with the answer it finally got: a clarifying exchange ("下一步做什么？" → the advisor asks →
    "金属加工/模具") is one entry under the original question, not a question of its own named "金属加工/模具"."""
    folded: list[tuple[str, AdvisorResult]] = []
    pending: tuple[str, AdvisorResult] | None = None  # a question held back by the advisor's clarifying question
    for question, result in turns:
        rules = {t.rule for t in result.trace}
        if pending is not None and "resume" in rules:
            question = pending[0] + ("" if question.strip() in (SKIP_ZH, SKIP_EN) else f"（补充：{question}）")
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
    lines = ["# 数转顾问 · 咨询报告", "", f"生成时间：{report.created:%Y-%m-%d %H:%M}", "", "## 企业画像", "",
             "| 项目 | 内容 | 来源 |", "| --- | --- | --- |"]
    lines += [f"| {_cell(a)} | {_cell(b)} | {_cell(c)} |" for a, b, c in report.profile]
    lines += ["", "## 问答记录", ""]
    for i, e in enumerate(report.entries, 1):
        lines += [f"### 问题 {i}：{_one_line(e.question)}", ""]
        if e.flag:
            lines += [f"> 注意：{e.flag}", ""]
        lines += [_ANSWER_HEADING.sub("#### ", e.answer), ""]
    lines += ["## 参考资料", ""]
    if not report.references:
        lines.append("（本次对话未引用资料）")
    for r in report.references:
        lines.append(f"{r.n}. 《{r.title}》{where(r.section, r.page)}")
        lines.append(f"   > {r.quote}")
    lines += ["", "本报告由数转顾问依据公开政策与研究报告自动整理，引用内容请以原文为准。", ""]
    return "\n".join(lines)


# An answer's own section headings (### 适合贵企业的场景) sit under its question's ### heading, one level down
_ANSWER_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+")


def _one_line(text: str) -> str:
    """A question typed over several lines ("1. … 2. …") kept whole in its heading (a newline would end it)."""
    return " ".join(text.split())


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


# TrueType-outline CJK fonts reportlab can subset and embed (it cannot embed CFF/OpenType outlines such as Noto
# Sans CJK). WenQuanYi Zen Hei is Debian's fonts-wqy-zenhei; the others are common on desktops.
FONT_FILES: tuple[tuple[Path, int], ...] = (
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"), 0),
    (Path("C:/Windows/Fonts/simhei.ttf"), 0),
)
_EMBEDDED = "ReportCJK"
# Without a font file the built-in CID font still shows Chinese in most viewers, but it is not embedded: viewers
# substitute a font of their own, and some show "·", "—" or full-width signs blank.
_FALLBACK = "STSong-Light"


def report_font(files: tuple[tuple[Path, int], ...] = FONT_FILES) -> str:
    """Register and name the report's font: the first CJK TrueType font found, embedded as a subset."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    if _EMBEDDED in registered:
        return _EMBEDDED
    for path, index in files:
        if not path.is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(_EMBEDDED, str(path), subfontIndex=index))
        except (TTFError, OSError) as exc:  # CFF outlines or a damaged file: try the next one
            log.warning("报告字体 %s 无法使用：%s", path, exc)
            continue
        return _EMBEDDED
    log.warning("未找到可嵌入的中文字体（如 fonts-wqy-zenhei），PDF 改用不嵌入的 %s", _FALLBACK)
    if _FALLBACK not in registered:
        pdfmetrics.registerFont(UnicodeCIDFont(_FALLBACK))
    return _FALLBACK


def write_pdf(report: Report, path: Path) -> Path:
    """Render the report as an A4 PDF in an embedded Chinese font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = report_font()

    def style(size: float, leading: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(f"s{size}{kw}", fontName=font, fontSize=size, leading=leading,
                              wordWrap="CJK", **kw)

    h1, h2, h3 = style(18, 24, spaceAfter=6), style(14, 20, spaceBefore=10, spaceAfter=4), style(11.5, 16, spaceBefore=8)
    body, small = style(10.5, 16), style(9, 13, textColor=colors.HexColor("#555555"))
    section = style(10.5, 16, spaceBefore=4, textColor=colors.HexColor("#1f4e79"))
    flow: list[object] = [Paragraph("数转顾问 · 咨询报告", h1),
                          Paragraph(f"生成时间：{report.created:%Y-%m-%d %H:%M}", small), Paragraph("企业画像", h2)]
    table = Table([[Paragraph(_x(c), body) for c in row] for row in [("项目", "内容", "来源"), *report.profile]],
                  colWidths=[28 * mm, 50 * mm, 92 * mm])
    # a table sets its own font (Helvetica) for each cell even when the cell is a Paragraph
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTNAME", (0, 0), (-1, -1), font),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow += [table, Paragraph("问答记录", h2)]
    for i, e in enumerate(report.entries, 1):
        flow.append(Paragraph(f"问题 {i}：{_x(e.question)}", h3))
        if e.flag:
            flow.append(Paragraph(f"注意：{_x(e.flag)}", style(10, 14, textColor=colors.HexColor("#b45309"))))
        for line in e.answer.splitlines():
            if line.strip():  # an answer's section headings stand out from its quotes
                heading = line.lstrip().startswith("#")
                flow.append(Paragraph(_x(line.strip().lstrip("#").strip()), section if heading else body))
    flow.append(Paragraph("参考资料", h2))
    for r in report.references:
        flow.append(Paragraph(f"[{r.n}] 《{_x(r.title)}》{_x(where(r.section, r.page))}", body))
        flow.append(Paragraph(f"“{_x(r.quote)}”", small))
        flow.append(Spacer(1, 3))
    flow.append(Spacer(1, 8))
    flow.append(Paragraph("本报告由数转顾问依据公开政策与研究报告自动整理，引用内容请以原文为准。", small))
    # the page preamble sets a font before any text: name ours, or every page also lists an unembedded Helvetica
    SimpleDocTemplate(str(path), pagesize=A4, title="数转顾问 咨询报告", initialFontName=font, leftMargin=20 * mm,
                      rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm).build(flow)
    return path


def _x(text: str) -> str:
    """Escape for reportlab's mini-markup; **bold** is dropped (the report font has no bold face)."""
    return xml_escape(_BOLD.sub(r"\1", text))


def write_files(report: Report, folder: Path) -> list[Path]:
    """Write the Markdown and PDF versions side by side; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"咨询报告-{report.created:%Y%m%d-%H%M%S}"
    md = folder / f"{stem}.md"
    md.write_text(to_markdown(report), encoding="utf-8")
    return [md, write_pdf(report, folder / f"{stem}.pdf")]
