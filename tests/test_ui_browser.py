"""The web UI in a real Chromium against a real server on the shared-corpus index (copied; uploads go to the copy)."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from assistant.settings import Settings
from tests.ui_server import Server

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
TOKEN = "staff-test-token"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MARKER = "鲸落协议"
HOSTILE_DOC = f"""# {MARKER}测试文档

{MARKER}规定中小企业数字化转型补贴按季度申报。<script>window.__pwned = 1; alert('script')</script>

{MARKER}的附件说明：<img src="http://evil.example/x.png" onerror="window.__pwned = 2; alert('img')">。

{MARKER}的图片：![追踪像素](http://evil.example/pixel.png) 与链接：[点这里](javascript:alert('link'))。

{MARKER}模板：${{alert('tpl')}} {{{{constructor.constructor('alert(1)')()}}}}。
"""


@pytest.fixture(scope="module")
def server(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("ui-server")
    data = root / "data"
    shutil.copytree(shared_index_settings.data_dir, data)
    srv = Server(data, shared_index_settings.corpus_dir, root / "server.log", staff_token=TOKEN)
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """Everything the page did that it must not: dialogs, requests off the loopback host, page errors."""

    def __init__(self, page) -> None:  # noqa: ANN001 - playwright Page
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", self._request)

    def _request(self, request) -> None:  # noqa: ANN001
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            return
        self.foreign.append(request.url)

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.foreign == [], f"requests left the machine: {self.foreign}"


@pytest.fixture()
def page_for(browser, server: Server) -> Iterator[object]:  # noqa: ANN001
    contexts = []

    def open_page(viewport: dict[str, int] = DESKTOP, locale: str = "zh-CN"):  # noqa: ANN202
        context = browser.new_context(viewport=viewport, locale=locale, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.watch = Watch(page)
        page.goto(server.url)
        page.locator("#chat-input textarea").wait_for()
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:  # noqa: ANN001
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def toast_said(page, text: str = "") -> str:  # noqa: ANN001
    """The title of the pop-up saying `text` as the accessibility tree has it (text hidden by CSS is read aloud)."""
    toast = page.locator(".toast-body").filter(has_text=text).first
    return toast.locator(".toast-title").evaluate("""title => {
      const shown = getComputedStyle(title, '::before').content;
      return ((shown && shown !== 'none' ? JSON.parse(shown) : '') + ' ' + title.textContent).trim(); }""")


def ask(page, text: str) -> None:  # noqa: ANN001
    before = page.locator("#transcript .msg.bot:not(.pending)").count()
    page.locator("#chat-input textarea").fill(text)
    page.locator("#send-btn").click()
    page.locator("#transcript .msg.bot:not(.pending)").nth(before).wait_for()


def question_in_view(page) -> bool:  # noqa: ANN001
    """The last question's bubble is inside the transcript's visible area (answers are read from the top)."""
    return page.evaluate("""() => { const box = document.getElementById('transcript').getBoundingClientRect();
      const users = document.querySelectorAll('#transcript .msg.user');
      const top = users[users.length - 1].getBoundingClientRect().top;
      return top >= box.top - 1 && top < box.bottom - 20; }""")


def watch_streaming(page) -> None:  # noqa: ANN001
    """Remember whether an answer was ever shown while still in progress (status or partial text)."""
    page.evaluate("""() => { window.__sawPending = false;
      new MutationObserver(() => { if (document.querySelector('#transcript .msg.bot.pending')) {
        window.__sawPending = true; } }).observe(document.body, {subtree: true, childList: true}); }""")


def watch_status(page) -> None:  # noqa: ANN001
    """Remember every status line Gradio paints over a running event ("processing | 0.4s", a progress count)."""
    page.evaluate("""() => { window.__status = new Set(); let due = false;
      const seen = () => document.querySelectorAll('[data-testid=status-tracker]').forEach(e => {
        const text = e.innerText.trim(); const on = (e.closest('[id]') || {}).id || '';
        if (text) { window.__status.add(on + '：' + text); } });
      new MutationObserver(() => { if (!due) { due = true; requestAnimationFrame(() => { due = false; seen(); }); } })
        .observe(document.body, {subtree: true, childList: true, characterData: true}); }""")


def status_lines(page) -> list[str]:  # noqa: ANN001
    """The status lines painted since watch_status, each as it was on screen and after the id of the element it was
    drawn over ("upload-status：10/10 篇 | 1.2s")."""
    return page.evaluate("[...window.__status]")


def unlock(page, tab: str, prefix: str) -> None:  # noqa: ANN001
    page.get_by_role("tab", name=tab).click()
    page.locator(f"#{prefix}-token input").fill("wrong")
    page.locator(f"#{prefix}-unlock").click()
    page.locator(f"#{prefix}-lock-note").get_by_text("口令不正确").wait_for()
    assert not page.locator(f"#{prefix}-content").is_visible()
    page.locator(f"#{prefix}-token input").fill(TOKEN)
    page.locator(f"#{prefix}-unlock").click()
    page.locator(f"#{prefix}-content").wait_for(state="visible")


def test_question_streams_an_answer_whose_citations_open_the_highlighted_source(page_for, server: Server) -> None:
    page = page_for()
    # a new page's profile card is blank, not "从业人数 0, 年营收 0" (the placeholders show instead)
    page.wait_for_function("document.querySelector('#pf-employees input').value === ''")
    assert page.locator("#pf-revenue input").input_value() == ""
    page.locator("#send-btn").click()  # nothing typed: a pop-up says what to do, titled in Chinese
    page.locator(".toast-title").first.wait_for()
    assert toast_said(page) == "提示", toast_said(page)  # what a screen reader reads, not the hidden "Warning"
    assert "消息是空的" in page.locator(".toast-body").first.inner_text()
    watch_streaming(page)
    ask(page, "中小企业数字化转型有哪些政策支持？")
    answer = page.locator("#transcript .msg.bot").last
    assert page.evaluate("window.__sawPending"), "the answer was never shown in progress"
    cites = answer.locator(".answer a.cite")
    assert cites.count() >= 1, answer.inner_text()
    assert answer.locator(".refs li").count() >= 1
    shot(page, "desktop-manager-answer")
    cites.first.click()
    drawer = page.locator("#source-drawer.open")
    drawer.wait_for(state="visible")
    assert drawer.locator(".src-title").inner_text().startswith("[")
    assert "章节：" in drawer.inner_text()
    mark = drawer.locator("mark").first
    assert mark.is_visible() and len(mark.inner_text().strip()) >= 4
    shot(page, "desktop-source-drawer")
    page.locator(".drawer-close").click()
    page.wait_for_function("!document.querySelector('#source-drawer').classList.contains('open')")
    page.locator("#fb-comment textarea").fill("引用很清楚")
    page.locator("#fb-up").click()
    page.locator("#fb-status").get_by_text("已记录").wait_for()
    with sqlite3.connect(server_db(server)) as conn:
        assert conn.execute("select count(*) from feedback where comment = '引用很清楚'").fetchone()[0] == 1
    page.watch.assert_clean()


def server_db(server: Server) -> Path:
    return server.log_path.parent / "data" / "advisor.sqlite3"


def test_clarifying_quick_replies_complete_the_flow_and_fill_the_profile(page_for) -> None:
    page = page_for()
    ask(page, "我们厂下一步数字化该做什么？")
    box = page.locator("#clarify-box")
    box.wait_for(state="visible")
    assert page.locator("#transcript .badge.clarify").count() == 1
    shot(page, "desktop-clarify")
    slots = page.locator("#clarify-box [id^=clarify-slot-]:visible")
    count = slots.count()
    assert count >= 1
    before = page.locator("#transcript .msg.bot:not(.pending)").count()
    for i in range(count):
        slots.nth(i).locator("label").first.click()
    if count > 1:
        page.locator("#clarify-send").click()
    page.locator("#transcript .msg.bot:not(.pending)").nth(before).wait_for()
    page.locator("#transcript .msg.bot .answer a.cite").first.wait_for()
    assert not box.is_visible()
    card = page.locator("#profile-sources").inner_text()
    assert "来源：追问所得" in card or "来源：您告知" in card, card
    shot(page, "desktop-after-clarify")
    page.watch.assert_clean()


def test_profile_is_read_from_the_conversation_and_exported_as_a_report(page_for, server: Server) -> None:
    page = page_for()
    ask(page, "我们是做汽车零部件的，200 人左右，现在主要用 Excel，下一步数字化该从哪里入手？")
    assert page.locator("#pf-industry textarea, #pf-industry input").first.input_value() == "汽车零部件"
    card = page.locator("#profile-sources").inner_text()
    assert "来源：您告知（“汽车零部件”）" in card and "阶段：基础信息化" in card, card
    # typed into the card and sent straight away (no Enter, no click elsewhere): the next answer is for it
    page.locator("#pf-industry textarea, #pf-industry input").first.fill("医药制造")
    ask(page, "那我们该先做什么？")
    assert "医药" in page.locator("#profile-sources").inner_text()
    assert "医药" in page.locator("#transcript .msg.bot").last.inner_text()
    page.locator("#export-btn").click()
    links = page.locator("#export-files a[href]")
    links.nth(2).wait_for()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    md_href = next(h for h in hrefs if h and ".md" in h)
    pdf_href = next(h for h in hrefs if h and ".pdf" in h)
    docx_href = next(h for h in hrefs if h and ".docx" in h)
    md = httpx.get(_absolute(server, md_href)).text
    assert "汽车零部件" in md and "## 参考资料" in md and "### 问题 1" in md
    assert httpx.get(_absolute(server, pdf_href)).content.startswith(b"%PDF")
    from docx import Document  # the Word file opens, with the firm, each question and the quoted sources

    word = Document(io.BytesIO(httpx.get(_absolute(server, docx_href)).content))
    text = "\n".join([p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells])
    assert "汽车零部件" in text and "参考资料" in text and "问题 2：那我们该先做什么？" in text and "》" in text
    shot(page, "desktop-export")
    ask(page, "有什么补贴？")  # the report above lacks this answer: its links go rather than offer a stale file
    page.locator("#export-files").wait_for(state="hidden")
    page.watch.assert_clean()


def test_a_reload_brings_the_conversation_back_and_a_new_one_starts_empty(page_for) -> None:
    page = page_for()
    ask(page, "我们是做汽车零部件的，200 人左右，现在主要用 Excel，下一步数字化该从哪里入手？")
    ask(page, "德国是怎么支持中小企业搞智能化的？")
    # a long second answer is read from its start, not from the end of its reference list
    assert question_in_view(page), "the transcript jumped past the question to the end of the references"
    answer = page.locator("#transcript .msg.bot").last.inner_text()
    page.reload()
    page.locator("#transcript .msg.bot").first.wait_for()  # restored from the store, not re-asked
    page.wait_for_function("document.querySelectorAll('#transcript .msg.user').length === 2")
    assert question_in_view(page)
    assert "汽车零部件" in page.locator("#transcript .msg.user").first.inner_text()
    shot(page, "desktop-reloaded-conversation")
    assert page.locator("#transcript .msg.bot").last.inner_text()[:40] == answer[:40]
    assert page.locator("#pf-industry textarea, #pf-industry input").first.input_value() == "汽车零部件"
    saved = page.evaluate("localStorage.getItem('sme-advisor-session')")
    page.locator("#new-chat").click()
    page.locator("#transcript .msg").first.wait_for(state="detached")
    # the browser forgets the old conversation (written a moment after the screen clears, slower under load)
    page.wait_for_function(f"localStorage.getItem('sme-advisor-session') !== {json.dumps(saved)}")
    page.reload()
    page.locator("#transcript .hint").wait_for()  # the new, empty conversation is what a reload shows now
    assert page.locator("#transcript .msg").count() == 0
    page.watch.assert_clean()


def test_a_reload_while_a_new_conversations_first_answer_is_composed_brings_the_question_back(page_for) -> None:
    page = page_for()
    question = "1. 我们是做注塑的小厂，下一步数字化先做什么？ 2. 浙江有什么补贴？ 3. 上MES大概要花多少钱？"
    page.locator("#chat-input textarea").fill(question)
    page.locator("#send-btn").click()
    page.locator("#transcript .msg.bot.pending").wait_for()  # the first answer is still being composed
    page.reload()
    page.locator("#chat-input textarea").wait_for()
    # the question is back (answered, or marked unanswered and ready to send again), not an empty new conversation
    page.locator("#transcript .msg.user").first.wait_for(timeout=20_000)
    assert "注塑的小厂" in page.locator("#transcript .msg.user").first.inner_text()
    shot(page, "desktop-reloaded-first-question")
    page.watch.assert_clean()


def test_a_long_answer_to_several_questions_shows_where_each_part_starts(page_for) -> None:
    page = page_for()
    ask(page, "1. 我们是做注塑的小厂，下一步数字化先做什么？ 2. 浙江有什么补贴？ 3. 上MES大概要花多少钱？")
    sizes = page.evaluate("""() => { const answer = [...document.querySelectorAll('#transcript .msg.bot .answer')].pop();
      const size = e => parseFloat(getComputedStyle(e).fontSize);
      const titles = [...answer.querySelectorAll('*')].filter(e => !e.children.length && /^[1-3]\\. /.test(e.textContent));
      const heads = [...answer.querySelectorAll('h4')];
      return {titles: titles.map(size), body: size(answer.querySelector('li')), heads: heads.map(size)}; }""")
    # each question's part is titled larger than its text and its own section headings (bold alone can be invisible)
    assert len(sizes["titles"]) == 3, sizes
    assert min(sizes["titles"]) > max([sizes["body"], *sizes["heads"]]), sizes
    shot(page, "desktop-long-answer")
    page.watch.assert_clean()


def _absolute(server: Server, href: str) -> str:
    return href if href.startswith("http") else server.url.rstrip("/") + "/" + href.lstrip("/")


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
        _upload(page, name, data)
        page.locator("#upload-status .upload-error").get_by_text(reason).wait_for()
    shot(page, "desktop-corpus-error")
    watch_status(page)
    _upload(page, "../../hostile.md", HOSTILE_DOC.encode())
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
    _upload(page, "hostile.md", b"again")
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


ENGLISH_LEFT = """() => {
  const said = [...document.querySelectorAll('[aria-label],[title],[placeholder]')].flatMap(e =>
    ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a)).filter(v => v && v.trim()));
  return [...said, document.body.innerText]; }"""


def english_left(page) -> list[str]:  # noqa: ANN001
    """Gradio's own English strings still on the page: tooltips, labels, pop-ups and status lines."""
    from ui.gradio_zh import ATTRIBUTES, PREFIXES, TEXTS

    said = page.evaluate(ENGLISH_LEFT)
    labels, text = said[:-1], said[-1]
    lines = [line.strip() for line in text.splitlines()]
    return sorted({v for v in labels if v.strip() in ATTRIBUTES}
                  | {line for line in lines if line in TEXTS or line.startswith(tuple(PREFIXES))})


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
    _upload(page, "临时通知.md", f"# 临时通知\n\n{MARKER}二号补贴按月申报。".encode())
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


def _upload(page, name: str, data: bytes) -> None:  # noqa: ANN001
    page.locator("#corpus-upload input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    page.locator("#corpus-upload tr").first.wait_for()  # the file reached the server and is listed
    page.locator("#corpus-upload-btn").click()


def test_every_view_is_usable_on_a_phone(page_for) -> None:
    page = page_for(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "horizontal scroll"
    ask(page, "什么是工业互联网平台？")
    shot(page, "phone-manager-answer")
    # the answer is read across the phone's width, not in a narrow column inside the page's desktop margins
    answer = page.locator("#transcript .msg.bot").last.bounding_box()
    assert answer and answer["width"] >= PHONE["width"] - 40, answer
    cite = page.locator("#transcript .answer a.cite").first
    if cite.count():
        cite.click()
        page.locator("#source-drawer.open").wait_for(state="visible")
        box = page.locator("#source-drawer").bounding_box()
        assert box and box["width"] <= PHONE["width"] + 1
        page.screenshot(path=str(ARTIFACTS / "phone-source-drawer.png"))
        page.locator(".drawer-close").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "horizontal scroll"
    unlock(page, "客服工作台", "hd")
    shot(page, "phone-helpdesk")
    page.get_by_role("tab", name="资料库").click()
    page.locator("#corpus-content").wait_for(state="visible")
    shot(page, "phone-corpus")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "horizontal scroll"
    page.watch.assert_clean()
