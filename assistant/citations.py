"""Numbering the passages an answer quotes: one [n] per quoted sentence, with its provenance."""

from __future__ import annotations

from assistant.passages import Passage
from assistant.result import Citation
from assistant.sentences import Sentence


class CitationBook:
    """Hands out [n] numbers in order of first use; the same sentence cited twice keeps its number."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._by_key: dict[tuple[str, int], int] = {}

    def cite(self, passage: Passage, sentence: Sentence) -> int:
        key = (passage.chunk_id, sentence.start)
        if key not in self._by_key:
            n = len(self.citations) + 1
            self._by_key[key] = n
            self.citations.append(Citation(
                n=n, doc_id=passage.doc_id, title=passage.title, section=passage.section, page=passage.page,
                quote=sentence.text, chunk_id=passage.chunk_id, passage=passage.text,
            ))
        return self._by_key[key]

    def cite_passage(self, passage: Passage) -> int:
        """Cite a whole passage (LLM mode: the model quotes from it freely; the guard checks the claims)."""
        key = (passage.chunk_id, -1)
        if key not in self._by_key:
            n = len(self.citations) + 1
            self._by_key[key] = n
            self.citations.append(Citation(
                n=n, doc_id=passage.doc_id, title=passage.title, section=passage.section, page=passage.page,
                quote="", chunk_id=passage.chunk_id, passage=passage.text,
            ))
        return self._by_key[key]


def reference_lines(citations: list[Citation], language: str = "zh") -> list[str]:
    """One line per source, as plain text: "[n] 《title》 section，第 p 页：“the quote's opening…”" ("…, p. 5" for an
    English answer) — the opening of the quote tells apart sources from the same section."""
    return [f"[{c.n}] 《{c.title}》{where(c.section, c.page, language)}{_opening(c.quote)}" for c in citations]


def where(section: str, page: int | None, language: str = "zh") -> str:
    """" 章节，第 p 页" after a title (", section, p. 5" in English); an uploaded PDF has pages but no sections
    (never "《…》 ，第 1 页")."""
    english = language == "en"
    page_text = (f"p. {page}" if english else f"第 {page} 页") if page else ""
    parts = [p for p in (section.strip(), page_text) if p]
    if not parts:
        return ""
    return f", {', '.join(parts)}" if english else f" {'，'.join(parts)}"


def _opening(quote: str, chars: int = 24) -> str:
    first = quote.strip().splitlines()[0] if quote.strip() else ""
    if not first:
        return ""
    return f"：“{first[:chars]}…”" if len(first) > chars else f"：“{first}”"
