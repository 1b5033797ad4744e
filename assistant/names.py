"""Firms, platforms, products and countries a question names — the ones SME owners ask about by name.

"宁德时代是怎么带供应商做数字化的" finds the reports' passages on how lead firms pull their suppliers along and
scores as well as a question they answer; only the name tells that the reports never speak of 宁德时代. Names are
listed here (how people write them, in Chinese and English) rather than guessed: the tokenizer's proper-noun tags
and "a word the corpus lacks" both fire on everyday words (老师傅, 咋整) as often as on names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.patterns import rx

# Display name → how questions write it. Common words that are also names are written so they only match the name
# (美的 not in 完美的, 三星 not in 三星级, 大众汽车 not 大众, 金山办公 not the 金山 district).
_NAMES: dict[str, str] = {
    # Chinese manufacturers people hold up as examples
    "华为": r"华为|huawei", "海尔": r"海尔|haier", "美的": r"美的集团|美的空调|美的电器|(?:像|学|跟|和|比如|例如|参考)美的|^美的|midea",
    "格力": r"(?<![价资风规人性])格力|\bgree\b", "比亚迪": r"比亚迪|\bbyd", "宁德时代": r"宁德时代|catl", "吉利": r"吉利汽车|吉利集团|吉利|geely",
    "长城汽车": r"长城汽车|great wall motor", "长安汽车": r"长安汽车", "一汽": r"一汽(?!车)|\bfaw\b", "上汽": r"(?<![装赶坐])上汽(?!车)|\bsaic\b",
    "东风汽车": r"东风汽车", "蔚来": r"蔚来|\bnio", "小鹏": r"小鹏|xpeng", "理想汽车": r"理想汽车",
    "小米": r"小米(?:集团|公司|汽车|手机|生态链)|xiaomi", "联想": r"联想集团|联想电脑|lenovo", "三一重工": r"三一重工|三一集团|sany",
    "徐工": r"徐工集团|徐工机械|xcmg", "中联重科": r"中联重科|zoomlion", "潍柴": r"潍柴|weichai", "海信": r"(?<![上沿])海信|hisense",
    "TCL": r"\btcl", "京东方": r"京东方|\bboe", "富士康": r"富士康|鸿海|foxconn", "立讯精密": r"立讯", "歌尔": r"歌尔|goertek",
    "海康威视": r"海康|hikvision", "大华股份": r"大华股份|大华技术", "方太": r"方太集团|方太厨电|方太电器|\bfotile\b", "老板电器": r"老板电器",
    "福耀": r"福耀|fuyao", "万华化学": r"万华化学", "隆基": r"隆基|longi", "通威": r"通威", "宝武": r"宝武|宝钢",
    "中国中车": r"中国中车|中车集团|中车株洲|\bcrrc\b", "中国商飞": r"商飞|comac", "安踏": r"安踏|anta", "李宁": r"李宁", "波司登": r"波司登",
    "伊利": r"伊利|yili", "蒙牛": r"蒙牛|mengniu", "娃哈哈": r"娃哈哈", "农夫山泉": r"农夫山泉", "海天": r"海天味业|海天",
    "正泰": r"正泰|chint", "德力西": r"德力西", "公牛": r"公牛集团|公牛插座|公牛电器",
    # certifications and schemes owners ask about by name, which the reports never treat
    "等保": r"等保(?!障)|等级保护|djcp", "IATF 16949": r"iatf\s*16949|(?<!\d)16949", "ISO 27001": r"(?<!\d)27001",
    "ISO 9001": r"iso\s*9001|(?<!\d)9001(?:质量|认证|体系)", "贯标": r"贯标", "CMMI": r"\bcmmi\b", "ESG": r"\besg\b",
    "碳足迹": r"碳足迹|carbon footprint",
    # banks owners borrow from: the reports speak of bank loans in general, never of one bank's products (no short
    # forms: 工行 and 建行 hide in 化工行业 and 创建行业)
    "工商银行": r"工商银行|\bicbc\b", "建设银行": r"建设银行", "农业银行": r"农业银行",
    "中国银行": r"中国银行(?!业)|\bbank of china\b", "交通银行": r"交通银行", "招商银行": r"招商银行",
    "邮储银行": r"邮储|邮政储蓄", "农商银行": r"农商银行|农商行|农村商业银行", "网商银行": r"网商银行|网商贷",
    "微众银行": r"微众银行|微业贷",
    # Internet, cloud and software vendors
    "阿里巴巴": r"阿里巴巴|阿里(?!云|巴巴)|alibaba(?! cloud)", "阿里云": r"阿里云|alibaba cloud|aliyun", "腾讯": r"腾讯|tencent",
    "腾讯云": r"腾讯云|tencent cloud", "华为云": r"华为云|huawei cloud", "百度": r"(?<![几一两三四五六七八九十数])百度(?!电)|baidu", "京东": r"京东(?!方)|jd\.com",
    "字节跳动": r"字节跳动|bytedance", "钉钉": r"钉钉|dingtalk", "飞书": r"飞书|feishu|\blark\b",
    "企业微信": r"企业微信|wecom|wechat work", "金山办公": r"金山办公|金山软件|\bwps", "用友": r"用友|yonyou",
    "金蝶": r"金蝶|kingdee", "鼎捷": r"鼎捷|digiwin", "浪潮": r"浪潮集团|浪潮云|浪潮信息|浪潮通软|inspur",
    "管家婆": r"管家婆", "畅捷通": r"畅捷通", "树根互联": r"树根互联|根云|rootcloud", "卡奥斯": r"卡奥斯|cosmoplat",
    "忽米": r"忽米", "致景科技": r"致景", "黑湖": r"黑湖|blacklake", "新核云": r"新核云", "徐工汉云": r"汉云",
    "航天云网": r"航天云网|indics", "中控技术": r"中控技术|supcon|supos", "宝信软件": r"宝信", "科大讯飞": r"讯飞|iflytek",
    "商汤": r"商汤|sensetime", "OpenAI": r"openai|chatgpt|\bgpt-?\d", "DeepSeek": r"deepseek|深度求索",
    "文心一言": r"文心一言|文心大模型|ernie bot", "通义千问": r"通义千问|通义|\bqwen", "Kimi": r"\bkimi\b|月之暗面",
    # Foreign firms and software
    "西门子": r"西门子|siemens", "SAP": r"\bsap\b", "Oracle": r"甲骨文|\boracle\b", "微软": r"微软|microsoft",
    "亚马逊": r"亚马逊|amazon|\baws\b", "谷歌": r"谷歌|google", "IBM": r"\bibm\b", "施耐德": r"施耐德|schneider",
    "ABB": r"\babb\b", "发那科": r"发那科|fanuc", "库卡": r"库卡|\bkuka\b", "安川": r"安川|yaskawa",
    "罗克韦尔": r"罗克韦尔|rockwell", "达索": r"达索|dassault", "PTC": r"\bptc\b", "欧姆龙": r"欧姆龙|omron",
    "三菱": r"三菱|mitsubishi", "博世": r"博世|bosch", "通用电气": r"通用电气|\bge digital", "丰田": r"丰田|toyota",
    "大众汽车": r"大众汽车|volkswagen", "特斯拉": r"特斯拉|tesla", "三星": r"三星(?!级)|samsung", "现代汽车": r"现代汽车|hyundai",
    "索尼": r"索尼|\bsony", "松下": r"松下|panasonic", "日立": r"日立制作所|日立公司|hitachi", "英特尔": r"英特尔|\bintel\b",
    "英伟达": r"英伟达|nvidia", "苹果公司": r"苹果公司|苹果手机|iphone", "Salesforce": r"salesforce",
}
# Countries and economies: the reports review some (美国, 德国, 日本, 韩国, 欧盟, 巴西…) and not others (印度)
_COUNTRIES: dict[str, str] = {
    "美国": r"美国|united states|\busa\b|\bthe u\.?s\.?(?![a-z])|\bamerica", "德国": r"德国|germany|german", "日本": r"日本|japan",
    "韩国": r"韩国|korea", "英国": r"英国|\bbritain|\bbritish|\bthe uk\b|united kingdom", "法国": r"法国|\bfrance|\bfrench",
    "意大利": r"意大利|\bital(?:y|ian)", "西班牙": r"西班牙|\bspain|\bspanish", "葡萄牙": r"葡萄牙|portug",
    "奥地利": r"奥地利|austria", "荷兰": r"荷兰|netherlands|\bdutch", "比利时": r"比利时|belgi", "瑞士": r"瑞士|switzerland|\bswiss",
    "瑞典": r"瑞典|\bswed", "芬兰": r"芬兰|finland|finnish", "丹麦": r"丹麦|denmark|danish", "挪威": r"挪威|norw",
    "波兰": r"波兰|\bpoland|\bpolish\b", "爱尔兰": r"爱尔兰|ireland|\birish", "俄罗斯": r"俄罗斯|\brussia",
    "欧盟": r"欧盟|\beu\b|european union", "印度": r"印度(?!尼西亚|洋)|\bindia(?:n)?\b", "巴西": r"巴西|brazil",
    "墨西哥": r"墨西哥|mexic", "加拿大": r"加拿大|canad", "澳大利亚": r"澳大利亚|澳洲|australia", "新西兰": r"新西兰|new zealand",
    "新加坡": r"新加坡|singapore", "马来西亚": r"马来西亚|malaysia", "泰国": r"泰国|thailand|\bthai\b", "越南": r"越南|vietnam",
    "印度尼西亚": r"印度尼西亚|印尼|indonesia", "菲律宾": r"菲律宾|philippin", "以色列": r"以色列|israel",
    "沙特": r"沙特|saudi", "阿联酋": r"阿联酋|迪拜|\buae\b|emirates", "土耳其": r"土耳其|turk(?:ey|iye)", "南非": r"南非|south africa",
    "埃及": r"埃及|egypt", "阿根廷": r"阿根廷|argentin", "智利": r"(?<![数才明心机])智利(?!用)|\bchile",
}
# Trades and products people ask about by name ("光伏组件厂的案例", "塑料制品厂怎么做数字化") that the reports'
# industries do not stand for; only the ones the corpus never names count as a subject it lacks
# (corpus_names.CorpusNames.never_named), so listing a trade the corpus does cover costs nothing. Metalworking trades
# (五金, 压铸, 冲压…) are not listed: the reports' 金属加工 scenarios are written for them.
_TRADES: dict[str, str] = {
    "光伏": r"光伏|photovoltaic|\bsolar", "锂电": r"锂电|锂电池|lithium", "储能": r"储能|energy storage", "风电": r"风电|wind power",
    "半导体": r"半导体|semiconductor", "芯片": r"芯片|\bchips?\b", "家具": r"家具|furniture", "陶瓷": r"陶瓷|ceramic",
    "玩具": r"玩具|\btoys?\b", "眼镜": r"眼镜|eyewear", "箱包": r"箱包|luggage", "造纸": r"造纸|纸业|paper mill",
    "白酒": r"白酒|酒厂|酿酒|brewer|distiller", "啤酒": r"啤酒|\bbeer", "乳制品": r"乳制品|乳业|奶粉|\bdairy",
    "饮料": r"饮料|beverage", "茶叶": r"茶叶|茶厂", "玻璃": r"玻璃|\bglass", "橡胶": r"橡胶|\brubber", "轮胎": r"轮胎|\btyres?\b|\btires?\b",
    "塑料": r"塑料|塑胶|\bplastics?\b", "化肥": r"化肥|fertili[sz]er", "农药": r"农药|pesticide", "涂料": r"涂料|油漆|\bpaints?\b|coatings?\b",
    "家电": r"家电|home appliance", "照明": r"照明|灯具|\blighting\b", "船舶": r"船舶|造船|shipbuild",
    "工程机械": r"工程机械|construction machinery", "农机": r"农机|农业机械|agricultural machinery",
    "卫浴": r"卫浴|洁具|sanitary ware", "电线电缆": r"电线电缆|线缆|\bcables?\b",
    "轨道交通": r"轨道交通|rail transit", "石材": r"石材|\bstone\b", "珠宝": r"珠宝|首饰|jewel", "文具": r"文具|stationery",
    "乐器": r"乐器|musical instrument", "饲料": r"饲料|animal feed", "肉制品": r"肉制品|屠宰|meat processing",
    "调味品": r"调味品|酱油|condiment", "预制菜": r"预制菜|prepared meals?", "烘焙": r"烘焙|\bbakery", "羽绒": r"羽绒|\bdown jackets?",
    "门窗": r"门窗|windows and doors", "瓷砖": r"瓷砖|\btiles?\b",
    "线束": r"线束|wire harness", "连接器": r"连接器", "显示屏": r"显示屏|显示面板", "稀土": r"稀土|rare earth",
    "餐饮": r"餐饮|饭店|餐馆|餐厅|restaurant", "酒店": r"酒店|民宿|\bhotels?\b",
}
# How much more a named firm, country or place counts than another word of the question, in search and in quoting.
NAME_WEIGHT = 2.0
COUNTRIES = frozenset(_COUNTRIES)
TRADES = frozenset(_TRADES)
ALL_NAMES = frozenset(_NAMES) | COUNTRIES | TRADES


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # Compiled on first use, not at import: a cold start only pays for what a search needs. rx's \b is an ASCII
    # boundary: a plain one finds none in "比如BYD" (Chinese characters are word characters).
    return {name: rx(pattern, re.IGNORECASE) for name, pattern in (_NAMES | _COUNTRIES | _TRADES).items()}


@lru_cache(maxsize=1)
def _any_name() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in _patterns().values()), re.IGNORECASE)


def names_asked(question: str) -> list[str]:
    """The firms and products a question names, once each, in the order it names them."""
    return list(_names_in(question))


@lru_cache(maxsize=4096)
def _names_in(question: str) -> tuple[str, ...]:
    # One search asks this of the same question a dozen times, and the scan over every name is the costliest
    # pattern match of a search.
    if not _any_name().search(question):  # most questions name none: one scan instead of a hundred
        return ()
    found = [(m.start(), name) for name, pattern in _patterns().items() if (m := pattern.search(question))]
    names = [name for _, name in sorted(found)]
    # 阿里云 names 阿里云, not also 阿里巴巴's 阿里 (nor 华为云 华为): keep a name only if no longer one contains it.
    return tuple(n for n in names if not any(n != other and n in other for other in names))


def name_covered(name: str, evidence: str) -> bool:
    """The evidence mentions the firm or product under any of its spellings."""
    return bool(_patterns()[name].search(evidence))


def name_spellings(name: str) -> re.Pattern[str]:
    return _patterns()[name]


def as_written(name: str, question: str) -> str:
    """The name as the question spells it ("solar" for 光伏 in an English question, "chatgpt" for OpenAI
    anywhere), else its display name: a refusal must not name something the user never wrote."""
    found = _patterns()[name].search(question) if name in ALL_NAMES else None
    return found.group(0) if found and (question.isascii() or found.group(0).isascii()) else name


# China asked about as the country ("what policies does china have", "中国的政策", "咱们国家"): the reports write
# its own measures as 我国/国内/中央财政, hardly ever 中国, so it is not one of the countries above (a sentence would
# never name it); a bank, an institute or a programme named 中国… is not the country, nor is "answer in chinese".
HOME = "中国"
_HOME_ASKED = rx(r"\bchina\b(?! ?bank)|(?<!\bin )\bchinese\b|\bdomestic|\bour country\b|国内(?!外)|我国|咱们国家|我们国家|咱国"
                 r"|中国(?!银行|信通院|信息通信研究院|中车|商飞|电信|移动|联通|工业互联网研究院|中小企业发展促进|制造2025)",
                 re.IGNORECASE)
# how the reports speak of China's own measures (not a bare 国家: 美国开展国家人工智能研究资源试点)
_HOME_NAMED = re.compile(r"我国|国内(?!外)|中国(?!信通院|信息通信研究院)|全国|中央|国务院|工业和信息化部|工信部|财政部|国家级")
# foreign economies spoken of without naming one country ("欧美日等主要经济体")
_ABROAD = re.compile(r"欧美|欧洲|主要经济体|各经济体|主要国家|发达国家|各国|联邦")


def home_asked(question: str) -> bool:
    return bool(_HOME_ASKED.search(question))


def home_named(text: str) -> bool:
    return bool(_HOME_NAMED.search(text))


def abroad_named(text: str) -> bool:
    """The text speaks of foreign economies, by a country's name or as a group."""
    return bool(_ABROAD.search(text)) or any(n in COUNTRIES for n in names_asked(text))


@lru_cache(maxsize=8192)  # one findall per country: passages recur across questions, so count each once
def mostly_home(text: str) -> bool:
    """A passage on China's own measures: it speaks of them more often than of foreign ones."""
    abroad = len(_ABROAD.findall(text)) + sum(len(_patterns()[n].findall(text)) for n in COUNTRIES)
    return len(_HOME_NAMED.findall(text)) > abroad


_EXAMPLE_BEFORE = re.compile(r"(?:像|比如|例如|譬如|类似|都在说|都说|都在用|听说|such as|like)\s*$", re.IGNORECASE)
_EXAMPLE_AFTER = re.compile(r"^\s*(?:这种|这类|之类|那种|这样的|那样的|等)")


def named_as_example(name: str, question: str) -> bool:
    """The question names it only as an example of what it asks about ("chatgpt这种对我们有用吗", "AI大模型有用吗
    现在都在说deepseek"): the reports' treatment of the kind answers it, though they never name this one."""
    found = _patterns()[name].search(question) if name in ALL_NAMES else None
    return bool(found and (_EXAMPLE_BEFORE.search(question[:found.start()])
                           or _EXAMPLE_AFTER.search(question[found.end():])))


def without_examples(question: str, never_named: Callable[[str], bool]) -> str:
    """The question without a name the corpus never mentions that it gives only as an example of what it asks
    ("AI大模型对我们有用吗 现在都在说deepseek"): the reports' treatment of the kind is the answer."""
    for name in names_asked(question):
        if never_named(name) and named_as_example(name, question):
            question = name_spellings(name).sub(" ", question)
    return question


_CUSTOMER = re.compile(r"(?:给|为|客户|配套|供货|卖给|下游|for)[^，,。；;]{0,8}$", re.IGNORECASE)


def named_as_customer(name: str, question: str) -> bool:
    """The question names this trade as the firm's customer ("客户有工程机械厂"), not as what it asks about."""
    found = _patterns()[name].search(question)
    return bool(found and _CUSTOMER.search(question[:found.start()]))


# "用的用友U8", "目前用的是金蝶K3做财务": software the firm runs is part of its description, not what it asks about
_IN_USE = re.compile(r"(?:用的|用了|在用|正在用|目前用|现在用|使用|上了|装了|买了|买的|部署了)(?:是|的是)?\s*$"
                     r"|\b(?:we use|we run|using|running|we have)\s*$", re.IGNORECASE)


def named_as_in_use(name: str, question: str) -> bool:
    """The question names this product as one the firm already uses, not one it asks about."""
    found = _patterns()[name].search(question)
    return bool(found and _IN_USE.search(question[:found.start()]))
