"""Asked which policies exist, an answer quoting what a report *recommends* ("完善…税收政策", "加大财税支持") labels it
as the report's proposal, below what is in force, so that nobody goes to ask for a measure a paper only proposes."""

from __future__ import annotations

import re

from assistant.advisor import Advisor

LABEL = "报告提出的建议（并非已出台的政策）："


def test_asked_which_support_exists_a_reports_proposal_is_labelled_as_one(advisor: Advisor) -> None:
    result = advisor.respond("国家对专精特新有哪些优惠政策")
    lines = result.answer.splitlines()
    assert LABEL in lines, result.answer
    # every quote below the label comes from a part of a report that recommends (对策建议, 突破路径, 展望)
    below = {int(n) for line in lines[lines.index(LABEL) + 1:] for n in re.findall(r"\[(\d+)\]", line)}
    sections = [c.section.split(" > ")[0] for c in result.citations if c.n in below]
    assert sections and all(re.search(r"对策|建议|突破路径|展望", s) for s in sections), (sections, result.answer)


def test_a_programme_in_force_is_not_labelled_a_proposal(advisor: Advisor) -> None:
    # the quotes describe what pilot cities and local governments do (专项补助、贷款贴息…): no recommendation among them
    result = advisor.respond("中小企业数字化转型有哪些资金支持")
    assert "试点城市" in result.answer and "报告提出的建议" not in result.answer, result.answer


def test_a_figure_asked_about_a_programme_is_not_a_question_about_which_policies_exist(advisor: Advisor) -> None:
    # "试点示范…评了多少个" is answered with 305; a paper's call for more 试点示范 awards is no policy asked about
    result = advisor.respond("国家级智能制造试点示范项目到2020年底一共评了多少个")
    assert "305" in result.answer and "报告提出的建议" not in result.answer, result.answer
