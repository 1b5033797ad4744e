"""JSONL batches for `search --batch` and `ask --batch`: items read the way helpdesk staff write them.

Every line gets one output line, so outputs and inputs can be matched by position as well as by id; a bad line's
output names the item's own id (when it has one), its line number and what to fix, and the batch goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.sizing import extract_size

_OBJECT_HINT = '每行应是一个 JSON 对象，如 {"id": 1, "question": "…", "profile": {"industry": "金属加工"}}'


@dataclass(frozen=True)
class BatchProfile:
    industry: str | None = None
    employees: int | None = None
    revenue_wan: float | None = None
    stage: str | None = None


@dataclass(frozen=True)
class BatchItem:
    line: int
    id: Any
    question: str = ""
    profile: BatchProfile = field(default_factory=BatchProfile)
    error: str = ""  # why the line cannot be processed (the item is then skipped)
    duplicate: bool = False  # an earlier line used the same id

    def error_record(self) -> dict[str, Any]:
        return {"id": self.id, "line": self.line, "error": self.error}

    def marked(self, record: dict[str, Any]) -> dict[str, Any]:
        """An output record, with a warning when an earlier line used the same id."""
        return {**record, "warning": f"id 与前面的行重复（第 {self.line} 行）"} if self.duplicate else record


def read_lines(path: Path) -> list[str]:
    """The file's lines: UTF-8 (with or without a BOM), or GB18030/GBK as Excel on Chinese Windows saves it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取批量文件 {path}：{exc.strerror}", "请检查文件路径") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise InputError(f"批量文件 {path} 不是 UTF-8 或 GBK 编码", "请另存为 UTF-8 编码的 JSONL")


def items(lines: list[str]) -> Iterator[BatchItem]:
    """One item per non-blank line, in order; a line that cannot be used carries its error instead."""
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = parse_item(line, number)
        key = json.dumps(item.id, ensure_ascii=False)
        duplicate = item.id is not None and key in seen
        seen.add(key)
        yield BatchItem(item.line, item.id, item.question, item.profile, item.error, duplicate)


def parse_item(line: str, number: int) -> BatchItem:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return BatchItem(number, None, error=f"第 {number} 行不是合法的 JSON（{exc.msg}）。{_OBJECT_HINT}")
    if not isinstance(data, dict):
        return BatchItem(number, None, error=f"第 {number} 行不是 JSON 对象。{_OBJECT_HINT}")
    item_id = data.get("id")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        return BatchItem(number, item_id, error=f"第 {number} 行缺少 question（或为空），每行需要 question 文本")
    try:
        profile = _profile(data.get("profile"))
    except InputError as exc:
        return BatchItem(number, item_id, error=f"第 {number} 行 {exc.user_message()}")
    return BatchItem(number, item_id, question.strip(), profile)


def _profile(value: object) -> BatchProfile:
    if value in (None, "", {}):
        return BatchProfile()
    if not isinstance(value, dict):
        raise InputError("profile 应为对象", '如 {"industry": "金属加工", "employees": 30, "revenue_wan": 2000}')
    return BatchProfile(industry=_text(value.get("industry")), employees=_employees(value.get("employees")),
                        revenue_wan=_revenue(value.get("revenue_wan", value.get("revenue"))),
                        stage=_text(value.get("stage")))


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _employees(value: object) -> int | None:
    """30, "30", or as people write it: "三十来号人"."""
    found = _figure(value, lambda text: extract_size(text if any(u in text for u in "人员工") else f"{text}人").employees,
                    "employees", "写人数，如 30 或 \"三十来号人\"")
    return None if found is None else int(found)


def _revenue(value: object) -> float | None:
    """Ten-thousands of yuan: 2000, "2000", or as people write it: "两千万", "1.2亿"."""
    return _figure(value, lambda text: extract_size(f"年营收{text}").revenue_wan,
                   "revenue_wan", "写万元数，如 2000，或 \"两千万\"、\"1.2亿\"")


def _figure(value: object, read: Callable[[str], float | None], field: str, hint: str) -> float | None:
    """A number given as a number, as digits in a string, or in words `read` understands."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(text)
        except ValueError:
            found = read(text)
            if found is not None:
                return float(found)
    raise InputError(f"{field} 无法识别：{value!r}", hint)
