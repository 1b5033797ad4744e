"""The closing lines of an official notice: its list of attachments, the issuing bodies and the date.

Without this a notice's end read as one run-on line ("联系人：张明，电话：0512-68881234苏州市工业和信息化局2024年3月
1日附件：1.专项资金项目申报书") and its attachments "2.企业信用承诺书" / "3.项目投资明细表" as section headings of
the text above them. The attachments become one list ("附件：1.专项资金项目申报书，2.企业信用承诺书，…") and the
signature and date lines stand apart from the contact line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ATTACHMENTS = re.compile(r"^附\s*件\s*[:：]")
_ITEM = r"\d{1,2}\s*[.、．](?!\d)\s*\S"
_ITEM_LINE = re.compile(rf"^{_ITEM}")
_INLINE_ITEM = re.compile(rf"(?<=\S)\s+(?={_ITEM})")
MAX_ITEM = 40  # an attachment is named, not described: a longer numbered line is body text
_NUMERAL = r"[\d〇○零一二三四五六七八九十]"
_DATE = re.compile(rf"^{_NUMERAL}{{4}}\s*年\s*{_NUMERAL}{{1,2}}\s*月\s*{_NUMERAL}{{1,3}}\s*日$")
# an issuing body on a line of its own: a name ending in what such bodies are called, with no punctuation
_ISSUER = re.compile(r"^[\u4e00-\u9fff（）()\s]{3,40}(?:局|厅|委员会|委|政府|办公室|办公厅|中心|管委会|协会|公司|院)$")
MAX_ISSUERS = 4


def split_inline_items(line: str) -> str:
    """An attachments line listing its items on one line, with a comma between them ("附件：1.申报书 2.承诺书" →
    "附件：1.申报书，2.承诺书"): the spaces between them go with the spaces next to Chinese text."""
    return _INLINE_ITEM.sub("，", line) if _ATTACHMENTS.match(line) else line


def mark_closing(lines: Sequence[tuple[int | None, str]]) -> tuple[list[tuple[int | None, str]], set[int]]:
    """The lines with each attachment list gathered on its list's line, and the indexes (into the result) of the
    lines that are paragraphs of their own: the list, the issuing bodies and the date of the signature."""
    out: list[tuple[int | None, str]] = []
    apart: set[int] = set()
    listing = False
    for page, line in lines:
        if listing and _ITEM_LINE.match(line) and len(line) <= MAX_ITEM:
            last_page, last = out[-1]
            out[-1] = (last_page, last + line if last.endswith(("：", ":")) else f"{last}，{line}")
            continue
        listing = bool(_ATTACHMENTS.match(line))
        if listing:
            apart.add(len(out))
        out.append((page, line))
    return out, apart | _signature([line for _, line in out])


def _signature(lines: Sequence[str]) -> set[int]:
    """Indexes of the signature's lines: a date on a line of its own and the issuing bodies right above it."""
    marked: set[int] = set()
    for i, line in enumerate(lines):
        if not _DATE.match(line):
            continue
        issuers = 0
        while issuers < MAX_ISSUERS and i - issuers - 1 >= 0 and _ISSUER.match(lines[i - issuers - 1]):
            issuers += 1
        if issuers:
            marked.update(range(i - issuers, i + 1))
    return marked
