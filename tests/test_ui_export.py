"""The consultation report: profile, every question and answer, one shared reference list; Markdown and PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdf import PdfReader

from assistant.advisor import Advisor
from assistant.result import AdvisorResult, Citation, ProfileSummary
from assistant.runtime import Runtime
from assistant.settings import Settings
from ui.export import build_report, to_markdown, write_files

PROFILE = ProfileSummary(industry="汽车零部件", size="小型", stage="应用数字化", employees=200,
                         sources={"industry": {"source": "stated", "evidence": "我们是做汽车零部件的", "rule": "行业词",
                                               "value": "汽车零部件"},
                                  "size": {"source": "inferred", "evidence": "200 人", "rule": "从业人员",
                                           "value": "小型"}})


def cite(n: int, chunk: str, quote: str) -> Citation:
    return Citation(n=n, doc_id="003.txt", title="中小企业数字化转型指南", section="三、路径", page=5, quote=quote,
                    chunk_id=chunk, passage=quote)


def conversation() -> list[tuple[str, AdvisorResult]]:
    first = AdvisorResult(answer="**先诊断**，再上云[1]。设备联网见[2]。",
                          citations=[cite(1, "c-a", "先开展诊断评估。"), cite(2, "c-b", "推动设备联网。")],
                          profile=PROFILE)
    # The second answer cites the same chunk as the first one's [2] under its own number [1].
    second = AdvisorResult(answer="设备联网可以分步推进[1]。", citations=[cite(1, "c-b", "推动设备联网。")],
                           profile=PROFILE, low_confidence=True)
    return [("下一步做什么？", first), ("设备联网怎么做？", second)]


def test_report_renumbers_citations_across_answers_and_lists_each_source_once() -> None:
    report = build_report(conversation(), PROFILE, datetime(2025, 1, 2, 3, 4))
    assert [r.n for r in report.references] == [1, 2]
    assert report.entries[0].answer.endswith("设备联网见[2]。")
    assert report.entries[1].answer == "设备联网可以分步推进[2]。"
    assert report.entries[1].flag == "依据不足，仅供参考"


def test_two_quotes_from_one_passage_keep_their_own_references() -> None:
    answer = AdvisorResult(answer="先诊断[1]。再看案例[2]。", citations=[cite(1, "c-a", "先开展诊断评估。"),
                                                                       cite(2, "c-a", "重庆某公司部署了SPC。")])
    report = build_report([("下一步？", answer)], PROFILE, datetime(2025, 1, 2, 3, 4))
    assert [r.quote for r in report.references] == ["先开展诊断评估。", "重庆某公司部署了SPC。"]
    assert report.entries[0].answer == "先诊断[1]。再看案例[2]。"


def test_markdown_report_has_profile_with_sources_answers_and_references() -> None:
    md = to_markdown(build_report(conversation(), PROFILE, datetime(2025, 1, 2, 3, 4)))
    assert "| 行业 | 汽车零部件 | 您告知（“我们是做汽车零部件的”） |" in md
    assert "| 规模 | 小型 | 推断（“200 人”） |" in md
    assert "| 数字化阶段 | 应用数字化 |" in md
    assert "### 问题 1：下一步做什么？" in md and "### 问题 2：设备联网怎么做？" in md
    assert "1. 《中小企业数字化转型指南》 三、路径，第 5 页" in md and "> 推动设备联网。" in md
    assert "> 注意：依据不足，仅供参考" in md


def test_pdf_report_is_readable_chinese(tmp_path: Path) -> None:
    paths = write_files(build_report(conversation(), PROFILE), tmp_path)
    assert [p.suffix for p in paths] == [".md", ".pdf", ".docx"]
    text = "".join(page.extract_text() for page in PdfReader(str(paths[1])).pages)
    for expected in ("咨询报告", "企业画像", "汽车零部件", "下一步做什么", "参考资料", "推动设备联网"):
        assert expected in text, expected


def word_text(path: Path) -> tuple[list[str], list[list[str]]]:
    """The paragraphs and table rows of a .docx as Word shows them."""
    from docx import Document

    doc = Document(str(path))
    return [p.text for p in doc.paragraphs], [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


def test_word_report_holds_the_profile_each_answer_and_its_sources_title_section_and_quote(tmp_path: Path) -> None:
    paths = write_files(build_report(conversation(), PROFILE, datetime(2025, 1, 2, 3, 4)), tmp_path)
    docx = next(p for p in paths if p.suffix == ".docx")
    assert docx.name == "咨询报告-20250102-030400.docx"
    paragraphs, rows = word_text(docx)
    assert ["项目", "内容", "来源"] in rows and ["行业", "汽车零部件", "您告知（“我们是做汽车零部件的”）"] in rows
    assert ["规模", "小型", "推断（“200 人”）"] in rows
    for expected in ("数转顾问 · 咨询报告", "生成时间：2025-01-02 03:04", "问题 1：下一步做什么？", "先诊断，再上云[1]。设备联网见[2]。",
                     "问题 2：设备联网怎么做？", "注意：依据不足，仅供参考", "设备联网可以分步推进[2]。",
                     "[1] 《中小企业数字化转型指南》 三、路径，第 5 页", "“先开展诊断评估。”", "“推动设备联网。”"):
        assert expected in paragraphs, (expected, paragraphs)
    assert not any("**" in p for p in paragraphs)  # bold is Word's bold, not Markdown's asterisks


def test_word_report_names_a_chinese_font_and_keeps_an_answers_sections_as_headings(tmp_path: Path) -> None:
    from docx import Document

    sectioned = AdvisorResult(answer="以下内容摘自报告原文：\n\n### 适合贵企业的场景\n- 先开展诊断评估。[1]",
                              citations=[cite(1, "c-a", "先开展诊断评估。")], profile=PROFILE)
    docx = write_files(build_report([("先做什么？", sectioned)], PROFILE), tmp_path)[2]
    doc = Document(str(docx))
    heading = next(p for p in doc.paragraphs if p.text == "适合贵企业的场景")
    assert heading.style.name.startswith("Heading")
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")  # not a Latin font


def _fonts(reader: PdfReader) -> dict[str, object]:
    """Every font the pages use, by its base name, with the descriptor that says whether its glyphs are in the file."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = described.get("/FontDescriptor")
    return fonts


def test_pdf_report_carries_its_chinese_font_so_every_viewer_shows_every_character(tmp_path: Path) -> None:
    # STSong-Light was only named, not embedded: a viewer without it substituted a font and showed "·" blank
    dotted = AdvisorResult(answer="数据·流程·人员三者并重——先诊断（约３成企业）[1]。",
                           citations=[cite(1, "c-a", "数据·流程·人员三者并重。")], profile=PROFILE)
    pdf = write_files(build_report([("怎么开始？", dotted)], PROFILE), tmp_path)[1]
    reader = PdfReader(str(pdf))
    fonts = _fonts(reader)
    assert fonts, "the report names no font"
    for name, descriptor in fonts.items():
        assert descriptor is not None, name
        assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("数转顾问 · 咨询报告", "数据·流程·人员三者并重——先诊断（约３成企业）", "“数据·流程·人员三者并重。”"):
        assert expected in text, expected


def test_an_english_conversation_is_reported_under_english_headings(tmp_path: Path) -> None:
    profile = ProfileSummary(industry="汽车零部件", size="小型", employees=200, revenue_wan=5000, region="苏州",
                             sources={"industry": {"source": "stated", "evidence": "we make auto parts"},
                                      "size": {"source": "inferred", "evidence": "200 staff"}})
    answer = AdvisorResult(answer="Start with a diagnosis[1].", citations=[cite(1, "c-a", "先开展诊断评估。")],
                           profile=profile, low_confidence=True, language="en")
    report = build_report([("What should we digitalise next?", answer)], profile, datetime(2025, 1, 2, 3, 4))
    md = to_markdown(report)
    for expected in ("# 数转顾问 · Consultation report", "Created: 2025-01-02 03:04", "## Company profile",
                     "| Item | Value | Source |", "| Industry | auto parts (汽车零部件) | you said (“we make auto parts”) |",
                     "| Size | small (小型) | inferred (“200 staff”) |", "| Employees | 200 people |",
                     "| Revenue | RMB 50 million |", "| Region | Suzhou |", "## Questions and answers",
                     "### Question 1: What should we digitalise next?", "> Note: Weak support: for reference only",
                     "## References", "1. 《中小企业数字化转型指南》, 三、路径, p. 5"):
        assert expected in md, expected
    paths = write_files(report, tmp_path)
    assert paths[0].name.startswith("consultation-report-")
    text = "".join(page.extract_text() for page in PdfReader(str(paths[1])).pages)
    for expected in ("Consultation report", "Company profile", "Question 1: What should we digitalise next?",
                     "References", "p. 5"):
        assert expected in text, expected
    for heading in ("咨询报告", "企业画像", "问答记录", "参考资料", "问题 1", "生成时间", "注意：", "第 5 页", "您告知"):
        assert heading not in md and heading not in text, heading


def test_a_chinese_conversation_with_one_english_question_keeps_chinese_headings() -> None:
    english = AdvisorResult(answer="Start with a diagnosis.", mode="reply", language="en")
    turns = [*conversation(), ("any examples?", english)]
    md = to_markdown(build_report(turns, PROFILE))
    assert "## 问答记录" in md and "### 问题 3：any examples?" in md and "Questions and answers" not in md


def test_report_with_unknown_profile_says_so() -> None:
    md = to_markdown(build_report([("你好", AdvisorResult(answer="您好！", mode="reply"))], ProfileSummary()))
    assert "| 行业 | 未知 |  |" in md and "（本次对话未引用资料）" in md


def test_an_answers_own_sections_sit_under_its_question_and_a_question_over_several_lines_stays_whole() -> None:
    sectioned = AdvisorResult(answer="以下内容摘自报告原文：\n\n### 适合贵企业的场景\n- 先开展诊断评估。[1]",
                              citations=[cite(1, "c-a", "先开展诊断评估。")], profile=PROFILE)
    md = to_markdown(build_report([("1. 先做什么？\n2. 有补贴吗？", sectioned)], PROFILE))
    assert "### 问题 1：1. 先做什么？ 2. 有补贴吗？\n" in md
    assert "#### 适合贵企业的场景" in md and "\n### 适合贵企业的场景" not in md


def test_a_clarifying_exchange_is_reported_under_the_question_it_held_back(
        shared_index_settings: Settings, tmp_path: Path) -> None:
    advisor = Advisor(Runtime(shared_index_settings.model_copy(update={"database": tmp_path / "a.sqlite3"})))

    def conversation(*messages: str) -> list[tuple[str, AdvisorResult]]:
        turns, session = [], None
        for message in messages:
            result = advisor.respond(message, session)
            session = result.session_id
            turns.append((message, result))
        return turns

    turns = conversation("我们厂下一步数字化该做什么？", "金属加工/模具", "有什么补贴？")
    assert [r.mode for _, r in turns] == ["clarify", "extractive", "extractive"]
    report = build_report(turns, turns[-1][1].profile)
    assert [e.question for e in report.entries] == ["我们厂下一步数字化该做什么？（补充：金属加工/模具）", "有什么补贴？"]
    assert "为了给您更对路的建议" not in report.entries[0].answer and "金属加工" in report.entries[0].answer
    ended = conversation("什么是工业互联网平台？", "我们厂下一步数字化该做什么？")
    assert ended[-1][1].mode == "clarify"
    entries = build_report(ended, ended[-1][1].profile).entries
    assert [e.question for e in entries] == ["什么是工业互联网平台？", "我们厂下一步数字化该做什么？"]
    assert entries[-1].flag == "顾问在等待补充企业信息，尚未回答"  # ended on the advisor's own question


def test_a_source_with_pages_but_no_sections_reads_cleanly_in_the_report_and_the_draft() -> None:
    from assistant.citations import reference_lines

    uploaded = Citation(n=1, doc_id="政策.pdf", title="浙江省补贴办法", section="", page=1, quote="单个企业奖励最高不超过五十万元。",
                        chunk_id="p-1", passage="单个企业奖励最高不超过五十万元。")
    md = to_markdown(build_report([("最高补多少？", AdvisorResult(answer="最高五十万元[1]。", citations=[uploaded]))],
                                  PROFILE))
    assert "1. 《浙江省补贴办法》 第 1 页" in md and "》 ，" not in md
    assert reference_lines([uploaded]) == ["[1] 《浙江省补贴办法》 第 1 页：“单个企业奖励最高不超过五十万元。”"]
    # an English draft's sources read in English too
    assert reference_lines([uploaded], "en") == ["[1] 《浙江省补贴办法》, p. 1：“单个企业奖励最高不超过五十万元。”"]
    assert "1. 《中小企业数字化转型指南》 三、路径，第 5 页" in to_markdown(build_report(conversation(), PROFILE))
