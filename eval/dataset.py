"""The evaluation dataset: one typed item per JSONL line, loaded with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import InputError

ItemType = Literal[
    "factoid",
    "scenario_advice",
    "policy",
    "case",
    "comparison",
    "multi_hop",
    "numeric",
    "out_of_scope",
    "false_premise",
    "injection",
    "clarify",
]
ITEM_TYPES: tuple[str, ...] = ItemType.__args__  # type: ignore[attr-defined]
DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
DEFAULT_DATASET = DATASETS_DIR / "advisor_eval.jsonl"


class EvalProfile(BaseModel):
    """What the asker told us about their firm; any field may be unknown."""

    model_config = ConfigDict(extra="forbid")

    industry: str | None = None
    employees: int | None = None
    revenue_wan: float | None = None
    stage: str | None = None


class GoldQuote(BaseModel):
    """A passage that answers the item: `quote` occurs in corpus file `doc` after squash()."""

    model_config = ConfigDict(extra="forbid")

    doc: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class EvalItem(BaseModel):
    """One question with its expected evidence and behaviour; extra fields are kept."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    profile: EvalProfile | None
    type: ItemType
    gold: list[GoldQuote]
    key_points: list[str]
    must_refuse: bool
    expect: Literal["refuse", "correct"] | None = None
    canary: str | None = None
    expect_clarify: bool = False


def parse_line(line: str, where: str) -> EvalItem:
    """Parse one JSONL line; raise InputError naming the place and the fault."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: 不是合法的 JSON（{exc.msg}）", "每行必须是一个 JSON 对象") from exc
    if not isinstance(raw, dict):
        raise InputError(f"{where}: 应为 JSON 对象，实际是 {type(raw).__name__}", "每行必须是一个 JSON 对象")
    try:
        return EvalItem.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"{where}: 字段不合规 — {problems}", "请对照 issue 7 的数据集格式修改") from exc


def load_dataset(path: Path | str) -> list[EvalItem]:
    """Load every non-blank line of a JSONL dataset as an EvalItem."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取数据集 {path}：{exc}", "请检查路径和文件编码（UTF-8）") from exc
    return [parse_line(line, f"{path.name}:{no}") for no, line in enumerate(lines, 1) if line.strip()]
