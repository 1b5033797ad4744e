"""Dialogue policy: what kind of message this is, and which missing slots would change the advice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.case_asks import PEER_DONE
from assistant.facts import places_named
from assistant.names import TRADES, names_asked
from assistant.patterns import NATIONAL_WE, rx
from assistant.smalltalk import PUNCT, classify_remark
from assistant.textnorm import nfkc
from assistant.topics import topic_slots
from assistant.vendors import asks_vendor_pick

INTENTS = ("advice", "fact", "follow_up", "greeting", "sources", "out_of_scope", "skip", "profile_info")


_SKIP_IN_QUESTION = rx(r"不用问|别问了|直接(?:说|回答|给)|先别问|just answer|don'?t ask")
_HOW_OTHERS = rx(r"是怎么|怎么做的|怎么搞的|咋(?:做|搞|弄)的|的做法|的经验|怎么支持|怎么帮|怎么推动|\bhow (?:does|did|do)\b"
                 # a country's or programme's own money ("德国给中小企业投了多少钱"): a figure the reports give or not
                 r"|(?:投|拿|给|花|补|出)了?多少|预算|拨款|多少钱")
# how a named place goes about it ("浙江的数字化改革具体怎么做的", "鹰潭是怎么搞的"): the reports' account of that place
_PLACE_PRACTICE = rx(r"是怎么|(?:怎么|咋|如何)(?:做|搞|弄|干|推进|推动|支持|实施)的|的做法|的经验|有(?:啥|什么|哪些)做法")
_PRICE = rx(r"多少钱|价格|报价|收费|一套多少|\bhow much (?:does|is|would)\b|\bprice\b")
# Which size class the firm is in: answered from the 2017 standard once a headcount or revenue is known
_SIZE_CHECK = rx(r"算(?:不算)?(?:是)?(?:大型|中型|小型|微型|小微|中小)(?:企业)?(?:吗|嘛|么|不|还是|[？?]|$)|"
                 r"(?:算|是)(?:不是)?(?:小|大|中)企业(?:吗|嘛|么|[？?]|$)|"
                 # "这种规模属于中型吧", "我们应该算小型的吧": a guess at the class, asking to be confirmed
                 r"(?:属于|算|是)(?:大型|中型|小型|微型|小微|中小)(?:企业|的)?(?:吧|吗|嘛|么)|算(?:什么|啥|哪种|哪类|多大)(?:规模|企业|类型)"
                 r"|属于(?:什么|哪种|哪类|哪个)(?:规模|企业|类型)|是不是(?:大型|中型|小型|微型|小微|中小)企业|什么规模的企业"
                 r"|\bcount as (?:an? )?(?:sme|small|medium|micro|large)|\bwhat size (?:class|category)|\bare we an? "
                 r"(?:sme|small|medium|micro)"
                 r"|\bis (?:my|our) (?:company|firm|factory|business|plant) an? (?:sme|small|medium|micro|large)"
                 # "Is a firm with 80 employees and 50 million yuan revenue an SME?", "Are we classed as small?"
                 r"|\bis (?:a|an|this|that) (?:company|firm|factory|business|plant)\b[^?]{0,80}\ban? "
                 r"(?:sme|small|medium|micro|large)\b|\b(?:classed|classified) as (?:an? )?(?:sme|small|medium|micro|large)")
# What an owner asks for his own firm once it is described: support, systems, where to go next.
_SUBJECTLESS_ADVICE = rx(r"政策|补贴|补助|扶持|支持|资金|贷款|系统|软件|方案|工具|上什么|做什么|下一步|"
                         r"\b(?:polic|subsid|grant|fund|money|support|system|software|tool|next)")
_DOMAIN = rx(
    r"数字化|数智|转型|信息化|智能化|智能制造|上云|工业互联网|\berp\b|\bmes\b|系统|软件|政策|补贴|专精特新|中小企业|企业|"
    r"工厂|厂|车间|生产|制造|设备|质量|仓储|仓库|排产|供应链|数据|平台|\bai\b|人工智能|大模型|案例|报告|试点|园区|集群|"
    r"评测|等级|降本|增效|能耗|订单|库存|产线|自动化|机器人|营销|电商|成本|效率|管理|老板|员工|人才|投入|资金|"
    r"用友|金蝶|管家婆|钉钉|企业微信|飞书|\bsap\b|\bplm\b|\bwms\b|\bcrm\b|\boa\b|\bscada\b|"
    r"digital|factory|manufactur|sme|erp|mes|policy|subsid|software|system|industry|company|pilot|programme|program|"
    r"cloud|platform|automation|robot|\bai\b|"
    # what a short English question asks about the reports' subjects: "whats the roi usually"
    r"\broi\b|return on investment|payback|\bbenefits?\b|\bcosts?\b|invest|little giant|specialised|subsid"
)
_QUESTION = rx(
    r"[?？]|吗|呢|怎么|如何|什么|啥|哪|干嘛|咋|怎样|是否|能否|可否|真的假的|对不对|是不是|靠不靠谱|可以|要不要|该不该|建议|推荐|请问|想问|想了解|想知道|咨询|求|帮我|"
    r"给点|有没有|多少|多久|多长时间|(?<![十百千万一二两三四五六七八九好])几(?![十百千万])(?!年了)|为什么|为啥|能不能|行不行|好不好|值不值|想上|打算|准备|计划|规划|下一步|从哪|先做|先上|"
    r"想(?![法象起到])|有必要|([\u4e00-\u9fff])不\1|能申请|能申报|有资格|"  # "八十个人的厂子能申请不"
    r"\b(?:how|what|which|why|should|can|could|would|recommend|advise|help|where|when|is there|are there|any|"
    r"whats|hows|wheres|whys|"  # typed without the apostrophe
    r"tell me|explain|describe|summari[sz]e|list)\b"
)
_ADVICE = rx(
    r"该怎么|应该|怎么做|怎么搞|怎么弄|怎么办|如何做|如何推进|如何开展|从哪|先上|先做|先搞|要不要|该不该|值不值|值得|"
    # typed as people speak: "跑路了咋办", "排产老乱咋整", "能不能分步做", "老师傅的经验怎么留下来"
    r"咋办|咋整|咋弄|咋搞|咋做|怎么整|如何是好|(?:能不能|可不可以|能否|可以)(?:分步|分阶段|一步步|慢慢)|"
    r"(?:怎么|如何|咋)(?:才能)?(?:留住|留下|保留|传下去|传承|沉淀)|"
    r"(?:好|啥|什么|有效的?)(?:办法|招)|怎么解决|如何解决|咋解决|支招|有没有[^，。？?]{0,8}(?:办法|法子|路子|招儿?)|"
    r"(?:省钱|便宜|低成本|花钱少)[点些的]*(?:办法|做法|方案|路子)|"
    r"建议|推荐|适合|选哪|怎么选|选型|方案|规划|路线|路径|下一步|第一步|起步|入手|开始|能申请|可以申请|申请什么|"
    r"能享受|能拿|有什么用|帮我|给点|多少钱|投入多少|要投入|花多少|想上|打算|准备上|计划|需要上|上什么|上啥|做什么|搞什么|先(?:弄|搞|做)(?:啥|什么)|能做|可以做|有必要|"
    r"(?<![不没])想(?![法象起到]|知道|了解|问)|"
    r"\bhow much (?:do|does|should|would|will|to) [\w' -]{0,40}\b(?:spend|invest|cost)|"
    # "cheaper option?" (便宜点的办法)
    r"\b(?:cheaper|cheapest|low[- ]cost|less expensive|budget) (?:options?|ways?|routes?|alternatives?|solutions?"
    r"|approach\w*)\b|"
    r"\b(?:how should|what should|where (?:do|should) (?:we|i) start|recommend|advise|should we|should i|"
    r"what can we|which .* should|help us|help me)\b|"
    # "How can a small factory start with MES?": how to begin something is asked for advice, as "怎么开始上MES"
    r"\bhow (?:can|could|do|does|would) (?:a|an|our|my|we|i|small|smaller|sme)\b[\w' -]{0,40}?\b(?:start|begin|get "
    r"started|adopt|introduce|implement|roll out|go about|digitali[sz]e|move to)\b|\bwhere to (?:start|begin)\b"
    r"|\b(?:first steps?|get(?:ting)? started)\b"
)
_CASES = rx(r"(?<!没)有(?:没有)?(?:类似的?|相关的?|同行的?)?案例|有(?:什么|啥|哪些)[^，。？?,.]{0,6}?案例|典型案例|举(?:个|几个)?例子|"
            r"同行(?:都)?(?:怎么做|是怎么)|有没有[^，。？?,.]{1,12}的?(?:案例|例子)|[^，。？?,.]{1,12}的(?:成功|典型|数字化|智能化|转型|改造)*"
            r"(?:案例|例子)(?:吗|么|嘛|呢|没|不|有哪些|有没有)?[？?]?$|(?:案例|例子)有哪些[？?]?$"
            r"|有(?:没有)?(?:别的|其他)?(?:人|企业|厂|同行|谁)(?:这么|这样)?(?:做|搞|弄|用|上)过|有(?:没有)?(?:现成的?)?例子(?:吗|没|不)?"
            r"|\b(?:any (?:case|example)s?|case stud|examples? (?:of|from)|cases? (?:from|of|in)\b|more (?:cases|examples)\b)"
            r"|\b(?:give|show) (?:me|us) (?:some |any )?(?:examples?|cases?)\b"
            # "能参考哪些同行", "有啥可借鉴的企业": peers to learn from
            r"|(?:参考|借鉴|学习|对标)(?:哪些|哪几家|哪家|什么)(?:同行|企业|厂家?|公司|案例)|(?:参考|借鉴|学习|对标)谁"
            r"|有(?:啥|什么|哪些)可(?:以)?(?:参考|借鉴)的"
            r"|" + PEER_DONE)
_FACT = rx(
    r"哪[一二三四五六七八九十\d]+[个条类种项点大]|什么是|是什么|指什么|啥是|是啥|是多少|有多少|平均值|有哪些|有哪几|哪几个|几个阶段|几级|多少家|占比|比例|百分之|数据显示|定义|含义|区别|"
    r"报告(?:里|中|说|提到)|根据报告|举(?:个|几个)?例|典型案例|有什么案例|哪些案例|有没有(?:类似的?|相关的?)?案例|"
    r"特征|趋势|现状|算(?:是)?(?:大型|中型|小型|微型|小微|中小)企业|"
    r"\b(?:what is|what are|how many|what percentage|what share|define|definition|difference between|"
    r"according to|what does the report)\b"
    # figures, lists, comparisons, dates, how others did it: what the reports say, not what you should do
    r"|哪[一二三四五六七八九十两\d]+[\u4e00-\u9fff]|哪(?:种|类|些|几|家|项|条|年|月|一年|方面|领域|环节|国)"
    r"|(?:路径|路子|模式|类型|阶段|特点)(?:都|一共|主要|分别)?(?:有|是|包括|分为)(?:啥|什么|哪些|哪几)"  # "转型路径都有啥"
    r"|几成|几项|几个|几家|几倍|几种|几类|几条|几大类|(?<![了好])几年(?!了)|(?<!投入)(?<!投)(?<!花)多少(?!钱)|多大|多高|多长时间|占比|占多少|能占|占到|占了|比重|渗透率|普及率|上云率"
    r"|跟.{1,16}比|和.{1,16}比|与.{1,16}相比|相比|对比|比较|区别|差别|差异|不一样|有何不同|有什么不同|谁更|哪个更"
    r"|效果(?:怎么样|如何|咋样)|做到(?:啥|什么)程度|是怎么(?:搞|做|弄|实现)的|怎么做到的|用了(?:什么|啥|哪些)"
    r"|什么时候|何时|算不算|能不能算|能否算|可不可以算|是否属于|属不属于|看不看|是否要求|要不要求"
    r"|\b(?:how does|compared?|compares|versus|vs|how much did|how did|when did|what did|which (?:industries|"
    r"sectors|companies|firms|kinds?|types?|year)|what proportion|list)\b"
)
# Advice only in the "what should I/we do" form; with fact cues and no subject it decides for advice.
_SHOULD = rx(r"该|应该|要不要(?!求)|先上|先做|先搞|从哪|推荐|建议|怎么选|选哪|下一步|值不值|有必要|适合(?:我|咱)|"
             r"\b(?:should|recommend|where (?:do|should) (?:we|i) start)\b")
# Someone other than the user's company is the subject: a question about them is a fact question.
_THIRD_PARTY = rx(
    r"那家|这家|那个|某家|某个企业|某企业|某厂|人家|别人|别家|同行|其他(?:企业|厂)|别的(?:企业|厂)|哪类|哪些企业|"
    r"什么(?:样的?)?企业|(?:微型|小型|中型|大型|小微|中小微?|专精特新|规上|规模以上|龙头|领军|链主|上市|国有|民营)企业|"
    r"的企业|的厂(?:子|家)?|企业里|中小厂|集群|国家|全国|国外|美国|德国|日本|"
    r"\b(?:the company|that company|companies|firms|smes|china|chinese|the us)\b"
)
# A problem told about one's own company ("BOM管理很乱") asks for advice without a question mark.
_PAIN = rx(r"(?:排产|生产|计划|库存|仓库|账|车间|现场|管理|订单|物料)(?:有点|很|太|比较|特别|老是|总是|经常)?乱(?!码)|很乱|混乱|乱糟糟|一团乱|一团糟|乱七八糟|糟糕|改来改去|(?:老是|总是|经常|动不动就?|反复)改|头疼|头痛|麻烦|难管|管不过来|管不好|跟不上|效率(?:很|太|比较)?低|老是出错|经常出错|"
           r"总出错|出错多|浪费|太高|太贵|搞不定|用不起来|痛点|难题|瓶颈|拖后腿|"
           # how owners state a problem without asking: 良率老上不去, 换模时间太长, 仓库老是对不上账
           r"上不去|下不来|降不下来|提不上去|对不上|赶不上|招不到|留不住|查不到|查不出|算不清|说不清|理不清|管不住|"
           r"忙不过来|看不见|看不到|摸不清|(?:老是?|总是?|经常|动不动就?|时不时)(?:出错|出问题|返工|延期|拖期|停机|停线|停|"
           r"坏|缺料|断料|错|漏|丢|超期|投诉|退货|报废|卡)|太(?:长|慢|久|多|低|差|乱|大)|(?:很|特别|贼|巨)(?:慢|低|差|乱)|"
           r"偏高|偏低|良率低|合格率低|不良率高|次品多|废品多|返工多|积压|压货|呆滞|延误|误期|赶不出来|做不完|交不了货|"
           r"\b(?:messy|a mess|chaos|struggl\w*|pain points?|too (?:slow|high|low|long|many|much)|keeps? (?:failing|"
           r"breaking)|can'?t keep up|always late|low yield|high scrap|(?:is|are) (?:slow|late|messy|unreliable)|"
           r"retir\w*|short of|hard to (?:find|hire|keep)|keep missing|missing (?:delivery|deadlines))\b")
# A claim attributed to the reports must be checked against them before any advice builds on it.
_REPORT_PREMISE = rx(r"报告(?:里|中|上)?(?:说|讲|提到|写|建议|认为|指出)|(?:听说|据说|网上说|有人说|别人说|听人说)|\b(?:since|as) the reports? (?:says?|shows?|states?)\b|"
                     r"\bthe reports? (?:says?|claims?)\b")
# "在上海租智能装备，报告里有没有建议给补贴？", "资料里咋说的": a question on the reports' contents
_REPORT_CONTENTS = rx(r"(?:报告|资料|文件)(?:里|中|上)(?:有没有|有无|是否|有)(?:建议|提到|提过|讲|说|写|提)"
                      r"|(?:报告|资料)(?:里|中)?(?:是)?(?:怎么|咋|如何)(?:说|讲|写|看)的?"
                      r"|\bdo(?:es)? the reports? (?:say|mention|recommend|suggest)\b")
_HEADCOUNT_OR_MONEY = rx(r"\d+\s*(?:来|多)?\s*(?:个|号|名)?(?:人|员工|工人)|[一二两三四五六七八九十百千几]+(?:来|多)?(?:个|号|名)?(?:人|员工|工人)|"
                         r"[万亿]|人(?:不多|也不多|很少|不算多)|\b\d+\s*(?:people|employees|staff|workers)\b")
# What the reports are about, as helpdesk staff type it into a search box without a question word.
_TOPIC_QUERY = rx(r"场景|案例|路径|政策|补贴|趋势|现状|特征|模式|做法|经验|难点|指南|标准|上云率|普及率|渗透率|比例|占比|"
                  r"\b(?:scenarios?|cases?|policies|policy|trends?|rate|share)\b")
_GENERIC_SUBJECT = rx(r"中小企业|一般企业|企业一般|一般|通常|普遍|大多数|其他企业|别的企业|行业里|"
                              r"\b(?:smes|companies in general|in general|typically)\b")
_FOLLOW = rx(
    r"^(?:那|那么|那如果|还有|另外|然后|具体|展开|详细|再|为什么|为啥|举个例子|比如|第[一二三四五六七八九十\d]|上面|刚才|"
    r"这个|那个|这些|那些|它|这样|这种|接着|继续|还有呢|他们|她们|人家|这家|那家|这几家|那几家|and\b|what about|how about|tell me more|more detail|why|"
    r"then|so\b|also|go on|continue|example|(?:what|how) (?:was|is|were|are|does|did) (?:it|that|this|they)\b"
    r"|expand on|elaborate|(?:show|give) me more|any more|anything (?:else|more)|got anything|more (?:cases|examples)"
    r"|is (?:it|that) the same|same (?:for|in)\b"
    # "in jiangsu?", "for 50 people?" (江苏呢, 那50人的呢): a place or a size, no question of its own
    r"|(?:and |but )?(?:in|for|at) (?!.*\b(?:what|which|how|why|who|when|where|is|are|do|does|did|can|should)\b))"
)
_FOLLOW_ANY = rx(r"你刚才|你说的|上面说的|前面说的|刚刚说|第[一二三四五\d]点|第[一二三四五\d]条|"
                         r"\b(?:you said|you mentioned|the (?:first|second|third|fourth|fifth) (?:point|one|item)"
                         r"|(?:point|item) #?[1-9]"
                         # "whats the benefit of being one" after a question on 小巨人: the one just asked about
                         r"|(?:being|become|becoming|became) (?:one|it|that)|(?:benefits?|advantages?|point) of (?:it|that|this|one))\b")
_FIRST_PERSON = rx(r"我们|我厂|我司|我家|咱们|咱|本厂|本公司|厂里|我公司|我这|自家|\bwe\b|\bour\b|\bmy\b|\bi\b"
                   r"|\b(?:like|for|help|to|with|of|about) us\b")  # "firms like us", not "the US"


@dataclass(frozen=True)
class IntentResult:
    intent: str
    detail: str  # the words that decided it
    personal: bool = True  # about the user's own company (not "中小企业一般…")
    no_ask: bool = False  # the user asked us not to ask ("直接说")
    remit: str = ""  # for out_of_scope: the kind of question we redirect (assistant/remit.py), "" for chit-chat


def _norm(message: str) -> tuple[str, str]:
    norm = nfkc(message).lower().strip()
    return norm, PUNCT.sub("", norm)


def classify_intent(message: str, turns: int, has_facts: bool, describes_company: bool = False,
                    knows_company: bool = False) -> IntentResult:
    """Classify one message: advice, fact, follow_up, greeting, sources, out_of_scope, skip or profile_info.

    `knows_company`: earlier turns told us about the user's company, so a question without a subject is about it."""
    norm, bare = _norm(message)
    remark = classify_remark(norm, bare)
    quick = None if remark is None else IntentResult(remark.intent, remark.detail, remit=remark.remit)
    if quick is not None and quick.intent == "out_of_scope" and not quick.remit and turns > 0 \
            and len(bare) <= 40 and (_FOLLOW.search(bare) or _FOLLOW.search(norm) or _FOLLOW_ANY.search(norm)):
        return IntentResult("follow_up", "承接上文的追问")  # "Show me more cases": no topic word of its own
    if quick is not None:
        return quick
    question = _QUESTION.search(norm)
    own = _own_firm(norm)
    if has_facts and not question:
        topic = _FACT.search(norm) or _GENERIC_SUBJECT.search(norm) or _TOPIC_QUERY.search(norm)
        if topic and not own and not _HEADCOUNT_OR_MONEY.search(norm):
            # typed like a search ("小微企业上云率", "汽配企业数字化场景"): a question about the reports
            return IntentResult("fact", f"关键词式提问“{topic.group(0)}”", personal=False)
        pain = _PAIN.search(norm)
        # "注塑厂，换模时间太长" is the user's own factory unless someone else is named
        if pain and (own or describes_company or not _THIRD_PARTY.search(norm)):
            return IntentResult("advice", f"讲了自家的难处“{pain.group(0)}”")
        return IntentResult("profile_info", "只介绍了企业情况，没有提问")
    advice, fact = _ADVICE.search(norm), _FACT.search(norm)
    follows = (_FOLLOW.search(bare) or _FOLLOW.search(norm)) and len(bare) <= 30 or _FOLLOW_ANY.search(norm)
    if turns > 0 and follows and not has_facts and not (advice and own):
        return IntentResult("follow_up", "承接上文的追问")
    # a price is the same whatever the firm: no questionnaire before saying the reports quote none
    # nor before saying the reports recommend no vendor ("MES哪家好")
    no_ask = bool(_SKIP_IN_QUESTION.search(norm) or _PRICE.search(norm) and not own or asks_vendor_pick(norm))
    named = [n for n in names_asked(norm) if n not in TRADES]
    other = not own and bool(_GENERIC_SUBJECT.search(norm) or _THIRD_PARTY.search(norm))
    about_reports = _about_reports(norm, named, own, no_ask)
    if about_reports is not None:
        return about_reports
    if fact and _fact_wins(norm, bool(advice), own, other):
        return IntentResult("fact", f"事实/报告内容提问“{fact.group(0)}”", personal=False, no_ask=no_ask)
    if describes_company and question and not fact and not other:
        return IntentResult("advice", "介绍了自家情况并提问", no_ask=no_ask)
    if advice:
        return IntentResult("advice", f"求建议“{advice.group(0)}”", personal=not other, no_ask=no_ask)
    if own:
        return IntentResult("advice", "谈及自家企业的提问", no_ask=no_ask)
    pain = _PAIN.search(norm)
    if pain and not question and not other:  # "验布靠人眼，老漏检": a problem in one's own plant, not small talk
        return IntentResult("advice", f"讲了自家的难处“{pain.group(0)}”", no_ask=no_ask)
    if not _DOMAIN.search(norm) and not question:
        return IntentResult("out_of_scope", "与数字化转型无关")
    if knows_company and not other and _SUBJECTLESS_ADVICE.search(norm):
        # "有没有政策支持" / "any policies?" after the user described the company: asked for that company
        return IntentResult("advice", "已介绍过自家企业，未指明对象的提问", no_ask=no_ask)
    return IntentResult("fact", "一般性提问（未涉及自家企业）", personal=False, no_ask=no_ask)


def _fact_wins(norm: str, advice: bool, own: bool, other: bool) -> bool:
    """With both fact and advice cues: our own company → advice; someone else → fact; no subject → "should"."""
    if own and topic_slots(norm)[0] == "stage_check":  # "我们厂在数字化转型哪一步了": read from what it uses
        return False
    if not advice or other:
        return True
    return not own and not _SHOULD.search(norm)


def without_premise(message: str) -> str:
    """Drop the clause that reports what the reports say: its words describe the claim, not the user's company."""
    m = _REPORT_PREMISE.search(nfkc(message).lower())
    if m is None:
        return message
    text = nfkc(message)
    end = re.search(r"[，,。.;；?？!！]", text[m.end():])
    start = max(text.rfind(c, 0, m.start()) for c in "，,。;；?？!！") + 1
    return text[:start] + (text[m.end() + end.end():] if end else "")


def _own_firm(norm: str) -> bool:
    """The message speaks of the asker's firm (我们, 厂里), not of the country (我们国家)."""
    return bool(_FIRST_PERSON.search(NATIONAL_WE.sub("", norm)))


def asks_own_advice(message: str) -> bool:
    """"听说别人都上MES了，我们要不要上": whatever else it checks, it asks what this firm should do."""
    norm = nfkc(message).lower()
    return bool(_ADVICE.search(norm)) and _own_firm(norm)


def asks_for_cases(message: str) -> bool:
    """The user wants peer cases ("有同行案例吗"): the reports' nearest cases are worth showing, like advice."""
    return bool(_CASES.search(nfkc(message).lower()))


def asks_something(message: str) -> bool:
    """Say whether a message asks for advice, a fact or cases (beyond a hedging "吧？")."""
    norm = nfkc(message).lower()
    return bool(_ADVICE.search(norm) or _FACT.search(norm) or _CASES.search(norm))


def _about_reports(norm: str, named: list[str], own: bool, no_ask: bool) -> IntentResult | None:
    """Cases, a claim to check, or another firm or country: questions about what the reports say."""
    cases = _CASES.search(norm)
    if cases:
        return IntentResult("fact", f"找案例“{cases.group(0)}”", personal=False, no_ask=no_ask)
    contents = _REPORT_CONTENTS.search(norm)
    if contents:  # "报告里有没有建议给补贴": what the reports hold, the same for every firm
        return IntentResult("fact", f"问报告里的内容“{contents.group(0)}”", personal=False, no_ask=no_ask)
    premise = _REPORT_PREMISE.search(norm)
    if premise:
        return IntentResult("fact", f"先核对报告里的说法“{premise.group(0)}”", personal=False, no_ask=no_ask)
    if named and not own and _HOW_OTHERS.search(norm):  # "特斯拉是怎么做数字化的": what the reports say of that firm
        return IntentResult("fact", f"问的是“{named[0]}”", personal=False, no_ask=no_ask)
    places = places_named(norm)
    if places and not own and _PLACE_PRACTICE.search(norm):  # the same for every firm: no questionnaire first
        return IntentResult("fact", f"问的是“{places[0]}”的做法", personal=False, no_ask=no_ask)
    return None


def asks_size_class(message: str) -> bool:
    """"员工15人，年营收500万，算小微企业吗": which class of the 2017 standard the firm falls in."""
    return bool(_SIZE_CHECK.search(nfkc(message).lower()))


def short_subjectless(message: str) -> bool:
    """"有补贴吗", "用啥系统": a short question naming no topic of its own beyond support or tools."""
    norm, bare = _norm(message)
    return len(bare) <= 10 and bool(_SUBJECTLESS_ADVICE.search(norm)) and not _FIRST_PERSON.search(norm)
