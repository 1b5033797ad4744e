"""What a question pins down (places, figures, years) and whether the passages found mention it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.confidence import load_calibration
from assistant.constraints import asked_figures, asked_places, unmet, without
from assistant.errors import ConfigError
from assistant.names import names_asked
from assistant.sizing import extract_size
from assistant.support import numbers_in


@pytest.mark.parametrize("rough", ["一两百万", "三四百人", "几十台", "几百种", "一二级供应商", "四五级", "两三成",
                                   "二三十家", "百分之五六十", "三五年"])
def test_rough_amounts_are_not_read_as_figures(rough: str) -> None:
    assert numbers_in(rough) == set()


@pytest.mark.parametrize(("text", "value"), [("三成", "30"), ("十二个", "12"), ("二十三家", "23"), ("两千万", "2000"),
                                             ("百分之三十", "30"), ("二〇二三年", "2023"), ("四级", "4")])
def test_exact_chinese_numerals_are_still_figures(text: str, value: str) -> None:
    assert numbers_in(text) == {value}


def test_money_a_firm_invests_is_not_its_revenue() -> None:
    assert extract_size("一年投一两百万、三四百万做数字化的企业各占多大比例").revenue_wan is None
    assert extract_size("我们一年营收两千万").revenue_wan == 2000


def test_the_firms_own_headcount_and_revenue_are_not_figures_it_asks_about() -> None:
    assert asked_figures("我们40个人，年营收八千万，能申请专精特新吗") == set()
    assert asked_figures("What is the payback period of an MES project for a 100-person plant?") == set()
    assert asked_figures("研发投入是按100%还是120%加计扣除") == {"100", "120"}


@pytest.mark.parametrize("message", ["王总好～我们是做注塑的。1、先上ERP还是MES？2、东莞有什么补贴？",
                                     "（1）上云率多少（2）有啥补贴", "1.先做什么 2.找谁做", "<b>alert(1)</b>上云率是多少"])
def test_how_a_message_numbers_its_own_questions_is_no_figure_to_check(message: str) -> None:
    assert asked_figures(message) == set()
    assert asked_figures("听说有66个试点城市，上云率是2.5%") == {"66", "2.5"}


def test_the_firms_own_location_counts_only_when_it_asks_about_support() -> None:
    assert asked_places("我们是宁波的汽配厂，六十来号人，排产靠Excel，下一步做什么") == []
    assert asked_places("我们在温州，今年技改项目的补助按设备投资的百分之几算") == ["温州"]
    assert asked_places("广东省中小企业上云率是多少") == ["广东"]


def test_english_questions_name_places_in_pinyin_or_english() -> None:
    assert asked_places("What is the SME cloud adoption rate in Hunan?") == ["湖南"]
    assert asked_places("Any subsidy in Shaanxi or Inner Mongolia?") == ["陕西", "内蒙古"]
    assert asked_places("We are a Ningbo parts maker with 60 staff, what should we digitalise first?") == []


def test_every_listed_province_and_city_is_known_by_its_pinyin() -> None:
    from pypinyin import lazy_pinyin

    from assistant.facts import _CITIES, _PROVINCES, EN_PLACES

    derived = {"".join(lazy_pinyin(place)): place for place in reversed(_PROVINCES + _CITIES)}
    derived.pop("xian")
    assert {en: zh for en, zh in EN_PLACES.items() if en in derived} == derived


def test_a_place_or_figure_no_passage_mentions_is_unmet() -> None:
    passages = ["2023年中小企业上云率超过30%。", "宁波市海曙区出台数改奖补办法。"]
    assert unmet("中小企业上云率是多少", passages).places == ()
    assert unmet("广东省中小企业上云率是多少", passages).places == ("广东",)
    assert unmet("宁波的数改奖补有哪些", passages).places == ()  # 海曙区 is in 宁波
    assert unmet("2030年上云率能到多少", passages).figures == ("2030",)
    assert not unmet("23年上云率多少", passages)  # 23年 is the reports' 2023年


@pytest.mark.parametrize(("question", "names"), [
    ("宁德时代是怎么带供应商做数字化的", ["宁德时代"]),
    ("阿里云和华为云哪个更适合中小企业上云", ["阿里云", "华为云"]),  # not also 阿里巴巴 and 华为
    ("比如BYD的供应商都上了什么系统", ["比亚迪"]),
    ("How much did Geely spend on its supplier digitalisation push?", ["吉利"]),
    ("用友和金蝶哪个适合小厂", ["用友", "金蝶"]),
    ("等保2.0我们要做几级", ["等保"]),  # a scheme the reports never treat, not their maturity levels
    ("建设银行的小微贷款利率多少", ["建设银行"]),
])
def test_firms_and_products_are_recognised_however_they_are_written(question: str, names: list[str]) -> None:
    assert names_asked(question) == names


@pytest.mark.parametrize("question", ["上海信息化补贴有哪些", "一个月用电几百度，能源管理怎么做", "价格力度大的方案",
                                      "完美的排产方案存在吗", "地方太多顾不过来", "生产中车间数据怎么采", "三星级智能工厂怎么评",
                                      "远程提供机器人运维等保障性服务", "精细化工行业怎么转"])
def test_everyday_words_that_contain_a_firms_name_are_not_names(question: str) -> None:
    assert names_asked(question) == []


def test_a_firm_no_passage_mentions_is_unmet_and_taken_out_of_the_search_again() -> None:
    passages = ["链主企业带动上下游中小企业协同转型。", "办公自动化（OA）厂家依次为：钉钉、泛微、金蝶、用友、致远。"]
    assert unmet("宁德时代是怎么带供应商做数字化的", passages).names == ("宁德时代",)
    assert unmet("钉钉和企业微信做OA哪个好", passages).names == ("企业微信",)
    assert not unmet("用友和金蝶谁用的企业多", passages)
    missing = unmet("宁德时代是怎么带供应商做数字化的", passages)
    assert without("宁德时代是怎么带供应商做数字化的", missing) == "是怎么带供应商做数字化的"


def test_a_confidence_model_fitted_on_other_features_is_refused_with_how_to_refit(tmp_path: Path) -> None:
    stale = tmp_path / "confidence.json"
    stale.write_text(json.dumps({"weights": [0.1] * 12, "threshold": 0.7}), encoding="utf-8")
    with pytest.raises(ConfigError, match="置信度") as caught:
        load_calibration(stale)
    assert "calibrate_confidence" in caught.value.hint
    assert load_calibration().threshold > 0  # the shipped model fits the shipped features


def test_a_rough_amount_searches_the_figures_it_spans_but_a_headcount_does_not() -> None:
    from assistant.lexicon import expand

    assert ("一两百", ("100", "200")) in expand("一年投一两百万做数字化的企业占多少").matched
    assert not any(typed == "三四百" for typed, _ in expand("我们三四百人的厂").matched)
