"""Every heading style used by the corpus reports is recognised with its level; body text is not a heading."""

from __future__ import annotations

import pytest

from corpus.clean import clean_pages
from corpus.headings import Heading, detect_heading


@pytest.mark.parametrize(
    ("raw", "level", "title"),
    [
        ("一、引言", 1, "一、引言"),
        ("四、中小企业数字化转型模型", 1, "四、中小企业数字化转型模型"),
        ("（三）十大细分领域中小企业典型数字化场景", 2, "（三）十大细分领域中小企业典型数字化场景"),
        ("(一)引领型､集成型和成长型企业均面临发展瓶颈", 2, "（一）引领型、集成型和成长型企业均面临发展瓶颈"),
        ("(一) 制造业技术规模化传播规律", 2, "（一）制造业技术规模化传播规律"),
        ("1.政策支持力度大", 3, "1.政策支持力度大"),
        ("5. 汽车零部件领域中小企业转型场景", 3, "5.汽车零部件领域中小企业转型场景"),
        ("10. 压缩机、泵、阀等设备制造中小企业转型场景", 3, "10.压缩机、泵、阀等设备制造中小企业转型场景"),
        ("１．完善市场竞争机制，破解思维锁定困境", 3, "1.完善市场竞争机制，破解思维锁定困境"),
        ("1、建立健全数字化转型服务体系", 3, "1、建立健全数字化转型服务体系"),
        ("特征1：转型预期既有普遍性又有阶段性", 4, "特征1：转型预期既有普遍性又有阶段性"),
        ("需求 1：在研发设计环节，对国产化软件有需求", 4, "需求1：在研发设计环节，对国产化软件有需求"),
        ("专栏 1：县域单元实践案例", 4, "专栏1：县域单元实践案例"),
        ("前 言", 1, "前言"),
    ],
)
def test_heading_styles_of_the_reports_are_recognised(raw: str, level: int, title: str) -> None:
    line = clean_pages([raw], paged=False)[0].text  # headings are matched on cleaned text, as in ingestion
    heading = detect_heading(line)
    assert heading is not None
    assert (heading.level, heading.title, heading.rest) == (level, title, "")


def test_a_long_feature_heading_is_cut_at_its_first_sentence_and_the_rest_is_body() -> None:
    line = ("特征 3：转型投入以轻量级为主，近两成受访企业在上一年度未开展相关投入。从企业填报的上一年度"
            "数字化转型资金投入总额来看，约有两成的企业尚未投入数字化转型。")
    heading = detect_heading(clean_pages([line], paged=False)[0].text)
    assert heading is not None and heading.level == 4
    assert heading.title == "特征3：转型投入以轻量级为主，近两成受访企业在上一年度未开展相关投入"
    assert heading.rest.startswith("从企业填报的上一年度数字化转型资金投入总额来看")


def test_a_numbered_heading_followed_by_its_first_paragraph_on_one_line() -> None:
    heading = detect_heading("1.缺乏具有国际竞争力的领军企业。欧美发达国家在智能制造发展中强调由大企业牵头。")
    assert heading is not None and heading.level == 3
    assert heading.title == "1.缺乏具有国际竞争力的领军企业"
    assert heading.rest == "欧美发达国家在智能制造发展中强调由大企业牵头。"


@pytest.mark.parametrize(
    "line",
    [
        "2.8亿元的研发投入带动了企业数字化水平的提升。",
        "2.8%的企业尚未开展数字化转型。",
        "一是龙头企业推动的供应链上下游中小企业链式转型。从定义内涵看，该模式主要是指龙头企业为供应链中利益相关方提供服务。",
        "二是集群、园区推动的区域内中小企业集体转型。",
        "1.从场景分布看，产业链上中下游中小企业转型场景各有侧重，产业链上游从事基础加工的中小企业对于生产作业更加敏感，"
        "如众多从事金属来料加工的中小企业，对设备管理、生产排程与质量检测等场景需求更加突出，并且希望投入较少资金快速见效",
        "2018年，中小型制造企业智能制造发展水平达到48.5左右。",
        "特征是以智能工厂为其载体，关键制造环节智能化为其核心。",
        "需求侧产生变化，牵引企业应用新型技术。",
        "一",
        "",
        "第三条规定的企业可以申请补贴。",  # a reference to an article at the start of a broken line
        "第二条所称中小企业，按国家标准划分。",
    ],
)
def test_body_text_is_not_a_heading(line: str) -> None:
    assert detect_heading(line) is None


def test_an_article_of_a_rule_is_a_heading_under_its_chapter_and_its_text_is_body() -> None:
    chapter = detect_heading("第一章 总则")
    article = detect_heading(clean_pages(["第五条 中小企业实施数字化改造的，按投入的30%给予补贴。"], paged=False)[0].text)
    item = detect_heading("（一）设备联网；")
    assert chapter is not None and article is not None and item is not None
    assert chapter.level < article.level < item.level  # 章 > 条 > 项: an article holds its items
    assert (article.title, article.rest) == ("第五条", "中小企业实施数字化改造的，按投入的30%给予补贴。")
    assert detect_heading("第二十一条 本细则自发布之日起施行。") == Heading(article.level, "第二十一条", "本细则自发布之日起施行。")
