"""What the SME profile tells retrieval: its industry's own corpus sections and the report words for its size/stage."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.industries import industry_by_name
from assistant.lexicon_data import SIZE_TERMS
from assistant.sizing import classify_size
from assistant.stage import stage_by_name
from corpus.chunk import Chunk


@dataclass(frozen=True)
class ProfileHints:
    """Sections to boost for the SME's industry, and extra keyword terms for its size and stage."""

    sections: tuple[tuple[str, str], ...] = ()  # (doc_id, heading text contained in the section path)
    label: str = ""
    terms: tuple[str, ...] = ()  # added to the keyword query once, below the user's own words

    def matches(self, chunk: Chunk) -> bool:
        return any(doc == chunk.doc_id and heading in chunk.section for doc, heading in self.sections)


def profile_hints(industry: str | None = None, employees: int | None = None, revenue_wan: float | None = None,
                  stage: str | None = None, region: str | None = None, size: str | None = None) -> ProfileHints | None:
    """Build hints from whatever profile facts are known (None when nothing useful is known). The firm's region is
    one more keyword: a chemical firm in 上虞 asking what parks do should meet the 上虞 chemical park first."""
    found = industry_by_name(industry) if industry else None
    # `size` is a class asked about ("那小微企业呢"), which wins over the one the firm's figures give
    size = size or (found_size.size if (found_size := classify_size(employees, revenue_wan)) else None)
    terms: list[str] = list(SIZE_TERMS.get(size, ())) if size else []
    known_stage = stage_by_name(stage) if stage else None
    if known_stage is not None:
        terms += [known_stage.name, known_stage.need]
    if region:
        terms.append(region)
    sections = tuple(found.sections) if found else ()
    if not sections and not terms:
        return None
    return ProfileHints(sections, found.name if found else "", tuple(dict.fromkeys(terms)))
