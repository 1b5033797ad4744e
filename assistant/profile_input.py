"""A profile given explicitly: the API body, CLI flags, batch lines and the UI's profile card."""

from __future__ import annotations

import math
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.batch import employees_in, revenue_in
from assistant.errors import InputError
from assistant.profile import Profile, profile_from_fields


class ProfileInput(BaseModel):
    """A profile given explicitly (API body, CLI flags, the UI's profile card). Numbers may be written as people
    write them ("两百人", "两千万"), as batches accept; a misspelt field is refused rather than ignored."""

    model_config = ConfigDict(extra="forbid")

    industry: str | None = Field(None, max_length=100)
    employees: int | None = None
    revenue_wan: float | None = None
    stage: str | None = Field(None, max_length=100)

    @field_validator("employees", mode="before")
    @classmethod
    def _people(cls, value: object) -> object:
        return _as_figure(value, employees_in)

    @field_validator("revenue_wan", mode="before")
    @classmethod
    def _revenue(cls, value: object) -> object:
        return _as_figure(value, revenue_in)

    def to_profile(self) -> Profile | None:
        if not any(v not in (None, "") for v in self.model_dump().values()):
            return None
        return profile_from_fields(self.industry, self.employees, self.revenue_wan, self.stage)


def _as_figure(value: object, read: Callable[[object], float | None]) -> object:
    """Words read as a number; NaN and infinity refused (a float field would take them and misclass the firm)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("必须是有限的数字")
    if isinstance(value, str) and value.strip():
        try:
            float(value)
        except ValueError:
            try:
                return read(value)
            except InputError as exc:
                raise ValueError(exc.user_message()) from exc
    return value
