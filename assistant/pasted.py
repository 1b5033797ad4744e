"""A customer's question as helpdesk staff paste it: the forwarding note, contact details and signature go.

Staff paste what the customer wrote, often with their own note ("我这边是客服小王，帮客户转一个问题：“…”") and the
customer's phone number or name. None of that is part of the question: a phone number read as a figure the reports
must hold ("资料中找不到您问题里的数字") turned a plain subsidy question into a refusal. The advisor also need not keep
customers' phone numbers and e-mail addresses in its conversation records.
"""

from __future__ import annotations

import re

# 13812345678, 138-1234-5678, +86 138 1234 5678; landlines 0769-12345678, (021)12345678
_PHONE = (r"(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)|[(（]?0\d{2,3}[)）]?[-\s]?\d{7,8}(?:[-转]\d{1,5})?(?!\d)"
          r"|\+86[-\s]?\(?0?\d{2,3}\)?[-\s]?\d{3,4}[-\s]?\d{4}(?!\d)")  # +86 512 6688 1234
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_LABEL = (r"(?:客户|对方|本人|我的)?(?:联系)?(?:电话|手机号?|座机|联系方式|微信号?|邮箱|QQ|"
          r"(?i:(?:my |our )?(?:tel|phone|mobile|cell|e-?mail|wechat)(?: number| no\.?)?(?: is)?))")
# "客户电话13812345678", "联系方式：0769-12345678", "Tel: +86 138…" and a bare number or address anywhere
# the caller's name just before the number ("谢谢 王工 15972345678")
_CALLER = r"[\u4e00-\u9fff]{1,2}(?:工|总|经理|先生|女士|小姐|老师|师傅|生)\s*"
# an instant-messaging id has no fixed form: only after its label ("微信 wx_abc123", "QQ 123456789")
_IM_ID = r"(?:(?:联系方式\s*[:：]?\s*)?(?:微信号?|QQ号?|(?i:wechat(?: id)?|qq))\s*[:：]?\s*[A-Za-z0-9_-]{5,20}(?![A-Za-z0-9_-]))"
_CONTACT = re.compile(rf"[，,；;。\s]*(?:{_CALLER})?(?:(?:{_LABEL}\s*(?:是|为)?\s*[:：]?\s*)?(?:{_PHONE}|{_EMAIL})|{_IM_ID})")
# "联系人张生", "联系人：王女士" (a name is at most a few characters, up to the next punctuation)
_CONTACT_PERSON = re.compile(r"[，,；;。\s]*(?:联系人|(?i:contact(?: person)?))\s*[:：]?\s*[^，,。；;！!？?\s]{1,8}")
# "——张生", "-- 王经理" closing the message
_SIGNATURE = re.compile(r"\s*(?:——\s*[^，,。；;！!？?—\-\s]{0,8}|--\s*[^，,。；;！!？?—\-\s]{1,8})\s*$")
# English sign-offs: "Best regards, John", "Thanks, Anna" on the last line
_SIGN_OFF = re.compile(r"[\s,.]*(?i:best regards|kind regards|regards|best|cheers|thanks|thank you|br)[,.!]?"
                       r"\s*(?:\n|,)\s*[A-Z][\w.\- ]{0,30}(?:\s*\([^)]{0,30}\))?\s*$")
# the desk's own tags: "【来自400热线 工单号20231205-0032】", "工单号：A123"
_TICKET = re.compile(r"[【\[][^】\]]{0,30}(?:工单|热线|来自|转自|咨询|留言|来电|ticket|case)[^】\]]{0,30}[】\]]|(?:工单|单号|ticket|case)\s*(?:号|no\.?|#)?"
                     r"\s*[:：]?\s*[A-Za-z]*\d[\w-]*", re.IGNORECASE)
# "Hello, forwarding from a customer (Mr. Li, …):" opening an English paste
_FORWARD_EN = re.compile(r"^(?:(?:hello|hi|dear [\w ]{1,20})[,!.\s]+)?(?:forwarding|forwarded|passing on)(?: a question| this)?"
                         r" from (?:a |our |the )?(?:customer|client)\s*(?:\([^)]*\))?\s*[:：-]\s*", re.IGNORECASE)
# The staff's own note around a quoted question: "帮客户转一个问题：“…”", "客户来电咨询：“…”"
_FORWARDED = re.compile(r"(?:帮|替|代)(?:客户|用户|企业)|(?:客户|用户)(?:来电|留言|发来|咨询|问)|转(?:发|达|一个|个|一下)"
                        r"|(?i:forward|customer (?:asks|asked|wrote|writes))")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{12,})[”\"」』]")
_DOUBLED = re.compile(r"，(?:\s*[，,；;])*\s*|[（(]\s*[）)]|(?<=[?？!！。.])\s*[,，]|\s+(?=[,，])")
# "客户又问：那我们…", "客户问：…" opening a pasted follow-up
_ASKED_BY = re.compile(r"^\s*(?:以下是|下面是|这是)?(?:客户|用户|对方|企业)\s*(?:又|还|再)?(?:问|说|咨询|追问|留言|原话|来电|的问题|的留言)"
                       r"(?:道|了|内容)?\s*[:：，,]\s*")


def without_contact_details(text: str) -> str:
    """The question in a pasted message, without the forwarding note, phone numbers, e-mail, contact or signature;
    the text unchanged when nothing else would be left."""
    question = _FORWARD_EN.sub("", _TICKET.sub("", _forwarded_quote(text) or text))
    question = _CONTACT_PERSON.sub(_gap, _CONTACT.sub(_gap, question))
    question = _DOUBLED.sub(lambda m: "，" if m.group(0).startswith("，") else "", question)
    question = _SIGN_OFF.sub("", _SIGNATURE.sub("", question.rstrip()))
    question = _ASKED_BY.sub("", question).strip(" ，,；;")
    return question if question else text


def _gap(match: re.Match[str]) -> str:
    """What stays where a contact detail was: the clause break it followed ("做注塑的，联系方式：…，想上MES")."""
    return "，" if re.match(r"\s*[，；。]", match.group(0)) else " "


def _forwarded_quote(text: str) -> str | None:
    """The quoted words of a message that forwards them ("帮客户转一个问题：“…”"), else None."""
    quotes = _QUOTED.findall(text)
    if len(quotes) != 1:
        return None
    outside = _QUOTED.sub("", text)
    return quotes[0] if _FORWARDED.search(outside) else None
