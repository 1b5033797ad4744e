"""The opening line of an answer says where its quotes come from: the shipped reports, or a policy notice the
helpdesk uploaded ("以下内容摘自您上传的文件《苏州市…申报通知》（suzhou.pdf）原文："). Told "摘自报告原文", a user
takes a district's 申报条件 for a research report's finding."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import PurePath

from assistant.fine_print import KINDS, under_heading
from assistant.result import Citation
from corpus.chunk import Chunk

_OURS_ZH = re.compile(r"报告原文")
_OURS_EN = re.compile(r"\bthe reports\b")


def notice_documents(chunks: Iterable[Chunk]) -> frozenset[str]:
    """The documents that state a scheme's fine print under its own heading ("一、申报条件", "二、补助标准"): notices,
    where the shipped reports are analyses and hold no such section."""
    return frozenset(c.doc_id for c in chunks if any(under_heading(kind, c.section) for kind in KINDS))


def with_sources(intro: str, citations: Sequence[Citation], added: Collection[str], uploaded: Collection[str],
                 en: bool) -> str:
    """The intro line naming the documents added (`added`: notices by their sections; `uploaded`: files uploaded)
    that it quotes, by title and file name, in place of "the reports" or beside them."""
    notices = list(dict.fromkeys((c.doc_id, c.title) for c in citations if c.doc_id in added or c.doc_id in uploaded))
    if not notices:
        return intro
    reports = any(c.doc_id not in added and c.doc_id not in uploaded for c in citations)
    upload = all(doc in uploaded for doc, _ in notices)
    if en:
        named = ", ".join(f"“{title}” ({doc})" if _file_differs(doc, title) else f"“{title}”" for doc, title in notices)
        said = f"{'the document you uploaded' if upload else 'the notice'}{'s' if len(notices) > 1 else ''} {named}"
        return _OURS_EN.sub(f"the reports and {said}" if reports else said, intro, count=1)
    named = "、".join(f"《{title}》（{doc}）" if _file_differs(doc, title) else f"《{title}》" for doc, title in notices)
    said = f"{'您上传的文件' if upload else '政策文件'}{named}"
    return _OURS_ZH.sub(f"报告及{said}原文" if reports else f"{said}原文", intro, count=1)


def _file_differs(doc: str, title: str) -> bool:
    """The file name says something the title does not ("suzhou.pdf" beside 《苏州市…通知》)."""
    return PurePath(doc).stem != title
