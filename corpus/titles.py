"""The title line of an official document ("关于组织申报…项目的通知", "…专项资金管理实施细则"): where it ends, and
the whole of it when the print spreads it over two or three lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

# what kind of document a title names comes last in it: 通知, 办法, 细则, 指南…
_KIND = re.compile(r"(?:通知|办法|细则|指南|意见|方案|公告|通告|决定|规定|通报|批复|函|规划|计划|措施|条例)[)）》”]?$")
_NOT_TITLE = re.compile(r"[，。；：！？,;:!?]")
# a document number on a line of its own ("苏工信综〔2026〕15号") stands apart from the salutation below it
DOCUMENT_NUMBER = re.compile(r"^\S{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
MAX_TITLE = 80
MAX_LINES = 3


def ends_title(line: str) -> bool:
    """The line closes a document's title ("…数字化转型专项资金项目的通知"): the text after it is not part of it."""
    text = re.sub(r"\s+", "", line)
    return 4 <= len(text) <= MAX_TITLE and bool(_KIND.search(text)) and not _NOT_TITLE.search(text)


def spread_title(lines: Sequence[str], start: int) -> str | None:
    """The title beginning at lines[start] when it runs on over the next lines to a title's last word, else None:
    "苏州市工业和信息化局 苏州市财政局关于组织申报2026年度" + "苏州市中小企业数字化转型专项资金项目的通知"."""
    title = ""
    for line in lines[start:start + MAX_LINES]:
        text = re.sub(r"\s+", "", line)
        if not text or _NOT_TITLE.search(text):
            return None
        title += text
        if len(title) > MAX_TITLE:
            return None
        if ends_title(title):
            return title
    return None
