"""How passages are cut into quotable sentences."""

from __future__ import annotations

from assistant.sentences import (
    MAX_QUOTE,
    asks_for_figures,
    chart_debris,
    score_sentences,
    split_passage,
)
from assistant.value_asks import count_not_given

LONG = ("北仑高端模具汽配产业集群打造园区数字大脑，搭建模具工业互联网，链接众模云、中模云等工业互联网云平台和技术创新平台，"
        "构建企业数字化体系，形成智能设计、模拟仿真、智能动态排程、数字孪生、智模贷等典型应用场景，推动企业设计、生产、"
        "采购、销售等核心业务数字化改造，已服务集群内上百家中小企业，带动一批企业完成设备联网和数据采集，"
        "打通设计、排产与质检环节，集群内模具企业生产效率平均提升25%，管理人员减少30%。")


def test_a_sentence_too_long_to_quote_is_cut_at_clauses_and_no_clause_is_lost() -> None:
    pieces = split_passage(LONG)
    assert len(LONG) > MAX_QUOTE and len(pieces) >= 2
    assert all(len(p.text) <= MAX_QUOTE for p in pieces)
    assert "".join(p.text for p in pieces) == LONG
    assert "管理人员减少30%" in pieces[-1].text and pieces[-1].continued and not pieces[0].continued
    assert all(LONG[p.start:p.end] == p.text for p in pieces)


def test_short_sentences_stay_whole_and_a_label_stays_with_what_it_introduces() -> None:
    text = "数字化排产与优化。江苏某公司上线排产系统，交期缩短了两天。"
    pieces = split_passage(text)
    assert [p.text for p in pieces] == [text] and not pieces[0].continued


def test_a_chain_of_labels_is_never_quoted_without_the_sentence_it_introduces() -> None:
    text = ("在经营管理方面。一是办公协同。中小企业可基于云化 OA 系统、表格小程序等，打通营销、财务、生产等部门。"
            "二是财务管理。中小企业可使用云财务系统，实现业财一体化。")
    pieces = [p.text for p in split_passage(text)]
    assert pieces[0].startswith("在经营管理方面。一是办公协同。中小企业可基于云化") and pieces[0].endswith("生产等部门。")
    assert pieces[1] == "二是财务管理。中小企业可使用云财务系统，实现业财一体化。"


def test_questions_about_figures_or_outcomes_are_recognised() -> None:
    assert asks_for_figures("那家厂上了MES，效果咋样")
    assert asks_for_figures("上云率是多少")
    assert asks_for_figures("How much did productivity improve?")
    assert not asks_for_figures("小快轻准是什么意思")


def test_a_count_question_is_told_apart_from_words_that_merely_contain_a_measure_word() -> None:
    assert count_not_given("小巨人多少家", ["“小巨人”企业中，属于人工智能产业领域的数量占比约为8%；"]) == "多少家"
    assert count_not_given("示范项目有几个", ["试点示范项目个数分别为 46、63、97、99"]) is None
    assert count_not_given("声谷聚了多少家企业", ["安徽华米信息科技有限公司等近千家特色企业"]) is None
    assert count_not_given("仓库的料老对不上，几个车间抢材料", ["车间相互抢料"]) is None
    assert count_not_given("用AI的占比多少", ["应用 AI 技术的企业超过三成"]) is None
    assert count_not_given("用AI的占比多少", ["AI 技术应用于智能分拣"]) == "占比"
    assert count_not_given("小巨人多少家", ["是认定标准的又一个关键条件"]) == "多少家"


def test_a_chart_flattened_into_a_sentence_is_never_quoted() -> None:
    debris = ("到目前为止，全国没有1家能够高效整合产业链中的软件、硬件、应用服务等各个汽车制造业电子设备制造业电气机械和器材"
              "制造业医药制造业化学原料和化学制品制造业专用设备制造业成熟度/%0 10 20 30 40 50 60 70 80 90环节的超强半导体企业。")
    fine = "汽车制造业、医药制造业和通用设备制造业这三类行业是专精特新中小企业相对集聚的制造业领域。"
    scored = score_sentences({"半导体": 1.0, "制造业": 1.0}, [("c1", debris + fine, 1)], "哪些制造业")
    assert [s.sentence.text for s in scored] == [fine]


def test_a_list_of_industry_names_or_an_area_heading_is_never_a_quote_of_its_own() -> None:
    assert chart_debris("运输设备制造业；医药制造业；电气机械和器材制造业；化学原料和化学制品制造业。")
    assert chart_debris("木材加工等制品业和家具制造业；")
    assert not chart_debris("对于中型制造企业，食品行业的电子商务应用在所有行业中最高。")
    pieces = [s.text for s in split_passage("在环保管理方面，排放数据监测。\n如化工、印染等行业中小企业可通过部署各类型污染传感装置，对排放数据进行动态监测与超限预警。")]
    assert not any(p.startswith("在环保管理方面") and len(p) < 20 for p in pieces)
