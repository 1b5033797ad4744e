"""Which value a question asks for, and whether a quote gives it (the note under an answer rests on this)."""

from __future__ import annotations

from assistant.value_asks import count_not_given, members_not_listed

SHANGHAI = "上海处于全国制造业信息化发展的第一梯队，两化融合指数稳居全国前5位，处于信息化集成提升和创新突破阶段的企业占50%"
YINGTAN = "鹰潭高新区专门组建数字化转型促进中心，搭建一站式、全链条技术服务，按照“6+X”模式打造“小快轻准”产品和解决方案资源池；"


def test_a_rank_is_no_score_and_a_share_of_something_else_is_no_rate() -> None:
    assert count_not_given("上海的两化融合指数具体是多少分？", [SHANGHAI]) == "分值"
    assert count_not_given("上海的两化融合指数是多少", [SHANGHAI]) == "两化融合指数的具体数值"
    assert count_not_given("中型制造企业里哪个行业垫底？大概多少分？", ["比最后一位钢铁行业的46.2高出12.3"]) is None
    assert count_not_given("打多少分算二级", ["等级平均值依次约为2.24、2.21和2.37"]) == "分值"


def test_a_rate_is_given_by_a_figure_stated_of_its_stem() -> None:
    quote = "“十三五”时期我国企业设备的数字化率达到50%，但完成设备联网、开展数据采集的仅为23%"
    assert count_not_given("设备联网率多少？", [quote]) is None
    assert count_not_given("中小企业数字化转型的普及率多少", ["数字化技术应用正加速从大型企业向中小企业普及渗透。"]) \
        == "普及率的具体数值"


def test_how_common_is_answered_by_a_figure_about_that_very_thing() -> None:
    levels = "75%的企业尚处于智能制造成熟度一级，只有5%的企业处于成熟度高的四级和五级。"
    assert count_not_given("能到四五级的多不多", [levels]) is None
    assert count_not_given("转型失败的企业多不多", ["约有32%的中小企业表示缺乏资金预算。"]) == "转型失败的比例或数量"


def test_a_count_in_another_unit_or_of_another_thing_does_not_answer() -> None:
    assert count_not_given("上海一年能产多少台工业机器人？", ["全球前50家企业排行榜中74%为美、德、日企业"]) == "多少台"
    assert count_not_given("中小企业数字化转型有几个特征", ["根据对450余家中小企业的问卷统计"]) == "特征的数量"
    assert count_not_given("数字化转型有几个特点", ["受访企业数字化转型有4个特征，即…"]) is None
    assert count_not_given("分几个阶段", ["这一阶段技术扩散速度达到最快"]) == "阶段的数量"


def test_the_parts_of_a_named_model_must_be_listed_not_only_named() -> None:
    assert members_not_listed("鹰潭高新区那个“6+X”模式，6和X分别指什么？", [YINGTAN]) == "6+X"
    assert members_not_listed("鹰潭高新区6+X模式的6是啥", [YINGTAN]) == "6+X"
    assert members_not_listed("转型的“四不”分别是什么", ["面临“不想转”“不敢转”“不会转”和“不能转”四大突出困境"]) is None
    assert members_not_listed("小快轻准是哪四个方面", ["“小型化、快速化、轻量化和精准化”数字化技术产品"]) is None
    assert members_not_listed("四大产业集聚区是哪些", ["东部地区智能制造产业率先崛起。"]) == "四大产业集聚区"


def test_a_firm_a_standard_number_and_a_full_list_are_details_of_their_own() -> None:
    assert count_not_given("那个平台是哪家公司做的", ["链接众模云、中模云等工业互联网云平台"]) == "公司名称"
    assert count_not_given("那个平台是哪家公司做的", ["支持鑫铂瑞等龙头企业建设工业互联网平台"]) is None
    assert count_not_given("成熟度评估的标准号多少", ["依据智能制造能力成熟度模型开展评估"]) == "标准号或文号"
    assert count_not_given("小巨人完整名单有吗", ["专精特新“小巨人”企业中，属于人工智能产业领域的数量占比约为8%；"]) == "完整名单"
