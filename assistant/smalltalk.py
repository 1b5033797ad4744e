"""Messages that are not a question about transformation: greetings, thanks, "skip", asking who we are or which
reports we use, a language request, and topics outside our remit; and which language a message is in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.patterns import rx
from assistant.remit import out_of_remit
from assistant.textnorm import nfkc

PUNCT = rx(r"[\s,，。.!！?？~～、；;：:…\"'“”‘’()（）【】\[\]]+")
_CJK = rx(r"[\u4e00-\u9fff]")
_LATIN_WORD = rx(r"[a-zA-Z]{2,}")
_ENGLISH_FRAME = re.compile(r"\b(?:what|how|which|why|where|who|is|are|does|do|can|should|the|a|an|of|for|in|about|"
                            r"mean|means|we|our|please|tell|me)\b")
_SKIP = rx(
    r"^(?:(?:嗯|额|呃|哦|啊)?(?:不确定|不太确定|不知道|不清楚|不太清楚|说不清|跳过|先跳过|略过|先不说|暂时不说|不方便说|不方便透露|"
    r"不想说|保密|无所谓|随便|都行|直接说吧?|直接回答吧?|先回答(?:我的)?问题吧?|不用问了?|别问了|你直接说|直接给建议|"
    r"skip|pass|not sure|no idea|i don'?t know|don'?t know|rather not say|prefer not to say|just answer|"
    r"unsure|dunno)(?:吧|了|哈|呀|啊|哦|呢)?)+$"
)
_GREETING = rx(
    r"^(?:你好|您好|哈喽|嗨|在吗|在不在|有人吗|早上好|上午好|下午好|晚上好|早|hi|hello|hey|good (?:morning|afternoon|"
    r"evening)|老师好|小助手|顾问|请问|问个事|问一下|咨询一下|请教一下|打扰了|打扰一下|我?想问问|我?想问一下|我?想咨询一下?|"
    r"问个问题|我有个问题)+(?:呀|啊|哈|哦|呢)?$"
)
_THANKS = rx(r"^(?:好的|好|ok|okay|嗯嗯?|收到|明白了?|懂了|了解了?|谢谢|多谢|感谢|谢了|thanks?|thank you|thx|3q|"
                     r"辛苦了|再见|拜拜|bye|great|cool)+(?:你|您|啦|了|哈|呀|啊)*"
             r"(?:[\s，,!！。~]*(?:很|非常|挺|真|太)?(?:有帮助|有用|受教了?|学到了|清楚了)(?:啦|了|哈|呀|啊)*)?$")
_GRATITUDE = rx(r"谢|辛苦|有帮助|有用|受教|学到|再见|拜拜|\b(?:thanks?|thank you|thx|3q|great|cool|bye)\b")
# About the advisor's own documents: which reports, how recent, how reliable.
_SOURCES = rx(
    r"(?:你|你们|助手|顾问)(?:这些|那些|这几份)?(?:的|用的|依据的)?(?:资料|报告|数据|依据|信息|文档|材料|来源)(?:都)?(?:是|都是|来自|从|有)?"
    r"(?:哪|什么|啥|多新|新不新|准|靠不靠谱|可靠|几份|多少份)|"
    r"(?:这|那)?(?:几|五|5|些)份(?:报告|资料|文档)(?:分别)?(?:是|叫)(?:什么|哪些|啥)|"
    r"^(?:这些?|那些?)?(?:资料|报告|数据|依据|文档|材料)(?:是|都是|来自|从)?(?:哪(?:年|一年|些|几份|来)|什么时候|多新|新不新|准不准|"
    r"靠不靠谱|可靠吗|过时)|"
    r"(?:根据|依据|基于)(?:什么|啥|哪些)(?:资料|报告|文档|回答)|"
    r"^(?:你|你们)?(?:都)?有(?:哪些|啥|什么|几份)(?:报告|资料|文档)(?:呢|啊|吗)?[?？。!！]*$|"
    # "专精特新报告是谁写的": who published the reports and when is part of their list
    r"(?:报告|资料|文件)(?:是)?(?:谁|哪个单位|哪家|哪个机构|什么机构)(?:写|发布|出|编|做)的?|"
    r"\b(?:what|which) (?:sources|reports|documents|data)\b[^?]*\b(?:you|your)\b|"
    r"\bwhere does your (?:information|data) come from|\bhow (?:up to date|current|recent) (?:is|are) your"
)
_ABOUT_CONTENT = rx(r"案例|场景|行业|政策|补贴|企业|怎么|如何|\b(?:case|industry|policy|subsid)")
_WHO = rx(r"你是谁|你是什么|你能做什么|你会什么|你能干什么|你可以做什么|介绍一下你自己|你能干啥|你会干啥|你能做啥|你会做啥"
          r"|你(?:能|可以)帮(?:我|我们)?(?:做|干)?(?:什么|啥)|你有(?:什么|啥)用|who are you|what can you do"
          # what the advisor is: "你用的什么模型" was searched and answered with 三维模型 quotes
          r"|你是(?:不是)?(?:chatgpt|gpt|deepseek|文心一言|通义千问|豆包|kimi|ai|人工智能|机器人|真人|人工|大模型)"
          r"|你(?:用|用的|基于|是)(?:的)?(?:什么|哪个|啥)(?:模型|大模型|ai)"
          r"|\bare you (?:a |an )?(?:chatgpt|gpt|bot|robot|human|real person|ai)\b|\bwhat (?:llm|model|ai) (?:are|do) you\b")
# "能用英文回答吗", "Can you answer in English please?": the answer follows the language of each question
_LANGUAGE_ASK = rx(r"(?:用|说|讲|换成?)(?:英文|英语|中文|汉语)|(?:英文|英语|中文)(?:回答|回复|交流)"
                   r"|\b(?:answer|reply|respond|speak|write|talk)\b[^?]{0,20}\b(?:english|chinese)\b|\bin (?:english|chinese)\b")
# "这个案例是哪个报告的": where the last answer's quotes come from
CITED_FROM = rx(r"(?:是|出自|来自|引自|摘自)?(?:哪个|哪份|哪篇|哪本)(?:报告|文件|资料|文献)(?:的|里的|上的)?(?:[，,]|[?？。]*$)"
                r"|出处(?:是)?(?:哪|什么|在哪)|(?:报告|这个|这些|它)(?:是)?(?:哪年|哪一年|什么时候)(?:发布|发表|出版|出)的"
                r"|\bwhich reports? (?:is|are|was|were) (?:this|that|these|it)\b|\bwhere (?:is|are|does|do) (?:this|that|these|it) (?:come )?from\b"
                # the bare request after an answer: "出处？", "出处呢", "来源是", "source?", "sources pls"
                r"|^(?:请|麻烦)?(?:给个?|给我|发下|说下)?(?:出处|来源|原文出处|引用来源|参考来源)(?:是|呢|吗|在哪儿?|有吗)*[\s?？。!！]*$"
                r"|^(?:(?:what(?:'s| is| are)|where(?:'s| is| are)|give me|show me|any|got|and) )?(?:the |your )?"
                r"(?:sources?|citations?|references?|refs?)(?: (?:pls|plz|please|for (?:this|that|it)|\?))*[\s?.!]*$")
_OFF_TOPIC = rx(
    r"天气|下雨|气温|菜谱|食谱|做菜|做饭|红烧|炒菜|怎么煮|写(?:一段|个)?代码|python脚本|写个程序|编程|股票|基金|彩票|笑话|写诗|作诗|"
    r"电影|电视剧|综艺|球赛|足球|篮球|旅游|景点|机票|火车票|星座|算命|八字|风水|减肥|恋爱|女朋友|男朋友|游戏|明星|"
    r"翻译一下|作文|高考|房价|买房|彩礼|weather|recipe|cook|joke|poem|movie|football|lottery|stock price|write code|"
    r"python script|horoscope"
)
_STRONG_DOMAIN = rx(r"数字化|数智|转型|信息化|智能化|智能制造|上云|工业互联网|\berp\b|\bmes\b|政策|补贴|专精特新|企业|"
                    r"工厂|车间|制造|digital|factory|manufactur|policy|\bsmes?\b")

@dataclass(frozen=True)
class Remark:
    intent: str  # greeting, skip, sources or out_of_scope
    detail: str  # the words that decided it
    remit: str = ""  # for out_of_scope: the kind of question we redirect (assistant/remit.py), "" for chit-chat


def classify_remark(norm: str, bare: str) -> Remark | None:
    """The remark this message is, if it is one (`norm`: NFKC-lowered text, `bare`: the same without punctuation)."""
    return _classify_short(norm, bare) or _classify_remit(norm)


def detect_language(text: str) -> str:
    """Say "en" for messages in English: Latin words and no Chinese characters, or an English sentence around a
    Chinese term ("What is 专精特新?", "What does 'specialised' (专精特新) mean?"), else "zh"."""
    if not _CJK.search(text):
        return "en" if _LATIN_WORD.search(text) else "zh"
    function_words = _ENGLISH_FRAME.findall(text.lower())
    return "en" if len(function_words) >= 2 and len(_CJK.findall(text)) <= 12 else "zh"


def _classify_remit(norm: str) -> Remark | None:
    remit = out_of_remit(norm)
    if remit is not None:
        return Remark("out_of_scope", f"超出范围：{remit.remit.zh_topic}“{remit.words}”", remit=remit.remit.key)
    off = _OFF_TOPIC.search(norm)
    if off and not _STRONG_DOMAIN.search(norm):
        return Remark("out_of_scope", f"离题词“{off.group(0)}”且无数字化/企业相关词")
    return None


def _classify_short(norm: str, bare: str) -> Remark | None:
    if not bare or not re.search(r"[\w\u4e00-\u9fff]", bare):
        return Remark("greeting", "空消息或只有表情/符号")
    if _SKIP.match(bare):
        return Remark("skip", f"跳过/不确定“{bare}”")
    if _GREETING.match(bare):
        return Remark("greeting", f"问候“{bare}”")
    if _THANKS.match(bare):
        return Remark("greeting", f"致谢/确认“{bare}”")
    english = bare.isascii()  # English says the same in more letters: "Who are you and what documents do you use?"
    # "能用英文回答吗" alone; "切换成中文：那小微企业呢" carries a question of its own, answered as such
    asked_only = len(PUNCT.sub("", _LANGUAGE_ASK.sub("", norm))) <= (12 if english else 4)
    if _LANGUAGE_ASK.search(norm) and asked_only and len(bare) <= (60 if english else 20):
        return Remark("greeting", "询问能否换语言回答")
    # "你是谁，用的什么资料": the list of reports says both who answers and from what
    if _SOURCES.search(norm) and len(bare) <= (80 if english else 30) and not _ABOUT_CONTENT.search(norm):
        return Remark("sources", "询问回答依据的资料")
    if _WHO.search(norm) and len(bare) <= (60 if english else 20):
        return Remark("greeting", "询问助手能做什么")
    if CITED_FROM.search(norm) and len(bare) <= 30:
        return Remark("sources", "询问引用出处")
    return None


def is_gratitude(message: str) -> bool:
    """"谢谢" thanks us; "嗯" / "好的" / "ok" only acknowledge."""
    return bool(_GRATITUDE.search(nfkc(message).lower()))


def language_wanted(message: str) -> str | None:
    """"用中文说一下", "in English please": the language a bare request to switch asks for ("zh"/"en"), else None."""
    norm = nfkc(message).lower().strip()
    remark = classify_remark(norm, PUNCT.sub("", norm))
    if remark is None or remark.detail != "询问能否换语言回答":
        return None
    return "zh" if re.search(r"中文|汉语|chinese", norm) else "en"
