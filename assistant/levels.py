""""我们现在算几级": a firm asking where it stands on the digital-level scale the reports describe.

The reports name the four levels (初始级, 规范级, 集成级, 协同级), describe each level's practice per business area for
two industries, and name the ministry's 《中小企业数字化水平评测指标》 and the local diagnosis services; they give no
way to rate one firm. So such a question is answered like advice (what the reports describe is worth reading against
one's own practice), with a note saying the rating itself is not theirs to give and who gives it.
"""

from __future__ import annotations

import re

from assistant.textnorm import nfkc

_OWN = r"(?:我们(?!行业|国家|这个行业|这行|省|市|县|区)|我厂|我司|我公司|咱们|咱|本厂|本公司|贵司|贵厂|自家|\bwe\b|\bour\b|\bus\b)"
_LEVEL = (r"(?:算|是|属于|处于|在|达到|到了|够|评得上|能评|能算|能到|定|评)(?:个|了)?(?:第)?(?:几|哪(?:一|个)?)(?:级|个级别|个等级|等级|档)"
          r"|(?:什么|啥|哪个)(?:级别|等级|水平等级)"
          r"|\b(?:what|which) (?:digital |maturity )?(?:level|grade)\b"
  )
_OWN_LEVEL = re.compile(rf"{_OWN}.{{0,40}}?(?:{_LEVEL})|(?:{_LEVEL}).{{0,20}}?{_OWN}", re.IGNORECASE | re.S)


def asks_own_level(question: str) -> bool:
    """The question asks which digital level the asker's own firm is at (not how the levels are defined)."""
    return bool(_OWN_LEVEL.search(nfkc(question)))
