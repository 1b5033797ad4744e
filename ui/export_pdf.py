"""The consultation report as an A4 PDF, its Chinese font embedded so that every viewer shows the same glyphs."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from assistant.citations import where
from ui.export_labels import labels_for

if TYPE_CHECKING:  # ui.export imports this module to write the PDF
    from ui.export import Report

log = logging.getLogger(__name__)
_BOLD = re.compile(r"\*\*(.+?)\*\*")

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
    """Render the report as an A4 PDF in an embedded Chinese font, its headings in the conversation's language."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font, labels = report_font(), labels_for(report.language)

    def style(size: float, leading: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(f"s{size}{kw}", fontName=font, fontSize=size, leading=leading,
                              wordWrap="CJK", **kw)

    h1, h2, h3 = style(18, 24, spaceAfter=6), style(14, 20, spaceBefore=10, spaceAfter=4), style(11.5, 16, spaceBefore=8)
    body, small = style(10.5, 16), style(9, 13, textColor=colors.HexColor("#555555"))
    section = style(10.5, 16, spaceBefore=4, textColor=colors.HexColor("#1f4e79"))
    flow: list[object] = [Paragraph(_x(labels.title), h1),
                          Paragraph(f"{_x(labels.created)}{report.created:%Y-%m-%d %H:%M}", small),
                          Paragraph(_x(labels.profile), h2)]
    table = Table([[Paragraph(_x(c), body) for c in row] for row in [labels.columns, *report.profile]],
                  colWidths=[28 * mm, 50 * mm, 92 * mm])
    # a table sets its own font (Helvetica) for each cell even when the cell is a Paragraph
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTNAME", (0, 0), (-1, -1), font),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow += [table, Paragraph(_x(labels.entries), h2)]
    for i, e in enumerate(report.entries, 1):
        flow.append(Paragraph(_x(labels.question.format(i=i, q=e.question)), h3))
        if e.flag:
            flow.append(Paragraph(_x(labels.note + e.flag), style(10, 14, textColor=colors.HexColor("#b45309"))))
        for line in e.answer.splitlines():
            if line.strip():  # an answer's section headings stand out from its quotes
                heading = line.lstrip().startswith("#")
                flow.append(Paragraph(_x(line.strip().lstrip("#").strip()), section if heading else body))
    flow.append(Paragraph(_x(labels.references), h2))
    for r in report.references:
        flow.append(Paragraph(f"[{r.n}] 《{_x(r.title)}》{_x(where(r.section, r.page, report.language))}", body))
        flow.append(Paragraph(f"“{_x(r.quote)}”", small))
        flow.append(Spacer(1, 3))
    flow.append(Spacer(1, 8))
    flow.append(Paragraph(_x(labels.footer), small))
    # the page preamble sets a font before any text: name ours, or every page also lists an unembedded Helvetica
    SimpleDocTemplate(str(path), pagesize=A4, title=labels.title, initialFontName=font, leftMargin=20 * mm,
                      rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm).build(flow)
    return path


def _x(text: str) -> str:
    """Escape for reportlab's mini-markup; **bold** is dropped (the report font has no bold face)."""
    return xml_escape(_BOLD.sub(r"\1", text))
