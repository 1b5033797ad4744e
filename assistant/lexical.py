"""BM25 over jieba tokens (bm25s), with the corpus's domain terms in jieba's dictionary."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.wordfreq import ShardedDictionary, read_shards, shard_file, write_shards

_TOKEN_OK = re.compile(r"[\w\u3400-\u9fff]")
_STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 以 等 也 就 都 而 并 其 之 这 那 有 个 我 我们 你 您 他 她 它 吗 呢 吧 啊 呀 "
    "什么 怎么 怎样 如何 哪些 哪个 一下 一些 可以 能 能否 请问 想 要 会 该 被 把 从 到 上 中 下 来 去 还 又 "
    "a an the of to in on for and or is are be how what which do does we our i my".split()
) | frozenset(
    # Conversational filler: how people ask, not what they ask about (it must not count as uncovered content).
    "意思 到底 究竟 指的 指的是 啥 咋 咋样 怎么样 怎么办 一般 大概 大约 差不多 现在 目前 请问 想问 问问 问一下 "
    "听说 听人说 老听人说 据说 是不是 能不能 有没有 要不要 该不该 多少 几个 哪里 哪儿 为啥 为什么 吗 呗 嘛 哈 "
    "具体 具体说说 说说 讲讲 介绍 介绍一下 了解 了解一下 知道 告诉 帮忙 帮我 给我 麻烦 谢谢 老板 "
    "啥意思 什么意思 是啥 是什么 咋回事 咋整 咋办 咋弄 咋搞 怎么弄 怎么搞 怎么整 干嘛 干啥 干麻 有啥 没啥 "
    "行不行 好不好 靠不靠谱 对不对 是否 哪些 哪个 哪种 哪几个 哪几类 怎么回事 怎么说 咋说 啥样 咋样的 "
    "老是 老出 总是 总出 经常 常常 天天 动不动 时不时 一直 老出问题 总出问题 "
    "一步 下一步 该做 做什么 搞什么 上什么 干什么 "
    "please tell me about explain mean means meaning exactly".split()
)
_EMPTY = "∅"  # bm25s needs a token in every entry; a text with none gets this one
_lock = threading.Lock()
_added_terms: set[str] = set()
_by_character: ShardedDictionary | None = None

log = logging.getLogger(__name__)


def _jieba():  # noqa: ANN202 - jieba has no types
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def load_dictionary_by_character(cache_folder: Path) -> None:
    """Load jieba's dictionary as texts need it (a cold start skips ~1 s), from shards kept in `cache_folder`.

    The shards are written on first use, from the whole dictionary that run loads. A process that has already
    loaded the dictionary keeps it. Cuts are the same either way.
    """
    global _by_character
    jieba = _jieba()
    with _lock:
        if _by_character is not None or jieba.dt.initialized:
            return
        path = shard_file(cache_folder)
        found = read_shards(path)
        if found is not None:
            _by_character = ShardedDictionary(jieba.dt, *found)
            return
        jieba.dt.initialize()  # before any add_word: the shards must hold jieba's own frequencies
        try:
            write_shards(path, jieba.dt.FREQ, jieba.dt.total)
        except OSError as error:
            log.warning("could not write jieba shards to %s (%s); each start loads the whole dictionary", path, error)


def add_terms(terms: Iterable[str]) -> str:
    """Teach jieba the domain terms (once per process) and return a fingerprint of the term set."""
    jieba = _jieba()
    with _lock:
        for term in terms:
            term = term.strip()
            if len(term) >= 2 and term not in _added_terms:
                if _by_character is not None:
                    _by_character.protect([term])
                jieba.add_word(term, freq=20000)
                _added_terms.add(term)
                _tokens.cache_clear()  # tokens depend on the dictionary
        return hashlib.sha1("\n".join(sorted(_added_terms)).encode()).hexdigest()[:12]


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens, lower-cased, without punctuation or stop words."""
    return list(_tokens(text))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    # The answer layer tokenises the same passages and sentences on every request: jieba was ~40% of an ask.
    lowered = text.lower()
    if _by_character is not None:
        _by_character.ensure(lowered)
    words = _jieba().lcut_for_search(lowered)
    return tuple(w for w in (w.strip() for w in words) if w and _TOKEN_OK.search(w) and w not in _STOPWORDS)


class BM25Index:
    """BM25 scores for every chunk, aligned with `chunk_ids`."""

    def __init__(self, chunk_ids: Sequence[str], model) -> None:  # noqa: ANN001 - bm25s.BM25
        self.chunk_ids = list(chunk_ids)
        self._model = model
        self._vocab = set(model.vocab_dict) if model is not None else set()

    @property
    def vocabulary(self) -> set[str]:
        return self._vocab

    def doc_freq(self, token: str) -> int:
        """How many entries hold the word (0 for a word the index never saw)."""
        token_id = self._model.vocab_dict.get(token) if self._model is not None else None
        indptr = self._model.scores["indptr"] if self._model is not None else ()
        if token_id is None or token_id + 1 >= len(indptr):
            return 0
        return int(indptr[token_id + 1] - indptr[token_id])

    def doc_freqs(self) -> dict[str, int]:
        """Every indexed word and how many entries hold it."""
        if self._model is None:
            return {}
        counts = np.diff(self._model.scores["indptr"])
        # bm25s also lists "" in its vocabulary, without a column of its own.
        return {w: int(counts[i]) for w, i in self._model.vocab_dict.items() if w != _EMPTY and i < len(counts)}

    def doc_tokens(self) -> list[frozenset[str]]:
        """The distinct words of every entry, read back from the index (re-tokenising is slow at scale)."""
        if self._model is None:
            return [frozenset() for _ in self.chunk_ids]
        words = {i: w for w, i in self._model.vocab_dict.items()}
        indptr, indices = self._model.scores["indptr"], self._model.scores["indices"]
        found: list[set[str]] = [set() for _ in self.chunk_ids]
        for token_id in range(len(indptr) - 1):
            word = words[token_id]
            for doc in indices[indptr[token_id]:indptr[token_id + 1]]:
                found[doc].add(word)
        return [frozenset(w - {_EMPTY}) for w in found]

    @classmethod
    def build(cls, chunk_ids: Sequence[str], texts: Sequence[str]) -> BM25Index:
        import bm25s

        model = bm25s.BM25()
        tokens = [tokenize(t) or [_EMPTY] for t in texts]
        if tokens:
            model.index(tokens, show_progress=False)
        return cls(chunk_ids, model if tokens else None)

    def scores(self, query: Sequence[str] | Mapping[str, float]) -> np.ndarray:
        """BM25 of every entry; a mapping weighs each word (a word listed twice in a sequence counts twice)."""
        weights = dict(query) if isinstance(query, Mapping) else dict(Counter(query))
        known = {t: w for t, w in weights.items() if t in self._vocab and w > 0}
        total = np.zeros(len(self.chunk_ids), dtype=np.float32)
        if self._model is None or not known:
            return total
        for token, weight in known.items():
            total += weight * np.asarray(self._model.get_scores([token]), dtype=np.float32)
        return total

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        if self._model is not None:
            self._model.save(str(folder / "bm25"))

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        import bm25s

        chunk_ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
        model = bm25s.BM25.load(str(folder / "bm25")) if (folder / "bm25").exists() else None
        return cls(chunk_ids, model)
