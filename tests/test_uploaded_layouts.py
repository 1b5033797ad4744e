"""Policy notices as staff upload them: a PDF printed with wrapped lines and a title over two lines, a Word file
whose amounts stand in a table. Each must come out of ingestion as the sentences and sections a reader sees."""

from __future__ import annotations

from pathlib import Path

from corpus.chunk import Chunk, assemble, chunk_document
from corpus.clean import clean_pages
from corpus.load import load_document


def _printed_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with these lines printed as they are: the line breaks are the layout's."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    for row, line in enumerate(lines):
        pdf.drawString(50, 800 - 18 * row, line)
    pdf.showPage()
    pdf.save()


def _chunks(path: Path) -> tuple[str, list[Chunk]]:
    loaded = load_document(path, {})
    return loaded.title, chunk_document(assemble(loaded.doc_id, loaded.title, clean_pages(loaded.pages, loaded.paged)))


# 苏州's notice as a PDF prints it: each item wraps at the right margin, one character or a unit spilling over
SUZHOU_PRINTED = [
    "苏州市工业和信息化局 苏州市财政局关于组织申报2026年度",
    "苏州市中小企业数字化转型专项资金项目的通知",
    "苏工信综〔2026〕15号",
    "各县级市（区）工业和信息化主管部门、财政局，苏州工业园区经济发展委员会、财",
    "政局，苏州高新区经济发展委员会、财政局：",
    "为深入贯彻落实《江苏省制造业智能化改造和数字化转型三年行动计划》，加快推动",
    "我市中小企业数字化转型，现就组织申报有关事项通知如下。",
    "一、申报条件",
    "（一）申报企业须为在苏州市行政区域内依法注册、具有独立法人资格的工业中小企",
    "业，财务管理制度健全。",
    "（二）企业上年度营业收入在500万元以上，且不超过4亿元。",
    "（三）项目须在2025年1月1日至申报截止日期间开工建设，项目总投资不低于100万",
    "元。",
    "二、支持标准",
    "（一）对数字化改造项目，按照项目设备和软件投资额的15%给予补助，单个项目最高",
    "不超过100万元。",
    "三、申报时间",
    "申报时间为2026年4月1日至2026年4月30日，企业通过专项资金管理系统在线填报。",
]


def test_a_list_item_wrapped_at_the_margin_is_one_sentence_under_its_section(tmp_path: Path) -> None:
    _printed_pdf(tmp_path / "notice.pdf", SUZHOU_PRINTED)
    _, chunks = _chunks(tmp_path / "notice.pdf")
    texts = [c.text for c in chunks]
    # the item's first line was taken for a heading, and its last words ("业，财务管理制度健全。") for its text
    assert "（一）申报企业须为在苏州市行政区域内依法注册、具有独立法人资格的工业中小企业，财务管理制度健全。" in texts
    assert "（一）对数字化改造项目，按照项目设备和软件投资额的15%给予补助，单个项目最高不超过100万元。" in texts
    assert not any(t.startswith(("业，", "元。", "不超过100万元")) for t in texts)
    by_text = {c.text: c.section for c in chunks}
    assert by_text["（三）项目须在2025年1月1日至申报截止日期间开工建设，项目总投资不低于100万元。"].startswith("一、申报条件")
    # a short heading is still a heading
    assert any(c.section == "三、申报时间" for c in chunks)


def test_a_pdf_title_printed_over_two_lines_is_the_whole_title(tmp_path: Path) -> None:
    _printed_pdf(tmp_path / "notice.pdf", SUZHOU_PRINTED)
    title, _ = _chunks(tmp_path / "notice.pdf")
    assert title == "苏州市工业和信息化局苏州市财政局关于组织申报2026年度苏州市中小企业数字化转型专项资金项目的通知"


def test_a_word_notice_s_table_of_amounts_is_read(tmp_path: Path) -> None:
    _word_notice(tmp_path / "guide.docx", "无锡市惠山区2026年度“智改数转”奖补申报指南", "二、补助标准",
                 [("项目类型", "补助比例", "最高限额"), ("工业软件购置", "软件投资额的20%", "50万元"),
                  ("数字化转型诊断", "诊断费用的50%", "2万元")],
                 before="补助标准如下表：", after=("三、申报时间", "2026年6月1日至6月30日，逾期不再受理。"))
    _, chunks = _chunks(tmp_path / "guide.docx")
    amounts = " ".join(c.text for c in chunks if c.section == "二、补助标准")
    # the table was dropped: python-docx lists paragraphs only, and the section held just "补助标准如下表："
    assert "工业软件购置" in amounts and "软件投资额的20%" in amounts and "50万元" in amounts
    assert "数字化转型诊断" in amounts and "2万元" in amounts
    # the table stands where it stood, before the next section
    assert any(c.section == "三、申报时间" and "6月30日" in c.text for c in chunks)


def test_a_document_number_is_not_glued_onto_the_salutation(tmp_path: Path) -> None:
    _printed_pdf(tmp_path / "notice.pdf", SUZHOU_PRINTED)
    _, chunks = _chunks(tmp_path / "notice.pdf")
    assert "15号各县级市" not in chunks[0].text


def test_each_row_of_a_two_column_word_table_is_quoted_on_its_own(tmp_path: Path) -> None:
    _word_notice(tmp_path / "award.docx", "绍兴市柯桥区印染企业数字化改造奖励办法", "二、奖励标准",
                 [("项目类型", "奖励金额"), ("数字化车间", "最高100万元"), ("智能工厂", "最高300万元")],
                 after=("三、申报时间", "每年6月1日至6月30日集中申报。"))
    _, chunks = _chunks(tmp_path / "award.docx")
    amounts = " ".join(c.text for c in chunks if c.section == "二、奖励标准")
    # the rows ran together ("项目类型：奖励金额数字化车间：最高100万元智能工厂：…"), quoted so in the answer
    assert "奖励金额数字化车间" not in amounts and "万元智能工厂" not in amounts
    assert "数字化车间：最高100万元。" in amounts and "智能工厂：最高300万元。" in amounts


def _word_notice(path: Path, title: str, heading: str, rows: list[tuple[str, ...]], before: str = "",
                 after: tuple[str, str] | None = None) -> None:
    """A Word notice: its title, one section holding a table (with a line before it), and maybe a section after."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(heading)
    if before:
        document.add_paragraph(before)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for line in after or ():
        document.add_paragraph(line)
    document.save(str(path))


def test_a_table_row_keeps_each_cell_apart_from_its_column_name(tmp_path: Path) -> None:
    _word_notice(tmp_path / "guide.docx", "无锡市惠山区2026年度“智改数转”奖补申报指南", "二、补助标准",
                 [("项目类型", "补助比例", "最高限额"), ("智能化改造", "设备投资额的10%", "200万元"),
                  ("工业软件购置", "软件投资额的20%", "50万元")])
    _, chunks = _chunks(tmp_path / "guide.docx")
    text = " ".join(c.text for c in chunks)
    # the column name ran into the cell: "补助比例设备投资额的10%"
    assert "补助比例设备投资额" not in text and "最高限额200万元" not in text
    assert "智能化改造：补助比例：设备投资额的10%，最高限额：200万元。" in text
    assert "工业软件购置：补助比例：软件投资额的20%，最高限额：50万元。" in text


# the end of a notice as typed in Word and saved as text: contact, signature, date and the list of attachments
CLOSING = """苏州市中小企业数字化转型专项资金申报通知

一、申报条件
企业上年度营业收入在500万元以上，且不超过4亿元。

二、联系方式
联系人：张明，电话：0512-68881234
苏州市工业和信息化局
苏州市财政局
2024年3月1日

附件：1.专项资金项目申报书
      2.企业信用承诺书
      3.项目投资明细表
"""


def _paragraphs(pages: list[str]) -> list[str]:
    return [p.text for p in clean_pages(pages, False)]


def test_the_signature_and_date_stand_apart_from_the_contact_line() -> None:
    paragraphs = _paragraphs([CLOSING])
    # they were glued: "联系人：张明，电话：0512-68881234苏州市工业和信息化局苏州市财政局2024年3月1日附件：…"
    assert "联系人：张明，电话：0512-68881234" in paragraphs
    assert "苏州市工业和信息化局" in paragraphs and "苏州市财政局" in paragraphs and "2024年3月1日" in paragraphs


def test_a_notice_s_attachments_are_one_list_not_headings() -> None:
    paragraphs = _paragraphs([CLOSING])
    assert "附件：1.专项资金项目申报书，2.企业信用承诺书，3.项目投资明细表" in paragraphs
    chunks = chunk_document(assemble("notice.txt", "通知", clean_pages([CLOSING], False)))
    assert not any("企业信用承诺书" in c.section or "项目投资明细表" in c.section for c in chunks)


def test_attachments_listed_on_one_line_stay_apart_and_the_signature_after_them_too() -> None:
    text = ("三、其他\n联系人：王敏 联系电话：0510-83591234\n附件：1.申报书 2.承诺书 3.项目投资明细表\n"
            "无锡市惠山区工业和信息化局\n二〇二四年三月一日\n")
    paragraphs = _paragraphs([text])
    assert "附件：1.申报书，2.承诺书，3.项目投资明细表" in paragraphs
    assert "无锡市惠山区工业和信息化局" in paragraphs and "二〇二四年三月一日" in paragraphs
    assert not any(p.startswith("联系人") and "附件" in p for p in paragraphs)


def test_a_printed_notice_s_closing_reads_the_same(tmp_path: Path) -> None:
    _printed_pdf(tmp_path / "notice.pdf", [*SUZHOU_PRINTED, "联系人：张明，电话：0512-68881234", "附件：1.专项资金项目申报书",
                                           "2.企业信用承诺书", "3.项目投资明细表", "苏州市工业和信息化局",
                                           "2026年3月1日"])
    _, chunks = _chunks(tmp_path / "notice.pdf")
    texts = "\n".join(c.text for c in chunks)
    assert "附件：1.专项资金项目申报书，2.企业信用承诺书，3.项目投资明细表" in texts
    assert "0512-68881234苏州" not in texts and "工业和信息化局2026年" not in texts
    assert not any("企业信用承诺书" in c.section for c in chunks)


BAOHE_MD = """# 合肥市包河区2026年中小企业“上云用数赋智”补贴申报指南

为推动合肥市包河区中小企业上云用数赋智，制定本指南。

## 一、申报对象和条件

| 条件 | 要求 |
| --- | --- |
| 注册地 | 在包河区注册并实际经营的中小企业 |
| 企业规模 | 从业人员不超过300人，且上年度营业收入不超过2亿元 |

## 二、补贴标准

| 补贴事项 | 补贴比例 | 每家企业上限 |
| --- | --- | --- |
| 购买云服务（云主机、云存储、SaaS软件） | 实际支付费用的40% | 10万元 |
| 数字化诊断 | 诊断服务费的50% | 2万元 |

## 三、申报材料

- 补贴申请表；
- 营业执照复印件。
"""


def test_a_markdown_notice_s_headings_and_tables_are_read(tmp_path: Path) -> None:
    # read as plain text it was one run-on line, "##一、申报对象和条件|条件|要求||---|…", quoted as a blob of pipes
    (tmp_path / "baohe.md").write_text(BAOHE_MD, encoding="utf-8")
    title, chunks = _chunks(tmp_path / "baohe.md")
    assert title == "合肥市包河区2026年中小企业“上云用数赋智”补贴申报指南"
    by_section = {c.section.split(" > ")[0]: c.text for c in chunks}
    assert "企业规模：从业人员不超过300人，且上年度营业收入不超过2亿元。" in by_section["一、申报对象和条件"]
    assert "条件：要求" not in by_section["一、申报对象和条件"]  # a two-column table's header is no row
    assert "数字化诊断：补贴比例：诊断服务费的50%，每家企业上限：2万元。" in by_section["二、补贴标准"]
    assert "营业执照复印件" in by_section["三、申报材料"]
    assert not any("|" in c.text or "#" in c.text or "---" in c.text for c in chunks)


def test_an_item_whose_full_stop_is_printed_on_the_next_line_keeps_its_words(tmp_path: Path) -> None:
    # the item filled its line and its 。 went on alone: it was read as a heading, and the deadline left no sentence
    printed = [*SUZHOU_PRINTED[:-2], "三、申报时间和方式", "（一）申报时间：2026年5月6日至2026年6月30日17:00，逾期不予受理", "。",
               "（二）申报方式：企业登录政务服务平台在线填报。"]
    _printed_pdf(tmp_path / "notice.pdf", printed)
    _, chunks = _chunks(tmp_path / "notice.pdf")
    assert any("（一）申报时间：2026年5月6日至2026年6月30日17:00，逾期不予受理。" in c.text for c in chunks)
