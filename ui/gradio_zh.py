"""Chinese for the English strings Gradio's own widgets show (tooltips, connection errors) in our Chinese UI.

Gradio 6 translates its built-in strings only through the browser's locale (gr.I18n adds an app's own keys; the
built-in dictionaries are loaded after them and win), and many strings are not translatable at all: the "Copy"
button of a Textbox, the Dataframe toolbar, "Connection errored out." from the client and the lost-connection
pop-up are English literals in its frontend bundle. So a small script rewrites exactly these strings, wherever
and whenever Gradio renders them; anything not listed is left alone.
"""

from __future__ import annotations

import json

# aria-label, title and placeholder values of Gradio's widgets (matched whole)
ATTRIBUTES: dict[str, str] = {
    "Copy": "复制",
    "Copied": "已复制",
    "Copy table data": "复制表格数据",
    "Copied to clipboard": "已复制到剪贴板",
    "Fullscreen": "全屏",
    "Exit fullscreen mode": "退出全屏",
    "Table actions": "表格操作",
    "Open cell menu": "打开单元格菜单",
    "Edit cell": "编辑单元格",
    "Cell is read-only": "单元格只读",
    "Search...": "搜索…",
    "Filter...": "筛选…",
    "Dataframe": "数据表",
    "Remove this file": "移除此文件",
    "File upload": "上传文件",
    "Click to upload or drop files": "点击上传或拖放文件",
    "More tabs": "更多标签页",
    "Close": "关闭",
    "Download": "下载",
    "Clear": "清除",
}

# whole text of an element (trimmed): pop-ups, status lines, and the upload area's words in a non-Chinese browser
TEXTS: dict[str, str] = {
    "Connection to the server was lost. Attempting reconnection...": "与服务器的连接已断开，正在尝试重新连接…",
    "Connection Lost": "连接已断开",
    "This application is currently busy. Please try again.": "系统正忙，请稍后再试。",
    "Could not resolve app config.": "页面配置加载失败，请刷新页面。",
    "Unexpected error": "发生意外错误，请刷新页面后重试。",
    # a pop-up's title is its level's English name whatever title is passed; rewritten, not hidden by CSS, since
    # screen readers and the accessibility tree read hidden text too
    "Error": "出错了",
    "Warning": "提示",
    "Info": "提示",
    "Success": "完成",
    "Copied": "已复制",
    "Click to Upload": "点击上传",
    "Drop File Here": "将文件拖放到此处",
    "- or -": "- 或 -",
    "processing |": "处理中 |",  # the status line over an output while its event runs
}

# the start of a message Gradio follows with the browser's own English ("Connection errored out. Failed to fetch"):
# the whole message is replaced, since the detail would be English too
PREFIXES: dict[str, str] = {
    "Connection errored out.": "连接出错：无法连接到服务器，请检查网络后重试。",
    "Could not parse server response": "服务器的响应无法识别，请刷新页面后重试。",
}

# text with figures in it (matched whole, as a regular expression): the figures are kept
PATTERNS: dict[str, str] = {
    r"^queue: (\d+)/(\d*) \|$": "排队 $1/$2 |",  # waiting behind other users' questions
    r"^(.*)\bsteps \|$": "$1步 |",  # a progress count in Gradio's default unit
}

_SCRIPT = """
() => {
  const attributes = __ATTRIBUTES__;
  const texts = __TEXTS__;
  const prefixes = Object.entries(__PREFIXES__);
  const patterns = Object.entries(__PATTERNS__).map(([source, chinese]) => [new RegExp(source), chinese]);
  const names = ['aria-label', 'title', 'placeholder'];
  // our own transcript and source cards quote documents, which may hold any words: never touch them
  const ours = '.transcript, #source-drawer';
  const fixText = (node) => {
    if (node.parentElement && node.parentElement.closest(ours)) { return; }
    const shown = node.nodeValue.trim();
    if (Object.prototype.hasOwnProperty.call(texts, shown)) { node.nodeValue = texts[shown]; return; }
    const prefix = prefixes.find(([english]) => shown.startsWith(english));
    if (prefix) { node.nodeValue = prefix[1]; return; }
    const pattern = patterns.find(([english]) => english.test(shown));
    if (pattern) { node.nodeValue = shown.replace(pattern[0], pattern[1]); }
  };
  const fixElement = (el) => {
    for (const name of names) {
      const value = el.getAttribute(name);
      if (value !== null && Object.prototype.hasOwnProperty.call(attributes, value.trim())) {
        el.setAttribute(name, attributes[value.trim()]);
      }
    }
  };
  const fix = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) { return; }
    if (root.closest(ours)) { return; }
    fixElement(root);
    root.querySelectorAll('[aria-label],[title],[placeholder]').forEach(fixElement);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { fixText(walker.currentNode); }
  };
  // Gradio renders pop-ups, tooltips and toolbars late and re-renders them: watch the whole page for good.
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') { fixElement(m.target); }
      else if (m.type === 'characterData') { fixText(m.target); }
      else { m.addedNodes.forEach(fix); }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: names});
  fix(document.body);
}
"""


def localise_js() -> str:
    """The script (a function Gradio runs once the page is loaded) that puts Gradio's English strings in Chinese."""
    return (_SCRIPT.replace("__ATTRIBUTES__", json.dumps(ATTRIBUTES, ensure_ascii=False))
            .replace("__TEXTS__", json.dumps(TEXTS, ensure_ascii=False))
            .replace("__PREFIXES__", json.dumps(PREFIXES, ensure_ascii=False))
            .replace("__PATTERNS__", json.dumps(PATTERNS, ensure_ascii=False)))
