"""The profile card: 行业 / 规模 / 阶段 with where each value came from (stated, inferred or asked)."""

from __future__ import annotations

from typing import Any

from assistant.result import ProfileSummary
from ui.export import source_text
from ui.render import esc

STAGES = ("基础信息化", "应用数字化", "全面系统化", "智慧生态化")
_SHOWN = (("industry", "行业"), ("size", "规模"), ("stage", "阶段"), ("employees", "从业人数"),
          ("revenue_wan", "营收"), ("region", "地区"), ("systems", "已有系统"))
_UNITS = {"employees": " 人", "revenue_wan": " 万元"}


def _shown(slot: str, value: object) -> str:
    """A value as people read it: 800 万元, not 800.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and slot in _UNITS:
        try:
            number = float(value)
            value = int(number) if number.is_integer() else number
        except ValueError:
            return value
    return f"{value}{_UNITS.get(slot, '')}"


def fields_from(p: ProfileSummary) -> tuple[str, int | None, float | None, str]:
    """Values for the editable fields (industry, employees, revenue, stage)."""
    stage = p.stage if p.stage in STAGES else ""
    return p.industry or "", p.employees, p.revenue_wan, stage


def card_values(industry: str | None, employees: Any, revenue: Any, stage: str | None) -> dict[str, Any]:
    """The profile fields as typed, by ProfileInput's names; an empty number field can arrive as 0, and no firm has
    no staff or no revenue, so 0 means "not given"."""
    return {"industry": (industry or "").strip() or None,
            "employees": int(employees) if employees not in (None, "", 0) else None,
            "revenue_wan": float(revenue) if revenue not in (None, "", 0) else None,
            "stage": stage or None}


def card_html(p: ProfileSummary) -> str:
    """A compact summary of every known slot with its provenance; the three key slots always appear."""
    rows = []
    for slot, label in _SHOWN:
        info = p.sources.get(slot)
        value = info.get("value") if info else None
        if slot in ("size", "stage") and getattr(p, slot):
            value = getattr(p, slot)  # the source records the level number; show the stage's name
        if not value and slot not in ("industry", "size", "stage"):
            continue
        where = source_text(info) if value else "尚不清楚"
        shown = esc(_shown(slot, value)) if value else "—"
        rule = f"；依据：{esc(info['rule'])}" if info and info.get("rule") and value else ""
        rows.append(f"<div class='pf-row' data-slot='{slot}'><span class='pl'>{label}：</span>"
                    f"<span class='pv'>{shown}</span><div class='src-line'>来源：{esc(where)}{rule}</div></div>")
    return "<div class='pf-rows'>" + "".join(rows) + "</div>"
