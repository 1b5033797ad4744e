"""What the browser tests share (their fixtures are in conftest.py): the steps a user takes (ask, unlock a staff view,
upload) and what the page must never do (dialogs, requests off the machine)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from tests.ui_server import Server

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


def server_db(server: Server) -> Path:
    return server.log_path.parent / "data" / "advisor.sqlite3"


def absolute(server: Server, href: str) -> str:
    return href if href.startswith("http") else server.url.rstrip("/") + "/" + href.lstrip("/")


def upload(page, name: str, data: bytes) -> None:  # noqa: ANN001
    page.locator("#corpus-upload input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    page.locator("#corpus-upload tr").first.wait_for()  # the file reached the server and is listed
    page.locator("#corpus-upload-btn").click()


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
