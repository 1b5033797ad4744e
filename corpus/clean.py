"""Clean text extracted from PDFs: NFKC, re-joined lines, no headers, TOC, captions, page numbers or markup."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from assistant.textnorm import nfkc
from corpus.closing import mark_closing, split_inline_items
from corpus.headings import Heading, detect_heading, looks_like_heading
from corpus.tables import expand_tables
from corpus.titles import DOCUMENT_NUMBER
from corpus.wrapping import reaches_margin, wrap_width

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"，。、；：？！“”‘’（）《》【】…—"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}{_CJK_PUNCT}])")
_TOC_LINE = re.compile(r"(\.{3,}|…{2,}|·{3,}|-{4,})\s*\d*\s*$|\t\s*\d{1,3}\s*$")
_PAGE_NUMBER = re.compile(r"^(第\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?|[-—–]?\s*\d{1,3}\s*[-—–]?|[ivxlcIVXLC]{1,5})$")
_CAPTION = re.compile(r"^(图|表|Figure|Fig\.|Table)\s*\d+([-－.]\d+)?(\s|$|[\u4e00-\u9fff])")
_PARAGRAPH_START = re.compile(r"^(【?摘\s*要】?|Abstract|关键词|Keywords|【高新区实践】|【[^】]{2,12}】|注\d+：)")
_SOURCE = re.compile(r"^(资料|数据|图片)?来源\s*[:：]")
_NOTE_LINE = re.compile(r"^[(（](颜色|注[:：])")
_SENTENCE_END = re.compile(r"([。！？!?…][”’」』）)]?|[：:])$")
_LATEX_CMD = {r"\leq": "≤", r"\geq": "≥", r"\le": "≤", r"\ge": "≥", r"\times": "×", r"\%": "%", r"\neq": "≠",
              r"\pm": "±", r"\approx": "≈", r"\cdot": "·", r"\sim": "~"}
_LATEX_SPAN = re.compile(r"\$([^$]{1,200})\$")
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|textbf|mathbf)\s*\{([^}]*)\}")
_TOC_TITLE = re.compile(r"^(目\s*录|图\s*目\s*录|表\s*目\s*录|Contents)$", re.IGNORECASE)
# NFKC turns ，；：？！ into ASCII, which is wrong next to a digit or Latin word ("GDP，70%"); keep them Chinese.
_KEEP_FULL_WIDTH = re.compile(r"([，；：？！])")
_SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# A superscript after text is a footnote reference ("二级环节¹。"); NFKC would glue a bare digit onto the text.
_FOOTNOTE_REF = re.compile(rf"(?<=[^\sA-Za-z0-9{_SUPERSCRIPT}])[{_SUPERSCRIPT}]+")
_FOOTNOTE_START = re.compile(rf"^[{_SUPERSCRIPT}]+\s*")
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "1234567890")
# Endnote references glued to the text ("岗位②，", "高达25%⑤，", "主攻方向 [2]。") would be quoted to users as part of
# the sentence; a circled number followed by a space starts a list item ("① 强化财政支持力度") and stays.
_CIRCLED_REF = re.compile(r"(?<=\S)[\u2460-\u2473](?![ \u3000])")
_BRACKET_REF = re.compile(r"(?<=\S)[ \u3000]*\[\d{1,3}(?:[,，\-–]\d{1,3})*\]")
_COMMA_AFTER_CLOSE = re.compile(r"(?<=[》」』”）])[,;]")
_HEADING_TAIL = re.compile(rf"^[^\d{_CJK_PUNCT},.;:?!()]{{2,15}}$")


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None  # 1-based PDF page where the paragraph starts; None for plain text


def clean_pages(pages: Sequence[str], paged: bool) -> list[Paragraph]:
    """Turn raw page texts into clean paragraphs (page numbers kept when the source is paged)."""
    tagged = [(i + 1 if paged else None, _normalise_line(line)) for i, page in enumerate(pages)
              for line in expand_tables(page.splitlines())]
    tagged = [(page, line) for page, line in tagged if line]
    boilerplate = _repeated_lines(line for _, line in tagged)
    toc = _toc_lines([line for _, line in tagged])
    kept = [(page, _SPACE_NEAR_CJK.sub("", split_inline_items(line))) for i, (page, line) in enumerate(tagged)
            if i not in toc and not _is_noise(line, boilerplate)]
    kept, apart = mark_closing([(page, line) for page, line in kept if line])
    return _join_lines(kept, wrap_width([line for _, line in kept]), apart)


def _normalise_line(line: str) -> str:
    """NFKC and markup removal; spaces are kept so that TOC and caption shapes stay recognisable."""
    line = _FOOTNOTE_START.sub(lambda m: f"注{m.group().strip().translate(_SUPER_TO_DIGIT)}：", line.strip())
    line = _BRACKET_REF.sub("", _CIRCLED_REF.sub("", _FOOTNOTE_REF.sub("", line)))
    text = "".join(p if _KEEP_FULL_WIDTH.fullmatch(p) else nfkc(p) for p in _KEEP_FULL_WIDTH.split(line))
    text = text.replace("\u00a0", " ").replace("\ufffd", "")
    text = text.replace("**", "").replace("∗", "")
    text = _LATEX_SPAN.sub(lambda m: _latex_to_text(m.group(1)), text)
    return text.strip()


def _toc_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of table-of-contents lines: dot leaders / tab page numbers, and headings listed among them."""
    toc = {i for i, line in enumerate(lines) if _TOC_LINE.search(line) or _TOC_TITLE.match(line)}
    later: dict[str, int] = {}
    for i, line in enumerate(lines):
        later[_heading_key(line)] = i  # last occurrence wins
    grew = True
    while grew:
        grew = False
        for i, line in enumerate(lines):
            if i in toc or not looks_like_heading(line) or later[_heading_key(line)] <= i:
                continue  # a heading listed in the TOC appears again further on; the real one does not
            if (i - 1) in toc or (i + 1) in toc:
                toc.add(i)
                grew = True
    return toc


def _heading_key(line: str) -> str:
    return re.sub(r"[\s.…·\d]+$", "", re.sub(r"\s+", "", line))


def _latex_to_text(fragment: str) -> str:
    text = _LATEX_TEXT.sub(lambda m: m.group(1).strip(), fragment)
    for command, symbol in sorted(_LATEX_CMD.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(command, symbol)
    text = re.sub(r"\\[a-zA-Z]+", "", text).replace("{", "").replace("}", "")
    return re.sub(r"\s+", "", text)


def _repeated_lines(lines: Iterable[str]) -> set[str]:
    """Short lines seen three or more times that are not headings: running headers and footers."""
    counts = Counter(line for line in lines if 0 < len(line) <= 40)
    return {line for line, n in counts.items() if n >= 3 and not looks_like_heading(line)}


def _is_noise(line: str, boilerplate: set[str]) -> bool:
    return bool(
        line in boilerplate
        or _TOC_LINE.search(line)
        or _TOC_TITLE.match(line)
        or _PAGE_NUMBER.match(line)
        or _CAPTION.match(line)
        or _SOURCE.match(line)
        or _NOTE_LINE.match(line)
    )


def _join_lines(lines: Sequence[tuple[int | None, str]], width: int | None = None,
                apart: Collection[int] = ()) -> list[Paragraph]:
    """Re-join lines broken mid-sentence; a paragraph ends at sentence-final punctuation or a heading. A line that
    reads as a bare heading but runs to the wrap width is a list item cut by the layout: it goes on below. Lines
    `apart` (a notice's attachments, signature and date) are paragraphs of their own."""
    paragraphs: list[Paragraph] = []
    buffer: list[str] = []
    start_page: int | None = None
    skip = -1
    for i, (page, line) in enumerate(lines):
        if i == skip:
            continue
        if i in apart:
            if buffer:
                paragraphs.append(Paragraph(_glue(buffer), start_page))
                buffer = []
            paragraphs.append(Paragraph(line, page))
            continue
        heading = detect_heading(line)
        after = lines[i + 1][1] if i + 1 < len(lines) else ""
        # "（一）申报时间：…逾期不予受理" over "。": the item filled its line, whatever the margin says
        if heading and not heading.rest and after and (reaches_margin(line, width) and not detect_heading(after)
                                                       or _CLOSING_ONLY.match(after.strip())):
            heading = None
        if buffer and (heading or _ends_paragraph(buffer[-1]) or _PARAGRAPH_START.match(line)):
            paragraphs.append(Paragraph(_glue(buffer), start_page))
            buffer = []
        if not buffer:
            start_page = page
        buffer.append(line)
        if not heading and DOCUMENT_NUMBER.match(line):
            heading = Heading(3, line, "")  # "苏工信综〔2026〕15号" stands apart from the salutation below it
        if heading and not heading.rest:
            tail = lines[i + 1][1] if i + 1 < len(lines) else ""
            if heading.level <= 2 and _HEADING_TAIL.match(tail) and not detect_heading(tail):
                buffer.append(tail)  # a long heading wrapped onto a second short line
                skip = i + 1
            paragraphs.append(Paragraph(_glue(buffer), start_page))
            buffer = []
    if buffer:
        paragraphs.append(Paragraph(_glue(buffer), start_page))
    return [p for p in paragraphs if p.text]


# a printed line holding only the punctuation that closes the line above it
_CLOSING_ONLY = re.compile(r"^[。；;，,、：:）)」』”’！!？?]+$")


def _ends_paragraph(line: str) -> bool:
    # A heading followed by body text on the same line ("1.缺乏……企业。欧美……孵化器") goes on like body text;
    # bare headings never reach here because they are flushed at once.
    return bool(_SENTENCE_END.search(line))


def _glue(parts: Sequence[str]) -> str:
    """Join broken lines: no space between CJK pieces, one space between Latin words."""
    out = parts[0]
    for part in parts[1:]:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            out += " " + part
        else:
            out += part
    out = _COMMA_AFTER_CLOSE.sub(lambda m: "，" if m.group() == "," else "；", out)
    return _SPACE_NEAR_CJK.sub("", out)
