"""The UI's own CSS and the small scripts that open a citation's source (no external fonts or scripts)."""

from __future__ import annotations

FONT_STACK = ["WenQuanYi Zen Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]

# Runs once when the transcript mounts; the listener survives re-renders because it sits on the container.
# It copies one of our own (already escaped) hidden source cards into the drawer: no server round trip.
CITE_JS = """
(function () {
  // A new turn brings the user's question to the top of the transcript so the answer is read from its start;
  // Gradio's autoscroll would jump to the end of the reference list instead. Streaming into the same turn and
  // re-renders of the same messages leave the reader's own scrolling alone.
  var seen = 0;
  new MutationObserver(function () {
    var scroller = document.getElementById('transcript');
    var users = element.querySelectorAll('.msg.user');
    var count = element.querySelectorAll('.msg').length;
    if (count === seen) { return; }
    var grew = count > seen;
    seen = count;
    if (!grew || !scroller || !users.length) { return; }
    var last = users[users.length - 1];
    scroller.scrollTop += last.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
  }).observe(element, {childList: true, subtree: true});
})();
element.addEventListener('click', function (ev) {
  var link = ev.target.closest('a.cite');
  if (!link) { return; }
  ev.preventDefault();
  var card = element.querySelector('[id="src-' + link.getAttribute('data-src') + '"]');
  var panel = document.getElementById('source-drawer');
  if (!card || !panel) { return; }
  panel.querySelector('.drawer-body').innerHTML = card.innerHTML;
  panel.classList.add('open');
  panel.setAttribute('aria-hidden', 'false');
  var body = panel.querySelector('.drawer-body');
  var mark = body.querySelector('mark');
  body.scrollTop = mark ? Math.max(0, mark.offsetTop - body.offsetTop - body.clientHeight / 3) : 0;
});
"""

DRAWER_HTML = """
<aside id="source-drawer" class="drawer" aria-hidden="true" role="dialog" aria-label="引用来源">
  <div class="drawer-head"><span>引用来源</span><button type="button" class="drawer-close" aria-label="关闭">×</button></div>
  <div class="drawer-body"></div>
</aside>
"""

DRAWER_JS = """
element.addEventListener('click', function (ev) {
  if (ev.target.closest('.drawer-close')) {
    var panel = document.getElementById('source-drawer');
    panel.classList.remove('open');
    panel.setAttribute('aria-hidden', 'true');
  }
});
"""

CSS = """
.gradio-container { max-width: 1280px !important; }
#app-title h1 { font-size: 1.5rem; margin: 0.2rem 0; }
#app-title p { margin: 0; color: var(--body-text-color-subdued); }
.transcript { display: flex; flex-direction: column; gap: 10px; padding: 4px; }
.transcript.empty .hint { color: var(--body-text-color-subdued); padding: 24px 8px; line-height: 1.7; }
#transcript { min-height: 320px; max-height: 62vh; overflow-y: auto !important; border: 1px solid var(--border-color-primary);
  border-radius: 10px; padding: 8px; background: var(--background-fill-secondary); }
.msg { max-width: 92%; line-height: 1.7; word-break: break-word; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; }
.msg.user .bubble { background: #2563eb; color: #fff; padding: 8px 12px; border-radius: 12px 12px 2px 12px;
  white-space: pre-wrap; }
.msg.bot { align-self: flex-start; background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
  padding: 8px 12px; border-radius: 12px 12px 12px 2px; }
.msg.bot.refused { border-color: #dc2626; border-left-width: 4px; }
.msg.bot.lowconf { border-color: #d97706; border-left-width: 4px; }
.msg.bot.pending .status { color: var(--body-text-color-subdued); font-size: 0.9em; }
.msg .answer p { margin: 0.3em 0; }
.msg .answer h4 { font-size: 1.05em; font-weight: 700; margin: 0.9em 0 0.3em; padding-bottom: 2px;
  border-bottom: 1px solid var(--border-color-primary); }
.msg .answer h4:first-child { margin-top: 0.2em; }
.msg .answer h3.part { font-size: 1.12em; font-weight: 700; margin: 1.1em 0 0.4em; padding: 4px 10px; color: #1e3a8a;
  background: #eef2ff; border-left: 4px solid #4f46e5; border-radius: 4px; }
.msg .answer ul, .msg .answer ol { margin: 0.2em 0 0.2em 1.3em; padding: 0; }
.msg .answer blockquote { margin: 0.3em 0; padding-left: 8px; border-left: 3px solid #cbd5e1; color: #475569; }
.badges { margin-bottom: 4px; display: flex; flex-wrap: wrap; gap: 6px; }
.badge { display: inline-block; font-size: 0.82em; padding: 1px 8px; border-radius: 999px; font-weight: 600; }
.badge.refused { background: #fee2e2; color: #991b1b; }
.badge.lowconf { background: #fef3c7; color: #92400e; }
.badge.clarify { background: #e0e7ff; color: #3730a3; }
.notices { margin: 6px 0 0; padding-left: 1.1em; font-size: 0.88em; color: #92400e; }
a.cite { color: #1d4ed8; font-weight: 600; text-decoration: none; cursor: pointer; padding: 0 1px; border-radius: 3px; }
a.cite:hover, a.cite:focus { background: #dbeafe; }
.refs { margin-top: 8px; border-top: 1px dashed var(--border-color-primary); padding-top: 6px; font-size: 0.86em; }
.refs-title { color: var(--body-text-color-subdued); margin-bottom: 2px; }
.refs ol { list-style: none; margin: 0; padding: 0; }
.refs li { margin: 2px 0; }
.drawer { position: fixed; top: 0; right: 0; height: 100vh; width: min(440px, 100vw); z-index: 1000;
  background: var(--background-fill-primary); box-shadow: -4px 0 18px rgba(0,0,0,.18); transform: translateX(105%);
  transition: transform .18s ease, visibility .18s; display: flex; flex-direction: column; visibility: hidden; }
.drawer.open { transform: none; visibility: visible; }
.drawer-head { display: flex; justify-content: space-between; align-items: center; padding: 10px 14px;
  border-bottom: 1px solid var(--border-color-primary); font-weight: 600; }
.drawer-close { font-size: 1.5rem; line-height: 1; background: none; border: none; cursor: pointer; padding: 0 6px; }
.drawer-body { padding: 12px 14px; overflow-y: auto; line-height: 1.75; }
.src-title { font-weight: 600; margin-bottom: 4px; }
.src-meta { color: var(--body-text-color-subdued); font-size: 0.88em; }
.src-passage { margin-top: 8px; white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere; }
.src-passage mark { background: #fde68a; padding: 0 1px; }
.src-context { margin-top: 6px; }
.profile-card .src-line { font-size: 0.85em; color: var(--body-text-color-subdued); margin: 1px 0; }
.profile-card .pv { font-weight: 600; }
.evidence .ev, .passages .passage { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px;
  margin-bottom: 8px; }
.passages { padding-left: 0; list-style: none; }
.trace-list { font-size: 0.9em; padding-left: 1.2em; }
.example-row button { white-space: normal !important; text-align: left; }
.quick-replies .wrap { gap: 6px !important; }
@media (max-width: 640px) {
  #transcript { max-height: none !important; min-height: 220px; overflow-y: visible !important; padding: 4px; }
  #transcript .html-container { padding: 0 !important; }
  .transcript { padding: 2px; }
  .msg { max-width: 100%; }
  .msg.bot { padding: 8px 10px; }
  .drawer { top: auto; bottom: 0; height: 72vh; width: 100vw; border-radius: 14px 14px 0 0; transform: translateY(105%); }
  .drawer.open { transform: none; }
}
"""

# Gradio scopes the CSS above to the inside of its page (".gradio-container-6-… .contain …"), so rules for the page's
# own frame go into the page head instead. Its 32 px side padding a side left a phone's answer a narrow column.
PAGE_CSS = """
@media (max-width: 640px) {
  .gradio-container .main.app { padding-left: 8px !important; padding-right: 8px !important; }
}
"""


# Gradio refuses a file above its own cap in the browser, in English ("File(s) exceed the maximum allowed size of
# 80.0 Mb"), before our Chinese check can see it: say it in Chinese, with the corpus's own limit and the fix.
TOO_BIG_JS = """
new MutationObserver(function () {
  document.querySelectorAll('.toast-message-text').forEach(function (text) {
    var m = /^File\\(s\\) exceed the maximum allowed size of [\\d.]+ ?Mb:?\\s*(.*)$/.exec(text.textContent.trim());
    if (!m) { return; }
    text.textContent = '文件太大，无法上传' + (m[1] ? '：' + m[1] : '') +
      '（资料库单个文件上限 __LIMIT__ MB；扫描件请先用 WPS 或 Acrobat 压缩，或拆分成几份再上传）';
  });
}).observe(document.body, {childList: true, subtree: true, characterData: true});
"""


def too_big_js(limit_mb: int) -> str:
    """TOO_BIG_JS with the corpus's upload limit filled in."""
    return TOO_BIG_JS.replace("__LIMIT__", str(limit_mb))
