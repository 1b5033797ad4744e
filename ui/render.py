"""Answer Markdown and document text → safe HTML: everything is escaped, only our own tags are emitted.

No URL from an answer, a document or a user ever becomes a link or an image: the only anchors are our own
citation markers (`href="#src-…"`), so nothing can execute and nothing is fetched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.result import AdvisorResult, Citation

_CITE = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
# A line that is bold as a whole is the title of one part of an answer to several questions ("**2. 浙江有什么补贴？**"):
# shown above its own sections' headings, not as a bold line a font without a bold face shows as plain text
_PART = re.compile(r"^\s*\*\*([^*]+)\*\*\s*$")
_BULLET = re.compile(r"^\s*[-*•·]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.、)）]\s*(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_KEY = re.compile(r"[^0-9a-z-]")
# Characters the HTML component's template layer or a Markdown pass could read as syntax.
_EXTRA = str.maketrans({"$": "&#36;", "{": "&#123;", "}": "&#125;", "`": "&#96;", "\\": "&#92;"})


def esc(text: object) -> str:
    """Escape any text for HTML, including quotes and template/markdown syntax characters."""
    return html.escape(str(text), quote=True).translate(_EXTRA)


def safe_key(value: object) -> str:
    """An identifier fragment made only of [0-9a-z-], safe inside id/data attributes."""
    return _KEY.sub("-", str(value).lower())[:40] or "x"


def inline(text: str, key: str | None = None, known: Iterable[int] = ()) -> str:
    """Escape one line and turn **bold** and known [n] markers into our own markup."""
    out = _BOLD.sub(r"<strong>\1</strong>", esc(text))
    numbers = set(known)
    if key is None or not numbers:
        return out

    def cite(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n not in numbers:
            return m.group(0)
        target = f"{key}-{n}"
        return f'<a class="cite" href="#src-{target}" data-src="{target}" title="查看来源 {n}">[{n}]</a>'

    return _CITE.sub(cite, out)


def markdown_html(md: str, key: str | None = None, known: Iterable[int] = ()) -> str:
    """Render the small Markdown subset answers use (headings, lists, quotes, paragraphs) as escaped HTML."""
    numbers = list(known)
    blocks: list[str] = []
    para: list[str] = []
    items: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal kind
        if para:
            blocks.append("<p>" + "<br>".join(para) + "</p>")
            para.clear()
        if items:
            blocks.append(f"<{kind}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{kind}>")
            items.clear()
        kind = ""

    for line in (md or "").splitlines():
        if not line.strip():
            flush()
            continue
        heading, bullet = _HEADING.match(line), _BULLET.match(line)
        numbered, quote, part = _NUMBERED.match(line), _QUOTE.match(line), _PART.match(line)
        if part:
            flush()
            blocks.append(f"<h3 class='part'>{inline(part.group(1), key, numbers)}</h3>")
        elif heading:
            flush()
            blocks.append(f"<h4>{inline(heading.group(1), key, numbers)}</h4>")
        elif bullet or numbered:
            wanted = "ul" if bullet else "ol"
            if para or (kind and kind != wanted):
                flush()
            kind = wanted
            items.append(inline(bullet.group(1) if bullet else numbered.group(2), key, numbers))  # type: ignore[union-attr]
        elif quote:
            flush()
            blocks.append(f"<blockquote>{inline(quote.group(1), key, numbers)}</blockquote>")
        else:
            if items:
                flush()
            para.append(inline(line.strip(), key, numbers))
    flush()
    return "\n".join(blocks)


def _quote_spans(passage: str, quote: str) -> list[tuple[int, int]]:
    """Where the quoted sentence(s) sit in the passage; each sentence is looked up on its own."""
    pieces = [quote.strip()] if quote.strip() in passage else [p.strip() for p in _SENTENCE_END.split(quote)]
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        if len(piece) < 4:
            continue
        at = passage.find(piece)
        if at >= 0:
            spans.append((at, at + len(piece)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(passage: str, quote: str) -> str:
    """The passage, escaped, with the quoted sentence(s) wrapped in <mark>; the quote alone if not found."""
    spans = _quote_spans(passage, quote) if passage else []
    if not spans:
        shown = f"<mark>{esc(quote)}</mark>" if quote else ""
        return shown + (f"<div class='src-context'>{esc(passage)}</div>" if passage else "")
    out, pos = [], 0
    for start, end in spans:
        out.append(esc(passage[pos:start]) + f"<mark>{esc(passage[start:end])}</mark>")
        pos = end
    return "".join(out) + esc(passage[pos:])


def location(title: str, section: str, page: int | None) -> str:
    """《title》 · section · 第 n 页, escaped."""
    parts = [f"《{esc(title)}》"] + ([esc(section)] if section else []) + ([f"第 {page} 页"] if page else [])
    return " · ".join(parts)


def source_card(c: Citation) -> str:
    """The full source for one citation: title, section path, page and the passage with the quote marked."""
    page = f"<div class='src-meta'>页码：第 {c.page} 页</div>" if c.page else ""
    return (f"<div class='src-title'>[{c.n}] 《{esc(c.title)}》</div>"
            f"<div class='src-meta'>章节：{esc(c.section or '（无章节）')}</div>{page}"
            f"<div class='src-passage'>{highlight(c.passage, c.quote)}</div>")


def references_html(citations: Sequence[Citation], key: str) -> str:
    """A compact reference list under an answer; each entry carries its (hidden) source card."""
    if not citations:
        return ""
    rows = []
    for c in citations:
        target = f"{key}-{c.n}"
        rows.append(f"<li><a class='cite' href='#src-{target}' data-src='{target}'>[{c.n}]</a> "
                    f"{location(c.title, c.section, c.page)}"
                    f"<div class='src-card' id='src-{target}' hidden>{source_card(c)}</div></li>")
    return "<div class='refs'><div class='refs-title'>参考来源（点击编号查看原文）</div><ol>" + "".join(rows) + "</ol></div>"


def badges(result: AdvisorResult) -> str:
    """Visible marks for refused, low-confidence and clarifying answers."""
    marks = []
    if result.refused and result.intent == "out_of_scope":  # not a gap in the reports: outside the service
        marks.append("<span class='badge refused'>超出服务范围，未作回答</span>")
    elif result.refused:
        marks.append("<span class='badge refused'>资料中未找到依据，未作回答</span>")
    elif result.low_confidence:
        marks.append("<span class='badge lowconf'>依据不足，仅供参考，请核实原文</span>")
    if result.mode == "clarify":
        marks.append("<span class='badge clarify'>需要先了解一点情况</span>")
    return "<div class='badges'>" + "".join(marks) + "</div>" if marks else ""


def notices_html(notices: Sequence[str]) -> str:
    if not notices:
        return ""
    # an English notice (an English question's) is not prefixed in Chinese
    return "<ul class='notices'>" + "".join(f"<li>{'Note: ' if n.isascii() else '提示：'}{esc(n)}</li>"
                                            for n in notices) + "</ul>"


def answer_html(result: AdvisorResult, key: str) -> str:
    """One finished answer: marks, the answer with clickable [n], notices and the reference list."""
    key = safe_key(key)
    known = [c.n for c in result.citations]
    classes = "bot" + (" refused" if result.refused else "") + (" lowconf" if result.low_confidence else "")
    return (f"<div class='msg {classes}'>{badges(result)}<div class='answer'>"
            f"{markdown_html(result.answer, key, known)}</div>{notices_html(result.notices)}"
            f"{references_html(result.citations, key)}</div>")


@dataclass
class Turn:
    """One exchange as the transcript shows it; `result` is None while the answer is still streaming."""

    user: str
    result: AdvisorResult | None = None
    partial: str = ""
    status: str = ""
    error: str = ""


def user_html(text: str) -> str:
    return f"<div class='msg user'><div class='bubble'>{esc(text)}</div></div>"


def turn_html(turn: Turn, index: int) -> str:
    body = user_html(turn.user)
    if turn.result is not None:
        return body + answer_html(turn.result, f"t{index}")
    if turn.error:
        return body + f"<div class='msg bot error'><div class='badge refused'>{esc(turn.error)}</div></div>"
    status = f"<div class='status'>{esc(turn.status)}</div>" if turn.status else ""
    partial = markdown_html(turn.partial) if turn.partial else ""
    return body + f"<div class='msg bot pending'>{status}<div class='answer'>{partial}</div></div>"


def transcript_html(turns: Sequence[Turn], empty_hint: str) -> str:
    """The whole conversation; a friendly hint when it is empty."""
    if not turns:
        return f"<div class='transcript empty'><div class='hint'>{esc(empty_hint)}</div></div>"
    return "<div class='transcript'>" + "".join(turn_html(t, i) for i, t in enumerate(turns)) + "</div>"


def passages_html(passages: Sequence[object]) -> str:
    """Search-only results: each passage with its location and score, escaped."""
    if not passages:
        return "<div class='empty'>没有找到相关段落。</div>"
    rows = []
    # listed in the retriever's order; its fused scores are not in that order once the re-ranker has spoken, and a
    # file id means nothing to staff, so neither is shown
    for i, p in enumerate(passages, 1):
        loc = location(getattr(p, "title", ""), getattr(p, "section", ""), getattr(p, "page", None))
        rows.append(f"<li class='passage'><div class='src-title'>{i}. {loc}</div>"
                    f"<div class='src-passage'>{esc(getattr(p, 'text', ''))}</div></li>")
    return "<ol class='passages'>" + "".join(rows) + "</ol>"


def evidence_html(citations: Sequence[Citation]) -> str:
    """The helpdesk evidence list: every citation with its location and highlighted passage, shown open."""
    if not citations:
        return "<div class='empty'>没有引用依据。</div>"
    return "<div class='evidence'>" + "".join(f"<div class='ev'>{source_card(c)}</div>" for c in citations) + "</div>"
