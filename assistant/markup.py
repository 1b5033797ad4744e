"""HTML a message carries when it is pasted from a web page or sent by a rich-text widget: "<p>有什么补贴？</p>"
asks what "有什么补贴？" asks. The tags go, their text stays; nothing that only looks like a tag ("<100人",
"ERP<MES") is touched."""

from __future__ import annotations

import html
import re

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# a tag: a Latin name right after "<" (or "</"), attributes without angle brackets, then ">"
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")
# tags that end a line or a block: their text must not run into the next block's ("<li>ERP</li><li>MES</li>")
_BREAK = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|pre|section|article|table)\b",
                    re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+\d*);")


def strip_markup(text: str) -> str:
    """The message without HTML tags and comments, its entities (&nbsp; &lt;) read as characters; text with no tag
    comes back unchanged. What a tag encloses stays, even a script's: a message is never silently emptied."""
    if "<" not in text and "&" not in text:
        return text
    text = _COMMENT.sub(" ", text)
    text = _TAG.sub(lambda m: "\n" if _BREAK.match(m.group(0)) else "", text)
    if _ENTITY.search(text):
        text = html.unescape(text).replace("\xa0", " ")
    return re.sub(r"[ \t]*\n[\s]*", "\n", text).strip()
