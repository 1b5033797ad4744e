"""Which subjects the corpus names at all: 印度 or 光伏 never named means a question on them is not covered."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from assistant.constraints import subject_named
from corpus.chunk import Chunk


class CorpusNames:
    def __init__(self, chunks: Mapping[str, Chunk]) -> None:
        self._chunks = chunks
        self._named: dict[str, bool] = {}

    def never_named(self, subject: str) -> bool:
        """No passage or title of the corpus names this place, firm, country or trade (checked once per subject)."""
        if subject not in self._named:
            self._named[subject] = subject_named(subject, self._text)
        return not self._named[subject]

    def text_of(self, chunk_id: str) -> str:
        """One passage with its report title, as the subject checks read it."""
        chunk = self._chunks[chunk_id]
        return f"{chunk.title}\n{chunk.text}"

    @cached_property
    def _text(self) -> str:
        return "\n".join(map(self.text_of, self._chunks))
