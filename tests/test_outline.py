"""Which questions ask for a list the reports lay out under one heading, and which heading that is."""

from __future__ import annotations

import pytest

from assistant.outline import listed
from corpus.chunk import Chunk


def _chunk(n: int, section: str, text: str) -> Chunk:
    return Chunk(chunk_id=f"c{n}", doc_id="r.txt", title="报告", section=section, text=text, start=n * 100,
                 end=n * 100 + len(text), page=None, para=n, content_hash=str(n))


CHUNKS = [
    _chunk(0, "三、企业转型 > （二）催生五类工具需求", "企业在各流程环节采用的数字化应用种类超过1800项。"),
    *[_chunk(i, f"三、企业转型 > （二）催生五类工具需求 > 需求{i}：在环节{i}有需求", f"需求{i}：在环节{i}有需求。正文。")
      for i in range(1, 6)],
    _chunk(9, "三、企业转型 > （三）面临两种约束条件", "一是资金约束，二是人才约束。"),
]


@pytest.mark.parametrize(("question", "heading"), [
    ("有哪五类工具需求", "（二）催生五类工具需求"), ("5类工具需求分别是什么", "（二）催生五类工具需求"),
    ("两种约束条件是什么", None),  # a heading with no sub-sections lists nothing
    ("五类工具需求里哪个需求最大", None),  # one fact about the list, not the list
    ("我们有五个车间，哪些先上MES", None)])
def test_a_counted_question_finds_the_heading_that_announces_its_list(question: str, heading: str | None) -> None:
    found = listed(question, CHUNKS)
    assert (found.heading if found else None) == heading
    if found:
        assert [i.chunk.chunk_id for i in found.items] == ["c1", "c2", "c3", "c4", "c5"]
