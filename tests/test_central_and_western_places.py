"""A factory in a central or western province asks about local support: the place is read as a place (鹰潭 is a city
of 江西), what the reports say the place itself does is quoted, and a place they never name is said to be missing."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.facts import around, places_named


@pytest.mark.parametrize(("message", "places", "province"), [
    ("江西鹰潭做铜加工的，鹰潭有啥补贴", ["江西", "鹰潭"], "江西"),
    ("我们是贵州遵义的一家酒类包装厂", ["贵州", "遵义"], "贵州"),
    ("陕西宝鸡做机床配件的", ["陕西", "宝鸡"], "陕西"),
    ("湖北十堰的汽配厂", ["湖北", "十堰"], "湖北"),
])
def test_cities_of_central_and_western_provinces_are_places_in_their_province(
        message: str, places: list[str], province: str) -> None:
    assert places_named(message) == places
    assert around(places[-1])[-1] == province


def test_what_the_place_itself_does_is_quoted_for_its_support_and_no_note_denies_it(advisor: Advisor) -> None:
    result = advisor.respond("江西鹰潭做铜加工的，鹰潭有啥补贴")
    assert not result.refused
    assert any("鹰潭高新区" in c.quote for c in result.citations), result.answer
    assert "没有专门提到“鹰潭”" not in result.answer


def test_a_city_the_reports_never_name_is_said_to_be_missing(advisor: Advisor) -> None:
    result = advisor.respond("贵州遵义有什么数字化转型补贴")
    assert "遵义" in result.answer and ("没有" in result.answer or result.refused)


def test_what_a_place_the_reports_write_about_does_is_answered_not_refused(advisor: Advisor) -> None:
    result = advisor.respond("重庆那边是怎么做的")
    assert not result.refused, result.answer
    assert all("重庆" in c.quote or "重庆" in c.passage for c in result.citations)


def test_a_province_asked_about_finds_its_citys_line(advisor: Advisor) -> None:
    result = advisor.respond("湖北有试点城市吗")
    assert any("武汉" in c.quote for c in result.citations), result.answer


def test_cases_from_the_trades_own_section_are_not_called_another_trades(advisor: Advisor) -> None:
    result = advisor.respond("我们是贵州的建材厂，有没有贵州的案例")
    assert any("贵州" in c.quote for c in result.citations)
    assert "以上是其他行业的做法" not in result.answer


@pytest.mark.parametrize(("message", "industry"), [
    ("江西鹰潭做铜加工的", "金属冶炼和压延加工"),  # 鹰潭's copper trade
    ("我们是贵州遵义的一家酒类包装厂", "酒类包装"),  # a product the reports have no section on, taken as said
    ("做注塑包装盒的", "橡胶和塑料制品"),
    ("我们是一家小型工厂", None),  # a size, not a product
])
def test_the_trade_is_taken_from_how_owners_name_their_plant(message: str, industry: str | None) -> None:
    from assistant.industries import match_industry

    found = match_industry(message)
    assert (found.name if found else None) == industry


def test_a_plant_named_by_its_product_is_not_asked_what_it_makes(advisor: Advisor) -> None:
    result = advisor.respond("我们是贵州遵义的一家酒类包装厂，贵州这边有什么数字化转型的政策？")
    assert "主要做什么产品" not in result.answer


def test_asking_what_they_used_after_peer_cases_is_about_those_firms_not_a_question_to_us(advisor: Advisor) -> None:
    first = advisor.respond("我们是陕西西安做航空零部件机加工的，120人，有没有同行案例")
    result = advisor.respond("他们用的什么系统", session_id=first.session_id)
    assert result.mode != "clarify" and not result.refused
    assert any("西安" in c.quote for c in result.citations), result.answer


def test_a_province_is_answered_by_its_citys_support_line_without_a_note_that_it_is_not_mentioned(
        advisor: Advisor) -> None:
    result = advisor.respond("湖北有试点城市吗")
    assert not result.refused and any("武汉" in c.quote for c in result.citations), result.answer
    assert "没有专门提到“湖北”" not in result.answer
