"""The staff views in a real Chromium against a real server on the shared-corpus index (copied; uploads go to the copy):
the helpdesk behind its token, corpus uploads and deletions, and Gradio's own English shown in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_support import (
    HOSTILE_DOC,
    MARKER,
    ask,
    english_left,
    shot,
    status_lines,
    toast_said,
    unlock,
    upload,
    watch_status,
)

pytestmark = pytest.mark.browser


def test_helpdesk_is_locked_until_the_token_then_drafts_a_reply_with_evidence(page_for) -> None:
    page = page_for()
    page.get_by_role("tab", name="客服工作台").click()
    assert page.locator("#hd-lock").is_visible() and not page.locator("#hd-content").is_visible()
    shot(page, "desktop-helpdesk-locked")
    unlock(page, "客服工作台", "hd")
    page.get_by_text("客户画像（可选）").click()
    assert page.locator("#hd-employees input").input_value() == ""  # blank, not "0"
    page.get_by_text("客户画像（可选）").click()
    page.locator("#hd-message textarea").fill("我们是一家做纺织印染的小企业，下一步数字化该做什么？")
    page.locator("#hd-draft-btn").click()
    page.wait_for_function("document.querySelector('#hd-next textarea').value.includes('多少人')")
    page.locator("#hd-profile").get_by_text("纺织印染").wait_for()  # the profile read from the customer's words
    assert "跳过" not in page.locator("#hd-draft textarea").input_value()  # a chat customer has no such button
    page.locator("#hd-message textarea").fill("我们是做PCB的，八十人。" * 200)  # too long: refused…
    page.locator("#hd-draft-btn").click()
    page.locator("#hd-flags").get_by_text("太长").wait_for()
    assert page.locator("#hd-draft textarea").input_value() == ""  # …and the last customer's draft is gone
    page.locator("#hd-message textarea").fill("什么是工业互联网平台？")
    watch_status(page)
    page.locator("#hd-draft-btn").click()
    page.wait_for_function("document.querySelector('#hd-draft textarea').value.includes('参考资料')")
    # the line over the draft while it is written was "processing | 0.4s"
    lines = status_lines(page)
    assert any("|" in line for line in lines) and not any(re.search(r"[A-Za-z]{3}", x.split("：", 1)[1]) for x in lines), lines
    assert page.locator("#hd-evidence .ev mark").count() >= 1
    assert page.locator("#hd-query input, #hd-query textarea").first.input_value()
    page.get_by_text("规则轨迹（为什么这样判断）").click()
    page.locator("#hd-trace li").first.wait_for()
    shot(page, "desktop-helpdesk-draft")
    page.locator("#hd-search-btn").click()
    page.locator("#hd-passages .passage").first.wait_for()
    # searching the same message for more passages keeps the draft staff were working on
    assert "参考资料" in page.locator("#hd-draft textarea").input_value()
    # a form value is named in the flags (it may be left from the last customer), and 清空 clears it all
    page.get_by_text("客户画像（可选）").click()
    page.locator("#hd-industry input, #hd-industry textarea").first.fill("注塑")
    page.locator("#hd-draft-btn").click()
    page.locator("#hd-flags").get_by_text("人工指定").wait_for()
    page.locator("#hd-employees input").fill("-5")  # a slip on the form: the flag names the field and why
    page.locator("#hd-draft-btn").click()
    page.locator("#hd-flags").get_by_text("人数：不能是负数").wait_for()
    page.locator("#hd-revenue input").fill("1000000000000")  # two slips: each named, in one bracket at a time
    page.locator("#hd-draft-btn").click()
    page.locator("#hd-flags").get_by_text("数值不合理").wait_for()
    flags = page.locator("#hd-flags").inner_text()
    assert "人数：不能是负数" in flags and not re.search(r"（（|））|）（", flags), flags
    assert page.locator("#hd-draft textarea").input_value() == ""
    page.locator("#hd-clear").click()
    page.wait_for_function("document.querySelector('#hd-message textarea').value === ''")
    assert page.locator("#hd-industry input, #hd-industry textarea").first.input_value() == ""
    assert page.locator("#hd-draft textarea").input_value() == ""
    page.watch.assert_clean()


def test_corpus_upload_rejects_bad_files_and_hostile_text_stays_inert(page_for) -> None:
    page = page_for()
    unlock(page, "资料库", "corpus")
    page.locator("#corpus-table").get_by_text("002_82f8ca8554db744f.txt").wait_for()
    for name, data, reason in (("empty.txt", b"", "文件是空的"), ("tool.exe", b"MZ\x90\x00", "不支持的文件类型"),
                               ("broken.pdf", b"%PDF-1.4 garbage", "无法读取")):
        upload(page, name, data)
        page.locator("#upload-status .upload-error").get_by_text(reason).wait_for()
    shot(page, "desktop-corpus-error")
    watch_status(page)
    upload(page, "../../hostile.md", HOSTILE_DOC.encode())
    page.locator("#upload-status .upload-ok").wait_for(timeout=180_000)
    # the index build's progress counts documents in Chinese ("10/10 篇"), not in Gradio's English "steps"
    lines = status_lines(page)
    assert any("篇 |" in line for line in lines) and not any(re.search(r"[A-Za-z]{3}", x.split("：", 1)[1]) for x in lines), lines
    # the build's progress is drawn over the file being added, not over the one-line status, where it covered the
    # instructions below for the whole build
    progress = [line for line in lines if "%" in line]
    assert progress and all(line.startswith("corpus-upload：") for line in progress), lines
    assert page.locator("#corpus-table").get_by_text("hostile.md").count() == 1
    shot(page, "desktop-corpus-uploaded")
    upload(page, "hostile.md", b"again")
    page.locator("#upload-status .upload-error").get_by_text("已有同名文档").wait_for()
    page.get_by_role("tab", name="客服工作台").click()
    page.locator("#hd-message textarea").fill(f"{MARKER}是什么？")
    page.locator("#hd-search-btn").click()
    passage = page.locator("#hd-passages .passage").filter(has_text=MARKER).first
    passage.wait_for()
    assert "<script>" in passage.inner_text() and "onerror" in passage.inner_text()
    page.get_by_role("tab", name="企业咨询").click()
    ask(page, f"{MARKER}规定了什么？附件说明和图片是什么？")
    transcript = page.locator("#transcript")
    assert transcript.locator("img, script, iframe, svg").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    shot(page, "desktop-hostile-answer")
    page.watch.assert_clean()


def test_a_file_over_the_browsers_own_cap_is_refused_in_chinese_with_the_limit(page_for, tmp_path: Path) -> None:
    big = tmp_path / "扫描件.pdf"
    with big.open("wb") as f:
        f.truncate(81 * 1024 * 1024)  # sparse: over Gradio's 80 MB cap, which the browser checks before uploading
    page = page_for()
    unlock(page, "资料库", "corpus")
    page.locator("#corpus-upload input[type=file]").set_input_files(str(big))
    toast = page.locator(".toast-message-text").filter(has_text="文件太大，无法上传")
    toast.first.wait_for()
    assert "上限 20 MB" in toast.first.inner_text() and "exceed" not in page.locator(".toast-body").first.inner_text()
    page.watch.assert_clean()


def test_gradios_own_tooltips_and_connection_errors_are_in_chinese(page_for, tmp_path: Path) -> None:
    page = page_for()
    unlock(page, "客服工作台", "hd")
    copy = page.locator("#hd-draft button[title='复制']")  # was "Copy", in any browser language
    copy.wait_for()
    assert copy.get_attribute("aria-label") == "复制"
    page.get_by_role("tab", name="资料库").click()  # the one token unlocks both staff views
    page.locator("#corpus-table").get_by_text("002_82f8ca8554db744f.txt").wait_for()
    page.locator("#corpus-table button[title='复制表格数据']").wait_for()  # was "Copy table data"
    page.locator("#corpus-table button[title='全屏']").wait_for()  # was "Fullscreen"
    # an upload that cannot reach the server: "Connection errored out. Failed to fetch"
    page.route("**/gradio_api/upload*", lambda route: route.abort())
    sample = tmp_path / "通知.txt"
    sample.write_text("一、申报\n\n企业按季度申报。", encoding="utf-8")
    page.locator("#corpus-upload input[type=file]").set_input_files(str(sample))
    page.locator(".toast-body").filter(has_text="连接出错：无法连接到服务器").first.wait_for()
    assert toast_said(page, "连接出错") == "出错了", toast_said(page, "连接出错")  # read once, not "出错了 Error"
    assert english_left(page) == []
    page.unroute("**/gradio_api/upload*")
    page.get_by_role("tab", name="企业咨询").click()
    # a question sent while the connection drops: "Connection to the server was lost. Attempting reconnection..."
    page.route("**/queue/join*", lambda route: route.abort())
    page.locator("#chat-input textarea").fill("有什么补贴？")
    page.locator("#send-btn").click()
    page.locator(".toast-body").filter(has_text="与服务器的连接已断开，正在尝试重新连接").first.wait_for()
    assert toast_said(page, "连接已断开") == "出错了", toast_said(page, "连接已断开")  # not "出错了 Error"
    shot(page, "desktop-connection-lost")
    assert english_left(page) == []
    # a browser set to English gets Gradio's English upload words, which this page shows in Chinese too
    english = page_for(locale="en-US")
    unlock(english, "资料库", "corpus")
    english.locator("#corpus-upload").get_by_text("点击上传").wait_for()
    assert english_left(english) == []
    english.watch.assert_clean()


def test_an_uploaded_document_can_be_deleted_and_is_then_no_longer_found(page_for) -> None:
    page = page_for()
    unlock(page, "资料库", "corpus")
    page.locator("#corpus-delete-btn").click()  # nothing chosen: says what to do, deletes nothing
    page.locator("#delete-status .upload-error").get_by_text("请先在“已上传的文档”中选择").wait_for()
    upload(page, "临时通知.md", f"# 临时通知\n\n{MARKER}二号补贴按月申报。".encode())
    page.locator("#upload-status .upload-ok").get_by_text("临时通知.md").wait_for(timeout=180_000)
    page.locator("#corpus-uploaded input").click()
    page.get_by_role("option", name="临时通知.md").click()
    page.locator("#corpus-delete-btn").click()
    page.locator("#delete-status .upload-ok").get_by_text("已删除：临时通知.md").wait_for(timeout=180_000)
    page.locator("#corpus-table").get_by_text("临时通知.md").wait_for(state="detached")
    page.locator("#corpus-uploaded input").click()
    assert page.get_by_role("option", name="临时通知.md").count() == 0
    page.keyboard.press("Escape")
    shot(page, "desktop-corpus-deleted")
    page.get_by_role("tab", name="客服工作台").click()
    page.locator("#hd-message textarea").fill(f"{MARKER}二号补贴怎么申报？")
    page.locator("#hd-search-btn").click()
    page.locator("#hd-passages .passage").first.wait_for()
    assert page.locator("#hd-passages .passage").filter(has_text="二号补贴按月申报").count() == 0
    page.watch.assert_clean()
