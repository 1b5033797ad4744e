"""Regex helpers for mixed Chinese/English text."""

from __future__ import annotations

import re

# Python counts Chinese characters as word characters, so "\b" fails in "erp系统"; this boundary looks at ASCII only.
AB = r"(?:(?<![a-z0-9])(?=[a-z0-9])|(?<=[a-z0-9])(?![a-z0-9]))"


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern whose "\\b" means an ASCII word boundary (text is expected lower-cased, or pass
    re.IGNORECASE)."""
    return re.compile(pattern.replace(r"\b", AB), flags)

# "咱们国家 / 我国" is the country, not the user's company: removed before looking for first-person words.
NATIONAL_WE = rx(r"咱们国家|我们国家|咱们中国|我们中国|咱国|我国|咱们这个国家|\bour country\b"
                 # "咱们对国外依赖多大": the country set against foreign ones, not the asker's firm
                 r"|(?:咱们|我们)(?=(?:对|跟|和|与|比)(?:国外|外国))")
