"""How wide a document's lines run before they wrap, and whether a line was cut there.

A PDF's text comes out one printed line at a time. A list item that fills the line ("（一）申报企业须为在苏州市…的工业
中小企" / "业，财务管理制度健全。") looks like a bare heading on its first line; only its width gives it away: a heading
is short, while a line that reaches the right margin was cut by the layout and goes on below.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_LINES = 6  # fewer lines than this say nothing about the margin
MIN_WIDTH = 40  # display columns: a "margin" narrower than ~20 characters is no margin (one-paragraph-per-line text)
FULL = 0.92  # a line this close to the margin reached it


def display_width(text: str) -> int:
    """Columns the text takes: a Chinese character or full-width mark two, a Latin letter, digit or space one."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width at which the document's lines wrap, or None when they do not (a paragraph a line, as in the text
    files): the common width of its longest lines, when many lines share it."""
    widths = sorted((display_width(line) for line in lines if line), reverse=True)
    if len(widths) < MIN_LINES:
        return None
    margin = widths[len(widths) // 10]  # the 90th percentile: longer lines are stray (a table row, a URL)
    near = sum(margin * FULL <= w <= margin * 1.05 for w in widths)
    if margin < MIN_WIDTH or near < max(3, len(widths) // 5):
        return None  # lines of every length: the text is not wrapped at a margin
    return margin


def reaches_margin(line: str, width: int | None) -> bool:
    """The line runs to the wrap width, so it was cut there and its sentence goes on in the next line."""
    return width is not None and display_width(line) >= width * FULL
