"""Multi-turn behaviour of the rules layer: corrections, skipping, never asking twice, resuming the held question."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.errors import InputError
from assistant.followup import PreviousTurn, asks_why, looks_like_follow_up, rewrite_by_rules
from assistant.profile import profile_from_fields
from assistant.rules import ConversationState, RulesOutcome, step


def talk(*messages: str, hint=None) -> list[RulesOutcome]:  # noqa: ANN001 - Profile | None
    """Run messages as one conversation, storing the state as JSON between turns like the advisor does."""
    stored: str | None = None
    outs: list[RulesOutcome] = []
    for i, message in enumerate(messages):
        state = ConversationState.from_json(stored) if stored else None
        out = step(state, message, hint if i == 0 else None)
        stored = out.state.to_json()
        outs.append(out)
    return outs


def test_answering_the_clarify_resumes_the_original_question() -> None:
    first, second = talk("我们是做模具的，想上MES，该怎么选？", "30来个人，一年营收一千二百万左右，现在都用Excel")
    assert first.action == "clarify" and first.clarify is not None
    assert first.clarify.slots == ["size", "stage"]
    assert second.action == "answer"
    assert second.question == "我们是做模具的，想上MES，该怎么选？"
    p = second.state.profile.summary()
    assert (p.size, p.stage_level, p.employees, p.revenue_wan) == ("小型", 1, 30, 1200.0)
    assert p.sources["employees"]["source"] == "asked"
    assert second.state.pending_question is None


def test_a_later_statement_overrides_an_inference() -> None:
    outs = talk("我们是个小厂，想搞数字化，从哪下手？", "做五金的，其实我们有四百人，营收八千万")
    before = outs[0].state.profile.summary()
    assert before.size == "小型" and before.sources["size"]["source"] == "inferred"
    assert outs[0].clarify is not None and "size" not in outs[0].clarify.slots
    after = outs[1].state.profile.summary()
    assert after.size == "中型"
    assert after.employees == 400 and "四百人" in after.sources["size"]["evidence"]


def test_correction_of_headcount_reclassifies_size() -> None:
    outs = talk("我们做注塑的，三十来号人，营收2500万", "其实我们有四百人")
    assert outs[0].state.profile.summary().size == "小型"
    last = outs[1]
    assert last.intent == "profile_info" and last.action == "reply"
    p = last.state.profile.summary()
    assert (p.employees, p.size) == (400, "中型")
    assert p.sources["employees"]["evidence"] == "四百人"
    assert "400" in (last.reply or "")


def test_one_message_correcting_both_trade_and_headcount_corrects_both() -> None:
    outs = talk("我们是做注塑的，30人", "不对，我说错了，我们是做模具的，人也不是30是130")
    p = outs[1].state.profile.summary()
    assert (p.industry, p.employees) == ("金属加工", 130)


def test_industry_correction_wins_but_a_passing_mention_does_not() -> None:
    outs = talk("我们是做模具的", "不对，我们主要做汽车零部件", "我们也做一点模具")
    assert outs[0].state.profile.summary().industry == "金属加工"
    corrected = outs[1].state.profile.summary()
    assert corrected.industry == "汽车零部件" and corrected.sources["industry"]["source"] == "stated"
    assert outs[2].state.profile.summary().industry == "汽车零部件"


@pytest.mark.parametrize("correction", ["不是陶瓷，是卫浴五金", "我们不是做陶瓷的，是做卫浴五金的"])
def test_a_denied_industry_is_not_read_as_the_firms_own(correction: str) -> None:
    outs = talk("做陶瓷的，一百多人", correction)
    assert outs[0].state.profile.summary().industry == "非金属矿物制品"
    assert outs[1].state.profile.summary().industry == "金属加工"


def test_an_english_correction_naming_what_the_firm_is_not_takes_the_other_industry() -> None:
    outs = talk("We are a small mould maker in Dongguan, 30 people, still on Excel. Where should we start?",
                "Actually we make PCBs, not moulds")
    assert outs[0].state.profile.summary().industry == "金属加工"
    assert outs[1].state.profile.summary().industry == "印刷电路板"


def test_asking_how_another_trade_goes_digital_is_a_question_about_that_trade_not_advice_for_the_firm() -> None:
    outs = talk("我们是开餐馆的", "光伏组件厂怎么做数字化？")
    assert outs[1].intent == "fact" and outs[1].action == "answer"  # no questionnaire for the restaurant
    assert outs[1].state.profile.summary().industry == "餐饮（非制造业）"


def test_question_about_another_industry_leaves_the_profile_alone() -> None:
    outs = talk("我们做纺织印染的，80人", "医药制造业中小企业的场景需求有哪些？")
    assert outs[1].intent == "fact" and outs[1].action == "answer"
    assert outs[1].state.profile.summary().industry == "纺织印染"


@pytest.mark.parametrize("skip", ["跳过", "不确定", "先不说", "不方便透露", "我也不清楚我们算哪个阶段", "随便吧",
                                  "你先说说一般怎么弄", "先说一般的"])
def test_skip_proceeds_with_general_advice_and_says_what_was_assumed(skip: str) -> None:
    first, second = talk("我们想开始数字化转型，先做什么？", skip)
    assert first.action == "clarify"
    assert second.intent == "skip" and second.action == "answer"
    assert second.question == "我们想开始数字化转型，先做什么？"
    assert "未说明行业，以下按制造业中小企业的通用情况回答" in second.assumptions
    assert "未提供企业规模，以下按中小企业通用情况回答" in second.assumptions
    assert any("数字化基础" in a for a in second.assumptions)


def test_a_slot_is_never_asked_twice() -> None:
    outs = talk("我们想上ERP，怎么选？", "跳过", "那有什么补贴政策可以申请？", "我们想做设备联网，怎么搞？")
    assert outs[0].action == "clarify"
    assert [o.action for o in outs[1:]] == ["answer", "answer", "answer"]
    assert outs[0].state.asked_slots == {"industry", "size", "stage"}
    for out in outs[1:]:
        assert out.clarify is None
    assert any("企业规模" in a for a in outs[2].assumptions)


def test_only_slots_not_yet_asked_are_asked_later() -> None:
    outs = talk("有什么补贴政策可以申请？", "跳过", "我们想上MES，怎么选？")
    assert outs[0].clarify is not None and outs[0].clarify.slots == ["size", "industry"]
    assert outs[2].action == "clarify" and outs[2].clarify is not None
    assert outs[2].clarify.slots == ["stage"]


def test_ignoring_the_clarify_and_asking_something_new_drops_the_held_question() -> None:
    first, second = talk("我们厂想搞数字化，怎么开始？", "ERP和MES有什么区别？")
    assert first.action == "clarify"
    assert second.intent == "fact" and second.action == "answer"
    assert second.question == "ERP和MES有什么区别？"
    assert second.state.pending_question is None
    assert any(t.rule == "clarify_dropped" for t in second.trace)


def test_fact_questions_are_never_blocked_by_a_missing_profile() -> None:
    (out,) = talk("专精特新中小企业数字化转型有哪四个特征？")
    assert out.intent == "fact" and out.action == "answer" and out.clarify is None


def test_quick_replies_fill_every_slot_they_name() -> None:
    first, second = talk("下一步数字化做什么好？", "汽车零部件，20–299人，在用ERP/MES等系统")
    assert first.clarify is not None and "汽车零部件" in first.clarify.options["industry"]
    p = second.state.profile.summary()
    assert (p.industry, p.size, p.stage) == ("汽车零部件", "小型", "应用数字化")
    assert {p.sources[s]["source"] for s in ("industry", "size", "stage")} == {"asked"}
    assert p.employees is None  # "20–299人" is a band, not a headcount
    assert second.action == "answer" and second.question == "下一步数字化做什么好？"


def test_a_size_picked_beside_the_self_check_is_kept() -> None:
    outs = talk("我们是做模具的，要不要上MES？", "20–299人，不确定，帮我自测", "有")
    assert outs[1].action == "clarify" and outs[2].action == "answer"
    final = outs[2].state.profile.summary()
    assert final.size == "小型" and final.stage_level == 2


def test_unsure_about_stage_gets_the_self_check_once() -> None:
    outs = talk("我们做阀门的，80人，营收3000万，下一步上什么系统？", "不确定，帮我自测", "有 有 没有 没有")
    assert outs[0].clarify is not None and "不确定，帮我自测" in outs[0].clarify.options["stage"]
    assert outs[1].action == "clarify" and outs[1].clarify is not None
    assert outs[1].clarify.slots == ["stage_selfcheck"] and "1." in outs[1].clarify.question
    assert outs[2].action == "answer"
    assert outs[2].question == "我们做阀门的，80人，营收3000万，下一步上什么系统？"
    stage = outs[2].state.profile.summary()
    assert stage.stage == "应用数字化" and stage.sources["stage"]["source"] == "asked"
    assert "不是官方评测" in stage.sources["stage"]["rule"]


@pytest.mark.parametrize(("reply", "stage"), [("没有", "基础信息化"), ("有", "应用数字化"), ("2", "应用数字化"),
                                            ("全面系统化", "全面系统化")])
def test_a_short_reply_to_the_self_check_places_the_firm_and_says_what_it_assumed(reply: str, stage: str) -> None:
    outs = talk("我们做阀门的，80人，营收3000万，下一步上什么系统？", "不确定，帮我自测", reply)
    assert outs[2].action == "answer" and outs[2].state.profile.summary().stage == stage
    rule = outs[2].state.profile.summary().sources["stage"]["rule"]
    assert "未回答的按“否”计" in rule if reply in ("没有", "有") else "直接说了阶段" in rule


def test_english_conversation_is_answered_in_english() -> None:
    first, second = talk("How should we start digitalising our factory?", "Skip")
    assert first.language == "en" and first.clarify is not None
    assert "What do you make" in first.clarify.question
    assert second.action == "answer" and second.language == "en"
    assert all(a.isascii() for a in second.assumptions)


def test_follow_up_after_an_answer_is_answered_without_asking() -> None:
    outs = talk("我们是做模具的，30人，都用Excel，下一步做什么？", "那第二点具体怎么做？")
    assert outs[0].action == "answer"
    assert outs[1].intent == "follow_up" and outs[1].action == "answer"


def test_a_short_english_follow_up_on_the_thing_just_asked_about_is_answered_not_called_off_topic() -> None:
    outs = talk("what is a little giant firm?", "whats the benefit of being one")
    assert outs[1].intent == "follow_up" and outs[1].action == "answer"
    outs = talk("什么是专精特新小巨人", "whats the benefit of being one")
    assert outs[1].intent == "follow_up" and outs[1].action == "answer"


def test_profile_given_by_a_form_counts_as_stated_and_is_not_asked_for() -> None:
    hint = profile_from_fields(industry="汽车零部件", employees=120, revenue_wan=5000, stage="应用数字化")
    (out,) = talk("我们做模具的，下一步上什么系统？", hint=hint)
    p = out.state.profile.summary()
    assert out.action == "answer"
    assert (p.industry, p.size, p.stage_level) == ("汽车零部件", "小型", 2)
    assert p.sources["industry"]["source"] == "stated"


def test_ui_edit_overrides_a_slot_and_rejects_nonsense() -> None:
    (out,) = talk("我们是个小厂，做模具")
    edited = out.state.profile.with_override("size", "中型")
    assert edited.summary().size == "中型" and edited.summary().sources["size"]["source"] == "stated"
    with pytest.raises(InputError):
        edited.with_override("size", "巨型")
    with pytest.raises(InputError):
        edited.with_override("employees", "很多")


def test_profile_info_alone_is_acknowledged_and_later_questions_ask_only_what_is_missing() -> None:
    outs = talk("我们是苏州的汽配厂，200来人", "下一步数字化做什么？")
    assert outs[0].action == "reply" and "汽车零部件" in (outs[0].reply or "")
    assert outs[1].clarify is not None and outs[1].clarify.slots == ["stage"]


def test_non_manufacturing_business_is_kept_and_flagged() -> None:
    out = talk("我们开饭店的，想搞数字化，怎么做？")[0]
    assert out.action == "answer" and out.state.profile.summary().industry == "餐饮（非制造业）"
    assert any("报告主要研究制造业" in a for a in out.assumptions)


def test_damaged_state_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="会话状态"):
        ConversationState.from_json('{"profile": 3}')


def test_cli_profile_prints_profile_decision_and_question(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "我们是做模具的，想上MES怎么选", "30人，都用Excel"]) == 0
    text = capsys.readouterr().out
    assert "追问" in text and "决定：clarify" in text and "决定：answer" in text
    assert "行业：金属加工" in text and "规模：小型" in text


def test_cli_profile_json_lists_each_turn(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "--json", "--employees", "500", "我们做阀门的，下一步做什么？"]) == 0
    turns = json.loads(capsys.readouterr().out)
    assert turns[0]["action"] == "clarify" and turns[0]["clarify"]["slots"] == ["stage"]
    assert turns[0]["profile"]["size"] == "中型"


def test_cli_profile_reads_headcount_and_revenue_as_people_write_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "--json", "--employees", "五十人", "--revenue", "两千万", "我们做阀门的"]) == 0
    profile = json.loads(capsys.readouterr().out)[0]["profile"]
    assert (profile["employees"], profile["revenue_wan"], profile["size"]) == (50, 2000, "小型")


def test_cli_profile_rejects_empty_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "  "]) == 2
    assert "没有可分析的消息" in capsys.readouterr().err


def test_an_answer_ending_in_a_hedging_question_mark_still_answers_the_clarify() -> None:
    first, second = talk("我们想搞数字化，先做什么", "做模具的，三十人左右吧？都用Excel呢")
    assert second.intent == "profile_info" and second.action == "answer"
    assert second.question == "我们想搞数字化，先做什么"


def test_a_form_resent_with_every_message_does_not_undo_a_correction_typed_in_chat() -> None:
    hint = profile_from_fields(industry="金属加工", employees=120)
    state = None
    for message in ("我们下一步做什么？", "其实我们有四百人", "那有什么政策？"):
        out = step(state, message, hint)
        state = out.state
    assert state.profile.summary().employees == 400
    edited = profile_from_fields(industry="金属加工", employees=90)
    assert step(state, "再问一下", edited).state.profile.summary().employees == 90


def test_stored_state_is_stable_json() -> None:
    (out,) = talk("我们想上ERP，怎么选？")
    stored = json.loads(out.state.to_json())
    assert stored["asked_slots"] == ["industry", "size", "stage"]
    assert ConversationState.from_json(out.state.to_json()) == out.state


@pytest.mark.parametrize(("intro", "question"), [
    ("我们厂在苏州，做精密零件，120人，用Excel", "有没有政策支持"),
    ("We make auto parts, 150 staff, we use Excel", "any policies?"),
])
def test_once_the_company_is_described_a_question_without_a_subject_is_about_it(intro: str, question: str) -> None:
    _, asked = talk(intro, question)
    assert asked.intent == "advice" and asked.action == "answer"


def test_a_question_about_someone_else_stays_a_question_about_the_reports_after_an_introduction() -> None:
    _, asked = talk("我们厂在苏州，做精密零件，120人，用Excel", "德国对中小企业有什么政策")
    assert asked.intent == "fact"


def test_a_message_in_traditional_characters_is_read_like_simplified_chinese() -> None:
    (out,) = talk("我們是做汽車零件的，80人，全靠Excel，下一步該做什麼")
    profile = out.state.profile.summary()
    assert out.intent == "advice" and (profile.industry, profile.employees, profile.stage_level) == ("汽车零部件", 80, 1)


def test_a_problem_told_after_the_introduction_is_answered_not_dismissed_as_small_talk() -> None:
    _, told = talk("我們是做紡織的，五十人", "驗布靠人眼，老漏檢")
    assert told.intent == "advice" and told.topic == "scenario"


@pytest.mark.parametrize(("message", "bare_why"), [
    ("为什么先搞这个", True), ("为啥要先做这个呢？", True), ("Why?", True), ("but why should we do this first?", True),
    ("为什么中小企业不敢转", False), ("为什么MES这么贵", False), ("Why do SMEs struggle?", False)])
def test_a_bare_why_asks_for_the_reasons_behind_the_last_answer_not_a_new_question(message: str,
                                                                                    bare_why: bool) -> None:
    assert asks_why(message) is bare_why


@pytest.mark.parametrize("message", ["有案例吗", "能举个例子吗", "有没有相关的例子", "any examples?"])
def test_a_bare_request_for_cases_leans_on_the_previous_turn(message: str) -> None:
    previous = PreviousTurn("印染厂 能耗 怎么管", "……")
    assert looks_like_follow_up(message)
    assert rewrite_by_rules(message, previous).query.startswith("印染厂 能耗 怎么管")


@pytest.mark.parametrize("message", ["还有吗", "详细点", "然后呢", "就这样？", "tell me more"])
def test_asking_for_more_repeats_the_previous_question(message: str) -> None:
    previous = PreviousTurn("纸箱厂 该从哪里开始", "……")
    assert looks_like_follow_up(message)
    assert rewrite_by_rules(message, previous).query == "纸箱厂 该从哪里开始"


def test_a_short_question_in_reply_to_our_question_is_asked_about_the_held_question() -> None:
    first = step(None, "我们是食品厂，食品安全追溯怎么做")
    assert first.action == "clarify"
    second = step(first.state, "有补贴吗")
    # subsidies for traceability, answered now: no second questionnaire
    assert second.action == "answer" and "追溯" in second.question and "补贴" in second.question
    assert any(t.rule == "clarify_merged" for t in second.trace)


@pytest.mark.parametrize(("previous", "message", "query"), [
    # a new part of the business for the same firm: the firm's words stay, the last topic goes
    ("药厂，做中成药的，GMP要求严，想问数字化转型从哪入手", "质量这块呢", "药厂 中成药 gmp 质量"),
    ("药厂 中成药 gmp 质量", "仓储呢", "药厂 中成药 gmp 仓储"),
    # the follow-up brings its own ask: the topic is kept, the last question's "是啥意思" is not
    ("不敢转是啥意思", "那怎么破解", "不敢转 怎么破解"),
    ("国外是咋做的", "德国呢", "是咋做的 德国"),
    ("美国对中小企业智能制造有啥扶持", "那咱们国家呢", "对中小企业智能制造有啥扶持 咱们国家")])
def test_a_follow_up_on_another_area_or_with_its_own_ask_keeps_only_the_topic(previous: str, message: str,
                                                                              query: str) -> None:
    assert rewrite_by_rules(message, PreviousTurn(previous, "……")).query == query


@pytest.mark.parametrize(("previous", "message", "query"), [
    ("国外是怎么支持中小企业数字化的 德国", "韩国呢", "是怎么支持中小企业数字化的 韩国"),
    ("汽车零部件企业数字化需求有哪些", "医药行业呢", "企业数字化需求有哪些 医药行业"),
    ("宁波有没有补贴", "那苏州呢", "有没有补贴 苏州"),
    ("中型企业上云率多少", "那小微企业呢", "上云率多少 小微企业")])
def test_a_follow_up_swaps_the_country_place_industry_or_size_instead_of_piling_them_up(previous: str, message: str,
                                                                                       query: str) -> None:
    assert rewrite_by_rules(message, PreviousTurn(previous, "……")).query == query


def test_the_price_or_cases_asked_right_after_the_subsidies_are_the_topics_not_the_subsidys() -> None:
    # "…有补贴吗 要花多少钱" was answered with where to ask about subsidy amounts, not about prices
    previous = PreviousTurn("化工厂 安全环保 数字化能帮上啥 有补贴吗", "……")
    assert rewrite_by_rules("要花多少钱", previous).query == "化工厂 安全环保 数字化能帮上啥 要花多少钱"
    # so are cases asked for next (a food plant was shown America's SBIR as its "peer cases")
    assert rewrite_by_rules("有同行案例吗", previous).query == "化工厂 安全环保 数字化能帮上啥 有同行案例"
    assert rewrite_by_rules("how much does it cost?", PreviousTurn("any subsidies?", "……")).query == "how much does it cost"


def test_an_item_of_the_last_answer_is_searched_by_its_gist_and_later_asks_do_not_pile_up() -> None:
    answer = ("### 适合贵企业的场景\n- 数字化排产。[1]\n- 产品功能性能仿真测试。[2]沈阳宝龙电机有限公司主要从事泵、阀门、压缩机及类似"
              "机械制造。[2]为提升产品研发能力，企业应用旋转机械仿真云服务平台开发某超低比转速规格的泵水利模型。[2]")
    second = rewrite_by_rules("第二条展开说说", PreviousTurn("泵阀厂 下一步做什么", answer))
    assert second.query == "泵阀 产品功能性能仿真测试"  # the item, for the trade the last question was about
    example = rewrite_by_rules("能举个例子吗", PreviousTurn(second.query, "……"))
    assert rewrite_by_rules("要花多少钱", PreviousTurn(example.query, "……")).query == "泵阀 产品功能性能仿真测试 要花多少钱"


@pytest.mark.parametrize(("message", "industry", "systems", "designations"), [
    ("我们想申报专精特新小巨人，数字化方面有啥要求", None, [], []),  # wanted, not held
    ("我们是专精特新小巨人企业", None, [], ["专精特新“小巨人”"]),
    ("Which should we do first, ERP or MES?", None, [], []),  # asked about, not in use
    ("做家俱的，三十人", "木材加工和家具", [], []),  # the common miswriting of 家具
    ("我们做食品包装袋的，十几个人", "橡胶和塑料制品", [], []),  # packaging for food, not food
    ("我们做数据线和充电器的", "消费电子", [], [])])
def test_what_a_firm_is_has_and_holds_is_read_from_how_owners_put_it(message: str, industry: str | None,
                                                                     systems: list[str], designations: list[str]) -> None:
    p = talk(message)[0].state.profile.summary()
    held = p.sources.get("designations", {}).get("value", "").split("、") if "designations" in p.sources else []
    assert (p.industry, p.systems or [], held) == (industry, systems, designations)


def test_a_what_if_about_another_size_is_answered_for_it_and_leaves_the_firms_headcount_alone() -> None:
    from assistant.answer_plan import asked_size

    outs = talk("我们是做五金的，两百来号人，营收三千多万，想问下有啥政策能申请", "那20个人的小作坊呢")
    assert outs[1].intent == "follow_up" and outs[1].action == "answer"
    assert outs[1].state.profile.summary().employees == 200
    assert asked_size("那要是三百五十人的厂呢", "小型") == "中型" and asked_size("我们有三百五十人", "小型") is None


def test_a_restaurant_gets_no_questionnaire_the_reports_advice_does_not_vary_with_its_size() -> None:
    out = talk("我们是开餐馆的，餐饮行业怎么做数字化？")[0]
    assert out.action == "answer" and any(t.rule == "no_clarify" and "非制造业" in t.detail for t in out.trace)


def test_a_new_self_introduction_while_answering_a_clarifying_question_replaces_the_industry() -> None:
    outs = talk("我们是做家具的，有什么建议？", "我们是做注塑的，想了解数字化转型。")
    assert outs[1].state.profile.summary().industry == "橡胶和塑料制品"
    assert outs[1].action == "answer"


@pytest.mark.parametrize("second", ["已经有ERP和MES了。AI怎么样？", "We already have ERP and MES. What about AI?"])
def test_an_answer_to_the_clarifying_question_that_asks_something_new_gets_the_new_question_answered(
        second: str) -> None:
    outs = talk("我们是苏州做汽配的，350人，下一步数字化做什么？", second)
    assert outs[0].action == "clarify"
    assert outs[1].action == "answer" and outs[1].question.endswith(("AI怎么样？", "What about AI?"))
    assert outs[1].state.profile.summary().systems == ["ERP", "MES"]


@pytest.mark.parametrize(("message", "employees", "region"), [
    ("老板 我们是做模具的 就十五个人 东莞的", 15, "东莞"), ("做模具的，东莞那边，厂里就15个人", 15, "东莞")])
def test_a_headcount_after_jiu_and_a_place_named_as_a_bare_item_are_the_firms(message: str, employees: int,
                                                                                region: str) -> None:
    (out,) = talk(message)
    p = out.state.profile.summary()
    assert (p.employees, p.region) == (employees, region)


def test_a_common_typo_in_a_support_question_is_read_as_meant() -> None:
    outs = talk("我门厂子十几个人，做五金模具，在宁波北仑", "有啥补帖没")
    assert outs[1].intent == "advice" and outs[1].action == "answer"


@pytest.mark.parametrize("message", ["we make injection molded parts", "We are an injection moulder, 80 people"])
def test_injection_moulding_in_plain_english_is_the_plastics_trade(message: str) -> None:
    assert talk(message)[0].state.profile.summary().industry == "橡胶和塑料制品"


@pytest.mark.parametrize(("message", "region"), [
    ("青岛化工厂", "青岛"), ("常州印染厂，安全生产这块数字化能做点啥", "常州"), ("苏州注塑厂 50人", "苏州"),
    ("东莞 做注塑的 五十人", "东莞"), ("新昌做轴承的 四十人 有什么平台可以用", "新昌"), ("苏州做得怎么样", None),
    ("auto parts factory in suzhou", "苏州"), ("Auto parts factory in Suzhou, what should we do first?", "苏州"),
    ("what did an auto parts factory in suzhou do?", None)])
def test_a_city_right_before_the_trade_is_where_the_firm_is(message: str, region: str | None) -> None:
    assert talk(message)[0].state.profile.summary().region == region


@pytest.mark.parametrize("message", ["我们老板说上个ERP就行了 你觉得呢", "SaaS和本地部署哪个便宜",
                                     "我们就30个人的小厂 做五金冲压件的 数字孪生呢 听起来很高大上 我们用得上吗"])
def test_a_system_only_asked_about_is_not_recorded_as_running(message: str) -> None:
    assert talk(message)[0].state.profile.summary().systems == []


def test_a_districts_own_schemes_are_its_own_and_another_districts_are_labelled_elsewhere() -> None:
    from assistant.facts import region_reached

    assert region_reached("宁波北仑", "北仑（灵峰）高端模具汽配产业集群打造园区“数字大脑”")
    assert not region_reached("宁波北仑", "宁波市海曙区、鄞州区作为浙江省首批中小企业数字化改造试点县")
    assert not region_reached("温州", "宁波市海曙区、鄞州区作为浙江省首批中小企业数字化改造试点县")
    assert region_reached("苏州", "江苏省出台制造业“智改数转”三年行动计划")


def test_an_english_country_follow_up_takes_the_old_countrys_place_in_the_question() -> None:
    first = rewrite_by_rules("And Japan?", PreviousTurn("What do Germany and Japan do to help SMEs digitalise?", "……"))
    assert first.query == "What do Japan do to help SMEs digitalise?"
    second = rewrite_by_rules("What about Korea?", PreviousTurn(first.query, "……"))
    assert second.query == "What do Korea do to help SMEs digitalise?"
    home = rewrite_by_rules("美国呢", PreviousTurn("怎么支持中小企业数字化 咱们国家", "……"))
    assert home.query == "怎么支持中小企业数字化 美国"


@pytest.mark.parametrize("message", [
    "我们想申请专精特新，数字化方面要达到什么水平",  # a designation's rules are the same for every firm
    "is our data safe if we move to the cloud?",
    "how do we protect production data",
    "我们厂数据怎么保护",
])
def test_questions_whose_answer_does_not_depend_on_the_firm_are_answered_without_a_questionnaire(message: str) -> None:
    out = step(None, message)
    assert out.action == "answer", [t.detail for t in out.trace]


@pytest.mark.parametrize("message", ["我们是宁波做注塑的，80人，ERP用了几年了", "做模具的，30人，MES用了好几年了"])
def test_how_long_a_system_has_run_is_part_of_the_introduction_not_a_question(message: str) -> None:
    out = step(None, message)
    assert out.intent == "profile_info", [t.detail for t in out.trace]
    assert step(None, "上MES几年能回本").intent == "fact"  # asking how many years still asks


@pytest.mark.parametrize(("message", "region"), [("您好，我是东莞一家做五金冲压的企业，员工150人左右", "东莞"),
                                                 ("我司是苏州的一家注塑厂", "苏州")])
def test_where_a_writer_in_the_first_person_singular_says_the_firm_is_is_its_region(message: str, region: str) -> None:
    assert step(None, message).state.profile.summary().region == region
