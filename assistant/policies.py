"""The support block of an advice answer: which programmes to show, and labels saying whose they are."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from assistant.citations import CitationBook
from assistant.constraints import asks_about_support
from assistant.domestic_support import foreign_support
from assistant.facts import around, places_named, region_reached, with_city
from assistant.fine_print import states_fine_print
from assistant.names import names_asked
from assistant.notice_places import places_asked
from assistant.passages import Passage
from assistant.quoting import HOME, countries_asked, pick_unseen, quote_line, ranked_sentences
from assistant.sentence_kinds import DOMESTIC, FOREIGN, POLICY, a_proposal, offers_support, policy_kind
from assistant.sentences import ScoredSentence
from assistant.wording import Wording

if TYPE_CHECKING:
    from assistant.request import ExtractiveRequest


# what makes support something to ask for: an amount, a named instrument or programme
_CONCRETE = re.compile(r"\d|补贴|奖补|补助|贷款|贴息|券|基金|专项|减税|免税|免费|担保|奖励|资助|《|“")


def policies(req: ExtractiveRequest, taken: list[str], seen: list[str]) -> list[tuple[Passage, ScoredSentence]]:
    """Support to watch: domestic programmes first; foreign ones are context for an SME in China."""
    policy_passages, policy_scored = ranked_sentences(req.bm25, req.extras.get("policy", req.main))
    homes = req.main.home_places

    def domestic_support(s: ScoredSentence, p: Passage) -> bool:
        text = s.sentence.text
        # a paper on one city (上海智能制造…对策) speaks of that city even where a sentence does not name it
        at_home = DOMESTIC.search(text) or places_named(p.title) or homes.get(p.doc_id)
        return offers_support(text) and bool(at_home) and not FOREIGN.search(text)

    countries = countries_asked(req.question) - {HOME}  # China's own support is the domestic kind below
    if countries:  # "德国呢" after "有什么补贴政策": that country's programmes, not the firm's province's
        abroad = pick_unseen(policy_scored, policy_passages, 2, taken, seen, lambda s, p: bool(
            POLICY.search(s.sentence.text)) and bool(countries & {n for n in names_asked(s.sentence.text)}))
        if abroad:
            return abroad
    # The place asked about, else the firm's own, its city and province first ("四川有啥政策" → the sentence listing
    # 四川省 among the provinces running pilots; a 苏州 firm → 江苏省's 智改数转 plan), then a named instrument or a
    # figure: "各试点城市在人才、资金…筑牢保障" closed nearly every answer and tells an owner nothing to ask for.
    # "能申请宁波的补助吗": an uploaded notice's own conditions answer it, before any programme it describes
    rules = pick_unseen(policy_scored, policy_passages, 2, taken, seen,
                        lambda s, p: states_fine_print(req.question, p.section, s.sentence.text))
    places = places_asked(req.question, req.main.local_places) or ([req.profile.region] if req.profile.region else [])
    # a question about support ("那有补贴没") is answered by the block: the firm's own region's several schemes and
    # a national programme beside them; elsewhere two lines point to it
    support_asked = asks_about_support(req.question)
    limit = 4 if support_asked else 2
    regional = limit - 1 if support_asked else limit  # room for a national programme beside the region's own
    regional -= len(rules)

    def reaches(s: ScoredSentence, p: Passage) -> bool:
        # 上海's own paper speaks of 上海 where a sentence does not name it, but only a named instrument there is
        # its support: "而国内一些省市…特事特办" contrasts 上海 with others
        return domestic_support(s, p) and any(region_reached(place, s.sentence.text)
                                              or place in p.title and bool(_CONCRETE.search(s.sentence.text))
                                              or _home_to(place, homes.get(p.doc_id, ())) for place in places)

    domestic = pick_unseen(policy_scored, policy_passages, regional, taken, seen, reaches) if places else []
    if not domestic and "policy_place" in req.extras:
        # none of the support search's lines is the place's own: a search on the place alone finds what its
        # government set up ("重庆市政府…成立…赋能中心"), which all the support words ranked low
        place_passages, place_scored = ranked_sentences(req.bm25, req.extras["policy_place"])
        domestic = pick_unseen(place_scored, place_passages, regional, taken, seen, reaches)

    def concrete(s: ScoredSentence, p: Passage) -> bool:
        return domestic_support(s, p) and bool(_CONCRETE.search(s.sentence.text))

    national = req.extras.get("policy_national")

    @cache
    def national_ranked() -> tuple[dict[str, Passage], list[ScoredSentence]]:
        # ranked once, and only when the support search's own lines do not fill the block
        assert national is not None
        return ranked_sentences(req.bm25, national)

    def from_national(count: int, accept: Callable[[ScoredSentence, Passage], bool]) -> list[tuple[Passage, ScoredSentence]]:
        if national is None:
            return []
        national_passages, national_scored = national_ranked()
        return pick_unseen(national_scored, national_passages, count, taken, seen, accept)

    if support_asked and places and len(domestic) < limit:
        # the slot kept beside the region's schemes goes to a programme open to all ("开展中小企业数字化转型试点城市
        # 工作"), not to a further district's: a 宁波 firm asking for subsidies got four local lines and no national one
        def nationwide(s: ScoredSentence, p: Passage) -> bool:
            return concrete(s, p) and policy_kind(p, s.sentence.text, homes.get(p.doc_id, ())) == "national"

        domestic += pick_unseen(policy_scored, policy_passages, 1, taken, seen, nationwide) or from_national(1, nationwide)
    domestic += pick_unseen(policy_scored, policy_passages, limit - len(domestic), taken, seen, concrete)
    if len(domestic) < limit:  # the region's search found only the region's own schemes
        domestic += from_national(limit - len(domestic), concrete)
    domestic = rules + (domestic or pick_unseen(policy_scored, policy_passages, 2, taken, seen, domestic_support))
    if domestic:
        return domestic
    # foreign programmes only when the reports hold no domestic support for this question
    return pick_unseen(policy_scored, policy_passages, 2, taken, seen, lambda s, p: bool(POLICY.search(s.sentence.text)))


def policy_lines(book: CitationBook, picked: list[tuple[Passage, ScoredSentence]], w: Wording,
                 region: str | None = None, asked: tuple[str, ...] = (),
                 homes: Mapping[str, Collection[str]] | None = None) -> list[str]:
    """Programmes in place first; a district's own scheme and a report's proposal are labelled as such, so that
    nobody goes to ask for a subsidy a paper only recommends or that one district pays. Local schemes that reach the
    firm's place come before other places' ("其他地区的做法"); a label names the places asked about and the firm's own
    first: "江苏省…四川省等地" is labelled 四川 for a question on 四川. `homes`: the districts whose notice each
    document is (notice_places.home_of): 惠山's lines are labelled 惠山's though they name no place; a district
    asked about (`asked`) that no list holds is the firm's place when its region is unknown."""
    homes = homes or {}
    kinds: dict[str, list[tuple[Passage, ScoredSentence]]] = {"national": [], "local": [], "proposal": [], "foreign": []}
    for p, s in picked:
        kinds[policy_kind(p, s.sentence.text, homes.get(p.doc_id, ()))].append((p, s))
    lines = [quote_line(book, p, s) for p, s in kinds["national"]]  # cited in the order shown
    # "What subsidies can a Xiaoshan factory get?": the place asked stands for the firm's, so that 海曙区's scheme is
    # labelled another place's, not a local one of 萧山's; a district whose notice is uploaded comes first
    noticed = [place for place in asked if any(_home_to(place, h) for h in homes.values())]
    here = [region] if region else noticed or list(asked)[:1]
    own = [(p, s) for p, s in kinds["local"]
           if not here or any(region_reached(place, s.sentence.text) or region_reached(place, p.title)
                              or _home_to(place, homes.get(p.doc_id, ())) for place in here)]
    other = [pair for pair in kinds["local"] if pair not in own]
    wanted = {near for place in (*asked, *([region] if region else [])) for near in around(place)}
    for group, elsewhere in ((own, False), (other, True)):
        if group:
            home = [place for p, _ in group for place in sorted(homes.get(p.doc_id, ()))]
            places = _places_of(" ".join(s.sentence.text for _, s in group), wanted, home) \
                or _places_of(" ".join(dict.fromkeys(p.title for p, _ in group)), wanted, home)
            if elsewhere:  # "宁波市海曙区…浙江省首批…" is 宁波海曙's for a 温州 firm; 浙江 is the firm's own
                places = [place for place in places if place not in wanted]
            lines += [w.local_policy_label(places[:3], elsewhere, more=len(places) > 3)]
            lines += [quote_line(book, p, s) for p, s in group]
    for label, group in ((w.proposal_label, kinds["proposal"]), (w.foreign_policy_label, kinds["foreign"])):
        lines += [label] + [quote_line(book, p, s) for p, s in group] if group else []
    return lines


def _home_to(place: str, home: Collection[str]) -> bool:
    """The document is the notice of this place ("惠山" of "无锡惠山")."""
    return any(place in h for h in home)


def _places_of(text: str, wanted: set[str], home: Sequence[str] = ()) -> list[str]:
    """The places a text names, each district with its city (宁波 in 宁波海曙 once), the `wanted` ones first; `home`:
    the districts whose notices the lines come from, named though the lines do not name them."""
    named = [with_city(place) for place in places_named(text)] + list(home)
    places = [p for p in dict.fromkeys(named) if not any(p != q and p in q for q in named)]
    return sorted(places, key=lambda place: not any(near in place for near in wanted))


# asking which support there is ("有哪些优惠政策", "有什么补贴"), not a figure about a programme ("试点示范评了多少个")
_ASKS_POLICY = re.compile(r"政策|补贴|补助|奖补|扶持|资助|优惠|减免|贴息|资金支持|支持措施|(?:什么|哪些|啥)支持"
                          r"|\bpolic|\bsubsid|\bincentive|\bgrant", re.IGNORECASE)


def proposals_last(book: CitationBook, picked: list[tuple[Passage, ScoredSentence]], w: Wording,
                   question: str) -> list[str]:
    """Quote lines of a fact answer; asked which support exists, a report's proposals come under their label, so that
    a recommendation ("建议…给予税收优惠") is not read as a policy in force."""
    proposals = [(p, s) for p, s in picked if a_proposal(p, s.sentence.text)] if _ASKS_POLICY.search(question) else []
    if not proposals:
        return [quote_line(book, p, s) for p, s in picked]
    # as in advice: what is in force here, then the proposals, then other countries' programmes under their own label
    # (a foreign programme below the proposals' label would read as one of them)
    abroad_asked = bool(countries_asked(question) - {HOME})  # "美国有哪些补贴": America's programmes are the answer
    foreign = [] if abroad_asked else \
        [(p, s) for p, s in picked if (p, s) not in proposals and foreign_support(s.sentence.text, p.section)]
    in_force = [pair for pair in picked if pair not in proposals and pair not in foreign]
    return [quote_line(book, p, s) for p, s in in_force] + \
        [w.proposal_label] + [quote_line(book, p, s) for p, s in proposals] + \
        ([w.foreign_policy_label] + [quote_line(book, p, s) for p, s in foreign] if foreign else [])


def places_without_support(question: str, picked: list[tuple[Passage, ScoredSentence]]) -> list[str]:
    """The places a support question names that no quoted programme in force speaks of ("上海有什么补贴": the reports
    hold a paper's proposals for 上海 and its firms' complaints, no scheme of 上海's own)."""
    in_force = [s.sentence.text for p, s in picked if policy_kind(p, s.sentence.text) != "proposal"]
    return [place for place in places_named(question)
            if not any(region_reached(place, text) for text in in_force)]
