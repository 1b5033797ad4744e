"""Structure-aware chunking: sections from the heading hierarchy, chunks split at sentence ends."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.clean import Paragraph
from corpus.headings import detect_heading

TARGET_MIN = 300
TARGET_MAX = 600
OVERLAP_MAX = 90  # at most one short sentence is repeated at the start of the next chunk
_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;]+$")
_CLAUSE = re.compile(r"[^，,、]*[，,、]|[^，,、]+$")


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    title: str
    section: str  # heading path, e.g. "四、… > （三）… > 5. 汽车零部件…"
    text: str  # exactly cleaned_text[start:end]
    start: int
    end: int
    page: int | None
    para: int  # index of the first paragraph, the locator for unpaged sources
    content_hash: str

    def index_text(self) -> str:
        """Text given to the embedder and BM25: the section's own headings add the context a chunk lacks."""
        tail = " > ".join(self.section.split(" > ")[-2:])
        return f"{tail}\n{self.text}" if tail else self.text

    def metadata(self) -> dict[str, str | int]:
        return {
            "doc_id": self.doc_id, "title": self.title, "section": self.section, "start": self.start,
            "end": self.end, "page": self.page if self.page is not None else -1, "para": self.para,
            "content_hash": self.content_hash,
        }


@dataclass(frozen=True)
class CleanDocument:
    doc_id: str
    title: str
    text: str  # paragraphs joined by blank lines; chunk offsets point into it
    paragraphs: tuple[Paragraph, ...]
    offsets: tuple[int, ...]  # start offset of each paragraph in `text`


def assemble(doc_id: str, title: str, paragraphs: Sequence[Paragraph]) -> CleanDocument:
    """Join clean paragraphs into the document text and remember where each starts."""
    offsets, cursor = [], 0
    for p in paragraphs:
        offsets.append(cursor)
        cursor += len(p.text) + 2
    text = "\n\n".join(p.text for p in paragraphs)
    return CleanDocument(doc_id, title, text, tuple(paragraphs), tuple(offsets))


@dataclass
class _Span:
    start: int
    end: int
    para: int
    page: int | None


def chunk_document(doc: CleanDocument) -> list[Chunk]:
    """Split a clean document into section-bounded chunks of ~300–600 characters."""
    chunks: list[Chunk] = []
    for section, spans in _sections(doc):
        for piece in _pack(_sentences(doc, spans)):
            chunks.append(_make_chunk(doc, section, piece))
    return chunks


def _sections(doc: CleanDocument) -> list[tuple[str, list[_Span]]]:
    stack: list[tuple[int, str]] = []
    sections: list[tuple[str, list[_Span]]] = [("", [])]
    for i, para in enumerate(doc.paragraphs):
        heading = detect_heading(para.text)
        if heading is not None:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            stack.append((heading.level, heading.title))
            sections.append((" > ".join(title for _, title in stack), []))
            if not heading.rest and not para.text.rstrip().endswith(("。", "！", "？", "；", ".", "!", "?", ";")):
                # a bare heading is context (kept in the path), not body text; a numbered clause that is a whole
                # sentence ("一、对…改造的，按投入的30%给予补贴。") is both, as in rules and notices
                continue
        start = doc.offsets[i]
        sections[-1][1].append(_Span(start, start + len(para.text), i, para.page))
    return _merge_tiny(sections)


def _merge_tiny(sections: list[tuple[str, list[_Span]]]) -> list[tuple[str, list[_Span]]]:
    """Fold a section's one-sentence lead-in into its first subsection instead of leaving a crumb chunk."""
    merged: list[tuple[str, list[_Span]]] = []
    carry: list[_Span] = []
    carry_path = ""
    for path, spans in sections:
        if carry and not path.startswith(carry_path + " > "):
            merged.append((carry_path, carry))  # a short section next to a sibling stays its own citation
            carry = []
        spans = carry + spans
        if sum(s.end - s.start for s in spans) < 60:
            carry, carry_path = spans, path
            continue
        carry = []
        merged.append((path, spans))
    if carry:
        merged.append((carry_path, carry))
    return merged


def _sentences(doc: CleanDocument, spans: Sequence[_Span]) -> list[_Span]:
    """Sentence spans (long sentences cut at clauses) so chunks never end mid-sentence if avoidable."""
    out: list[_Span] = []
    for span in spans:
        text = doc.text[span.start:span.end]
        for match in _SENTENCE.finditer(text):
            if not match.group().strip():
                continue
            start = span.start + match.start()
            if match.end() - match.start() <= TARGET_MAX:
                out.append(_Span(start, span.start + match.end(), span.para, span.page))
            else:
                out.extend(_clauses(text, match, span))
    return out


def _clauses(text: str, match: re.Match[str], span: _Span) -> list[_Span]:
    pieces: list[_Span] = []
    for clause in _CLAUSE.finditer(match.group()):
        start = span.start + match.start() + clause.start()
        end = span.start + match.start() + clause.end()
        if pieces and end - pieces[-1].start <= TARGET_MAX:
            pieces[-1].end = end
        else:
            pieces.append(_Span(start, end, span.para, span.page))
    return pieces


def _pack(sentences: Sequence[_Span]) -> list[list[_Span]]:
    """Greedy packing to TARGET_MAX with a one-sentence overlap; a short tail joins the chunk before it."""
    groups: list[list[_Span]] = []
    current: list[_Span] = []
    for sentence in sentences:
        if current and sentence.end - current[0].start > TARGET_MAX and current[-1].end - current[0].start >= 120:
            groups.append(current)
            last = current[-1]
            overlap = last.end - last.start <= OVERLAP_MAX and last.para == sentence.para
            current = [last] if overlap else []
        current.append(sentence)
    if current:
        size = current[-1].end - current[0].start
        if groups and size < TARGET_MIN // 2 and current[-1].end - groups[-1][0].start <= TARGET_MAX + 150:
            groups[-1].extend(s for s in current if s.start >= groups[-1][-1].end)
        else:
            groups.append(current)
    return groups


def _make_chunk(doc: CleanDocument, section: str, piece: Sequence[_Span]) -> Chunk:
    start, end = piece[0].start, piece[-1].end
    text = doc.text[start:end]
    digest = hashlib.sha1(f"{doc.doc_id}\x00{section}\x00{text}".encode()).hexdigest()
    return Chunk(
        chunk_id=f"{doc.doc_id}:{start}:{digest[:10]}", doc_id=doc.doc_id, title=doc.title, section=section,
        text=text, start=start, end=end, page=piece[0].page, para=piece[0].para, content_hash=digest,
    )
