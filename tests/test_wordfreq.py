"""jieba's dictionary loaded by first character (a faster cold start) cuts every text exactly as the whole one does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED_CORPUS

QUESTIONS = ["我们是做注塑的小厂，60个人，想上MES，有啥补贴", "阀门厂图纸乱，同一个零件好几个编码",
             "What is the cloud adoption rate of Chinese SMEs?", "宁德时代是怎么带供应商做数字化的",
             "上云律大概多少", "一年投一两百万、三四百万做数字化的企业各占多大比例"]

_CUT = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from assistant.lexical import add_terms, load_dictionary_by_character, tokenize
from assistant.lexicon import domain_terms
import jieba
if sys.argv[1] != "whole":
    load_dictionary_by_character(Path(sys.argv[1]))
add_terms(domain_terms())
texts = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
if sys.argv[3] == "threads":  # as the web UI serves several people at once: all start cutting together
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, inside any loading that is under way
    with ThreadPoolExecutor(8) as pool:
        cuts = list(pool.map(tokenize, texts))
else:
    cuts = [tokenize(t) for t in texts]
print(json.dumps({"cuts": cuts, "loaded": len(jieba.dt.FREQ), "total": jieba.dt.total}))
"""


def _cut(texts_file: Path, cache: Path | None, threads: bool = False) -> dict:
    out = subprocess.run([sys.executable, "-c", _CUT, str(cache) if cache else "whole", str(texts_file),
                          "threads" if threads else "one"],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout)


def _texts(tmp_path: Path) -> Path:
    paragraphs = [p for doc in sorted(SHARED_CORPUS.glob("*.txt"))[:2]
                  for p in doc.read_text(encoding="utf-8").split("\n\n")[:150] if p.strip()] if SHARED_CORPUS.is_dir() else []
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(QUESTIONS + paragraphs, ensure_ascii=False), encoding="utf-8")
    return path


def test_loading_the_dictionary_by_character_cuts_reports_and_questions_exactly_as_the_whole_one(
        tmp_path: Path) -> None:
    texts, cache = _texts(tmp_path), tmp_path / "cache"
    whole = _cut(texts, None)
    first = _cut(texts, cache)  # writes the shards, cutting with the whole dictionary it had to load
    assert list(cache.glob("jieba-shards-*.marshal")), "the first start keeps the shards for the next"
    sharded = _cut(texts, cache)
    assert sharded["cuts"] == whole["cuts"] == first["cuts"]
    assert sharded["total"] == whole["total"]
    assert sharded["loaded"] < whole["loaded"], "only the characters of the texts cut were loaded"


def test_threads_cutting_at_once_while_the_dictionary_loads_get_the_same_cuts(tmp_path: Path) -> None:
    # Short pieces of one long text: each needs only characters the thread cutting the long text is loading, the
    # case where a thread could go ahead before those characters' entries are all in.
    long_text = "".join(json.loads(_texts(tmp_path).read_text(encoding="utf-8")))[:3000]
    pieces = [long_text] + [long_text[i:i + 12] for i in range(0, len(long_text) - 12, 3)]
    texts = tmp_path / "pieces.json"
    texts.write_text(json.dumps(pieces, ensure_ascii=False), encoding="utf-8")
    cache = tmp_path / "cache"
    whole = _cut(texts, None)
    _cut(texts, cache)
    for _ in range(3):
        assert _cut(texts, cache, threads=True)["cuts"] == whole["cuts"]


def test_a_short_question_loads_a_small_part_of_the_dictionary(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one = tmp_path / "one.json"
    one.write_text(json.dumps(QUESTIONS[:1], ensure_ascii=False), encoding="utf-8")
    _cut(one, cache)
    assert _cut(one, cache)["loaded"] < _cut(one, None)["loaded"] / 4


def test_a_damaged_shard_file_falls_back_to_the_whole_dictionary_and_is_rewritten(tmp_path: Path) -> None:
    texts, cache = _texts(tmp_path), tmp_path / "cache"
    whole = _cut(texts, None)
    _cut(texts, cache)
    shard_path = next(cache.glob("jieba-shards-*.marshal"))
    shard_path.write_bytes(b"not a marshal file")
    assert _cut(texts, cache)["cuts"] == whole["cuts"]
    assert _cut(texts, cache)["cuts"] == whole["cuts"] and shard_path.stat().st_size > 1000
