"""Choosing and writing quotes: the retrieved passages' sentences ranked for a question, the best few picked
without repeats, each written with its citation marker."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.citations import CitationBook
from assistant.fine_print import kinds_asked, states_fine_print
from assistant.language import latin_text
from assistant.lexical import BM25Index
from assistant.names import COUNTRIES, HOME, NAME_WEIGHT, abroad_named, home_asked, home_named, names_asked
from assistant.passages import Passage, RetrievalResult
from assistant.sentences import ScoredSentence, Sentence, near_duplicate, score_sentences, term_weights

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
_SUBJECT_ACRONYMS = {"sme", "smes", "eu", "us", "usa", "uk"}
FINE_PRINT_WEIGHT = 1.0  # as much as a figure adds for "how many": the rule asked for beats topic words
MAX_ITEM_CHARS = 80  # a list item short enough to be taken for a label


def ranked_sentences(bm25: BM25Index, result: RetrievalResult,
                     top: int | None = None) -> tuple[dict[str, Passage], list[ScoredSentence]]:
    """The sentences of the (`top`) retrieved passages, best quote first, and those passages by chunk id."""
    shown = result.passages[:top]
    passages = {p.chunk_id: p for p in shown}
    weights = {t: w * NAME_WEIGHT if names_asked(t) else w
               for t, w in term_weights(bm25, sentence_terms(result)).items()}
    cosines = {p.chunk_id: [(s.start, s.end, s.score) for s in p.sentences] for p in shown}
    scored = score_sentences(weights, [(p.chunk_id, p.text, i) for i, p in enumerate(shown, start=1)],
                             result.query, cosines, frozenset(t for t in weights if names_asked(t)))
    if result.features.ascii_query:  # a paper's English abstract is not what the reports say; it embeds closest
        scored = [s for s in scored if not latin_text(s.sentence.text)]
    # a document's title line ("宁波市…申报通知") names what follows; it claims nothing
    scored = [s for s in scored if not _is_title(s.sentence.text, passages[s.chunk_id].title)]
    if kinds_asked(result.query):  # an uploaded notice's "一、申报条件" answers what its sentences never name
        scored = sorted([replace(s, score=s.score + FINE_PRINT_WEIGHT)
                         if states_fine_print(result.query, passages[s.chunk_id].section, s.sentence.text) else s
                         for s in scored] + _listed_items(result.query, shown, scored),
                        key=lambda s: (-s.score, s.passage_rank, s.sentence.start))
    return passages, scored


def _listed_items(question: str, shown: Sequence[Passage], scored: list[ScoredSentence]) -> list[ScoredSentence]:
    """A notice's short list items under the heading asked for ("四、申报材料 > （四）企业信用承诺书。"): quoting
    drops a short line as a label elsewhere, but here each item is the answer."""
    quoted = {s.chunk_id for s in scored}
    return [ScoredSentence(Sentence(p.text.strip(), 0, len(p.text.strip())), p.chunk_id, rank,
                           FINE_PRINT_WEIGHT + 1.0 / (rank + 1))
            for rank, p in enumerate(shown, start=1)
            if p.chunk_id not in quoted and p.text.strip() and len(p.text) <= MAX_ITEM_CHARS
            and states_fine_print(question, p.section, p.text)]


def _is_title(sentence: str, title: str) -> bool:
    return bool(title) and sentence.strip().rstrip("。.…") == title.strip()


def sentence_terms(result: RetrievalResult) -> list[str]:
    """Words to pick sentences by. For an English question its English words only match stray English in the
    Chinese text ("DIGITAL SME"), so only its Chinese expansions and the acronyms it spells (ERP, MES) count."""
    if not result.features.ascii_query:
        return result.query_terms
    # SME, EU, US are the question's subject, which the Chinese text writes in characters (中小企业, 欧盟, 美国)
    acronyms = {a.lower() for a in _ACRONYM.findall(result.query)} - _SUBJECT_ACRONYMS
    return [t for t in result.query_terms if not t.isascii() or t.lower() in acronyms]


def pick(scored: Sequence[ScoredSentence], passages: dict[str, Passage], limit: int, taken: list[str],
          accept: Callable[[ScoredSentence, Passage], bool] = lambda s, p: True,
          per_passage: int = 2) -> list[tuple[Passage, ScoredSentence]]:
    """Best sentences that pass `accept`, skipping near-duplicates of anything already quoted."""
    picked: list[tuple[Passage, ScoredSentence]] = []
    if limit <= 0:
        return picked
    used: dict[str, int] = {}
    for s in scored:
        passage = passages[s.chunk_id]
        if used.get(s.chunk_id, 0) >= per_passage or not accept(s, passage):
            continue
        if any(near_duplicate(s.sentence.text, t) for t in taken):
            continue
        picked.append((passage, s))
        taken.append(with_what_the_rest_is_of(passage, s.sentence).text)  # as it will be quoted
        used[s.chunk_id] = used.get(s.chunk_id, 0) + 1
        if len(picked) == limit:
            break
    return picked


# A column's tag opening a paragraph ("【产业集群实践】北仑…"): layout, not part of what is quoted
_TAG = re.compile(r"^【[^】]{1,12}】[\s：:]*")  # "【摘要】：…" loses its colon too


# A sentence that counts "the rest" ("将其余企业按照投入规模分为…") is read with the one saying what the first share was
_THE_REST = re.compile(r"^(?:将|把|对)?(?:其余|其他|剩余|余下)的?(?:企业|受访企业|样本)")
_PREVIOUS = re.compile(r"[^。！？]{4,120}[。！？]\s*$")


def with_what_the_rest_is_of(passage: Passage, sentence: Sentence) -> Sentence:
    """The sentence, with the one before it when it speaks of "the rest" of what that one counted."""
    if not _THE_REST.match(sentence.text):
        return sentence
    before = _PREVIOUS.search(passage.text[:sentence.start])
    if before is None:
        return sentence
    start = before.start() + len(before.group()) - len(before.group().lstrip())
    return Sentence(passage.text[start:sentence.end], start, sentence.end, sentence.continued)


def _one_line(text: str) -> str:
    """Line breaks inside a quote go: next to Chinese text with nothing in their place, between Latin words as a space."""
    text = re.sub(r"(?<=[^\x00-\x7f])\s*\n\s*|\s*\n\s*(?=[^\x00-\x7f])", "", text)
    return re.sub(r"\s*\n\s*", " ", text)


def quote_line(book: CitationBook, passage: Passage, s: ScoredSentence, bullet: bool = True) -> str:
    s = replace(s, sentence=with_what_the_rest_is_of(passage, s.sentence))
    tag = _TAG.match(s.sentence.text)
    if tag:  # the quote stays verbatim: it starts where the sentence proper does
        s = replace(s, sentence=Sentence(s.sentence.text[tag.end():], s.sentence.start + tag.end(), s.sentence.end,
                                         s.sentence.continued))
    n = book.cite(passage, s.sentence)
    # A quote of two sentences (label + what it introduces) carries its marker after each, as the guard expects; a
    # label on its own line ("第五条有下列情形之一的，不予支持：" / "（一）…") stays on the bullet's one line.
    text = re.sub(r"([。！？；])(?=\S)", rf"\1[{n}]", _one_line(s.sentence.text))
    ending = "" if text.endswith(("。", "！", "？", "；", "”", "）")) else "……"
    opening = "……" if s.sentence.continued else ""
    return f"{'- ' if bullet else ''}{opening}{text}{ending}[{n}]"


# The EU's programmes run through its members: a sentence on Spain's toolkit answers a question on the EU's fund.
_EU_MEMBERS = frozenset("德国 法国 意大利 西班牙 葡萄牙 奥地利 荷兰 比利时 瑞典 芬兰 丹麦 波兰 爱尔兰".split())


def countries_asked(question: str) -> frozenset[str]:
    """The countries a question asks about, China included when it asks about China as the country."""
    named = frozenset(n for n in names_asked(question) if n in COUNTRIES)
    return named | {HOME} if home_asked(question) else named


def country_named(country: str, text: str) -> bool:
    """The text speaks of the country: by one of its names, or for China by how the reports write its measures."""
    return home_named(text) if country == HOME else country in names_asked(text)


def about_another_country(asked: frozenset[str], s: ScoredSentence) -> bool:
    """The sentence is about a country the question did not ask about, and not about one it did ("法国规定…" quoted
    for "德国投了多少钱"; "西班牙政府安排…" for "what policies does china have"). A sentence continuing one that
    named the asked country counts as naming it."""
    if not asked:
        return False
    text = s.sentence.text
    named = frozenset(n for n in names_asked(text) if n in COUNTRIES) | (asked & s.tokens)
    if HOME in asked:
        named |= {HOME} if home_named(text) else {"abroad"} if abroad_named(text) else set()
    if not named or named & asked:
        return False
    return not ("欧盟" in asked and named <= _EU_MEMBERS)


def pick_unseen(scored: list[ScoredSentence], passages: dict[str, Passage], limit: int, taken: list[str],
                 seen: list[str], accept: Callable[[ScoredSentence, Passage], bool]) -> list[tuple[Passage, ScoredSentence]]:
    """Like pick (one per passage), also skipping what the previous answer quoted; `taken` learns the picks."""
    picked = pick(scored, passages, limit, taken + seen, accept, per_passage=1)
    taken += [s.sentence.text for _, s in picked]
    return picked
