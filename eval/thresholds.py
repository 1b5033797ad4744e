"""Headline-metric floors (and ceilings for lower-is-better rates) that a run must meet, read from thresholds.json."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from assistant.errors import InputError

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.json"


class ThresholdSet(BaseModel):
    """Limits for one kind of run; `ids` fixes the items of a subset run (empty = the whole dataset)."""

    note: str = ""
    ids: list[str] = Field(default_factory=list)
    min: dict[str, float] = Field(default_factory=dict)
    max: dict[str, float] = Field(default_factory=dict)
    measured: dict[str, float] = Field(default_factory=dict)  # the run the limits were set from, for reference


class Thresholds(BaseModel):
    """`full`: limits for the whole dataset; `ci`: limits for the fast fixed subset CI runs."""

    note: str = ""
    full: ThresholdSet
    ci: ThresholdSet


def load_thresholds(path: Path | str = DEFAULT_THRESHOLDS) -> Thresholds:
    """Read a thresholds file; a missing or malformed file is an InputError that says how to fix it."""
    try:
        return Thresholds.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"无法读取阈值文件 {path}：{exc.strerror}", "请检查路径，例如 eval/thresholds.json") from exc
    except ValidationError as exc:
        raise InputError(f"阈值文件 {path} 格式不对：{exc.errors()[0]['msg']}",
                         "需要 {\"full\": {\"min\": {…}}, \"ci\": {\"ids\": […], \"min\": {…}}}") from exc


def breaches(summary: Mapping[str, object], limits: ThresholdSet) -> list[str]:
    """Every limit the summary misses; a limited metric the run did not measure counts as missed."""
    found: list[str] = []
    for key, floor in sorted(limits.min.items()):
        value = summary.get(key)
        if not isinstance(value, int | float):
            found.append(f"{key}: not measured (floor {floor:.3f})")
        elif value < floor:
            found.append(f"{key}: {value:.3f} < floor {floor:.3f}")
    for key, ceiling in sorted(limits.max.items()):
        value = summary.get(key)
        if not isinstance(value, int | float):
            found.append(f"{key}: not measured (ceiling {ceiling:.3f})")
        elif value > ceiling:
            found.append(f"{key}: {value:.3f} > ceiling {ceiling:.3f}")
    return found
