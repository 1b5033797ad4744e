"""A Markdown notice read as the lines a reader sees: headings without their #, tables as rows of cells.

Staff write notices in Markdown too ("## 一、申报对象和条件", "| 补贴事项 | 补贴比例 | 每家企业上限 |"). Read as plain
text, "##一、申报对象和条件|条件|要求||---|…" was one run-on line: no section was found, and a condition or an amount
was quoted as a blob of pipes. Tables become what a Word table becomes (load.py): tab-separated cells, which the
cleaner rewrites into one sentence per row, or "label：value。" for a two-column row.
"""

from __future__ import annotations

import re

from corpus.tables import as_sentence

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # "| --- | :---: |"


def markdown_lines(text: str) -> str:
    """The Markdown text as plain lines: headings and bullets unmarked, table rows as cells."""
    lines: list[str] = []
    pairs = False  # the last line was a two-column row
    for line in text.splitlines():
        if _RULE.match(line):
            if pairs:  # a two-column table's header ("条件 | 要求") names no row: each row says "注册地：…"
                lines.pop()
            continue
        row = _ROW.match(line)
        pairs = bool(row) and len(row.group("cells").split("|")) == 2
        if row:
            cells = [cell.strip() for cell in row.group("cells").split("|")]
            lines.append(as_sentence("：".join(c for c in cells if c)) if pairs else "\t".join(cells))
            continue
        if lines and lines[-1].count("\t") and line.strip():
            lines.append("")  # a table ends where its rows do
        lines.append(_BULLET.sub("", _HEADING.sub("", line)))
    return "\n".join(lines)
