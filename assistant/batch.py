"""JSONL batches for `search --batch` and `ask --batch`: items read the way helpdesk staff write them.

Every non-blank line gets one output line carrying its line number, so outputs and inputs can be matched by line as well
as by id; a bad line's output names the item's own id (when it has one), its line number and what to fix, and the batch
goes on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.sizing import extract_size
from assistant.stage import stage_by_name

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
    first_line: int | None = None  # the earlier line that used the same id

    def error_record(self, error: str | None = None) -> dict[str, Any]:
        return self.marked({"id": self.id, "error": error or self.error})

    def marked(self, record: dict[str, Any]) -> dict[str, Any]:
        """An output record with its input line number, and a warning when an earlier line used the same id."""
        out = {"id": record.get("id", self.id), "line": self.line, **record}
        return {**out, "warning": f"id 与第 {self.first_line} 行重复"} if self.first_line else out


# a line no encoding reads: parse_item turns it into that line's error, and the batch goes on
UNREADABLE = "\x00unreadable"


def read_lines(path: Path) -> list[str]:
    """The file's lines, each read as UTF-8 (with or without a BOM) or else GB18030/GBK, as Excel on Chinese Windows
    saves it; a line neither reads is marked UNREADABLE rather than failing the whole file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取批量文件 {path}：{exc.strerror}", "请检查文件路径") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Notepad's "Unicode" saves: its lines are not bytes
        try:
            return raw.decode("utf-16").replace("\r\n", "\n").removesuffix("\n").split("\n")
        except UnicodeDecodeError as exc:
            raise InputError(f"批量文件 {path} 是 UTF-16 编码但内容不完整", "请另存为 UTF-8 后再试") from exc
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    lines = []
    for chunk in raw.replace(b"\r\n", b"\n").split(b"\n"):
        lines.append(_decoded(chunk))
    if lines and lines[-1] == "":  # the newline ending the last line starts no line of its own
        lines.pop()
    return lines


def _decoded(chunk: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return chunk.decode(encoding).rstrip("\r")
        except UnicodeDecodeError:
            continue
    return UNREADABLE


def items(lines: list[str]) -> Iterator[BatchItem]:
    """One item per non-blank line, in order; a line that cannot be used carries its error instead. Blank lines
    are skipped: every output record carries its input line number."""
    first: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = parse_item(line, number)
        key = json.dumps(item.id, ensure_ascii=False)
        earlier = first.get(key) if item.id is not None else None
        first.setdefault(key, number)
        yield BatchItem(item.line, item.id, item.question, item.profile, item.error, earlier)


def parse_item(line: str, number: int) -> BatchItem:
    if line == UNREADABLE:
        return BatchItem(number, None, error=f"第 {number} 行不是 UTF-8 或 GBK 编码的文本，请另存为 UTF-8")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return BatchItem(number, None, error=f"第 {number} 行不是合法的 JSON（{exc.msg}）。{_OBJECT_HINT}")
    if not isinstance(data, dict):
        return BatchItem(number, None, error=f"第 {number} 行不是 JSON 对象。{_OBJECT_HINT}")
    item_id = data.get("id")
    question = data.get("question")
    if question is not None and not isinstance(question, str):
        return BatchItem(number, item_id, error=f"第 {number} 行 question 应为文本（用双引号括起来的问题），而不是{_KINDS.get(type(question).__name__, '其他类型')}")
    if not isinstance(question, str) or not question.strip():
        return BatchItem(number, item_id, error=f"第 {number} 行缺少 question（或为空），每行需要 question 文本")
    if len(question) > MAX_QUESTION_CHARS:  # as the chat refuses it: a pasted document is not a question
        return BatchItem(number, item_id, error=f"第 {number} 行 question 太长（{len(question)} 字，上限 "
                                                f"{MAX_QUESTION_CHARS} 字），请精简到一两段话")
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
    unknown = sorted(set(value) - _PROFILE_FIELDS)
    if unknown:  # "industy": a misspelt field silently ignored would answer for a firm nobody described
        raise InputError(f"profile 中没有字段 {'、'.join(map(str, unknown))}，请检查拼写",
                         "可用字段：industry、employees、revenue_wan、stage")
    if value.get("industry") is not None and not isinstance(value["industry"], str):
        raise InputError("profile.industry 应为文本", '如 "金属加工"')
    stage = _text(value.get("stage"))
    if stage is not None and stage_by_name(stage) is None:
        raise InputError(f"profile.stage 无法识别：{stage!r}", "请填 1–4 或 基础信息化/应用数字化/全面系统化/智慧生态化")
    return BatchProfile(industry=_text(value.get("industry")), employees=employees_in(value.get("employees")),
                        revenue_wan=revenue_in(value.get("revenue_wan", value.get("revenue"))),
                        stage=_text(value.get("stage")))


MAX_QUESTION_CHARS = 2000  # the chat's default limit (settings.max_message_chars)
_PROFILE_FIELDS = {"industry", "employees", "revenue_wan", "revenue", "stage"}
_KINDS = {"int": "数字", "float": "数字", "bool": "true/false", "list": "列表", "dict": "对象", "NoneType": "null"}


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def employees_in(value: object) -> int | None:
    """30, "30", or as people write it: "三十来号人"."""
    found = _figure(value, lambda text: extract_size(text if any(u in text for u in "人员工") else f"{text}人").employees,
                    "employees", "写人数，如 30 或 \"三十来号人\"")
    return None if found is None else int(found)


def revenue_in(value: object) -> float | None:
    """Ten-thousands of yuan: 2000, "2000", or as people write it: "两千万", "1.2亿"."""
    return _figure(value, lambda text: extract_size(f"年营收{text}").revenue_wan,
                   "revenue_wan", "写万元数，如 2000，或 \"两千万\"、\"1.2亿\"")


def _figure(value: object, read: Callable[[str], float | None], field: str, hint: str) -> float | None:
    """A number given as a number, as digits in a string, or in words `read` understands."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):  # true would count as one person
        raise InputError(f"{field} 必须是数字，不能是 true/false", hint)
    if isinstance(value, (int, float)):
        return _finite(float(value), value, field, hint)
    if isinstance(value, str):
        text = value.strip()
        try:
            return _finite(float(text), value, field, hint)
        except ValueError:
            found = read(text)
            if found is not None:
                return float(found)
    raise InputError(f"{field} 无法识别：{value!r}", hint)


# Beyond any manufacturer on earth: a typo (1e12) would be shown as "营业收入 1e+08 亿元" and class the firm
_MOST = {"employees": 10_000_000, "revenue_wan": 100_000_000}  # ten million staff, 1万亿元 revenue


def _finite(number: float, value: object, field: str, hint: str) -> float:
    """A count or amount: NaN, infinity, negatives and absurd sizes would size the firm from nothing."""
    if not math.isfinite(number) or number < 0:
        raise InputError(f"{field} 必须是不小于 0 的有限数字：{value!r}", hint)
    if number > _MOST.get(field, math.inf):
        raise InputError(f"{field} 数值不合理：{value!r}", hint)
    if field == "employees" and number != int(number):
        raise InputError(f"{field} 应为整数：{value!r}", hint)
    return number
