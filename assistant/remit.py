"""Questions outside the advisor's remit (tax filing, registration, labour law, loan rates, …) and where to ask."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.facts import PLACES
from assistant.patterns import rx
from assistant.textnorm import nfkc

# Digitalisation words that keep a borderline message (e.g. "开票") inside the remit.
_DIGITAL = rx(r"数字化|数智|信息化|智能化|上云|系统|软件|erp|mes|平台|自动化|digital|software|system")


@dataclass(frozen=True)
class Remit:
    """One kind of question we redirect: its words, and where the user should ask instead."""

    key: str
    pattern: str
    zh_topic: str
    zh_where: str
    en_topic: str
    en_where: str
    digital_keeps: bool = False  # a digitalisation word in the message keeps it in remit


_REMITS = (
    Remit("local_subsidy_amount",
          rf"(?:{PLACES})[^，。？?]{{0,24}}(?:每家|每个|一家)?(?:补|补贴|补助|奖补|奖励)(?:了|的)?(?:比例|标准|金额|额度)?"
          r"(?:具体)?(?:是)?(?:多少|几成|百分之几|几个点)"
          r"|(?:我们|咱们|本地|当地)(?:市|区|县|这边|当地)[^，。？?]{0,16}(?:补|补贴)(?:比例|标准)?(?:具体)?(?:是)?多少",
          "各地补贴的具体金额和比例", "以当地最新文件为准，建议咨询当地工信局或中小企业服务中心",
          "exact local subsidy amounts", "they depend on the latest local rules — please ask your local "
          "industry and IT bureau (工信局) or SME service centre"),
    Remit("tax_filing",
          r"报税|纳税申报|申报纳税|个税|个人所得税|汇算清缴|电子税务局|增值税(?:专用)?发票|税务登记|税控盘|开(?:具)?发票|"
          # bookkeeping and tax planning: an accountant's work, not digitalisation
          r"税务筹划|纳税筹划|税收筹划|合理避税|怎么(?:少|省)交税|(?:怎么|如何|咋)(?:做账|记账)|账务(?:怎么|如何)处理|公司账务(?:怎么|如何|咋)|"
          r"\btax (?:planning|avoidance)\b|\bbookkeeping\b|"
          r"怎么开票|\btax(?:es)? (?:return|filing)s?\b|\bfile (?:\w+ ){0,3}tax(?:es)?\b|\bvat invoices?\b",
          "报税、开票、记账等税务和财务事务", "请咨询当地税务部门（12366 纳税服务热线）或会计师",
          "tax filing, invoicing and bookkeeping", "please ask the tax authority (12366 hotline in China) or an accountant", digital_keeps=True),
    Remit("registration",
          r"注册(?:一家|一个|个|新)?公司|公司注册|营业执照|工商(?:登记|注册|变更)|注销公司|"
          r"\bregister (?:a |my |our |new )?(?:company|business)\b|\bincorporat|\bbusiness licen[cs]e",
          "公司注册、变更等工商事务", "请咨询当地市场监管部门或政务服务中心",
          "company registration", "please ask the company registry or local government service centre"),
    Remit("labour",
          r"劳动合同|劳动法|劳动仲裁|社保|五险一金|工伤|辞退|开除员工|经济补偿金|加班费|最低工资|(?:起草|写|拟).{0,8}合同|"
          r"(?:工资|薪资|薪水|月薪|年薪|待遇)[^，。？?]{0,6}(?:开多少|给多少|多少合适|怎么定)|\bwhat salary\b|"
          r"\bemployment contract|\blabou?r law|\bseverance\b|\bsocial insurance\b|\bdraft (?:a |an )?contract",
          "劳动用工和合同起草", "请咨询当地人社部门或专业律师",
          "labour law and contracts", "please ask the local labour bureau or a lawyer", digital_keeps=True),
    Remit("loan_rates",
          r"(?:贷款|借款|贷)[^，。？?]{0,8}(?:利率|利息|年化)|(?:利率|利息)[^，。？?]{0,6}(?:多少|几个点)|"
          r"\binterest rates?\b|\bapr\b",
          "贷款利率和办理", "请直接咨询开户银行或当地金融服务机构",
          "loan interest rates", "please ask your bank"),
    Remit("vendor_pricing",
          r"订阅费|授权费|报价单?|价格表|(?:金蝶|用友|鼎捷|浪潮|sap|oracle|云星空|黑湖)[^，。？?]{0,12}(?:多少钱|价格|收费|费用)|"
          r"\bsubscription (?:fee|price|cost)|\blicen[cs]e fee\b|\bprice list\b",
          "具体软件产品的报价", "请直接向软件厂商或服务商询价",
          "software product prices", "please ask the vendor for a quote"),
    Remit("ip_filing",
          # filing a trademark or patent is an IP agent's work; what digitalisation does for R&D stays ours
          r"(?:注册|申请|申报|办理)(?:个|一个)?(?:商标|专利)|(?:商标|专利)(?:怎么|如何|咋)?(?:注册|申请|申报|办理)|商标侵权|专利侵权"
          r"|\b(?:register|file|apply for) (?:a |an |our |my )?(?:trademark|patent)s?\b|\btrademark\b",
          "商标、专利的注册和申请", "请咨询国家知识产权局（商标局）或专业的知识产权代理机构",
          "registering trademarks or patents", "please ask the IP office or a registered IP agent"),
    Remit("fx_hedging",
          r"套期保值|外汇(?:风险|对冲|套保)|汇率(?:风险|波动|对冲|锁定)|锁汇|结汇|远期结售汇"
          r"|\b(?:currency|exchange[- ]rate|fx) (?:risk|hedg\w*|exposure)\b|\bhedg(?:e|ing) (?:against )?(?:the )?(?:currency|dollar|exchange)",
          "汇率风险和外汇避险", "请咨询开户银行的国际业务部门或专业的金融机构",
          "currency risk and hedging", "please ask your bank's international desk"),
    Remit("pricing",
          # how to price one's own goods is a business decision the reports never discuss
          r"(?:产品|面包|货|东西)?(?:怎么|如何|咋)(?:给产品|给货)?(?:定价|调价|提价|涨价|降价)|定价策略|价格策略"
          r"|\breprice\b|\bpricing (?:strategy|model)\b|\b(?:raise|set|adjust) (?:our |my |the )?prices?\b",
          "产品定价和调价", "可以请教行业协会、同行或经营顾问，结合成本和市场行情来定",
          "pricing your products", "a trade association, peers or a business adviser can help with that",
          digital_keeps=True),
    Remit("stock_tips",
          r"股票|炒股|概念股|个股|买哪只|\bstock tips?\b|\bwhich stocks?\b|\bstock price",
          "股票和投资建议", "请咨询持牌的投资顾问",
          "stock tips and investment advice", "please ask a licensed financial adviser"),
    Remit("ghostwriting",
          # only a request addressed to us: "想写个可研报告，该写哪些场景" asks for content and stays ours
          r"(?:帮我|帮忙|给我|替我|请你?|麻烦你?|你(?:来|帮我|给我)?)(?:写|起草|拟|代写|撰写|整理|作)(?:一份|一篇|一个|个|份|篇|一首|首|一段|段)?"
          r"[^，。？?]{0,16}"
          r"(?:总结|汇报|述职|讲话稿|发言稿|演讲稿|申报书|申请书|申报材料|申报资料|申请材料|计划书|规划书|实施方案|可研"
          # "帮我写个申请补贴的材料": the material for an application, however the words are ordered
          r"|(?:申请|申报|补贴|补助|项目)[^，。？?]{0,6}(?:材料|资料)"
          r"|可行性(?:研究)?报告|ppt|文案|新闻稿|公众号文章|论文|标书"
          r"|诗|诗歌|作文|小说|歌词|对联|祝福语|情书)"
          r"|\bwrite (?:me |us )?(?:a |an |the |our )?(?:\w+ ){0,3}(?:summary|speech|essay|press release|slide deck|"
          r"slides|application|proposal|thesis|tender|poem|story|song)\b",
          "代写总结、汇报、申报书等文稿", "成文需要您自己来写；我可以先把报告里相关的要点和出处找给您，"
          "比如问“中小企业数字化转型有哪些典型路径”",
          "writing documents such as summaries, speeches or applications", "the writing is yours to do, but I can "
          "find the relevant points in the reports with their sources — ask, e.g., “what paths do SMEs take?”"),
    Remit("calculation",
          # the owner's own numbers: "帮我算下上MES的投资回报率" needs their costs and gains, which only they have
          r"(?:帮我|帮忙|给我|替我|你(?:帮我|给我)?)(?:算|计算|测算|核算)(?:一下|下|个|一个)?[^，。？?]{0,16}"
          r"(?:投资回报|回报率|回本|回收期|roi|利润|收益)"
          r"|\b(?:calculate|compute|work out) (?:our |my |the )?(?:roi|payback|return on investment)\b",
          "替贵企业测算投资回报", "测算要用贵企业自己的投入、产能和收益数据，可以请服务商按方案给出测算，"
          "或请当地中小企业数字化转型促进中心帮忙评估；我可以找出报告里关于投入产出和见效周期的数据和案例",
          "calculating your own return on investment", "it needs your own costs and gains — a vendor can model it "
          "for a proposal, and I can find what the reports say about investment, returns and payback"),
    Remit("going_out",
          # a consumer's errand, not the firm's trade: "推荐上海一家好吃的餐厅" was read as a restaurant owner's question
          # and answered with policy advice for catering
          r"(?:推荐|介绍|求推荐|有没有|有什么|哪家|哪里有|哪儿有)[^，。？?]{0,12}"
          r"(?:好吃|好玩|好住|餐厅|饭店|饭馆|馆子|酒店|宾馆|民宿|景点|美食|小吃|外卖)"
          r"|\b(?:recommend|suggest|find)(?: me| us)? (?:a |an |some |the )?(?:good |nice |cheap |best )?"
          r"(?:restaurants?|hotels?|places? to eat|food|bars?|caf[eé]s?)\b",
          "推荐餐厅、酒店等生活服务", "可以在大众点评、美团、携程等生活服务平台上查找",
          "recommending restaurants, hotels and the like", "a city guide or review app will serve you better",
          digital_keeps=True),
    Remit("translation",
          r"(?:帮我|请|麻烦)?翻译(?:成|为)(?:英文|英语|中文|日文|日语|韩文)|翻译(?:一下)?[：:]"
          r"|\btranslate\b[^.?!]{0,60}\b(?:into|to) (?:chinese|english|japanese|korean)\b",
          "翻译", "可以使用翻译软件或请专业译员；我可以用中文或英文回答数字化转型方面的问题",
          "translation", "a translation app or translator will do it; I can answer digital-transformation questions "
          "in English or Chinese"),
    Remit("coding",
          r"写(?:一段|个|一个)?[a-z+#]{0,10}(?:代码|程序|脚本)|python脚本|\bwrite (?:me )?(?:some |a |the )?(?:code|script|program)\b|"
          r"\bpython script\b",
          "写代码", "可以找软件开发人员或编程社区帮忙",
          "writing code", "a developer or programming community can help"),
)
_COMPILED = tuple((r, rx(r.pattern)) for r in _REMITS)
REMITS = {r.key: r for r in _REMITS}


@dataclass(frozen=True)
class RemitMatch:
    remit: Remit
    words: str


def out_of_remit(message: str) -> RemitMatch | None:
    """Return the out-of-remit kind a message asks about, if any."""
    norm = nfkc(message).lower()
    for remit, pattern in _COMPILED:
        m = pattern.search(norm)
        if m and not (remit.digital_keeps and _DIGITAL.search(norm)):
            return RemitMatch(remit, m.group(0))
    return None


def redirect_text(remit: Remit, lang: str) -> str:
    """A short, warm redirect: what is outside our remit, where to ask, and what we can help with."""
    if lang == "en":
        return (f"Sorry, I can't help with {remit.en_topic} — {remit.en_where}. I focus on digital "
                "transformation and related policy for small and medium manufacturers (where to start, which "
                "systems fit, what support policies exist); ask me about that any time.")
    return (f"抱歉，{remit.zh_topic}不在我能帮忙的范围内，{remit.zh_where}。我专注于中小制造企业的数字化转型和相关政策，"
            "比如“小厂怎么起步数字化”“适合上什么系统”“有哪些转型支持政策”，这方面随时问我。")
