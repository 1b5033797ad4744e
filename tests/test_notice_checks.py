"""A notice's numeric conditions read right, and a firm's figures held against them only when it is clear."""

from __future__ import annotations

import pytest

from assistant.notice_checks import Condition, Figure, checks, conditions_in, verdict
from assistant.result import ProfileSummary


def _bounds(sentence: str) -> list[tuple[str, float | None, float | None]]:
    return [(c.kind, c.lower.value if c.lower else None, c.upper.value if c.upper else None)
            for c in conditions_in(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("（二）企业上年度营业收入在500万元以上，且不超过4亿元。", [("营收", 500, 40000)]),
    ("企业上年度营业收入不低于1.5亿元。", [("营收", 15000, None)]),
    ("年主营业务收入在2000万元及以上的规模以上工业企业。", [("营收", 2000, None)]),
    ("营业收入500万元至2亿元的中小企业。", [("营收", 500, 20000)]),
    ("营业收入500-2000万元的企业。", [("营收", 500, 2000)]),
    ("上年度销售收入不超过5000000元。", [("营收", None, 500)]),
    ("（二）从业人员不超过300人。", [("从业人员", None, 300)]),
    ("职工人数20人至300人，且从业人员不超过三百人。", [("从业人员", 20, 300), ("从业人员", None, 300)]),
    ("研发投入占营业收入比例不低于3%，企业注册成立满2年。", [("研发投入占比", 3, None), ("成立年限", 2, None)]),
    ("企业成立时间在一年以上。", [("成立年限", 1, None)]),
])
def test_a_condition_s_bounds_and_units_are_read(sentence: str, expected: list) -> None:
    assert _bounds(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "从业人员1000人以下或营业收入40000万元以下的企业。",  # either will do
    "上年度营业收入增长不低于10%。",  # a growth rate, not the revenue
    "近三年平均营业收入在1000万元以上。",
    "（三）项目总投资不低于100万元。",  # the project's money, not the firm's revenue
    "研发人员占职工总数的比例不低于10%。",  # not the headcount
    "企业须于2020年1月1日以后成立。",  # a date, not years in business
    "营业收入2000万元。",  # no bound said
])
def test_what_is_not_a_clear_bound_on_a_firm_s_figure_is_left_alone(sentence: str) -> None:
    assert conditions_in(sentence) == []


def test_a_wrong_in_range_is_never_said_of_an_approximate_figure_near_the_bound() -> None:
    cap = Condition("从业人员", "从业人员不超过300人", None, conditions_in("从业人员不超过300人")[0].upper)
    assert verdict(Figure("从业人员", 290, True, "290人"), cap) == "unclear"  # "两百九十来人" may be 300+
    assert verdict(Figure("从业人员", 290, False, "290人"), cap) == "in"
    assert verdict(Figure("从业人员", 300, False, "300人"), cap) == "in"  # 不超过: the bound itself is in
    assert verdict(Figure("从业人员", 30, True, "30人"), cap) == "in"
    assert verdict(Figure("从业人员", 350, False, "350人"), cap) == "out"
    above = conditions_in("销售收入超过2000万元")[0]  # 超过: the bound itself is not
    assert verdict(Figure("营收", 2000, False, "2000万元"), above) == "out"


def test_only_figures_the_firm_stated_are_held_against_conditions_of_their_kind() -> None:
    profile = ProfileSummary(employees=60, revenue_wan=3000.0, sources={
        "employees": {"source": "stated", "rule": "从业人员"}, "revenue_wan": {"source": "stated", "rule": ""},
        "revenue_basis": {"value": "营收"}})
    from assistant.notice_checks import firm_figures

    figures = firm_figures(profile, "我们60人营收3000万，研发投入占比4.5%，成立了五年")
    assert {f.kind: f.value for f in figures} == {"营收": 3000, "从业人员": 60, "研发投入占比": 4.5, "成立年限": 5}
    held = checks(["（二）企业上年度营业收入在500万元以上，且不超过4亿元。", "（三）项目总投资不低于100万元。",
                   "研发投入占营业收入比例不低于5%。"], figures)
    assert [(c.figure.kind, c.verdict) for c in held] == [("营收", "in"), ("研发投入占比", "out")]
    output = ProfileSummary(revenue_wan=3000.0, sources={"revenue_wan": {"source": "stated", "rule": ""},
                                                         "revenue_basis": {"value": "产值"}})
    assert firm_figures(output, "产值3000万") == []  # 产值 is not 营业收入


def test_a_printed_notice_s_condition_wrapped_inside_its_unit_is_read_whole(tmp_path) -> None:
    from tests.test_uploaded_layouts import SUZHOU_PRINTED, _chunks, _printed_pdf

    at = SUZHOU_PRINTED.index("（二）企业上年度营业收入在500万元以上，且不超过4亿元。")
    printed = [*SUZHOU_PRINTED[:at], "（二）企业上年度从业人员不超过300人，营业收入在500万元以上，且不超过4亿", "元。",
               *SUZHOU_PRINTED[at + 1:]]
    _printed_pdf(tmp_path / "notice.pdf", printed)
    _, chunks = _chunks(tmp_path / "notice.pdf")
    item = next(c.text for c in chunks if c.text.startswith("（二）企业上年度"))
    assert [(c.kind, c.upper.value if c.upper else None) for c in conditions_in(item)] == [("从业人员", 300), ("营收", 40000)]
