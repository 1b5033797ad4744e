"""The three external services, each behind a tiny interface with a real default and a real alternative."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns text into unit vectors; queries and passages may be embedded differently (e5 roles)."""

    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    score: float  # cosine similarity, higher is closer


@dataclass(frozen=True)
class VectorRecord:
    chunk_id: str
    text: str
    vector: np.ndarray
    metadata: dict[str, str | int | float] = field(default_factory=dict)


@runtime_checkable
class VectorIndex(Protocol):
    """A store of chunk vectors searchable by cosine similarity."""

    def upsert(self, records: Sequence[VectorRecord]) -> None: ...

    def delete(self, chunk_ids: Sequence[str]) -> None: ...

    def search(self, vector: np.ndarray, k: int) -> list[VectorHit]: ...

    def count(self) -> int: ...


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


@runtime_checkable
class ChatModel(Protocol):
    """An LLM reachable over the OpenAI chat-completions protocol."""

    name: str

    def complete(self, messages: Sequence[ChatMessage]) -> str: ...

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]: ...
