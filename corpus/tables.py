"""Tab-separated tables in text extractions, rewritten as sentences that keep each cell with its row and column.

Without this the cleaner glued a table into one run-on line ("一级（初始级）二级（规范级）…研发设计应用基础设计
软件…"), which read as nonsense when quoted and lost which stage a recommendation belongs to. A roadmap table
becomes one line per cell ("研发设计·二级（规范级）：利用PDM、PLM等解决方案…"); a table of short cells one line per
row ("企业资源计划(ERP)厂家依次为：金蝶、用友、…" for a ranking; "智能化改造：补助比例：设备投资额的10%，最高限额：
200万元。" otherwise). Cell text is kept verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_COLUMNS = 3  # a label and two values; one tab is a TOC page number, not a table
LONG_CELL = 20  # cells this long on average are recommendations worth a line each
_SENTENCE_END = ("。", "！", "？", "；", ".", "!", "?")


def expand_tables(lines: Sequence[str]) -> list[str]:
    """The page's lines with every table block (a header and ≥1 row of tab-separated cells) rewritten."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _block_end(lines, i)
        rows = [_cells(line) for line in lines[i:end] if line.strip()]
        if len(rows) > 1:
            out += _rewrite(rows)
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("\r\n").split("\t")]


def _block_end(lines: Sequence[str], start: int) -> int:
    """Where the table starting at `start` ends (start + 1 when the line starts none); a blank line inside a
    table (a page break in the extraction) does not end it."""
    width = len(_cells(lines[start]))
    if width < MIN_COLUMNS:
        return start + 1
    end = start + 1
    while end < len(lines):
        nxt = end
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if nxt == len(lines) or not _fits(_cells(lines[nxt]), width):
            break
        end = nxt + 1
    return end


def _fits(cells: list[str], width: int) -> bool:
    return len(cells) >= MIN_COLUMNS and abs(len(cells) - width) <= 1


def _rewrite(rows: list[list[str]]) -> list[str]:
    header, body = rows[0], rows[1:]
    columns = header[1:]
    cells = [c for row in body for c in row[1:] if c]
    # Cells that are sentences (or long) are recommendations worth a line each.
    per_cell = bool(cells) and (sum(map(len, cells)) / len(cells) >= LONG_CELL
                                or sum(c.endswith(_SENTENCE_END) for c in cells) >= len(cells) / 2)
    lines: list[str] = []
    for row in body:
        label, values = row[0], row[1:]
        pairs = [(columns[j] if j < len(columns) else "", v) for j, v in enumerate(values) if v]
        if per_cell:
            lines += [as_sentence(f"{label}·{column}：{value}" if column else f"{label}：{value}") for column, value in pairs]
        elif pairs and all(column.isdigit() for column, _ in pairs):  # a ranking: columns 1, 2, 3 …
            lines.append(as_sentence(f"{label}依次为：" + "、".join(value for _, value in pairs)))
        elif pairs:
            # "补助比例：设备投资额的10%": a space between column and cell is lost with the spaces next to Chinese
            lines.append(as_sentence(f"{label}：" + "，".join(f"{column}：{value}" if column else value
                                                           for column, value in pairs)))
    return lines


def as_sentence(text: str) -> str:
    """The text ending as a sentence does (a full stop added when it ends otherwise)."""
    return text if text.endswith(_SENTENCE_END) else text + "。"
