"""Why a field of a request or profile was refused, in Chinese: pydantic's own messages are English ("Input should be
a valid integer, got a number with a fractional part"), and "字段 profile.employees 无效" alone does not say what to fix."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_OBJECT = "应为对象，如 {\"industry\": \"汽车零部件\", \"employees\": 50}"
_BY_KIND = {
    "int_from_float": "应为整数，不带小数", "int_type": "应为整数", "int_parsing": "应为整数",
    "float_type": "应为数字", "float_parsing": "应为数字", "string_type": "应为文本（用双引号括起来）",
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
    "model_type": _OBJECT, "model_attributes_type": _OBJECT, "dict_type": _OBJECT,
    "extra_forbidden": "没有这个字段，请检查拼写",
}


def reason(error: Mapping[str, Any]) -> str:
    """The reason in a few Chinese words, or "" when there is nothing more to say than "invalid"."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "value_error":  # our own validators speak Chinese already
        return str(error.get("msg", "")).removeprefix("Value error, ")[:80]
    if kind == "string_too_long":
        return f"太长，上限 {ctx.get('max_length')} 字"
    if kind == "string_pattern_mismatch":  # "^(extractive|llm)$": the values it may take
        choices = re.fullmatch(r"\^\(([\w|]+)\)\$", str(ctx.get("pattern", "")))
        return f"只能是 {' 或 '.join(choices.group(1).split('|'))}" if choices else "格式不对"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"超出范围（{'不小于' if kind == 'greater_than_equal' else '不大于'} {ctx.get('ge', ctx.get('le'))}）"
    return _BY_KIND.get(kind, "")
