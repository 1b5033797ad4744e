"""The support block of an advice answer: which programmes to show, and labels saying whose they are."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.citations import CitationBook
from assistant.facts import place_covered, places_named, with_city
from assistant.passages import Passage
from assistant.quoting import pick_unseen, quote_line, ranked_sentences
from assistant.sentence_kinds import DOMESTIC, FOREIGN, POLICY, policy_kind
from assistant.sentences import ScoredSentence
from assistant.wording import Wording

if TYPE_CHECKING:
    from assistant.extractive import ExtractiveRequest


# what makes support something to ask for: an amount, a named instrument or programme
_CONCRETE = re.compile(r"\d|补贴|奖补|补助|贷款|贴息|券|基金|专项|减税|免税|免费|担保|奖励|资助|《|“")


def policies(req: ExtractiveRequest, taken: list[str], seen: list[str]) -> list[tuple[Passage, ScoredSentence]]:
    """Support to watch: domestic programmes first; foreign ones are context for an SME in China."""
    policy_passages, policy_scored = ranked_sentences(req.bm25, req.extras.get("policy", req.main))

    def domestic_support(s: ScoredSentence, p: Passage) -> bool:
        text = s.sentence.text
        return bool(POLICY.search(text) and DOMESTIC.search(text) and not FOREIGN.search(text))

    # a named instrument or a figure first: "各试点城市在人才、资金…筑牢保障" closed nearly every answer and tells
    # an owner nothing to ask for
    domestic = pick_unseen(policy_scored, policy_passages, 2, taken, seen,
                           lambda s, p: domestic_support(s, p) and bool(_CONCRETE.search(s.sentence.text)))
    domestic = domestic or pick_unseen(policy_scored, policy_passages, 2, taken, seen, domestic_support)
    if domestic:
        return domestic
    # foreign programmes only when the reports hold no domestic support for this question
    return pick_unseen(policy_scored, policy_passages, 2, taken, seen, lambda s, p: bool(POLICY.search(s.sentence.text)))


def policy_lines(book: CitationBook, picked: list[tuple[Passage, ScoredSentence]], w: Wording,
                 region: str | None = None) -> list[str]:
    """Programmes in place first; a district's own scheme and a report's proposal are labelled as such, so that
    nobody goes to ask for a subsidy a paper only recommends or that one district pays."""
    kinds: dict[str, list[tuple[Passage, ScoredSentence]]] = {"national": [], "local": [], "proposal": [], "foreign": []}
    for p, s in picked:
        kinds[policy_kind(p, s.sentence.text)].append((p, s))
    lines = [quote_line(book, p, s) for p, s in kinds["national"]]  # cited in the order shown
    local_text = "".join(s.sentence.text for _, s in kinds["local"])
    named = [with_city(place) for place in places_named(local_text)]
    places = [p for p in dict.fromkeys(named) if not any(p != q and p in q for q in named)][:3]  # 宁波 in 宁波海曙
    elsewhere = bool(region and places and not place_covered(region, local_text + "".join(places)))
    for label, group in ((w.local_policy_label(places, elsewhere), kinds["local"]), (w.proposal_label, kinds["proposal"]),
                         (w.foreign_policy_label, kinds["foreign"])):
        lines += [label] + [quote_line(book, p, s) for p, s in group] if group else []
    return lines
