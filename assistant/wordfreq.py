"""jieba's dictionary loaded one first character at a time, as the texts being cut need it.

Loading jieba's whole dictionary (~500,000 words and prefixes) takes 1–1.5 s on the 2-core machine: a third of a
cold start. jieba only ever looks up fragments of the text it is cutting, so every key it reads starts with a
character of that text; loading the entries of those characters first gives exactly the cuts of the full dictionary.
A first search reads about a third of the entries.
"""

from __future__ import annotations

import logging
import marshal
import os
import threading
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1


class ShardedDictionary:
    """Feeds a jieba Tokenizer's frequency table from a file of per-first-character shards."""

    def __init__(self, tokenizer, shards: dict[str, bytes], total: int) -> None:  # noqa: ANN001 - jieba has no types
        self._tokenizer = tokenizer
        self._shards = shards
        self._lock = threading.Lock()
        self._protected: set[str] = set()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, total, True

    def protect(self, words: Iterable[str]) -> None:
        """Words given their own frequency (jieba's add_word): a shard loaded later must not overwrite them."""
        with self._lock:
            self._protected.update(words)

    def ensure(self, text: str) -> None:
        """Load the entries of every character of `text` not loaded yet (before jieba cuts it)."""
        missing = [c for c in set(text) if c in self._shards]
        if not missing:
            return
        with self._lock:
            freq, protected = self._tokenizer.FREQ, self._protected
            for char in missing:
                blob = self._shards.get(char)
                if blob is None:  # another thread loaded it while this one waited
                    continue
                for word, count in marshal.loads(blob).items():
                    if word not in protected:
                        freq[word] = count
                # Only now: a thread that finds the character gone may cut at once, so its entries must all be in.
                del self._shards[char]


def shard_file(folder: Path) -> Path:
    """Where the shards of the installed jieba dictionary live (a new jieba version gets a new file)."""
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt") if jieba.dt.dictionary is None else Path(jieba.dt.dictionary)
    stat = source.stat()
    return folder / f"jieba-shards-v{FORMAT}-{jieba.__version__}-{stat.st_size}-{int(stat.st_mtime)}.marshal"


def write_shards(path: Path, freq: dict[str, int], total: int) -> None:
    """Split a pristine frequency table (before any add_word) by first character and write it atomically."""
    grouped: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        grouped.setdefault(word[0], {})[word] = count
    shards = {char: marshal.dumps(entries) for char, entries in grouped.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        marshal.dump((FORMAT, total, shards), handle)
    os.replace(partial, path)


def read_shards(path: Path) -> tuple[dict[str, bytes], int] | None:
    """The shards and the dictionary's total frequency, or None when the file is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            version, total, shards = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError) as error:
        if path.exists():
            log.warning("ignoring unreadable jieba shard file %s (%s); loading the whole dictionary", path, error)
        return None
    return (shards, total) if version == FORMAT else None
