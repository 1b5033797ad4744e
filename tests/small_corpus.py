"""A two-document corpus and its index, small enough to build in seconds with the real embedder."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings
from corpus.ingest import ingest

QUESTION = "注塑企业设备联网有什么作用？"
DOCUMENTS = {
    "networking.txt": """注塑企业设备联网实践指南

一、设备联网的作用
注塑企业开展设备联网，可以实时采集注塑机的开机率、节拍和能耗数据。通过设备联网，车间管理者能够及时发现停机和异常，减少等待时间。某注塑企业接入120台注塑机后，设备综合效率提升了8个百分点。

二、实施步骤
设备联网一般先从关键注塑机入手，再逐步扩展到辅机和模温机。企业应先梳理数据采集需求，再选择合适的采集网关和工业互联网平台。
""",
    "erp.txt": """小微企业上云用云指南

一、上云的好处
小微企业使用云上的进销存和财务软件，可以降低一次性投入，按月付费。中小企业服务机构可以为企业提供上云诊断和培训服务。
""",
}


def build_small_index(root: Path) -> Settings:
    """Write the corpus under root/corpus, ingest it into root/data and return settings for it."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus_dir=corpus, database=root / "advisor.sqlite3")
    report = ingest(settings)
    assert report.documents == len(DOCUMENTS) and not report.failed
    return settings


def copy_index(settings: Settings, root: Path) -> Settings:
    """A private copy of an index (to damage or re-ingest), with its own conversation log."""
    shutil.copytree(settings.data_dir, root / "data")
    return settings.model_copy(update={"data_dir": root / "data", "database": root / "advisor.sqlite3"})


def advisor_with_documents(root: Path, extra: dict[str, str]) -> Advisor:
    """An advisor over the two documents above and `extra` (file name → text), e.g. uploaded policy notices."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in {**DOCUMENTS, **extra}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus_dir=corpus, database=root / "advisor.sqlite3")
    assert not ingest(settings).failed
    return Advisor(Runtime(settings))


def quoted_lines(answer: str) -> str:
    """The answer's quote bullets, one per line."""
    return "\n".join(line for line in answer.splitlines() if line.startswith("- "))
