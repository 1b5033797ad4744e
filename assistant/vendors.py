"""Questions asking us to name a vendor or brand, which the reports never do (they name vendors only as what firms
use)."""

from __future__ import annotations

import re

# "MES哪家好，推荐几个牌子", "有靠谱的ERP服务商推荐吗": the reports name vendors only as what firms use, never as advice
_PICK = re.compile(r"推荐|哪家(?:公司|厂商|厂家|企业)?(?:的)?(?:好|靠谱|强|比较好|做得(?:比较)?好|最好|性价比)|(?:哪个|什么|啥)牌子"
                   # "MES供应商怎么挑比较好": choosing among vendors is asking which one
                   r"|(?:供应商|服务商|厂商|厂家|软件商|软件公司|牌子|品牌)(?:该|要|应该)?(?:怎么|如何|咋)(?:挑|选|找)"
                   r"|哪个(?:厂商|厂家|供应商|服务商)(?:好|靠谱|比较好)|\brecommend|\bbest (?:vendor|supplier|brand|provider)s?\b"
                   r"|\bwhich (?:vendor|supplier|brand|provider)s? (?:is|are|should)\b", re.IGNORECASE)
_VENDOR = re.compile(r"牌子|品牌|厂商|厂家|供应商|服务商|软件商|软件公司|哪家|几家|\b(?:vendor|supplier|brand|provider)s?\b",
                     re.IGNORECASE)


def asks_vendor_pick(question: str) -> bool:
    """The question wants us to name a vendor or brand to buy from."""
    found = _PICK.search(question)
    if not found:
        return False
    # "推荐" alone recommends anything ("有推荐的做法吗"): only a vendor or brand recommended counts
    return not found.group().lower().startswith(("推荐", "recommend")) or bool(_VENDOR.search(question))
