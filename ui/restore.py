"""A conversation as the store kept it, for the transcript after a reload."""

from __future__ import annotations

from assistant.store import Store
from ui.render import Turn

# The store keeps a question before its answer is composed; a reload or a dropped connection while it is composed
# (Gradio then stops the answer) or a failure leaves the question without one. Shown, not dropped: a question that
# silently vanished reads as lost history, and the user would not know to send it again.
UNANSWERED = "这条消息没有回答完（回答时页面被刷新、连接中断或处理出错），请重新发送。"


def stored_turns(store: Store, session_id: str, limit: int = 40) -> list[Turn]:
    """The session's last exchanges, oldest first; a question left without an answer carries UNANSWERED."""
    turns: list[Turn] = []
    for message in store.history(session_id, limit=limit):
        if message.role == "user":
            turns.append(Turn(message.content))
        elif turns and turns[-1].result is None:
            turns[-1].result = store.answer_for(message.id)
    for turn in turns:
        if turn.result is None:
            turn.error = UNANSWERED
    return turns
