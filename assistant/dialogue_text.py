"""Everything the rules layer says to users, in Chinese and English: clarify questions, quick replies, replies."""

from __future__ import annotations

from assistant.labels_en import in_english, place_in_english
from assistant.profile import Profile
from assistant.result import Clarify
from assistant.sizing import STANDARD_NAME, classes_by_missing, wan_text
from assistant.stage import self_check_text, stage_by_level
from assistant.textnorm import nfkc

SKIP_ZH, SKIP_EN = "跳过", "Skip"
SELF_CHECK_OPTION = {"zh": "不确定，帮我自测", "en": "Not sure, quick self-check"}

# Quick replies: option text → (slot, value). Values are industry keys, size classes or stage levels.
QUICK_REPLIES: dict[str, dict[str, tuple[str, str | int | None]]] = {
    "zh": {
        "金属加工/模具": ("industry", "metal_processing"), "汽车零部件": ("industry", "auto_parts"),
        "印刷电路板/SMT": ("industry", "pcb"), "消费电子": ("industry", "consumer_electronics"),
        "纺织印染": ("industry", "textile_dyeing"), "成衣服装": ("industry", "apparel"),
        "日用化工": ("industry", "daily_chemicals"), "医药制造": ("industry", "pharma"),
        "通用设备/泵阀": ("industry", "general_equipment"), "水泥建材": ("industry", "cement_gypsum"),
        "其他行业": ("industry", None),
        "20人以下": ("size", "微型"), "20–299人": ("size", "小型"), "300–999人": ("size", "中型"),
        "1000人以上": ("size", "大型"),
        "纸质/Excel为主": ("stage", 1), "在用ERP/MES等系统": ("stage", 2), "系统已基本打通": ("stage", 3),
        "数据驱动/用上AI": ("stage", 4),
    },
    "en": {
        "Metal processing / moulds": ("industry", "metal_processing"), "Auto parts": ("industry", "auto_parts"),
        "PCB / SMT": ("industry", "pcb"), "Consumer electronics": ("industry", "consumer_electronics"),
        "Textiles & dyeing": ("industry", "textile_dyeing"), "Apparel": ("industry", "apparel"),
        "Daily chemicals": ("industry", "daily_chemicals"), "Pharmaceuticals": ("industry", "pharma"),
        "General equipment / pumps & valves": ("industry", "general_equipment"),
        "Cement & building materials": ("industry", "cement_gypsum"), "Other industry": ("industry", None),
        "Under 20 people": ("size", "微型"), "20–299 people": ("size", "小型"), "300–999 people": ("size", "中型"),
        "1000+ people": ("size", "大型"),
        "Mostly paper/Excel": ("stage", 1), "Using ERP/MES etc.": ("stage", 2),
        "Systems mostly connected": ("stage", 3), "Data-driven / using AI": ("stage", 4),
    },
}
_LINES = {
    "zh": {"industry": "贵厂主要做什么产品？（比如模具、汽配、电路板…）",
           "size": "大概多少人、一年营收多少？",
           "stage": "现在主要靠纸质/Excel，还是已经在用 ERP、MES 等系统？"},
    "en": {"industry": "What do you make? (e.g. moulds, auto parts, PCBs…)",
           "size": "Roughly how many employees, and what annual revenue?",
           "stage": "Do you run mostly on paper/Excel, or already use systems such as ERP or MES?"},
}
# "否 否 否 否" first: a firm still on paper and Excel must not have to type its answer
_SELF_CHECK_OPTIONS = {"zh": ["否 否 否 否", "是 否 否 否", "是 是 否 否", "是 是 是 否", "是 是 是 是", SKIP_ZH],
                       "en": ["no no no no", "yes no no no", "yes yes no no", "yes yes yes no", "yes yes yes yes",
                              SKIP_EN]}


def quick_reply(message: str, lang: str) -> tuple[str, str | int | None] | None:
    """Return (slot, value) when the message is exactly one of our quick-reply options."""
    text = nfkc(message).strip()
    for table in (QUICK_REPLIES[lang], QUICK_REPLIES["en" if lang == "zh" else "zh"]):
        for option, target in table.items():
            if nfkc(option) == text:
                return target
    return None


def is_self_check_request(message: str) -> bool:
    """Say whether the user picked the self-check option (or asked for it in words)."""
    text = nfkc(message).strip().lower()
    return text in (nfkc(SELF_CHECK_OPTION["zh"]), SELF_CHECK_OPTION["en"].lower()) or "自测" in text \
        or "self-check" in text


def build_clarify(slots: list[str], lang: str) -> Clarify:
    """Ask for every missing slot in one friendly message, with quick replies per slot (each with 跳过)."""
    lines = _LINES[lang]
    skip = SKIP_EN if lang == "en" else SKIP_ZH
    options: dict[str, list[str]] = {}
    for slot in slots:
        opts = [o for o, (s, _v) in QUICK_REPLIES[lang].items() if s == slot]
        if slot == "stage":
            opts.append(SELF_CHECK_OPTION[lang])
        options[slot] = opts + [skip]
    if lang == "en":
        head = ("To tailor the advice, one quick question" if len(slots) == 1
                else f"To tailor the advice, {len(slots)} quick questions")
        text = f"{head} (tap “Skip” if you'd rather not say):"
    else:
        head = "为了给您更对路的建议，想先问一下" if len(slots) == 1 else f"为了给您更对路的建议，想先了解 {len(slots)} 点"
        text = f"{head}（不方便说可以点“跳过”）："
    body = [lines[s] for s in slots] if len(slots) == 1 else [f"{i}. {lines[s]}" for i, s in enumerate(slots, 1)]
    return Clarify(question=text + "\n" + "\n".join(body), options=options, slots=list(slots))


def self_check_clarify(lang: str) -> Clarify:
    """Offer the 4-question stage self-check as one clarify message."""
    return Clarify(question=self_check_text(lang), options={"stage_selfcheck": _SELF_CHECK_OPTIONS[lang]},
                   slots=["stage_selfcheck"])


def assumption_for(slot: str, lang: str) -> str:
    """Say what we assume when a slot that matters stays unknown."""
    zh = {"industry": "未说明行业，以下按制造业中小企业的通用情况回答",
          "size": "未提供企业规模，以下按中小企业通用情况回答",
          "stage": "未说明目前的数字化基础，以下不区分阶段、按通用做法回答"}
    en = {"industry": "Industry not given: the answer covers manufacturing SMEs in general",
          "size": "Company size not given: the answer covers SMEs in general",
          "stage": "Current systems not given: the answer does not assume a digital stage"}
    return (en if lang == "en" else zh)[slot]


def profile_notes(profile: Profile, lang: str) -> list[str]:
    """Say what the profile itself makes us assume: non-manufacturing, sizing from one number, 产值 for 营收."""
    notes: list[str] = []
    if profile.industry is not None and profile.manufacturing is False:
        notes.append(f"Your business ({in_english(profile.industry.value)}) is outside manufacturing, which is what "
                     "the reports cover, so treat the answer as background" if lang == "en" else
                     f"您的企业属于{profile.industry.value}，报告主要研究制造业，以下内容仅供参考")
    elif profile.industry is not None and profile.industry_key == "other":
        notes.append(f"The reports have no section on “{in_english(profile.industry.value)}”; answering for manufacturing in "
                     "general" if lang == "en" else
                     f"报告没有专门针对“{profile.industry.value}”的章节，以下按制造业通用情况回答")
    size = profile.size
    if size is not None and ("仅知" in size.rule):
        basis = "从业人员" if "仅知从业人员" in size.rule else "营业收入"
        notes.append(f"Size judged as {in_english(size.value)} from {'headcount' if basis == '从业人员' else 'revenue'} "
                     "alone" if lang == "en" else f"仅按{basis}判断为{size.value}企业（另一项未提供）")
    if profile.revenue_basis is not None and profile.revenue_basis.value == "产值":
        notes.append("Output value used in place of revenue for sizing" if lang == "en"
                     else "您给的是年产值，划型时暂以产值代替营业收入")
    return notes


def describe_profile(profile: Profile, lang: str) -> str:
    """Summarise the known profile in one short line."""
    parts: list[str] = []
    s = profile.summary()
    held = profile.designations
    designations = "、".join(str(d) for d in held.value) if held and isinstance(held.value, list) else None
    if lang == "en":
        # the labels in English as every English answer shows them ("auto parts (汽车零部件)"), not bare Chinese
        for label, value in (("industry", s.industry and in_english(s.industry)), ("size", s.size and in_english(s.size)),
                             ("staff", s.employees),
                             ("stage", stage_by_level(s.stage_level).name_en if s.stage_level else None),
                             ("region", s.region and place_in_english(s.region)), ("designation", designations)):
            if value is not None:
                parts.append(f"{label}: {value}")
        return "; ".join(parts)
    for label, value in (("行业", s.industry), ("规模", s.size), ("人数", f"约{s.employees}人" if s.employees else None),
                         ("营收", f"约{s.revenue_wan:g}万元" if s.revenue_wan else None), ("阶段", s.stage),
                         ("地区", s.region), ("资质", designations)):
        if value is not None:
            parts.append(f"{label}：{value}")
    return "；".join(parts)


def reply_text(kind: str, lang: str, profile: Profile | None = None) -> str:
    """Return the canned reply for greetings, thanks, out-of-remit messages, skips and profile updates."""
    if kind == "profile_info" and profile is not None:
        known = describe_profile(profile, lang)
        if not known:  # nothing we could show (e.g. only a designation): never print empty brackets
            kind = "skip"
        elif lang == "en":
            return f"Got it — {known}. What would you like to know: next steps, which systems fit, or policies?"
        else:
            return f"好的，已记下（{known}）。想先了解哪方面？比如下一步数字化做什么、适合上什么系统，或有哪些政策可以用。"
    texts = {
        "greeting": ("您好！我是数转顾问，帮中小制造企业看看数字化转型下一步做什么、有哪些政策能用。可以直接问，"
                     "比如“我们做模具的，三十来号人，先上什么系统好？”",
                     "Hello! I help small and medium manufacturers decide what to digitalise next and which policies "
                     "apply. Ask me anything, e.g. “We make moulds, 30 staff — which system first?”"),
        "language": ("可以：用中文提问就用中文回答，用英文提问就用英文回答。报告原文是中文，引用的原句保持中文。",
                     "Yes: ask in English and I answer in English, ask in Chinese and I answer in Chinese. The reports "
                     "are in Chinese, so the quoted sentences stay in Chinese, each with its source."),
        "thanks": ("不客气！还有数字化转型方面的问题，随时问我。",
                   "You're welcome! Ask me any time about digital transformation."),
        "out_of_scope": ("抱歉，这个超出了我能帮忙的范围。我专注于中小制造企业的数字化转型和相关政策，"
                         "比如“小厂怎么起步数字化”“有哪些转型支持政策”，欢迎问我这方面的问题。",
                         "Sorry, that's outside what I can help with. I focus on digital transformation and related "
                         "policy for small and medium manufacturers — ask me about that any time."),
        "skip": ("好的。有什么数字化转型方面的问题，直接问我就行。",
                 "No problem. Ask me anything about digital transformation."),
        "instruction_only": ("这条消息里只有给助手的指令，我会照常按报告内容回答。有数字化转型方面的问题，欢迎直接问我，"
                             "比如“小厂怎么起步数字化”“有哪些转型支持政策”。",
                             "Your message only gave me instructions; I keep answering from the reports as usual. "
                             "Ask me anything about digital transformation for small and medium manufacturers."),
    }
    zh, en = texts.get(kind, texts["greeting"])
    return en if lang == "en" else zh


def sources_text(reports: list[str], lang: str, cited: list[str] | None = None) -> str:
    """What the advisor answers from: the reports of its index (with who published them and when), and how far to
    trust them; `cited`: the reports the last answer quoted, named first when the user asked where it came from."""
    if lang == "en":
        listed = "\n".join(f"- {t}" for t in reports) or "- (no documents indexed yet)"
        lead = ("The last answer quoted:\n" + "\n".join(f"- {t}" for t in cited) + "\n\nAll the reports I answer from:\n"
                if cited else f"I answer only from these {len(reports)} reports, and every sentence cites the passage it "
                "comes from, so you can open and check it:\n")
        return (f"{lead}{listed}\nThey describe the situation when they were published; "
                "for current subsidy amounts, deadlines and application rules, check the latest notices of your local "
                "industry and IT bureau.")
    listed = "\n".join(f"- {t}" for t in reports) or "- （还没有建立索引的文档）"
    lead = ("上一条回答引用的是：\n" + "\n".join(f"- {t}" for t in cited) + "\n\n我回答所依据的全部资料：\n" if cited
            else f"我只根据以下 {len(reports)} 份报告回答，每句话都标注出处，可以点开核对原文：\n")
    return (f"{lead}{listed}\n"
            "报告反映的是发布时的情况；具体补贴金额、申报时间和条件，请以当地工信部门发布的最新通知为准。")


def rmb_en(wan: float) -> str:
    """Ten-thousands of yuan as English writes amounts: 300000 → "RMB 3 billion", 5000 → "RMB 50 million"."""
    return f"RMB {wan / 100_000:g} billion" if wan >= 100_000 else f"RMB {wan / 100:g} million"


def size_text(profile: Profile, lang: str) -> str:
    """The firm's size class and the rule that gave it (the 2017 standard), from what it told us."""
    s = profile.summary()
    rule = s.sources.get("size", {}).get("rule", "")
    options = classes_by_missing(s.employees, s.revenue_wan)
    if options:
        return _size_depends_text(s.employees, s.revenue_wan, options, lang)
    if lang == "en":
        # (built only for the figures given: an f-string in a list multiplied by False is still evaluated)
        known = ([f"{s.employees} staff"] if s.employees is not None else []) + \
            ([rmb_en(s.revenue_wan) + " revenue"] if s.revenue_wan is not None else [])
        return (f"By China's 2017 size standard for industrial firms, with {' and '.join(known)} you are a "
                f"{_EN_SIZE.get(s.size or '', s.size)} enterprise (a larger class needs both figures at its minimum). "
                "Firms under 1,000 staff or RMB 400 million revenue count as SMEs. Local programmes may set their "
                "own thresholds: check with the local industry bureau.")
    small = "属于中小企业，也属于小微企业" if s.size in ("小型", "微型") else "属于中小企业" if s.size == "中型" else "不属于中小企业"
    return (f"按{rule}，贵企业是{s.size}企业（{small}）。工业领域从业人员少于 1000 人或营业收入少于 4 亿元即为中小企业；"
            "各地政策项目的申报条件可能另有规定，以当地工信部门的通知为准。")


_EN_SIZE = {"大型": "large", "中型": "medium-sized", "小型": "small", "微型": "micro"}


def _size_depends_text(employees: int | None, revenue_wan: float | None,
                       options: list[tuple[str, float, float | None]], lang: str) -> str:
    """One figure known: a larger class needs both at their minimum, so the missing one decides (两千多万营收的厂
    is 中型 only with 300 staff or more)."""
    top = options[0][0]
    by_headcount = employees is None  # the missing figure decides

    def amount(value: float) -> str:
        if by_headcount:
            return f"{value:g} staff" if lang == "en" else f"{value:g} 人"
        return f"RMB {value / 100:g} million" if lang == "en" else wan_text(value)

    def condition(low: float, high: float | None) -> str:
        if lang == "en":
            return f"under {amount(high or 0)}" if not low else f"{amount(low)} or more" if high is None else \
                f"{amount(low)} to under {amount(high)}"
        return f"不足 {amount(high or 0)}" if not low else f"{amount(low)}及以上" if high is None else \
            f"{amount(low)}至不足 {amount(high)}"

    upper = {cls: high for cls, _, high in options}
    if lang == "en":
        known = f"RMB {(revenue_wan or 0) / 100:g} million revenue" if by_headcount else f"{employees} staff"
        missing = "headcount" if by_headcount else "revenue"
        listed = "; ".join(f"{_EN_SIZE[c]} with {condition(low, high)}" for c, low, high in options)
        return (f"By China's 2017 size standard for industrial firms, {known} alone makes you at most a {_EN_SIZE[top]} "
                f"enterprise: a larger class needs both headcount and revenue at its minimum, so your {missing} "
                f"decides ({listed}). Tell me your {missing} and I will say which.")
    known = f"营业收入约 {wan_text(revenue_wan or 0.0)}" if by_headcount else f"从业人员约 {employees} 人"
    missing = "从业人员" if by_headcount else "营业收入"
    listed = "；".join(f"{condition(low, high)}为{cls}" for cls, low, high in options)
    smb = "无论哪种都属于小微企业" if top == "小型" else f"{missing}不足 {amount(upper['小型'] or 0)}即属于小微企业" + (
        "" if top == "中型" else f"，不足 {amount(upper['中型'] or 0)}即属于中小企业")
    return (f"按{STANDARD_NAME}，只看{known}，贵企业最高可归入{top}企业；较大的类型要求从业人员和营业收入同时达到下限，"
            f"所以还要看{missing}：{listed}。{smb}。告诉我{missing}，我可以说得更准。"
            "各地政策项目的申报条件可能另有规定，以当地工信部门的通知为准。")


def nothing_before_text(lang: str) -> str:
    """"还有吗" or "为什么" with no answer before it to go on from."""
    if lang == "en":
        return ("There is no earlier answer to go on from. Ask your question in full, e.g. "
                "“how do we start with MES?”, and I will quote what the reports say.")
    return "前面还没有可以接着说的回答。请把想了解的内容直接说出来，比如“MES怎么起步”“有哪些补贴”，我会摘出报告里的相关内容。"


def no_such_item_text(item: int, lang: str) -> str:
    """"第二条展开说说" with no list of that length above it."""
    if lang == "en":
        return (f"The previous answer has no item {item} to expand on. Ask your question in full, e.g. "
                "“how do we start with MES?”, and I will quote what the reports say.")
    return (f"上一条回答里没有第{item}条可以展开。请把想了解的内容直接说出来，比如“MES怎么起步”“有哪些补贴”，"
            "我会摘出报告里的相关内容。")
