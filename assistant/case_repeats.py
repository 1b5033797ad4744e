"""Cases asked for after an answer that already showed the nearest ones: name those firms instead of quoting them again.

"有案例吗" after advice whose case section told 柯桥展望印染's story wants more than that story twice; the next firms
down may be on another topic, so the answer says which firms were shown, and that what follows are other cases (or,
with none left, that everything was listed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.result import Citation
from assistant.support import company_names


def cases_shown(citations: Sequence[Citation]) -> bool:
    """The answer quoted some firm's story (a case to leave out when cases are asked for next)."""
    return any(company_names(c.quote) for c in citations)


def firms_shown_before(previous: Sequence[Citation], nearest: Sequence[str], quoted_now: Sequence[str]) -> list[str]:
    """Firms the previous answer quoted that are among the nearest cases now (`nearest`), and not quoted again."""
    now = "\n".join(quoted_now)
    firms = dict.fromkeys(_whole(name, c.quote) for c in previous for name in sorted(company_names(c.quote)))
    return [f for f in firms if any(f in text for text in nearest) and f not in now]


def _whole(name: str, quote: str) -> str:
    """The name with the city it was cut from ("市禅城区南庄兴顺…" → "佛山市禅城区南庄兴顺…"): names are read back a
    few characters from 公司, which can stop inside a place name."""
    found = re.search(rf"([\u4e00-\u9fff]{{1,4}}){re.escape(name)}", quote)
    return found.group(1) + name if found and name[0] in "市区县省" else name


def shown_before_line(firms: Sequence[str], english: bool) -> str:
    """One framing line (no sentence break, so the guard reads it whole as ours) naming the firms already shown and
    saying the cases below are others."""
    if english:
        return f"Note: the cases the previous answer showed ({', '.join(firms)}) are not repeated, and here are others " \
            "from the reports"
    return f"说明：上一条回答已列出的案例（{'、'.join(firms)}）不再重复，以下是报告里的其他案例"
