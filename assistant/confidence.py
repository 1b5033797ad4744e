"""Retrieval confidence: a logistic model over retrieval features, fitted on in- and out-of-corpus questions."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from assistant.names import COUNTRIES, names_asked

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "confidence.json"


# The documents are analytical reports: they never quote a price, a fee, a tax or interest rate, a deadline or an
# application procedure. A question asking for one is usually a near miss even when its topic words all match.
_SPECIFICS = re.compile(
    # "多少钱" is a price, except a programme's or government's own money ("德国投了多少钱", "预算多少钱")
    r"(?<!投)(?<!给)(?<!拿)(?<!算)(?<!了)(?<!出)多少钱|收费|报价|价格|售价|税率|利率|贴息率|截止|几号|几月份|怎么申请|如何申请|去哪领|申报条件|怎么办理|如何办理"
    # a subsidy's rate, standard or cap is a scheme's fine print, which the reports never quote either
    r"|(?:补贴|补助|奖补|资助|贴息|奖励)(?:比例|标准|上限|额度)"
    r"|怎么考|怎么注册|怎么查|\b(price|cost|costs|fee|fees|deadline|apply|register|licen[cs]e)\b"
    # a rate of money, not an adoption rate ("What is the cloud adoption rate among SMEs?")
    r"|\b(?:interest|tax|subsidy|exchange|loan|discount) rates?\b"
    # where and how to apply: the office, the steps, the papers ("找哪个部门", "要准备哪些材料")
    r"|咋申请|怎样申请|怎么申报|如何申报|咋申报|咋报|(?:申请|申报|办理|审批)(?:流程|程序|步骤)|(?:找|去|向|归)哪个部门"
    r"|去哪(?:里|儿)?(?:申请|申报|办理|办|领|报名)|在哪(?:里|儿)?(?:申请|申报|办理|报名)"
    r"|哪个部门(?:负责|管|受理|审批|申请|印发|发布|出台)|(?:需要|要|提交|准备)(?:哪些|什么|啥)(?:申报|申请)?(?:材料|证明|手续)"
    # papers to prepare ("需要准备哪些文件"), not the policy documents behind a topic ("需要哪些文件支持")
    r"|(?:准备|提交|提供)(?:哪些|什么|啥)(?:申报|申请)?(?:材料|文件|证明|手续)"
    # a voucher's face value, a rate of deduction: a scheme's fine print
    r"|面额|面值|(?:按|以)?多少比例(?:加计扣除|扣除|抵扣|退税|减免|补贴|补助)"
    # who qualifies: a scheme's conditions, thresholds and scoring rules
    r"|(?:要|需要|得)满足(?:啥|什么|哪些)条件|(?:需要|要|得)(?:有)?(?:什么|啥|哪些)资质|门槛(?:分别)?(?:是)?多少|门槛有多高"
    r"|评审专家|评分标准|(?:怎么|如何)打分|打分标准|权重"
    # the day a document came out or a window closes
    r"|哪天|哪一天|几号|几月几|具体日期"
    # payroll and personal tax: a firm's daily admin, not digital transformation
    r"|最低工资|社保|五险一金|个税(?:汇算|申报|起征)|汇算清缴|劳动合同|劳动法|加班费|辞退|试用期|工伤|经济补偿金"
    r"|\b(?:eligib\w*|criteria|qualify|qualifications?|wages?|salar(?:y|ies))\b"
    r"|\bwhich (?:department|agency|ministry|office)\b|\bhow (?:do|can|should) (?:i|we) (?:apply|register)\b"
    r"|\bapplication (?:process|procedure|form)s?\b|\bdocuments? (?:are )?(?:needed|required)\b", re.IGNORECASE)
# How much a tax break takes off or a scheme pays at most, how soon a project pays back: China's own figures are fine
# print; what another country deducted or paid is in the reports ("韩国…减税最多减多少", France's 40% deduction), so a
# named country lifts this one.
_TAX_AMOUNT = re.compile(r"(?:税收优惠|减税|免税|加计扣除|退税|抵扣).{0,8}(?:多少|几成|百分之几)|百分之多少扣"
                         # a scheme's cap per firm or project ("一个项目最多能拿多少钱")
                         r"|最多能拿|最高能拿|最多(?:能)?补|最高补|能拿多少|(?:能|可以)?补(?:贴|助)?多少|奖补多少"
                         # how soon an investment pays back: no report gives a payback period
                         r"|几年(?:能|才|可以)?回本|多久(?:能|才|可以)?回本|回本周期|回收期(?:多长|多久|是多少)")


# "我们想上AOI，一般多少钱": the price part of a cost question, leaving its topic ("我们想上AOI")
_PRICE_ASK = re.compile(r"[，,\s]*(?:一般|大概|大约|大致|通常)?(?:一套|一台|一个)?(?:要|得|需要)?(?:花|投)?(?:多少钱|多少费用|什么价位?|啥价位?"
                        r"|价格(?:大概)?(?:是)?(?:多少|怎么样|如何)?|费用(?:大概)?(?:是)?多少|报价(?:多少)?)[？?吗呢啊]*"
                        r"|[,\s]*\bhow much (?:does|would|will) (?:it|that|this|one) cost\b\??", re.IGNORECASE)


def without_price_ask(question: str) -> str:
    """The question with its price ask removed: what it is the price of."""
    return _PRICE_ASK.sub("", question).strip(" ，,。")


def asks_for_specifics(question: str) -> bool:
    """The question wants a price, rate, deadline, procedure or eligibility rule (facts reports do not hold)."""
    if _SPECIFICS.search(question):
        return True
    return bool(_TAX_AMOUNT.search(question)) and not any(n in COUNTRIES for n in names_asked(question))


@dataclass(frozen=True)
class ConfidenceFeatures:
    top_dense: float  # best cosine similarity between the query and any chunk
    dense_gap: float  # how far the best hit stands out from the 10th–30th: flat means nothing really matches
    coverage: float  # share of the query's content words (lexicon terms for English) found in the top passages
    ascii_query: bool  # English questions are scored by their own weights: e5 similarities run lower
    best_sentence: float = 0.0  # best cosine between the query and one sentence of the top passages
    specifics: bool = False  # asks for a price, rate, deadline or procedure
    words_together: bool = False  # one retrieved sentence holds every word the user typed (not part of the model)
    detail_missing: bool = False  # a place, figure or name the question asks about is in none of the top passages
    neighbour_vote: float | None = None  # how the nearest hand-labelled questions were labelled (question_bank.py)
    subject_absent: bool = False  # a place, firm or country the question names is in none of the top five passages
    countries_found: bool = False  # two or more countries compared, each named by a passage shown (not in the model)
    place_support_found: bool = False  # "四川有啥政策": a support sentence shown names each place asked (not in the model)
    fine_print_found: bool = False  # "申报条件是什么": an uploaded notice's section states it (not in the model)

    @property
    def rescued(self) -> bool:
        """Never flagged, whatever the model says: a sentence holds all the user's words, or the passages shown
        speak of each country a comparison names ("美国和欧盟的政策有啥区别"), and no price is asked; or an uploaded
        notice states the fine print asked for."""
        if self.fine_print_found:
            return True
        return (self.words_together or self.countries_found or self.place_support_found) and not self.specifics

    def vector(self, with_vote: bool = False) -> list[float]:
        """Model inputs, scaled so that plain gradient descent converges."""
        a = 1.0 if self.ascii_query else 0.0
        own = [(self.top_dense - 0.85) / 0.05, self.dense_gap / 0.02, self.coverage,
               (self.best_sentence - 0.88) / 0.03, 1.0 if self.specifics else 0.0,
               1.0 if self.detail_missing else 0.0]
        if with_vote:
            if self.neighbour_vote is None:
                raise ValueError("this model needs the labelled questions' vote")
            own.append(self.neighbour_vote)
        return [1.0, *own, a, *(x * a for x in own)]


@dataclass(frozen=True)
class Calibration:
    weights: tuple[float, ...]
    threshold: float  # probability below which a question counts as not covered by the documents
    uses_vote: bool = False  # fitted with the labelled questions' vote (only valid for the corpus they label)

    def probability(self, features: ConfidenceFeatures) -> float:
        z = sum(w * v for w, v in zip(self.weights, features.vector(self.uses_vote), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidence(self, features: ConfidenceFeatures) -> float:
        """The model's probability, raised to the bar when one sentence holds every word the user typed.

        Two-word questions ("上云率多少") embed poorly and score low, yet a sentence holding all their words answers
        them; near misses add a word the reports lack (广东省上云率). On the training questions this rescues 6 of 46
        wrongly flagged in-corpus questions and none of 136 flagged out-of-corpus ones.
        """
        p = self.probability(features)
        if features.subject_absent:
            # "印度对中小企业数字化有什么补贴": what the reports say of other countries is no answer about India.
            # Over every labelled set (1,100 questions) this holds for no answerable question.
            return min(p, self.threshold * 0.9)
        return max(p, self.threshold) if features.rescued else p


def calibration_json(generic: Calibration, with_vote: Calibration, **report: object) -> str:
    """Both fitted models: the generic one (any corpus) and the one that also reads the labelled questions' vote."""
    return json.dumps({"weights": list(generic.weights), "threshold": generic.threshold,
                       "with_vote": {"weights": list(with_vote.weights), "threshold": with_vote.threshold},
                       "report": report}, ensure_ascii=False, indent=1)


def load_calibration(path: Path = CALIBRATION_FILE, with_vote: bool = False) -> Calibration:
    """Read a fitted model; both ship with the package and are refitted by eval/calibrate_confidence.py."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fitted = data["with_vote"] if with_vote else data
        calibration = Calibration(tuple(fitted["weights"]), float(fitted["threshold"]), uses_vote=with_vote)
        if len(calibration.weights) != len(ConfidenceFeatures(0.0, 0.0, 0.0, False, neighbour_vote=0.0)
                                            .vector(with_vote)):
            raise ValueError("fitted on other features")
        return calibration
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"置信度校准文件无法读取：{path}", "请运行 python -m eval.calibrate_confidence") from exc


def fit(samples: list[tuple[ConfidenceFeatures, bool]], steps: int = 4000, l2: float = 0.02,
        with_vote: bool = False) -> Calibration:
    """Fit logistic weights by gradient descent (deterministic; a few hundred samples at most)."""
    rows = [(features.vector(with_vote), 1.0 if label else 0.0) for features, label in samples]
    width = len(rows[0][0])
    w = [0.0] * width
    rate = 0.1
    for _ in range(steps):
        grad = [0.0] * width
        for x, y in rows:
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))))
            for j in range(width):
                grad[j] += (p - y) * x[j]
        w = [wj - rate * (gj / len(rows) + l2 * wj * (j > 0)) for j, (wj, gj) in enumerate(zip(w, grad, strict=True))]
    return Calibration(tuple(round(v, 5) for v in w), 0.5, uses_vote=with_vote)


MIN_TOGETHER_IDF = 4.0  # one rare word (上云率) or two ordinary ones: a lone common word proves nothing


def words_together(terms: dict[str, float], sentences: list[set[str]]) -> bool:
    """Some sentence holds every one of the user's words (`terms`: word -> IDF, Chinese questions only)."""
    if not terms or sum(terms.values()) < MIN_TOGETHER_IDF:
        return False
    return any(all(t in tokens for t in terms) for tokens in sentences)
