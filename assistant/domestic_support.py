"""China's own support programmes before the foreign ones the reports survey, when a question names no country.

"数字化转型有哪些资金支持？" names no country, and its words sit closest to the reports' survey of America's, the EU's
and Japan's funds (SBIR first). A firm asking that is a Chinese firm: the domestic support sentences are quoted first,
and when the top passages hold none, the question is answered as support for a firm (the national programmes, then
local ones), not from the survey of other countries.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.constraints import asks_about_support
from assistant.lexical import BM25Index
from assistant.passages import Passage, RetrievalResult
from assistant.quoting import HOME, countries_asked, ranked_sentences
from assistant.sentence_kinds import FOREIGN, POLICY
from assistant.sentences import ScoredSentence


def foreign_support(sentence: str, section: str) -> bool:
    """The sentence, or the section it sits in, is about another country."""
    # "（三）美国推动中小企业数字化转型政策布局" holds sentences that never repeat 美国; 巴西 is named in no list
    return bool(FOREIGN.search(sentence) or FOREIGN.search(section) or countries_asked(sentence) - {HOME})


def domestic_support_found(bm25: BM25Index, result: RetrievalResult, top: int = 8) -> bool:
    """Among the sentences the fact path would quote first, one speaks of support, and neither it nor its section is
    another country's."""
    passages, scored = ranked_sentences(bm25, result)
    return any(POLICY.search(s.sentence.text) and not foreign_support(s.sentence.text, passages[s.chunk_id].section)
               for s in scored[:top])


def domestic_first(question: str, scored: list[ScoredSentence],
                   passages: Mapping[str, Passage]) -> list[ScoredSentence]:
    """For a support question naming no country, the sentences on China's own support before the others (each group
    in its own order); any other question's sentences as they are."""
    if countries_asked(question) or not asks_about_support(question):
        return scored
    return sorted(scored, key=lambda s: not POLICY.search(s.sentence.text)
                  or foreign_support(s.sentence.text, passages[s.chunk_id].section))
