"""A count question ("有几个特征", "how many stages") answered by the sentence counting that very thing, found among
the sentences retrieved or, when none of them counts it, in the reports' other passages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.lexical import tokenize
from assistant.passages import Passage
from assistant.sentences import ScoredSentence, chart_debris, split_passage
from assistant.value_asks import counted_noun, counting, gives_count_asked
from corpus.chunk import Chunk

# words nearly every sentence of these reports shares: two of them, or one other word, tie a sentence to the ask
_GENERIC = frozenset("数字化 数字 转型 中小企业 中小 小企业 企业 主要 典型 我国 中国 领域 发展".split())
# what a count question naming nothing else ("有几个阶段", "how many stages are there") is about: the reports' subject
_SUBJECT = frozenset({"数字化", "转型"})


# what a bare count question holds besides the thing counted: "有几条路径", "一共分几个阶段啊"
_COUNT_FILLER = re.compile(r"[有几个条种类大项步分为成一共总共都是呢吗啊呀么？?，,。！!\s]")


def with_subject(question: str) -> str | None:
    """A count question naming nothing but what it counts ("有几条路径"), asked of the reports' subject
    ("数字化转型有几条路径"); None for any other question."""
    noun = counted_noun(question)
    if noun is None or noun.isascii() or _COUNT_FILLER.sub("", question.replace(noun, "")):
        return None
    return f"数字化转型{question.strip()}"


def count_first(question: str, scored: list[ScoredSentence], passages: dict[str, Passage],
                chunks: Iterable[Chunk], terms: Sequence[str] = ()) -> list[ScoredSentence]:
    """The sentence counting what the question counts first: a retrieved one, else one from another passage of the
    reports (added to `passages`). `terms`: the search's words (an English question's Chinese ones, typos fixed)."""
    scored = _retrieved_first(question, scored)
    elsewhere = counted_elsewhere(question, scored, chunks, terms)
    if elsewhere is None:
        return scored
    passages.setdefault(elsewhere[0].chunk_id, elsewhere[0])
    key = (elsewhere[1].chunk_id, elsewhere[1].sentence.start)
    return [elsewhere[1], *(s for s in scored if (s.chunk_id, s.sentence.start) != key)]


def _retrieved_first(question: str, scored: list[ScoredSentence]) -> list[ScoredSentence]:
    """"有几个阶段": a close sentence counting that very thing ("…四个阶段") answers it; one only about stages, or
    counting something else ("4个特征"), does not."""
    if not scored or gives_count_asked(question, scored[0].sentence.text) is not False:
        return scored
    noun = counted_noun(question)
    counts_it = counting(noun) if noun else None
    # the counting sentence may rank low in its passage ("阶段性预期可划分为…四个阶段" shares few words with the ask)
    counted = next((x for x in scored if counts_it is not None and x.passage_rank <= 5
                    and counts_it.search(x.sentence.text)), None) \
        or next((x for x in scored[:8] if gives_count_asked(question, x.sentence.text)
                 and x.overlap >= 0.5 * scored[0].overlap), None)
    return scored if counted is None else [counted, *(x for x in scored if x is not counted)]


def counted_elsewhere(question: str, scored: list[ScoredSentence], chunks: Iterable[Chunk],
                      terms: Sequence[str] = ()) -> tuple[Passage, ScoredSentence] | None:
    """The sentence of another passage that counts what the question counts, when no retrieved one does: "有几个特征"
    is answered by "受访企业数字化转型有4个特征，即…", under a heading the search did not reach."""
    noun = counted_noun(question)
    if noun is None or not scored or gives_count_asked(question, scored[0].sentence.text) is not False:
        return None
    counts_it = counting(noun)
    words = {t for t in (*tokenize(question), *(t for t in terms if not t.isascii())) if len(t) > 1 and t != noun}
    # nothing but the count and the thing counted: asked of the reports' own subject, which one word of ties to
    subject_only = not {w for w in words if not w.isascii()} - _GENERIC
    words |= _SUBJECT if subject_only else set()
    enough = 1 if subject_only else 2
    best: tuple[int, Chunk, ScoredSentence] | None = None
    for chunk in chunks:
        if not counts_it.search(chunk.text):
            continue
        for sentence in split_passage(chunk.text):
            if chart_debris(sentence.text) or not counts_it.search(sentence.text):
                continue
            shared = words & set(tokenize(sentence.text))
            fit = len(shared - _GENERIC) * 2 + len(shared & _GENERIC)
            if fit >= enough and (best is None or fit > best[0]):
                # as strong as the best retrieved sentence, so that what else is quoted is judged against it as before
                best = (fit, chunk, ScoredSentence(sentence, chunk.chunk_id, 1, scored[0].score, scored[0].overlap,
                                                   frozenset(tokenize(sentence.text))))
    if best is None:
        return None
    c = best[1]
    return Passage(chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text, page=c.page,
                   para=c.para, start=c.start, end=c.end, score=0.0), best[2]
