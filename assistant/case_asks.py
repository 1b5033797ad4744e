"""How owners ask whether other firms have done it ("有没有类似的厂子做过", "别的厂都咋弄的"): a request for cases.

People rarely type the word 案例: they ask whether a firm like theirs did it, or how the others went about it. The
reports answer that with their firms' stories, so these asks are read as "有案例吗".
"""

from __future__ import annotations

import re

from assistant.textnorm import nfkc

# who the others are: firms like the asker's, peers, anyone
_OTHERS = (r"(?:别的|别家|其他|其它|类似的?|同类的?|同样的?|相似的?|同行的?|(?:跟|和|像)我们(?:一样|差不多|这样|这种)的?"
           r"|像我们这样的?)")
_FIRM = r"(?:人家?|企业|厂子?|工厂|厂家|公司|同行|谁家?|老板)"
# done it (做过, 搞成), or how they did it (咋弄的)
_DID = r"(?:这么|这样|这个)?(?:做|搞|弄|用|上|干|转)(?:过|成|好|成功|起来)"
_HOW = r"(?:都|是|一般|又|到底)?(?:怎么|咋|如何|咋样)(?:做|搞|弄|干|转|上)"

PEER_DONE = (
    rf"有(?:没有)?{_OTHERS}?{_FIRM}{_DID}"  # 有没有类似的厂子做过, 有谁家做过
    rf"|(?:{_OTHERS}{_FIRM}?|别人家?|人家){_HOW}"  # 别的厂都咋弄的, 同行咋搞的, 别人家是怎么搞的
    rf"|有(?:没有)?(?:做得?好|做得不错|做成功?|成功)的?{_OTHERS}?{_FIRM}"  # 有没有做得好的厂可以参考
    rf"|{_OTHERS}{_FIRM}有(?:做|搞|弄)(?:成|好|过)"  # 像我们这样的厂有做成的吗
)
# the ask on its own, leaning on what was just discussed
_BARE = re.compile(rf"^(?:那|那么|请问|想问下?)?(?:{PEER_DONE})[^，,。？?]{{0,8}}[？?。!！\s]*$")


def bare_peer_ask(message: str) -> bool:
    """The message only asks whether firms like the asker's have done it ("有没有类似的厂子做过")."""
    return bool(_BARE.search(nfkc(message).strip().lower()))
