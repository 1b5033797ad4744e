"""Cleaning turns raw PDF extractions (snippets copied from the shared corpus) into readable paragraphs."""

from __future__ import annotations

import re

from corpus.clean import Paragraph, clean_pages

# 000: one blank line between every printed line, full-width digits, circled footnote markers.
PAPER_000 = """造是我国顺应和应对新一轮科技革命和产业变革作

出的战略决策，是全面推进产业数字化和数字产业

化，加快我国数字经济发展的主要路径。①改革开放

以来，我国中小企业蓬勃发展，截至 ２０１８ 年年底，我
国中小企业数量已超 ３０００ 万家，贡献了全国 ５０％以

上的税收，６０％以上的 ＧＤＰ，７０％以上的技术创新成

果和 ８０％以上的就业岗位②，在增加就业、稳定增长。
"""

PAPER_000_FIGURES = """逐渐缩小。 ２０１８ 年，中小型制造企业智能制造发展

水平（两化融合）达到 ４８．５ 左右，比 ２０１２ 年高出 １３，
年复合增长率为 ５．３４％。 从行业来看，对于中型制

造企业来说，消费品行业智能制造水平位居第一位。
"""

# 003: half-width ideographic punctuation ｡ ､ and ASCII commas, a heading with body text on the same line.
PAPER_003 = """(一)引领型､集成型和成长型企业均面临发展瓶颈 

1.缺乏具有国际竞争力的领军企业｡欧美发达国家在智能制造发展中强调由大企业牵头,协同中小企业､科研院所和孵化器

等,培育形成具有较强竞争力的产业综合体｡
"""

# 004: running header of the alliance on the cover and between pages, a TOC with tab page numbers.
REPORT_004_TOC = """工业互联网产业联盟
Alliance of Industrial Internet
目录

一、全球中小企业数字化转型趋势\t1
(一) 制造业技术规模化传播规律\t1
(二) 中小企业数字化转型规模化普及的推动因素\t2
二、主要国家中小企业数字化转型政策布局\t10
工业互联网产业联盟
Alliance of Industrial Internet
一、全球中小企业数字化转型趋势

（一）制造业技术规模化传播规律

从技术扩散的客观规律看，需求侧、技术侧与环境侧共同推动技术由大型企业点状应用走向中小企业规模化普及。

图 4-2 金属加工领域中小企业转型场景分布
来源：中国信息通信研究院
12
工业互联网产业联盟
Alliance of Industrial Internet
（二）中小企业数字化转型规模化普及的推动因素

回顾历次产业革命可以发现，新技术推广的路径都是沿着由大型领先企业的试点应用向中小企业规模化普及发展。
"""

# 002: dot-leader TOC, bold markup and a LaTeX fragment.
REPORT_002 = """目 录

一、现实意义.....\t1
(一) 融入实数融合大势的现实需要.....\t1
二、政策观察.....\t4

一、现实意义

（一）融入实数融合大势的现实需要

是驱动企业加快高质量发展的有力实践。**新型工业化“新”在高端化智能化绿色化**，
将其余企业按照投入规模分为轻量级（ $Tr \\leq 100$ 万元）、中量级（ $100 \\text{ 万元} < Tr \\leq 300$ 万元）。
"""


def _text(pages: list[str], paged: bool = False) -> str:
    return "\n\n".join(p.text for p in clean_pages(pages, paged))


def test_full_width_digits_become_ascii_and_chinese_punctuation_stays_chinese() -> None:
    text = _text([PAPER_000])
    assert "截至2018年年底" in text and "超3000万家" in text
    assert "60%以上的GDP，70%以上的技术创新成果" in text
    assert not re.search(r"[０-９％]", text)


def test_full_width_comma_between_digits_stays_chinese() -> None:
    text = _text([PAPER_000_FIGURES])
    assert "达到48.5左右，比2012年高出13，年复合增长率为5.34%。" in text


def test_half_width_ideographic_stops_and_ascii_commas_become_chinese() -> None:
    text = _text([PAPER_003])
    assert "｡" not in text and "､" not in text
    assert "(一)" not in text and "（一）引领型、集成型和成长型企业均面临发展瓶颈" in text
    assert "由大企业牵头，协同中小企业、科研院所" in text


def test_lines_broken_mid_sentence_are_rejoined() -> None:
    paragraphs = clean_pages([PAPER_000], paged=False)
    assert len(paragraphs) == 1
    assert "是我国顺应和应对新一轮科技革命和产业变革作出的战略决策，是全面推进产业数字化和数字产业化，" \
        in paragraphs[0].text
    assert "\n" not in paragraphs[0].text


def test_heading_with_body_on_the_same_line_still_joins_its_broken_sentence() -> None:
    text = _text([PAPER_003])
    assert "科研院所和孵化器等，培育形成具有较强竞争力的产业综合体。" in text


def test_spaces_between_chinese_characters_are_removed_but_latin_words_keep_theirs() -> None:
    text = _text(["杨 志 波　 　 　 杨 兰 桥\n\n工业 SAAS 与 Design for Manufacturability 软件。"])
    assert "杨志波杨兰桥" in text
    assert "工业SAAS与Design for Manufacturability软件。" in text


def test_endnote_markers_are_dropped_so_quotes_read_cleanly() -> None:
    text = _text([PAPER_000])
    assert "主要路径。改革开放" in text and "就业岗位，在增加就业" in text
    assert "①" not in text and "②" not in text
    assert "路径。1改革" not in text and "岗位2，" not in text  # nor turned into digits by NFKC
    bracketed = _text(["我国全面推进智能制造的重要参照 [1]。仍落后 5~10 年 [10]；造企业） [8]；75% 的企业"])
    assert "重要参照。" in bracketed and "5~10年；" in bracketed and "[8]" not in bracketed


def test_circled_numbers_that_start_list_items_are_kept() -> None:
    text = _text(["四是强化财税金融支撑。① 强化财政支持力度。② 实施税收优惠政策。"])
    assert "①" in text and "②" in text and "强化财政支持力度" in text


def test_superscript_footnote_reference_is_not_glued_to_the_text_as_a_digit() -> None:
    text = _text(["切分为 5 个一级环节，29 个二级环节¹。受访企业优先在经营管理环节改造。面积 20 万 m²。"])
    assert "29个二级环节。受访企业" in text
    assert "面积20万m2。" in text  # a unit's superscript is not a footnote (NFKC writes it as a digit)


def test_running_header_toc_captions_sources_and_page_numbers_are_removed() -> None:
    text = _text([REPORT_004_TOC])
    assert "工业互联网产业联盟" not in text and "Alliance of Industrial Internet" not in text
    assert "\t" not in text and "目录" not in text
    assert "图 4-2" not in text and "图4-2" not in text and "来源" not in text
    assert not re.search(r"(^|\n)12($|\n)", text)


def test_toc_entries_go_but_the_real_headings_later_in_the_document_stay() -> None:
    paragraphs = [p.text for p in clean_pages([REPORT_004_TOC], paged=False)]
    assert paragraphs[:3] == [
        "一、全球中小企业数字化转型趋势",
        "（一）制造业技术规模化传播规律",
        "从技术扩散的客观规律看，需求侧、技术侧与环境侧共同推动技术由大型企业点状应用走向中小企业规模化普及。",
    ]
    assert paragraphs.count("一、全球中小企业数字化转型趋势") == 1
    assert "（二）中小企业数字化转型规模化普及的推动因素" in paragraphs


def test_dot_leader_toc_bold_markup_and_latex_are_cleaned() -> None:
    paragraphs = [p.text for p in clean_pages([REPORT_002], paged=False)]
    text = "\n\n".join(paragraphs)
    assert "....." not in text and paragraphs[0] == "一、现实意义"
    assert paragraphs.count("一、现实意义") == 1 and "二、政策观察" not in text
    assert "**" not in text and "新型工业化“新”在高端化智能化绿色化，" in text
    assert "轻量级（Tr≤100万元）" in text
    assert "中量级（100万元<Tr≤300万元）" in text
    assert "$" not in text and "\\" not in text


def test_paragraph_boundaries_are_kept() -> None:
    paragraphs = [p.text for p in clean_pages([REPORT_004_TOC], paged=False)]
    body = [p for p in paragraphs if p.startswith(("从技术扩散", "回顾历次"))]
    assert len(body) == 2


def test_pages_are_remembered_for_paged_sources() -> None:
    pages = ["一、引言\n智能制造是先进制造过程与模式的总称，其典型特征是以智能工厂为其载体，",
             "关键制造环节智能化为其核心。\n二、发展现状\n政策支持力度大。"]
    paragraphs = clean_pages(pages, paged=True)
    assert paragraphs == [
        Paragraph("一、引言", 1),
        Paragraph("智能制造是先进制造过程与模式的总称，其典型特征是以智能工厂为其载体，关键制造环节智能化为其核心。", 1),
        Paragraph("二、发展现状", 2),
        Paragraph("政策支持力度大。", 2),
    ]


def test_a_heading_wrapped_onto_a_second_line_is_one_heading() -> None:
    raw = "四、国外推动中小型制造企业\n\n智能化改造的经验与启示\n\n中小型制造企业大范围实施智能制造一直是世界难题。"
    assert [p.text for p in clean_pages([raw], paged=False)][0] == "四、国外推动中小型制造企业智能化改造的经验与启示"


ROADMAP = ("\t一级 (初始级)\t二级 (规范级)\t三级 (集成级)\n"
           "研发设计\t利用CAD等设计软件工具，初步开展产品设计。\t通过PDM等系统实现设计过程的数字化管理。\t建立标准库和设计知识库\n"
           "\n"
           "生产制造\t采用基础数字化工具辅助编制生产计划。\t利用轻量化MES解决方案等采集关键环节数据。\t应用MES+集成平台。\n")
RANKING = "\t1\t2\t3\nERP厂家\t金蝶\t用友\t鼎捷\nMES厂家\t金蝶\t自研\t用友\n"


def test_a_roadmap_table_becomes_one_sentence_per_cell_with_its_row_and_column() -> None:
    texts = [p.text for p in clean_pages([ROADMAP], paged=False)]
    assert "研发设计·二级（规范级）：通过PDM等系统实现设计过程的数字化管理。" in texts
    assert "研发设计·三级（集成级）：建立标准库和设计知识库。" in texts  # a cell without a full stop gets one
    assert "生产制造·二级（规范级）：利用轻量化MES解决方案等采集关键环节数据。" in texts  # across the blank line
    assert not any("一级（初始级）二级" in t for t in texts)


def test_a_ranking_table_keeps_each_row_in_order() -> None:
    texts = [p.text for p in clean_pages([RANKING], paged=False)]
    assert texts == ["ERP厂家依次为：金蝶、用友、鼎捷。", "MES厂家依次为：金蝶、自研、用友。"]


def test_a_table_of_contents_line_with_a_tab_page_number_is_not_a_table() -> None:
    assert all("依次为" not in p.text for p in clean_pages(["一、现实意义\t1\n二、政策观察\t4\n"], paged=False))
