"""Read the profile facts one message states: industry, size, stage, region, designations — with their words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.industries import IndustryMatch, match_industry
from assistant.patterns import NATIONAL_WE, rx
from assistant.sizing import SizeFacts, extract_size
from assistant.stage import StageEvidence, infer_stage
from assistant.textnorm import nfkc

_PROVINCES = ("北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
              "四川 贵州 云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆").split()
_CITIES = ("苏州 无锡 常州 南京 南通 扬州 泰州 徐州 宿迁 昆山 江阴 张家港 宁波 杭州 温州 台州 绍兴 嘉兴 湖州 金华 "
           "义乌 慈溪 余姚 柯桥 东莞 佛山 深圳 广州 中山 珠海 惠州 江门 汕头 揭阳 厦门 泉州 福州 晋江 青岛 烟台 潍坊 "
           "济南 临沂 淄博 郑州 洛阳 武汉 宜昌 襄阳 长沙 株洲 成都 绵阳 西安 合肥 芜湖 滁州 沈阳 大连 石家庄 保定 "
           "唐山 太原 南昌 赣州 南宁 柳州 贵阳 昆明 兰州 哈尔滨 长春 乌鲁木齐 "
           # the reports' 鹰潭 and 海口, and the central and western cities owners write from
           "鹰潭 海口 遵义 宝鸡 咸阳 汉中 十堰 荆州 九江 上饶 景德镇 德阳 宜宾").split()
# Districts and county-level cities where manufacturing clusters sit (上虞 chemicals, 乐清 electrics, 永康 hardware)
_DISTRICTS = ("上虞 新昌 嵊州 海曙 鄞州 北仑 镇海 奉化 象山 宁海 萧山 余杭 乐清 瑞安 永康 温岭 玉环 海宁 桐乡 长兴 德清 诸暨 常熟 太仓 "
              "吴江 武进 丹阳 靖江 如皋 海门 宜兴 顺德 石狮 南安 临港 松江 嘉定 闵行 青浦 奉贤 梁平 蒲江 临清 东阳").split()
PLACES = "|".join(sorted(_PROVINCES + _CITIES + _DISTRICTS, key=len, reverse=True))
_REGION = re.compile(
    rf"(?:在|位于|坐标|地处|来自|地址在|厂在|公司在|落户|我们是|我是|我司是?|我厂是?|我们|咱们)\s*(?P<a>{PLACES})(?:省|市|区|县)?"
    rf"(?P<a2>{PLACES})?"
    rf"|(?P<b>{PLACES})(?:省|市|区|县)?(?:这边|这儿|这里|本地|当地|的(?:企业|工厂|厂|公司|老板|一家|一个|小厂|厂子)"
    r"|的(?=[^，。,.]{0,6}(?:厂|站|公司|企业|作坊)))"
    # the place as a bare item of a list of facts ("做机加工的 苏州 50人", "做模具的，宁波北仑，30人")
    rf"|(?<=[\s，,、])(?P<d>{PLACES})(?:省|市|区|县)?(?P<d2>{PLACES})?(?:省|市|区|县)?(?:的|那边|那儿|这边)?(?=[\s，,、。.]|$)"
)
# a self-introduction opening with the place ("东莞做SMT的", "慈溪做家电配件"), not a question about the place's own
# practice ("上海搞智能制造最大的毛病", "苏州做得怎么样")
_REGION_INTRO = re.compile(rf"^(?P<c>{PLACES})(?:省|市|区|县)?(?:做|生产|加工|开厂|的?(?=[\u4e00-\u9fff]{{1,6}}(?:厂|公司|作坊)"
                           rf"(?:[\s，,。]|$))|\s+(?=做|开|搞))(?P<rest>[^，。,.;；\s]*)")
# a message opening with where the firm is, as the first of its facts ("上海松江的，做工业机器人零部件，300多人")
_REGION_OPENING = re.compile(rf"^(?P<o>{PLACES})(?:省|市|区|县)?(?P<o2>{PLACES})?(?:省|市|区|县)?(?:的(?=[\s，,、])|\s+)")
_ASKS = re.compile(r"[?？吗呢]|怎么|如何|什么|啥|哪|得|毛病|问题|经验|做法")
# A greeting before the facts ("老板，苏州做纺织印染的…", "你好 上海松江的，…"): the facts still open the message
_GREETING = re.compile(r"^(?:(?:老板|厂长|经理|老师|专家|顾问|师傅|你好|您好|哈喽|嗨|在吗|hi|hello)(?:你好|您好)?[，,。!！:：\s]*)+")
# English questions spell places in pinyin (the first listed wins a shared spelling: shanxi is 山西, 陕西 is shaanxi);
# a few have their own English names. The pinyin is written out (a test derives it again with pypinyin) because
# importing pypinyin costs ~0.4 s of a cold start.
_PINYIN_PLACES = (
    "yingtan:鹰潭 haikou:海口 zunyi:遵义 baoji:宝鸡 xianyang:咸阳 hanzhong:汉中 shiyan:十堰 jingzhou:荆州 "
    "jiujiang:九江 shangrao:上饶 jingdezhen:景德镇 deyang:德阳 yibin:宜宾 "
    "wulumuqi:乌鲁木齐 changchun:长春 haerbin:哈尔滨 lanzhou:兰州 kunming:昆明 guiyang:贵阳 liuzhou:柳州 nanning:南宁 "
    "ganzhou:赣州 nanchang:南昌 taiyuan:太原 tangshan:唐山 baoding:保定 shijiazhuang:石家庄 dalian:大连 shenyang:沈阳 "
    "chuzhou:滁州 wuhu:芜湖 hefei:合肥 xian:西安 mianyang:绵阳 chengdu:成都 zhuzhou:株洲 changsha:长沙 xiangyang:襄阳 "
    "yichang:宜昌 wuhan:武汉 luoyang:洛阳 zhengzhou:郑州 zibo:淄博 linyi:临沂 jinan:济南 weifang:潍坊 yantai:烟台 "
    "qingdao:青岛 jinjiang:晋江 fuzhou:福州 quanzhou:泉州 xiamen:厦门 jieyang:揭阳 shantou:汕头 jiangmen:江门 huizhou:惠州 "
    "zhuhai:珠海 zhongshan:中山 guangzhou:广州 shenzhen:深圳 foshan:佛山 dongguan:东莞 keqiao:柯桥 yuyao:余姚 cixi:慈溪 "
    "yiwu:义乌 jinhua:金华 huzhou:湖州 jiaxing:嘉兴 shaoxing:绍兴 taizhou:泰州 wenzhou:温州 hangzhou:杭州 ningbo:宁波 "
    "zhangjiagang:张家港 jiangyin:江阴 kunshan:昆山 suqian:宿迁 xuzhou:徐州 yangzhou:扬州 nantong:南通 nanjing:南京 "
    "changzhou:常州 wuxi:无锡 suzhou:苏州 xinjiang:新疆 ningxia:宁夏 xizang:西藏 guangxi:广西 neimenggu:内蒙古 qinghai:青海 "
    "gansu:甘肃 shanxi:山西 yunnan:云南 guizhou:贵州 sichuan:四川 hainan:海南 guangdong:广东 hunan:湖南 hubei:湖北 henan:河南 "
    "shandong:山东 jiangxi:江西 fujian:福建 anhui:安徽 zhejiang:浙江 jiangsu:江苏 heilongjiang:黑龙江 jilin:吉林 "
    "liaoning:辽宁 hebei:河北 chongqing:重庆 shanghai:上海 tianjin:天津 beijing:北京"
)
# the districts and county-level cities too ("What subsidies can a Xiaoshan factory get?" names 萧山)
_PINYIN_DISTRICTS = (
    "shangyu:上虞 xinchang:新昌 shengzhou:嵊州 haishu:海曙 yinzhou:鄞州 beilun:北仑 zhenhai:镇海 fenghua:奉化 xiangshan:象山 "
    "ninghai:宁海 xiaoshan:萧山 yuhang:余杭 yueqing:乐清 ruian:瑞安 yongkang:永康 wenling:温岭 yuhuan:玉环 haining:海宁 "
    "tongxiang:桐乡 changxing:长兴 deqing:德清 zhuji:诸暨 changshu:常熟 taicang:太仓 wujiang:吴江 wujin:武进 danyang:丹阳 "
    "jingjiang:靖江 rugao:如皋 haimen:海门 yixing:宜兴 shunde:顺德 shishi:石狮 lingang:临港 songjiang:松江 jiading:嘉定 "
    "minhang:闵行 qingpu:青浦 fengxian:奉贤 liangping:梁平 pujiang:蒲江 linqing:临清 dongyang:东阳"
)
EN_PLACES = dict(pair.split(":") for pair in f"{_PINYIN_PLACES} {_PINYIN_DISTRICTS}".split()) | {
    "shaanxi": "陕西", "inner mongolia": "内蒙古", "tibet": "西藏", "xi'an": "西安", "harbin": "哈尔滨",
    "urumqi": "乌鲁木齐", "canton": "广州"}
del EN_PLACES["xian"]  # also an English word; "xi'an" is listed
_REGION_EN = rx(r"\b(?:in|based in|from|located in|a|an)\s+(?P<p>" + "|".join(EN_PLACES) + r")\b")
# "auto parts factory in suzhou, 300 ppl": a message opening with a firm and its place describes the user's own
# firm, without a "we"; "what did an auto parts factory in suzhou do" asks about someone else's
_OWN_FIRM_IN = rx(r"^(?:(?:an?|one|small|little|medium|big|\w+-?\w*)\s+){0,4}(?:factory|plant|workshop|shop|maker|manufacturer|"
                  r"supplier|mill|works|firm|company|business)s?\s+(?:in|based in|located in|from)\s+(?:" + "|".join(EN_PLACES)
                  + r")\b")
_ASKING_WORD = rx(r"\b(?:what|how|which|why|who|does|did|do|is|are|was|were|any|about|the|other|like|for|of)\b")


# Districts and counties the reports name, by the city or province they belong to: a 海曙区 programme is a 宁波 one.
_PLACE_PARTS = {
    "宁波": ("海曙", "鄞州", "北仑", "镇海", "江北", "奉化", "余姚", "慈溪", "象山", "宁海"),
    "上海": ("临港", "松江", "浦东", "嘉定", "闵行", "宝山", "金山", "青浦", "奉贤", "张江"),
    "绍兴": ("柯桥", "上虞", "诸暨", "新昌", "嵊州"), "苏州": ("昆山", "张家港", "常熟", "太仓", "吴江"),
    "重庆": ("梁平",), "成都": ("蒲江",), "无锡": ("江阴", "宜兴"), "佛山": ("顺德", "南海"),
}


# The province each listed city and district lies in: a 江苏省 programme is one a 苏州 or 昆山 firm can look at.
_PROVINCE_OF = {place: province for province, places in {
    "江苏": "苏州 无锡 常州 南京 南通 扬州 泰州 徐州 宿迁 昆山 江阴 张家港 常熟 太仓 吴江 武进 丹阳 靖江 如皋 海门 宜兴",
    "浙江": "宁波 杭州 温州 台州 绍兴 嘉兴 湖州 金华 义乌 慈溪 余姚 柯桥 上虞 新昌 嵊州 海曙 鄞州 北仑 镇海 奉化 象山 宁海 萧山 余杭 "
            "乐清 瑞安 永康 温岭 玉环 海宁 桐乡 长兴 德清 诸暨 东阳",
    "广东": "东莞 佛山 深圳 广州 中山 珠海 惠州 江门 汕头 揭阳 顺德", "福建": "厦门 泉州 福州 晋江 石狮 南安",
    "山东": "青岛 烟台 潍坊 济南 临沂 淄博 临清", "河南": "郑州 洛阳", "湖北": "武汉 宜昌 襄阳 十堰 荆州", "湖南": "长沙 株洲",
    "四川": "成都 绵阳 蒲江 德阳 宜宾", "陕西": "西安 宝鸡 咸阳 汉中", "安徽": "合肥 芜湖 滁州", "辽宁": "沈阳 大连", "河北": "石家庄 保定 唐山",
    "山西": "太原", "江西": "南昌 赣州 鹰潭 九江 上饶 景德镇", "广西": "南宁 柳州", "贵州": "贵阳 遵义", "云南": "昆明", "甘肃": "兰州",
    "黑龙江": "哈尔滨", "吉林": "长春", "海南": "海口", "新疆": "乌鲁木齐", "上海": "临港 松江 嘉定 闵行 青浦 奉贤", "重庆": "梁平",
}.items() for place in places.split()}


def around(place: str) -> tuple[str, ...]:
    """The place, the city a district belongs to and the province: "昆山" → ("昆山", "苏州", "江苏"); a region
    written as city and district ("宁波北仑") is read as its district."""
    parts = re.findall(PLACES, place)
    if len(parts) > 1 and "".join(parts) == place:
        return tuple(dict.fromkeys((*around(parts[-1]), *parts)))
    city = next((c for c, parts in _PLACE_PARTS.items() if place in parts), None)
    province = _PROVINCE_OF.get(place)
    return tuple(dict.fromkeys(x for x in (place, city, province) if x))


def region_covered(region: str, text: str) -> bool:
    """The text speaks of the firm's place, its city or its province (a 江苏省 scheme reaches a 苏州 firm)."""
    return any(place_covered(p, text) for p in around(region))


def region_reached(region: str, text: str) -> bool:
    """A scheme in the text reaches a firm in `region`: it names the place or its city, or its province without
    narrowing to another city of it ("宁波市海曙区…作为浙江省首批…试点" is Ningbo's, not a 温州 firm's)."""
    place, *rest = around(region)
    province = _PROVINCE_OF.get(place)
    city = rest[0] if rest and rest[0] != province else None
    if place_covered(place, text):
        return True
    if city and place_covered(city, text):  # the city's, unless it is another district's ("宁波市海曙区" for 北仑)
        return not any(d in text for d in _PLACE_PARTS.get(city, ()) if d != place)
    others = [p for p, prov in _PROVINCE_OF.items() if prov == province and p not in (place, city)]
    return bool(province and province in text and not any(o in text for o in others))


def with_city(place: str) -> str:
    """A district with the city it belongs to ("海曙" → "宁波海曙"), so that people elsewhere know where it is."""
    return next((f"{city}{place}" for city, parts in _PLACE_PARTS.items() if place in parts), place)


def place_covered(place: str, text: str) -> bool:
    """The text speaks of the place: by name, or by one of its districts ("海曙区" for 宁波)."""
    return place in text or any(part in text for part in _PLACE_PARTS.get(place, ()))


def in_region(place: str, text: str) -> bool:
    """The text speaks of somewhere in the place: the place itself or, for a province, one of its listed cities (a
    西安 firm's story is a 陕西 case)."""
    return place_covered(place, text) or any(place_covered(city, text) for city, province in _PROVINCE_OF.items()
                                             if province == place)


def places_named(text: str) -> list[str]:
    """Provinces and cities a question names (English names as the reports write them), once each, in order."""
    found = re.findall(PLACES, nfkc(text))
    lowered = text.lower()  # a substring test first: most questions name no place in English
    found += [zh for en, zh in EN_PLACES.items() if en in lowered and re.search(rf"\b{en}\b", lowered)]
    return list(dict.fromkeys(found))


_WANTED = re.compile(r"想|要|准备|打算|计划|争取|如何|怎么|咋|能不能|能否|申报|申请|评上?|认定|冲|\b(?:apply|become|qualify)")
_DESIGNATIONS = (("专精特新“小巨人”", r"小巨人"), ("专精特新", r"专精特新"), ("高新技术企业", r"高新技术企业|高新企业"),
                 ("规模以上企业", r"规上|规模以上"))
_FIRST_PERSON = rx(r"我们|我厂|我司|我家|我这|我们这|咱们|咱|本厂|本公司|厂里|我公司|自家|我是|我就是"
                           r"|\bwe\b|\bour\b|\bmy\b|\bi run\b|\bi own\b|\bi'm\b|\bi am\b")
_CORRECTION = rx(r"其实|不对|更正|纠正|说错|准确(?:地)?说|应该是|实际上|修正|改一下|刚才说的不对"
                         r"|\bactually\b|\bcorrection\b|\bsorry\b|\bi meant\b")


# A firm saying what it is ("我们是做注塑的", "我们厂主要生产阀门", "We are a PCB maker"), not what it also does
# ("我们也做一点模具") or who its customers are
_INTRODUCES = rx(r"(?:我们|我们厂|我厂|咱们|咱|我司|我们公司|本厂|我家)(?:这边|这里)?(?:是|就是|主要|主营|专门)?"
                 r"(?:是)?(?:做|生产|搞|干|开)(?!一点|些|点)|\bwe (?:are|make|produce|manufacture|run)\b|\bwe're\b"
                 r"|\bour (?:company|factory|firm|plant) (?:is|makes|produces)\b")


@dataclass
class MessageFacts:
    """Everything one message says about the company, before it is merged into the profile."""

    industry: IndustryMatch | None = None
    size: SizeFacts = field(default_factory=SizeFacts)
    stage: StageEvidence = field(default_factory=StageEvidence)
    region: str | None = None
    region_words: str = ""
    designations: list[str] = field(default_factory=list)
    first_person: bool = False
    correction: bool = False
    introduces_industry: bool = False  # "我们是做注塑的", "we make PCBs": what the firm is, not what it also does

    @property
    def about_company(self) -> bool:
        """Say whether the message describes a company (numbers, systems, place), not only names an industry."""
        s = self.size
        return bool(self.first_person or s.employees or s.revenue_wan or s.size_word or self.stage.systems
                    or self.region)

    @property
    def any(self) -> bool:
        s = self.size
        return bool(self.industry or s.employees or s.revenue_wan or s.size_word or self.stage.level
                    or self.stage.systems or self.region or self.designations)


def read_facts(message: str) -> MessageFacts:
    """Extract the facts a message states about the user's own company."""
    norm = nfkc(message).lower()
    facts = MessageFacts(
        industry=match_industry(message),
        size=extract_size(message),
        stage=infer_stage(message),
        first_person=bool(_FIRST_PERSON.search(NATIONAL_WE.sub("", norm))),
        correction=bool(_CORRECTION.search(norm)),
        introduces_industry=bool(_INTRODUCES.search(norm)),
    )
    m = _REGION.search(norm)
    if m:
        region = (m.group("a") or "") + (m.group("a2") or "") or m.group("b") or m.group("d") + (m.group("d2") or "")
        facts.region, facts.region_words = region, m.group(0)
    elif m := _REGION_OPENING.match(opening := _GREETING.sub("", norm)):
        facts.region, facts.region_words = m.group("o") + (m.group("o2") or ""), m.group(0)
    elif (intro := _REGION_INTRO.search(opening)) and not _ASKS.search(intro.group("rest")):
        facts.region, facts.region_words = intro.group("c"), intro.group(0)
    elif (m := _REGION_EN.search(norm)) and (facts.first_person or not m.group(0).startswith("in ")
                                             or _own_firm_in(norm)):
        # "What was it in Hunan province?" asks about Hunan; "we are a small firm in Hunan" is where the firm is
        facts.region, facts.region_words = EN_PLACES[m.group("p")], m.group(0)
    for label, pattern in _DESIGNATIONS:
        found = rx(pattern).search(norm)
        # "我们想申报专精特新小巨人": a title wanted is not a title held
        if found and not _WANTED.search(norm[max(0, found.start() - 10):found.start()]) \
                and not (label == "专精特新" and "专精特新“小巨人”" in facts.designations):
            facts.designations.append(label)
    return facts


def _own_firm_in(norm: str) -> bool:
    found = _OWN_FIRM_IN.search(norm)
    return bool(found and not _ASKING_WORD.search(found.group(0)))


def is_first_person(message: str) -> bool:
    """Say whether a message talks about the user's own company."""
    return bool(_FIRST_PERSON.search(NATIONAL_WE.sub("", nfkc(message).lower())))
