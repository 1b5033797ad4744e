"""The consultation report's fixed wording in Chinese and English: a report reads in the conversation's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.profile import FORM_EVIDENCE

Language = Literal["zh", "en"]


@dataclass(frozen=True)
class ReportLabels:
    title: str
    created: str  # followed by the date and time
    profile: str
    columns: tuple[str, str, str]
    rows: dict[str, str]  # profile slot → its row label
    unknown: str
    people: str  # "{n}" → headcount as written
    sources: dict[str, str]  # how a profile value was learnt
    aside: str  # "{how}" and "{what}" → how a value was learnt and the words that told it
    form: str  # what a value filled in on a form was told by
    entries: str
    question: str  # "{i}" and "{q}" → the numbered question heading
    added: str  # "{q}" and "{more}" → a held-back question with the answer to the advisor's question
    note: str  # before a flag
    refused: str
    low_confidence: str
    waiting: str
    references: str
    no_references: str
    footer: str
    file_stem: str


ZH = ReportLabels(
    title="数转顾问 · 咨询报告", created="生成时间：", profile="企业画像", columns=("项目", "内容", "来源"),
    rows={"industry": "行业", "size": "规模", "stage": "数字化阶段", "employees": "从业人数", "revenue_wan": "营业收入",
          "region": "地区", "systems": "已有系统"},
    unknown="未知", people="{n} 人",
    sources={"stated": "您告知", "inferred": "推断", "asked": "追问所得", "default": "默认"},
    aside="{how}（{what}）", form=FORM_EVIDENCE,
    entries="问答记录", question="问题 {i}：{q}", added="{q}（补充：{more}）", note="注意：",
    refused="未作回答（资料中无依据）", low_confidence="依据不足，仅供参考", waiting="顾问在等待补充企业信息，尚未回答",
    references="参考资料", no_references="（本次对话未引用资料）",
    footer="本报告由数转顾问依据公开政策与研究报告自动整理，引用内容请以原文为准。", file_stem="咨询报告",
)

EN = ReportLabels(
    title="数转顾问 · Consultation report", created="Created: ", profile="Company profile",
    columns=("Item", "Value", "Source"),
    rows={"industry": "Industry", "size": "Size", "stage": "Digital stage", "employees": "Employees",
          "revenue_wan": "Revenue", "region": "Region", "systems": "Systems in use"},
    unknown="unknown", people="{n} people",
    sources={"stated": "you said", "inferred": "inferred", "asked": "your answer to our question",
             "default": "default"},
    aside="{how} ({what})", form="filled in on the form",
    entries="Questions and answers", question="Question {i}: {q}", added="{q} (added: {more})", note="Note: ",
    refused="Not answered (the reports do not cover this)", low_confidence="Weak support: for reference only",
    waiting="The advisor is waiting for more details about the company; not answered yet",
    references="References", no_references="(No sources were cited in this conversation)",
    footer="This report was compiled automatically by 数转顾问 from public policies and research reports; "
           "check every quote against the original.",
    file_stem="consultation-report",
)


def labels_for(language: str) -> ReportLabels:
    """English labels for an English conversation; Chinese otherwise (the app is Chinese-first)."""
    return EN if language == "en" else ZH
