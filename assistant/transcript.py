"""A chat pasted whole into the helpdesk ("客户：… / 客服：… / 客户：…"): the customer's messages, in order.

Helpdesk staff are told to paste the earlier messages along with a follow-up. Read as one message, the staff's own
lines become part of the question and the customer's latest ask is drowned by the rest ("有补贴吗" answered with other
countries' subsidies, the firm's trade unused). Split into the customer's turns, the conversation can be replayed as
the customer had it, so the profile and the follow-up are read the way the chat would read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Who said a line, as chat apps and people label it when they copy a conversation
_CUSTOMER = r"客户|顾客|用户|客人|买家|企业|对方|customer|client|user"
_STAFF = r"客服|坐席|顾问|工作人员|我方|我|助手|agent|staff|support|advisor|me"
_SPEAKER = re.compile(rf"^\s*(?:(?P<customer>{_CUSTOMER})|(?P<staff>{_STAFF}))\s*[:：]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Pasted:
    """The customer's messages in order (the last is the one to draft a reply to) and how many staff lines were left
    out."""

    turns: list[str]
    staff_lines: int = 0

    @property
    def is_conversation(self) -> bool:
        return len(self.turns) > 1 or self.staff_lines > 0


def customer_turns(text: str) -> Pasted:
    """The customer's turns of a pasted chat; text without speaker labels is one turn, as it was typed."""
    lines = [line for line in text.splitlines() if line.strip()]
    labelled = [_SPEAKER.match(line) for line in lines]
    if not lines or not labelled[0] or sum(m is not None for m in labelled) < 2:
        return Pasted([text.strip()])
    turns: list[tuple[bool, list[str]]] = []  # (said by the customer, lines)
    for line, label in zip(lines, labelled, strict=True):
        if label is None:  # a message over several lines: it continues the last speaker's
            turns[-1][1].append(line.strip())
            continue
        rest = line[label.end():].strip()
        turns.append((label.group("customer") is not None, [rest] if rest else []))
    customer = ["\n".join(said) for by_customer, said in turns if by_customer and said]
    staff = sum(1 for by_customer, _ in turns if not by_customer)
    if not customer:  # only staff lines: nothing the customer asked, so read the text as typed
        return Pasted([text.strip()])
    return Pasted(customer, staff)
