"""A profile given explicitly: the API body, CLI flags, batch lines and the UI's profile card."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.batch import employees_in, revenue_in
from assistant.dialogue_text import quick_reply
from assistant.errors import InputError
from assistant.facts import places_named
from assistant.field_errors import reason
from assistant.profile import Profile, profile_from_fields
from assistant.stage import stage_by_name


class ProfileInput(BaseModel):
    """A profile given explicitly (API body, CLI flags, the UI's profile card). Numbers may be written as people
    write them ("两百人", "两千万"), as batches accept; a misspelt field is refused rather than ignored."""

    model_config = ConfigDict(extra="forbid")

    industry: str | None = Field(None, max_length=100)
    employees: int | None = None
    revenue_wan: float | None = None
    stage: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=100)  # where the firm is: steers the policy search like a chat's

    @field_validator("employees", mode="before")
    @classmethod
    def _people(cls, value: object) -> object:
        return _as_figure(value, employees_in)

    @field_validator("revenue_wan", mode="before")
    @classmethod
    def _revenue(cls, value: object) -> object:
        return _as_figure(value, revenue_in)

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value: object) -> object:
        """A stage by name, number or level ("应用数字化", "2", "规范级"), or as our own quick replies word it
        ("在用ERP/MES等系统", "Mostly paper/Excel"); anything else is refused here, naming the field."""
        if not isinstance(value, str) or not value.strip():
            return value
        picked = quick_reply(value, "zh")
        if picked is not None and picked[0] == "stage":
            return str(picked[1])
        if stage_by_name(value) is None:
            raise ValueError("无法识别，请填 1–4 或 基础信息化/应用数字化/全面系统化/智慧生态化")
        return value

    @field_validator("region", mode="before")
    @classmethod
    def _region(cls, value: object) -> object:
        """A place as the reports write it: "Suzhou" is 苏州, as it is in an English chat message."""
        if not isinstance(value, str) or not value.strip():
            return value
        value = value.strip()
        named = places_named(value) if value.isascii() else []
        return "".join(named) if named else value

    def to_profile(self) -> Profile | None:
        if not any(v not in (None, "") for v in self.model_dump().values()):
            return None
        return profile_from_fields(self.industry, self.employees, self.revenue_wan, self.stage, self.region)


def _as_figure(value: object, read: Callable[[object], float | None]) -> object:
    """Digits or words read as a number; true/false, NaN, infinity and negatives refused (a number field would take
    them and class the firm from nothing)."""
    if isinstance(value, bool):  # true would count as one person
        raise ValueError("必须是数字，不能是 true/false")
    if isinstance(value, str) and value.strip():
        try:
            value = float(value)
        except ValueError:
            try:
                return read(value)
            except InputError as exc:  # its own message names the field in code ("employees 无法识别")
                raise ValueError(f"“{value[:20]}”无法识别") from exc
    if isinstance(value, (int, float)) and not math.isfinite(value):
        raise ValueError("必须是有限的数字")
    if isinstance(value, (int, float)) and value < 0:
        raise ValueError("不能是负数")
    if isinstance(value, (int, float)) and value > 100_000_000:  # 1e12 would be shown as "1e+08 亿元"
        raise ValueError("数值不合理，请检查单位，营收以万元计")
    return value


_FIELD_NAMES = {"industry": "行业", "employees": "人数", "revenue_wan": "营收（万元）", "stage": "数字化阶段",
                "region": "地区"}


def read_profile_input(**fields: object) -> ProfileInput:
    """A ProfileInput from command-line, file or form values; what cannot be read is an InputError naming the field."""
    try:
        return ProfileInput(**fields)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "；".join(f"{_FIELD_NAMES.get(str(e['loc'][0]), e['loc'][0])}：{_problem(e)}"
                            for e in exc.errors() if e.get("loc"))
        # the problems are not put in brackets: theirs ("超出范围（不小于 1）") and the hint's would double up, "…））"
        raise InputError(f"企业信息无法识别。{problems}", "人数写如 30，营收写万元数如 2000 或“两千万”") from exc


def _problem(error: Mapping[str, Any]) -> str:
    return reason(error) or "格式不对"
