"""Prompt files in prompts/: loaded, validated and filled in; code never holds prompt text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.errors import ConfigError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class PromptTemplate:
    """A prompt file: `{{name}}` placeholders, every one of which must be filled, and nothing else."""

    name: str
    text: str

    @property
    def variables(self) -> frozenset[str]:
        return frozenset(_PLACEHOLDER.findall(self.text))

    def render(self, **values: object) -> str:
        missing = self.variables - values.keys()
        extra = values.keys() - self.variables
        if missing or extra:
            raise ConfigError(
                f"提示词 {self.name} 的变量不匹配：缺少 {sorted(missing)}，多余 {sorted(extra)}",
                "请修改 prompts/ 中的文件或调用处",
            )
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.text)


@lru_cache(maxsize=64)
def load_prompt(name: str, prompts_dir: Path = PROMPTS_DIR) -> PromptTemplate:
    """Load prompts/NAME.md; a missing or empty file is a configuration error."""
    path = prompts_dir / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"找不到提示词文件 {path}", "请确认 prompts/ 目录完整") from exc
    if not text.strip():
        raise ConfigError(f"提示词文件 {path} 是空的", "请补全提示词")
    return PromptTemplate(name=name, text=text)


def all_prompt_names(prompts_dir: Path = PROMPTS_DIR) -> list[str]:
    """List every prompt file, so a test can render each one."""
    return sorted(p.stem for p in prompts_dir.glob("*.md"))
