"""Regex helpers for mixed Chinese/English text."""

from __future__ import annotations

import re

# Python counts Chinese characters as word characters, so "\b" fails in "erp系统"; this boundary looks at ASCII only.
AB = r"(?:(?<![a-z0-9])(?=[a-z0-9])|(?<=[a-z0-9])(?![a-z0-9]))"


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern whose "\\b" means an ASCII word boundary (text is expected lower-cased)."""
    return re.compile(pattern.replace(r"\b", AB))
