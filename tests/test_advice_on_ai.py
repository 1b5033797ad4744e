"""A firm asking what AI can do for it hears what the reports say of AI, for its trade where they say it."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.runtime import Runtime
from assistant.settings import Settings


@pytest.fixture(scope="module")
def advisor(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    db = tmp_path_factory.mktemp("ai-db") / "advisor.sqlite3"
    return Advisor(Runtime(shared_index_settings.model_copy(update={"database": db})))


def scenarios(answer: str) -> list[str]:
    block = answer.split("### 适合贵企业的场景")[1].split("###")[0]
    return [line for line in block.splitlines() if line.startswith("- ")]


def test_a_pcb_maker_asking_about_ai_gets_the_reports_ai_uses_not_its_trades_definitions(advisor: Advisor) -> None:
    result = advisor.respond("我们是做PCB的，150人，在深圳，用了ERP和MES。AI对我们有什么用？")
    assert not result.refused
    lines = scenarios(result.answer)
    assert lines and all("AI" in line or "人工智能" in line or "大模型" in line for line in lines), lines
    assert "开料计算" not in result.answer  # the PCB section's scenarios say nothing of AI
    # and the answer says so, rather than passing general AI remarks off as the trade's own
    assert "“印刷电路板”章节没有谈到人工智能" in result.answer


def test_a_trade_whose_section_speaks_of_ai_is_not_told_it_does_not(advisor: Advisor) -> None:
    first = advisor.respond("汽配厂，常州的，120人，ERP和MES都上了")
    result = advisor.respond("AI大模型对我们有用吗", session_id=first.session_id)
    assert not result.refused and "章节没有谈到" not in result.answer
    assert all("AI" in line or "人工智能" in line or "大模型" in line for line in scenarios(result.answer))
