"""A chat pasted whole into the helpdesk ("客户：… / 客服：… / 客户：…"): the customer's messages, in order.

Helpdesk staff are told to paste the earlier messages along with a follow-up. Read as one message, the staff's own
lines become part of the question and the customer's latest ask is drowned by the rest ("有补贴吗" answered with other
countries' subsidies, the firm's trade unused). Split into the customer's turns, the conversation can be replayed as
the customer had it, so the profile and the follow-up are read the way the chat would read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Who said a line, as chat apps and people label it when they copy a conversation (问/答, Q/A in a written log)
_CUSTOMER = re.compile(r"客户|顾客|用户|客人|买家|企业|对方|问|customer|client|user|q", re.IGNORECASE)
_STAFF = re.compile(r"客服|坐席|顾问|工作人员|我方|我|助手|答|agent|staff|support|advisor|me|a", re.IGNORECASE)
# A speaker label: a short name and a colon ("张总：", "客服小王："); a label we do not know is a customer's name,
# but only in a chat where a staff label shows it is one ("注意：" in a single message is no speaker)
_LABEL = re.compile(r"^\s*(?P<who>[^\s:：，,。？?！!、“”\"]{1,8})\s*[:：]\s*")
# Labels that name staff even on a line of their own ("客服：您好，请问有什么可以帮您？"); "我：", "答：", "A:" alone may
# be the customer writing, so one such line is read as typed
_ALONE_STAFF = re.compile(r"客服.*|坐席.*|工作人员|顾问|助手|agent|staff|support|advisor", re.IGNORECASE)


def _speaker(who: str, named_customers: bool) -> str | None:
    """"staff", "customer" or None (not a speaker label)."""
    if _STAFF.fullmatch(who) or re.match(r"客服|坐席", who):  # 客服小王
        return "staff"
    if _CUSTOMER.fullmatch(who) or named_customers:
        return "customer"
    return None


@dataclass(frozen=True)
class Pasted:
    """The customer's messages in order (the last is the one to draft a reply to) and how many staff lines were left
    out."""

    turns: list[str]
    staff_lines: int = 0
    staff_only: bool = False  # every line is the staff's: there is no customer message to reply to

    @property
    def is_conversation(self) -> bool:
        return len(self.turns) > 1 or self.staff_lines > 0


def customer_turns(text: str) -> Pasted:
    """The customer's turns of a pasted chat; text without speaker labels is one turn, as it was typed."""
    lines = [line for line in text.splitlines() if line.strip()]
    labels = [_LABEL.match(line) for line in lines]
    named = any(m is not None and _speaker(m.group("who"), False) == "staff" for m in labels)
    speakers = [_speaker(m.group("who"), named) if m else None for m in labels]
    if labels and labels[0] is not None and _ALONE_STAFF.fullmatch(labels[0].group("who")) \
            and all(s is None for s in speakers[1:]):  # one staff message (over one or more lines), nothing else
        return Pasted([text.strip()], staff_lines=1, staff_only=True)
    if not lines or speakers[0] is None or sum(s is not None for s in speakers) < 2:
        return Pasted([text.strip()])
    turns: list[tuple[bool, list[str]]] = []  # (said by the customer, lines)
    for line, label, speaker in zip(lines, labels, speakers, strict=True):
        if speaker is None or label is None:  # a message over several lines: it continues the last speaker's
            turns[-1][1].append(line.strip())
            continue
        rest = line[label.end():].strip()
        turns.append((speaker == "customer", [rest] if rest else []))
    customer = ["\n".join(said) for by_customer, said in turns if by_customer and said]
    staff = sum(1 for by_customer, _ in turns if not by_customer)
    if not customer:  # only staff lines: nothing the customer asked, and the staff's words are no question to answer
        return Pasted([text.strip()], staff_lines=staff, staff_only=True)
    return Pasted(customer, staff)
