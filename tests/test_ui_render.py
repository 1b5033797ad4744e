"""What the UI shows is inert text: hostile answers, documents and messages never become live HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from assistant.result import AdvisorResult, Citation
from ui.render import (
    Turn,
    answer_html,
    evidence_html,
    highlight,
    markdown_html,
    passages_html,
    transcript_html,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![track](http://evil.example/pixel.png)",
    "[点我](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">链接</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"http://evil.example\"></iframe>",
    "${alert(1)} {{constructor.constructor('alert(1)')()}} `x`",
    "<style>body{display:none}</style>",
    "\"><b onmouseover=alert(1)>x</b>",
]


class _Collector(HTMLParser):
    """Record every tag and attribute the browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


ALLOWED_TAGS = {"div", "p", "br", "strong", "h4", "ul", "ol", "li", "blockquote", "a", "mark", "span"}


def assert_inert(html: str) -> None:
    found = parse(html)
    assert set(found.tags) <= ALLOWED_TAGS, set(found.tags) - ALLOWED_TAGS
    for name, value in found.attrs:
        assert not name.startswith("on"), name
        assert name not in ("src", "style", "srcset", "action", "formaction")
        if name == "href":
            assert value.startswith("#src-"), value
    assert "${" not in html and "{{" not in html


def citation(n: int, quote: str, passage: str, title: str = "中小企业数字化转型指南") -> Citation:
    return Citation(n=n, doc_id="003.txt", title=title, section="三、路径 > （一）评估", page=4, quote=quote,
                    chunk_id=f"c{n}", passage=passage)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_in_an_answer_is_shown_as_text(payload: str) -> None:
    result = AdvisorResult(answer=f"建议先上 ERP {payload} [1]", citations=[citation(1, payload, f"前文。{payload}后文。")],
                           notices=[payload])
    html = answer_html(result, "t0")
    assert_inert(html)
    assert "&lt;" in html or "&#" in html or "(" in html  # the payload is still visible, as characters


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_in_documents_user_messages_and_titles_is_inert(payload: str) -> None:
    c = citation(1, payload, payload, title=payload)
    assert_inert(evidence_html([c]))
    assert_inert(transcript_html([Turn(user=payload, partial=payload, status=payload)], payload))

    class P:
        title, section, text, doc_id, page, score = payload, payload, payload, payload, 3, 0.5

    assert_inert(passages_html([P()]))


def test_citation_markers_become_links_only_for_cited_numbers() -> None:
    result = AdvisorResult(answer="**先做诊断**[1]，再选系统[2]。第[9]条不存在。", citations=[citation(1, "q", "q"),
                                                                                   citation(2, "r", "r")])
    html = answer_html(result, "t3")
    assert html.count("class=\"cite\"") == 2
    assert 'data-src="t3-1"' in html and 'data-src="t3-2"' in html
    assert "[9]" in html and 'data-src="t3-9"' not in html
    assert "<strong>先做诊断</strong>" in html
    assert "id='src-t3-1'" in html  # the hidden source card the link opens


def test_the_quoted_sentence_is_highlighted_inside_its_passage() -> None:
    passage = "企业应先开展诊断评估。中小企业可以优先上云用平台，降低投入门槛。最后逐步集成。"
    html = highlight(passage, "中小企业可以优先上云用平台，降低投入门槛。")
    assert re.search(r"<mark>中小企业可以优先上云用平台，降低投入门槛。</mark>", html)
    assert html.startswith("企业应先开展诊断评估。") and html.endswith("最后逐步集成。")


def test_a_quote_of_two_sentences_marks_each_where_it_stands() -> None:
    passage = "甲句很长的一句话。乙句在中间。丙句也很长的话。"
    html = highlight(passage, "甲句很长的一句话。丙句也很长的话。")
    assert html.count("<mark>") == 2 and "乙句在中间。" in html.replace("<mark>", "").replace("</mark>", "")


def test_a_quote_missing_from_the_passage_is_still_shown_marked() -> None:
    html = highlight("完全不同的文字。", "原文引用的句子。")
    assert "<mark>原文引用的句子。</mark>" in html and "完全不同的文字。" in html


def test_markdown_subset_renders_lists_headings_and_paragraphs() -> None:
    html = markdown_html("## 建议\n\n1. 先诊断\n2. 再上云\n\n- 要点甲\n- 要点乙\n\n> 引用\n普通段落")
    assert "<h4>建议</h4>" in html
    assert "<ol><li>先诊断</li><li>再上云</li></ol>" in html
    assert "<ul><li>要点甲</li><li>要点乙</li></ul>" in html
    assert "<blockquote>引用</blockquote>" in html and "<p>普通段落</p>" in html


def test_refused_and_low_confidence_answers_carry_a_visible_mark() -> None:
    refused = answer_html(AdvisorResult(answer="资料中没有相关内容。", refused=True, mode="refusal"), "a")
    low = answer_html(AdvisorResult(answer="可能是这样。", low_confidence=True), "b")
    assert "badge refused" in refused and "未作回答" in refused
    assert "badge lowconf" in low and "依据不足" in low


def test_the_profile_card_shows_figures_with_their_units() -> None:
    from assistant.profile import profile_from_fields
    from ui.profile_card import card_html

    card = card_html(profile_from_fields("金属加工", 50, 800.0, None).summary())
    assert "50 人" in card and "800 万元" in card and "800.0" not in card


def test_the_helpdesk_trace_names_steps_sources_and_decisions_in_chinese() -> None:
    from assistant.result import TraceStep
    from ui.helpdesk import trace_html

    result = AdvisorResult(answer="", trace=[TraceStep(rule="intent", detail="advice：介绍了自家情况并提问"),
                                            TraceStep(rule="slot:industry", detail="“模具” → 金属加工（inferred；行业别称）"),
                                            TraceStep(rule="decision", detail="advice → clarify")])
    html = trace_html(result)
    assert "意图" in html and "求建议：介绍了自家情况并提问" in html and "画像·行业" in html
    assert "（推断；行业别称）" in html and "求建议 → 先追问" in html
    assert "inferred" not in html and "slot:" not in html and "decision" not in html


def test_the_helpdesk_names_languages_and_missing_slots_in_chinese_and_asks_without_web_buttons() -> None:
    from assistant.result import Clarify, TraceStep
    from ui.helpdesk import ask_next, trace_html

    traced = AdvisorResult(answer="", trace=[TraceStep(rule="language", detail="zh"), TraceStep(
        rule="topic", detail="roadmap：影响建议的信息 industry、size、stage；缺 size、stage；已问过 无")])
    html = trace_html(traced)
    assert "中文" in html and "转型路径" in html and "缺 规模、阶段" in html and "industry" not in html
    clarify = AdvisorResult(answer="", mode="clarify", intent="advice", clarify=Clarify(
        question="想先了解 2 点（不方便说可以点“跳过”）：", options={"size": ["20人以下", "跳过"]}, slots=["size"]))
    asked = ask_next(clarify)
    assert "规模：20人以下" in asked and "跳过" not in asked and "size" not in asked


def test_the_helpdesk_says_an_out_of_scope_message_is_outside_the_service_not_missing_from_the_reports() -> None:
    from ui.helpdesk import ask_next
    from ui.render import badges

    result = AdvisorResult(answer="抱歉，这个超出了我能帮忙的范围。", mode="reply", intent="out_of_scope", refused=True)
    assert "超出服务范围" in badges(result) and "资料中未找到依据" not in badges(result)
    assert ask_next(result).startswith("无需追问")
