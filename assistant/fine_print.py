"""A scheme's fine print (who may apply, how much it pays, by when, how to apply) and whether a passage states it.

The shipped reports are analyses: they state none of it, so a question asking for it is usually a near miss. A policy
notice a helpdesk uploads does state it, under headings such as "一、申报条件", and there the question is answered.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.facts import place_covered, places_named
from assistant.firm_figures import without_firm_figures
from assistant.lexical import tokenize
from assistant.names import COUNTRIES, HOME, names_asked
from assistant.notice_places import places_asked
from assistant.passages import Passage
from assistant.sentences import ScoredSentence
from assistant.textnorm import nfkc
from corpus.chunk import Chunk

Places = Mapping[str, Collection[str]]  # each document's own districts, by doc id (notice_places)
_NONE: Places = {}


@dataclass(frozen=True)
class FinePrint:
    """One kind of fine print: how a question asks for it, and the heading or sentence that states it."""

    label: str
    asked: re.Pattern[str]
    heading: re.Pattern[str]  # a section of a notice that holds it ("二、补助标准")
    stated: re.Pattern[str]  # a sentence that states it wherever it stands


KINDS = (
    FinePrint(
        "申报条件",
        re.compile(r"申报条件|申请条件|(?:满足|符合|具备|要|需要|得)(?:什么|啥|哪些)条件|(?:什么|啥|哪些)条件|门槛|资质|资格|够格"
                   r"|(?:能|可以|够)(?:不能|不够)?申(?:请|报)(?=[^，,。？?]{0,16}(?:吗|么|不))|能不能申(?:请|报)|符合条件|申报对象|支持对象|\beligib|\bcriteria\b"
                   # "符合苏州专项资金的条件吗", "够不够资格", "Can a firm with 80 staff apply for…" (not "how can we apply")
                   r"|(?:符合|够不够)(?=[^，,。？?]{0,16}(?:条件|要求|资格))|够(?:条件|资格)|有(?:没有)?资格"
                   r"|\bqualif|(?<!\bhow )\b(?:can|could|may)\b[^?.]{0,80}\bapply\b", re.IGNORECASE),
        re.compile(r"(?:申报|申请|支持|补助|奖补|资助)[^，。]{0,4}(?:条件|对象|范围|资格)|^(?:[一二三四五六七八九十]+、)?(?:基本)?条件$"),
        re.compile(r"须为|须满足|应当具备|应具备|符合以下条件|(?:申报|申请)(?:企业|单位|主体)(?:须|应|需|必须)"),
    ),
    FinePrint(
        "补助标准",
        re.compile(r"最(?:多|高)(?:能)?补(?:贴|助)?(?:多少|几成)?|(?:补贴|补助|奖补|资助|贴息|奖励|支持)(?:比例|标准|上限|额度|金额|力度)"
                   r"|补(?:贴|助)?(?:多少|几成)|最多能拿"
                   r"|最高能拿|能拿多少|给多少|奖补多少|奖励多少|\bhow much\b.*\b(?:subsid|grant|fund)"
                   r"|\bsubsidy (?:rate|amount|cap)\b|\b(?:maximum|max|highest)\b[^?]{0,30}\b(?:subsid|grant|fund)", re.IGNORECASE),
        re.compile(r"(?:补助|补贴|奖补|资助|奖励|支持)[^，。]{0,6}(?:标准|方式|额度|金额)"),
        re.compile(r"(?:给予|最高|不超过|按)[^。；]{0,30}\d[^。；]{0,20}(?:补助|补贴|奖励|资助|奖补)"
                   r"|(?:补助|补贴|奖励|资助|奖补)[^。；]{0,20}\d+(?:\.\d+)?\s*(?:万元|元|%|％)"),
    ),
    FinePrint(
        "申报时间",
        re.compile(r"截止(?:时间|日期)?|哪天|几号|几月几|具体日期|(?:什么时候|啥时候|几时)(?:开始)?(?:截止|申报|申请|报名|受理|报)|何时(?:申报|申请|截止)"
                   r"|(?:申报|申请|报名)(?:时间|日期|期限)|\bdeadline\b|\bwhen (?:can|do|should|must) (?:i|we) apply\b"
                   r"|\bby when\b", re.IGNORECASE),
        re.compile(r"(?:申报|申请|受理|报名)[^，。]{0,6}(?:时间|期限|日期)|时间安排"),
        # "于2026年7月1日至7月31日向…提交": a date range stated inside the procedure
        re.compile(r"截止(?:时间|日期)|\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|之前|止|截止)|受理时间|(?:申报|申请)时间(?:为|[:：])"
                   r"|\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:至|到|—|-|~|～)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"),
    ),
    FinePrint(  # where to hand the application in: the office, the platform ("在哪申报", not the list of materials)
        "申报地点",
        re.compile(r"(?:去|在|到)哪(?:里|儿)?(?:申请|申报|办理|报名|提交|交|报)|哪个部门"
                   r"|\bwhere (?:do|can|should) (?:i|we) (?:apply|submit|hand)|\bwhere to (?:apply|submit)", re.IGNORECASE),
        re.compile(r"(?:申报|申请|受理|报送)[^，。]{0,6}(?:地点|地址|方式|途径)"),
        re.compile(r"(?:报送|提交|送)(?:至|到)|向[^。；]{2,30}(?:提交|报送)|登录[^。；]{0,20}(?:平台|系统|网)|政务(?:服务)?中心|窗口"
                   r"|\d+\s*楼|\d+\s*室"),
    ),
    FinePrint(
        "申报流程",
        re.compile(r"(?:怎么|如何|咋|怎样)(?:申请|申报|办理|报名)|咋报|(?:申请|申报|办理|审批)(?:流程|程序|步骤|方式|途径)"
                   r"|(?:哪些|什么|啥)(?:申报|申请)?(?:材料|手续)"
                   r"|\bhow (?:do|can|should) (?:i|we) apply\b|\bapplication (?:process|procedure)", re.IGNORECASE),
        re.compile(r"(?:申报|申请|办理)[^，。]{0,6}(?:流程|程序|方式|材料|途径|要求|办法)|(?:报送|提交)材料"),
        re.compile(r"在线填报|网上申报|(?:提交|报送)[^。；]{0,30}(?:材料|报告|证明|发票|申请表|申报书)|初审|受理"),
    ),
)


# A price per unit of use ("使用费用约为每小时 10-25 美元"), the one kind of price the reports do quote
_PRICE_STATED = re.compile(r"每(?:小时|台|套|年|月|人|次|个)[^。；]{0,12}\d[^。；]{0,12}(?:元|美元|欧元|日元|英镑)"
                           r"|\d[\d.\-–~至]*\s*(?:万)?(?:元|美元|欧元)\s*/\s*(?:小时|台|套|年|月|人|次)")
PRICE = FinePrint(
    "价格",
    re.compile(r"多少钱|价格|收费|报价|费用|价位|\bhow much (?:does|do|is|are)\b|\bprice\b|\bcosts?\b|\bfees?\b",
               re.IGNORECASE),
    re.compile(r"(?:收费|价格)标准"),
    _PRICE_STATED,
)


_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_ABROAD_ASKED = re.compile(r"国外|外国|海外|境外|欧美|\babroad\b|\bforeign\b|\boverseas\b", re.IGNORECASE)


def _abroad(text: str) -> bool:
    return any(n in COUNTRIES and n != HOME for n in names_asked(text))


@lru_cache(maxsize=1024)
def _foreign_ok(question: str) -> bool:
    """The question asks about other countries: their schemes and prices answer it."""
    return _abroad(question) or bool(_ABROAD_ASKED.search(question))


@lru_cache(maxsize=1024)  # asked of the same question once per sentence weighed
def kinds_asked(question: str) -> tuple[FinePrint, ...]:
    """The kinds of fine print a question asks for ("申报条件是什么", "最高补多少", "什么时候截止")."""
    text = without_firm_figures(question)  # "研发费用占比4%，能申请吗" asks no price
    return tuple(kind for kind in (*KINDS, PRICE) if kind.asked.search(text))


def _states(kind: FinePrint, section: str, sentence: str, foreign_ok: bool) -> bool:
    if not (under_heading(kind, section) or kind.stated.search(nfkc(sentence))):
        return False
    return foreign_ok or not _abroad(sentence)  # Japan's grant rate is no local scheme's standard


def under_heading(kind: FinePrint, section: str) -> bool:
    """The section, or one it sits in, holds this kind of fine print: "四、申报材料 > （二）营业执照复印件" is a
    material, "第二章支持对象和条件 > 第四条 > （二）从业人员不超过300人" a condition."""
    return any(kind.heading.search(part.strip()) for part in section.split(" > "))


# what is left of a fine-print question once its ask is cut out, that names no subject ("补贴标准是多少" → 是多少)
_ASK_WORDS = frozenset("什么 啥 怎么 怎样 如何 哪些 哪个 多少 时候 最多 最高 需要 可以 具体 一般 一下 这个 那个 我们 咱们 "
                       "提交 准备 要交 能拿 能补 时间 呢".split())


def without_ask(question: str, gap: str = "") -> str:
    """The question without its fine-print ask: what it asks it of ("苏州的专项资金怎么申请" → 苏州的专项资金)."""
    rest = without_firm_figures(nfkc(question))  # "营收3000万、80人的企业能申请吗" names no scheme
    for kind in kinds_asked(question):
        rest = kind.asked.sub(gap, rest)
    return rest.strip(" ，,？?。")


def asks_fine_print_alone(question: str) -> bool:
    """Fine print asked of nothing named ("最多补多少", "截止时间呢"): of the scheme the conversation is on. A system
    named in Latin letters is named ("MES多少钱" is no follow-up)."""
    if not kinds_asked(question):
        return False
    return not [t for t in tokenize(without_ask(question, " ")) if (len(t) >= 2 or t.isascii())
                and t not in _ASK_WORDS and not _ABROAD_ASKED.fullmatch(t)]


_CLAUSES = re.compile(r"[，,。；;！!？?\n]+")


def asked_part(question: str) -> str:
    """The clauses holding the fine-print ask, when they name what it is asked of: the firm's description before
    it is no part of the subject ("做阀门的，80人，营收八千万，萧山的改造资金能不能申请" → 萧山的改造资金能不能申请);
    "我们在苏州，能申请专项资金吗" keeps 苏州 for its place."""
    clauses = [c for c in _CLAUSES.split(question) if c.strip()]
    asking = [c for c in clauses if kinds_asked(c)]
    if not asking or len(asking) == len(clauses):
        return question
    part = "，".join(asking)
    return question if asks_fine_print_alone(part) else part


def subject_terms(question: str, local: Places | None = None) -> list[str] | None:
    """The words naming what the fine print is asked of: "宁波的补助最多补多少" → 宁波, 补助. English words are
    left out (a Chinese notice holds none of them); the place an English question names is kept in Chinese, and an
    English question naming none has no subject to read (None): no notice is taken to answer it."""
    if not _CHINESE.search(question):  # (`local`: the documents' districts, "in Nanhai" too)
        return (places_asked(question, local) if local else places_named(question)) or None
    question = asked_part(question)
    rest = without_ask(question, " ")
    # "国外" asks where (other countries' passages are let in for it), and names nothing a passage says
    terms = [t for t in tokenize(rest) if len(t) >= 2 and t not in _ASK_WORDS and not t.isascii()
             and not _ABROAD_ASKED.fullmatch(t)]
    return list(dict.fromkeys([*terms, *places_named(question)]))


def passages_state(question: str, passages: Sequence[Passage], local: Places = _NONE) -> bool:
    """A passage states the fine print asked for, in a document about what the question names: a notice's
    "一、申报条件" answers "宁波的补助申报条件是什么", not "高企认定怎么申请" (no word of it is in that notice).
    `local` holds each document's own districts (notice_places)."""
    if not kinds_asked(question):
        return False
    documents = _documents((p.doc_id, p.title, p.text) for p in passages)
    subject = _subject(question, documents, local)
    return any(_about(subject, documents[p.doc_id], local.get(p.doc_id, ())) for p in passages
               if any(states_fine_print(question, p.section, s.text) for s in p.sentences))


@dataclass(frozen=True)
class _Subject:
    terms: list[str] | None
    places: list[str]
    key: str | None  # the word fewest of the documents at hand hold ("惠山" beside 北仑's notice): it must be there


def _documents(parts: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Each document's title and passages at hand (doc id, title, text), as one lower-cased text."""
    documents: dict[str, list[str]] = {}
    for doc, title, text in parts:
        documents.setdefault(doc, [title]).append(text)
    return {doc: "\n".join(texts).lower() for doc, texts in documents.items()}


def _subject(question: str, documents: Mapping[str, str], local: Places = _NONE) -> _Subject:
    terms = subject_terms(question, local)
    places = places_asked(asked_part(question), local) or places_asked(question, local)
    # the place asked is checked on its own: the telling word is looked for among the documents of that place
    # ("惠山的专项资金" in 惠山's 奖补 notice, beside 北仑's 专项资金 one)
    documents = {doc: text for doc, text in documents.items()
                 if all(_covers(place, text, local.get(doc, ())) for place in places)}
    held = {t: sum(t in text for text in documents.values()) for t in terms or []}
    present = [t for t, n in held.items() if n]
    key = min(present, key=lambda t: (held[t], -len(t))) if len(documents) > 1 and present else None
    return _Subject(terms, places, key)


def _covers(place: str, document: str, own: Collection[str]) -> bool:
    return place in own or place_covered(place, document)


def _about(subject: _Subject, document: str, own: Collection[str] = ()) -> bool:
    """A document speaks of at least half the words naming the subject asked, of its most telling word, and of every
    place the question names (`own`: the districts the whole document names): 萧山's 细则 shares "数字化改造项目"
    with "苏州的数字化改造项目最多补多少", but its 20% is no answer for 苏州, nor 北仑's 15% for 惠山."""
    if subject.terms is None:
        return False
    if not all(_covers(place, document, own) for place in subject.places):
        return False
    if subject.key is not None and subject.key not in document:
        return False
    return sum(t in document for t in subject.terms) * 2 >= len(subject.terms)


def quotes_state(question: str, quotes: Iterable[tuple[str, str]]) -> bool:
    """Some quote (its section, its text) states the fine print the question asks for."""
    return any(states_fine_print(question, section, quote) for section, quote in quotes)


def states_fine_print(question: str, section: str, sentence: str) -> bool:
    """This sentence, under this section, states a kind of fine print the question asks for."""
    foreign_ok = _foreign_ok(question)
    return any(_states(kind, section, sentence, foreign_ok) for kind in kinds_asked(question))


def stating_first(question: str, scored: list[ScoredSentence], passages: Mapping[str, Passage],
                  local: Places = _NONE) -> tuple[set[tuple[str, int]], list[ScoredSentence]]:
    """The sentences stating the fine print asked for (by chunk id and start), and the ranking with them first: "申报
    企业须为…" answers "申报条件是什么" though it shares few of its words. Only a document about what the question
    names counts: 宁波's deadline does not answer "苏州那个项目什么时候申报"."""
    if not kinds_asked(question):
        return set(), scored
    documents = _documents((p.doc_id, p.title, p.text) for p in passages.values())
    subject = _subject(question, documents, local)
    stating = {(s.chunk_id, s.sentence.start) for s in scored
               if states_fine_print(question, passages[s.chunk_id].section, s.sentence.text)
               and _about(subject, documents[doc := passages[s.chunk_id].doc_id], local.get(doc, ()))}
    return stating, sorted(scored, key=lambda s: (s.chunk_id, s.sentence.start) not in stating)


def with_sections_asked(question: str, ranked: list[str], chunks: Mapping[str, Chunk], top: int = 3,
                        local: Places = _NONE) -> list[str]:
    """The ranking with, after each of the top documents' first passage, that document's sections holding the fine
    print asked for: "宁波的补助怎么申请" finds the notice by its title words, and its "三、申报流程" by its heading."""
    kinds = kinds_asked(question)
    if not kinds:
        return ranked
    documents = _documents((c.doc_id, c.title, c.text) for c in (chunks[cid] for cid in ranked[:top]))
    subject = _subject(question, documents, local)
    docs = [doc for doc, text in documents.items() if _about(subject, text, local.get(doc, ()))]
    leaders = {doc: next(cid for cid in ranked if chunks[cid].doc_id == doc) for doc in docs}
    # in the notice's own order, those already ranked high included: （一） is not left behind （二）
    # (or, in a notice, stating it under another heading: "四、申报程序 > （一）企业于2026年7月1日至7月31日…提交")
    held = {cid for cid, c in chunks.items() if c.doc_id in docs and cid not in leaders.values()
            and any(under_heading(kind, c.section) for kind in kinds)}
    notices = {c.doc_id for c in chunks.values() if c.doc_id in docs and any(under_heading(k, c.section) for k in KINDS)}
    held |= {cid for cid, c in chunks.items() if c.doc_id in notices and cid not in leaders.values()
             and any(kind.stated.search(nfkc(c.text)) for kind in kinds)}
    wanted = sorted(held, key=lambda cid: chunks[cid].start)
    if not wanted:
        return ranked
    out = [cid for cid in ranked if cid not in wanted]
    for doc in reversed(docs):
        at = next(i for i, cid in enumerate(out) if chunks[cid].doc_id == doc) + 1
        out[at:at] = [cid for cid in wanted if chunks[cid].doc_id == doc]
    return out


def in_notice_order(picked: list[tuple[Passage, ScoredSentence]]) -> list[tuple[Passage, ScoredSentence]]:
    """Quotes of a notice's rules in the order it lists them, （一） before （二）; the first quote's notice first."""
    first = picked[0][0].doc_id if picked else ""
    return sorted(picked, key=lambda ps: (ps[0].doc_id != first, ps[0].doc_id, ps[0].start + ps[1].sentence.start))
