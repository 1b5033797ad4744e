"""Claim-level faithfulness: answers split into claims, and claims judged against the passages they cite."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from assistant.claims import split_claims, substantive_claims
from assistant.llm import OpenAICompatibleChat
from eval.faithfulness import LLMJudgeScorer, OfflineScorer, score_answer
from eval.llm_judge import extract_json, parse_verification
from eval.make_claims import OUT, build
from eval.openai_server import ScriptedOpenAIServer, ScriptedReply
from eval.validate_scorer import TARGET, load_pairs, validate
from eval.verify_dataset import default_corpus_dir, load_corpus

# A real passage of the 2024 report (002_), as a retrieved chunk would carry it.
PASSAGE = (
    "例如,广东某精密科技股份有限公司,通过引入传感器、智能机器人等硬件设备,建立企业云平台和数据中心,"
    "实现了对生产过程中的各类数据的实时采集、存储和分析,生产线效率从原来的40%提升到如今的90%。"
)
PASSAGE_2 = "全国中小微企业上云率超过30%,中小企业数字化转型顺应工业经济进阶和数字经济演进规律。"
ANSWER = """## 适合贵企业的场景
以下内容根据报告整理：
- 广东一家精密科技企业引入传感器和智能机器人后，生产线效率从40%提升到90%[1]。
- 全国中小微企业上云率超过三成。[2]
- 该企业的设备全部依赖进口。
注：具体方案请结合企业实际。
"""


def test_answer_splits_into_claims_with_their_citations_and_framing_marked():
    claims = split_claims(ANSWER)
    framing = [c.text for c in claims if c.is_framing]
    assert framing == ["适合贵企业的场景", "以下内容根据报告整理：", "注：具体方案请结合企业实际。"]
    substantive = substantive_claims(ANSWER)
    assert [c.citations for c in substantive] == [[1], [2], []]
    assert "[" not in substantive[0].text and substantive[0].text.endswith("90%。")


def test_sentences_split_on_chinese_and_english_punctuation_but_not_decimals():
    claims = substantive_claims(
        "转型投入以轻量级为主[1]；占比40.1%。Adoption is 73.8% for ERP [2]. OA follows! 这是最后一句。"
    )
    assert [c.text for c in claims] == [
        "转型投入以轻量级为主；",
        "占比40.1%。",
        "Adoption is 73.8% for ERP.",
        "OA follows!",
        "这是最后一句。",
    ]
    assert claims[0].citations == [1] and claims[2].citations == [2]


def test_markers_after_the_full_stop_stay_with_their_sentence():
    claims = substantive_claims("第一句话说的是效率提升。[1][3]第二句话说的是成本下降。[2]")
    assert [c.citations for c in claims] == [[1, 3], [2]]


@pytest.mark.parametrize(
    ("claim", "why"),
    [
        ("广东某精密科技企业的生产线效率从原来的40%提升到如今的95%。", "number"),
        ("广东某精密科技企业没有实现对生产过程中各类数据的实时采集。", "polarity"),
        ("浙江某精密科技企业的生产线效率从原来的40%提升到如今的90%。", "entity"),
        ("宝武集团通过引入传感器和智能机器人,生产线效率从原来的40%提升到如今的90%。", "entity"),
        ("医药企业引入传感器、智能机器人等硬件设备后生产线效率从40%提升到90%。", "entity"),
        ("中小企业的设备存量资产约占整体设备存量资产比重的六成以上。", "number"),
    ],
)
def test_offline_scorer_catches_perturbed_claims(claim: str, why: str):
    verdict = OfflineScorer().score(claim, [PASSAGE])
    assert not verdict.supported
    assert any(why in reason for reason in verdict.reasons), verdict.reasons


def test_offline_scorer_accepts_a_faithful_paraphrase_and_normalises_numbers():
    scorer = OfflineScorer()
    paraphrase = scorer.score(
        "广东一家精密科技企业装了传感器和智能机器人，生产线效率由40%提高到了90%。", [PASSAGE]
    )
    assert paraphrase.supported, paraphrase.reasons
    assert scorer.score("全国中小微企业的上云率已经超过百分之三十。", [PASSAGE_2]).supported
    assert scorer.score("全国中小微企业上云率超过三成。", [PASSAGE_2]).supported


def test_offline_scores_are_identical_across_runs_and_instances():
    pairs = load_pairs()[:60]
    first = [OfflineScorer().score(p.claim, [p.evidence]) for p in pairs]
    second = [OfflineScorer().score(p.claim, [p.evidence]) for p in pairs]
    assert first == second


def test_score_answer_counts_supported_claims_and_flags_uncited_ones():
    result = score_answer(ANSWER, {1: PASSAGE, 2: PASSAGE_2}, OfflineScorer())
    assert [c.verdict.supported for c in result.claims] == [True, True, False]
    assert result.claims[2].verdict.reasons == ["claim carries no citation"]
    assert result.faithfulness == pytest.approx(2 / 3)
    assert not result.fully_supported
    missing = score_answer("上云率超过三成[7]。", {1: PASSAGE_2}, OfflineScorer())
    assert missing.claims[0].verdict.reasons == ["citation [7] has no passage"]


def test_a_refusal_without_claims_is_vacuously_faithful():
    result = score_answer("以下是说明：\n注：报告没有涉及这个问题。", {}, OfflineScorer())
    assert result.claims == [] and result.faithfulness == 1.0 and result.fully_supported


@pytest.mark.skipif(not default_corpus_dir().is_dir(), reason="shared corpus not found")
def test_labelled_set_regenerates_identically_from_the_corpus():
    rebuilt = [json.dumps(c.__dict__, ensure_ascii=False) for c in build(load_corpus(default_corpus_dir()))]
    assert rebuilt == OUT.read_text(encoding="utf-8").splitlines()


def test_offline_scorer_meets_the_balanced_accuracy_target_on_the_labelled_set():
    pairs = load_pairs()
    assert len(pairs) >= 150
    assert {"number", "negation", "company", "region", "industry", "other_passage"} <= {
        p.perturbation for p in pairs
    }
    result = validate(pairs, OfflineScorer())
    assert result.balanced_accuracy >= TARGET, result.by_perturbation


# ---- LLM judge against a real OpenAI-compatible HTTP server on 127.0.0.1


@pytest.fixture
def server() -> Iterator[ScriptedOpenAIServer]:
    with ScriptedOpenAIServer(default=ScriptedReply.status(500)) as running:
        yield running


def judge(server: ScriptedOpenAIServer, fallback=None) -> LLMJudgeScorer:
    chat = OpenAICompatibleChat(base_url=server.base_url, model=server.model, timeout_s=5, max_retries=0)
    return LLMJudgeScorer(chat, fallback=fallback)


def test_llm_judge_decomposes_then_verifies_and_reads_fenced_json(server: ScriptedOpenAIServer):
    server.push(
        '好的，拆分如下：\n```json\n{"statements": ["生产线效率原来是40%", "生产线效率提升到90%"]}\n```',
        '{"verdicts": [{"statement": "生产线效率原来是40%", "supported": true, "reason": "原文"},'
        ' {"statement": "生产线效率提升到90%", "supported": "否", "reason": "证据写的是90%？"}]} 以上。',
    )
    verdict = judge(server).score("生产线效率从40%提升到90%。", [PASSAGE])
    assert not verdict.supported and verdict.score == 0.5
    assert "生产线效率提升到90%" in verdict.reasons[0]
    prompts = [r.body["messages"][-1]["content"] for r in server.chat_requests]
    assert "<claim>" in prompts[0] and "生产线效率从40%提升到90%" in prompts[0]
    assert PASSAGE in prompts[1] and "1. 生产线效率原来是40%" in prompts[1]


def test_llm_judge_all_statements_supported(server: ScriptedOpenAIServer):
    server.push('["上云率超过30%"]', '[{"statement": "上云率超过30%", "supported": "true"}]')
    verdict = judge(server).score("上云率超过30%。", [PASSAGE_2])
    assert verdict.supported and verdict.score == 1.0


def test_llm_judge_unreadable_reply_is_unsupported_not_a_crash(server: ScriptedOpenAIServer):
    server.push("我觉得可以拆成两句。", "这句话基本正确。")
    verdict = judge(server).score("上云率超过30%。", [PASSAGE_2])
    assert not verdict.supported and verdict.reasons == ["judge reply could not be parsed"]
    assert len(server.chat_requests) == 2  # the unparseable decomposition kept the claim whole


def test_llm_judge_failure_falls_back_to_the_offline_scorer(server: ScriptedOpenAIServer):
    verdict = judge(server, fallback=OfflineScorer()).score("全国中小微企业上云率超过30%。", [PASSAGE_2])
    assert verdict.supported
    assert verdict.reasons[0].startswith("LLM judge failed")


def test_json_extraction_tolerates_chatter_and_rejects_short_verdict_lists():
    assert extract_json('结果：{"a": [1, 2]} 完毕') == {"a": [1, 2]}
    assert extract_json("没有 JSON") is None
    assert parse_verification('{"verdicts": [{"supported": true}]}', expected=2) is None


def test_a_long_number_keeps_its_digits_when_named_as_missing() -> None:
    from assistant.constraints import asked_figures

    # an order or phone number left in a pasted question is named as typed, not as "2.02405e+10"
    assert "20240512345" in asked_figures("订单号20240512345的那个方案，上云率是30%吗")
