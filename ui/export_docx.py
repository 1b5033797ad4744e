"""The consultation report as a Word document (.docx), for managers who forward and edit reports in Word or WPS."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.citations import where
from ui.export_labels import labels_for

if TYPE_CHECKING:  # ui.export imports this module to write the document
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from ui.export import Report

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Word picks a Latin font for Chinese text unless the East Asian font is named; these ship with Windows, macOS
# (via Office) and WPS, and a viewer without them substitutes its own CJK font
_EAST_ASIAN = "Microsoft YaHei"
_GREY, _AMBER = "666666", "B45309"


def write_docx(report: Report, path: Path) -> Path:
    """Render the report as a .docx: profile table, each question and answer, then the numbered references."""
    from docx import Document

    labels = labels_for(report.language)
    doc = Document()
    _east_asian_fonts(doc)
    doc.core_properties.title = labels.title
    doc.add_heading(labels.title, level=1)
    _grey(doc.add_paragraph(f"{labels.created}{report.created:%Y-%m-%d %H:%M}"))
    doc.add_heading(labels.profile, level=2)
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for row in [labels.columns, *report.profile]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.add_heading(labels.entries, level=2)
    for i, entry in enumerate(report.entries, 1):
        doc.add_heading(labels.question.format(i=i, q=" ".join(entry.question.split())), level=3)
        if entry.flag:
            _colour(doc.add_paragraph().add_run(labels.note + entry.flag), _AMBER)
        _answer(doc, entry.answer)
    doc.add_heading(labels.references, level=2)
    if not report.references:
        doc.add_paragraph(labels.no_references)
    for r in report.references:
        doc.add_paragraph(f"[{r.n}] 《{r.title}》{where(r.section, r.page, report.language)}")
        _grey(doc.add_paragraph(f"“{r.quote}”"))
    _grey(doc.add_paragraph(labels.footer))
    doc.save(str(path))
    return path


def _answer(doc: DocxDocument, answer: str) -> None:
    """An answer's own section headings (### 适合贵企业的场景) as headings one level down, its **bold** kept."""
    for line in answer.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("#"):
            doc.add_heading(_BOLD.sub(r"\1", text.lstrip("#").strip()), level=4)
            continue
        paragraph = doc.add_paragraph()
        for k, part in enumerate(_BOLD.split(text)):  # odd pieces were between ** and **
            if part:
                run = paragraph.add_run(part)
                if k % 2:
                    run.bold = True


def _east_asian_fonts(doc: DocxDocument) -> None:
    from docx.oxml.ns import qn

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        fonts = doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), _EAST_ASIAN)


def _grey(paragraph: Paragraph) -> None:
    for run in paragraph.runs:
        _colour(run, _GREY)


def _colour(run: Run, hex_rgb: str) -> None:
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor.from_string(hex_rgb)
