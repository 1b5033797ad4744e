"""Advice topics: what an advice question is about decides which profile slots would change the answer."""

from __future__ import annotations

import re

from assistant.patterns import rx
from assistant.textnorm import nfkc

CLARIFY_SLOTS = ("industry", "size", "stage")

# Topics decide which missing slots would change the advice; the first topic whose words appear wins.
_TOPICS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    # "我们算是数字化哪个阶段", "我们厂在数字化转型哪一步了", "现在处在什么水平"
    ("stage_check", rx(r"(?:算|处于|处在|到了|属于|(?:我们|我厂|我司|咱们?)(?:厂|公司)?(?:现在|目前)?在)(?:是)?(?:数字化(?:转型)?(?:的)?)?(?:什么|哪个|哪一|啥|第几)(?:个)?"
                       r"(?:水平|阶段|级别|等级|步)|(?:我们|我厂)(?:算|是)?几级"
                       r"|\b(?:what|which) stage (?:are|is|am) (?:we|i|my|our)\b|\bwhat stage\b(?! of)|\bwhich stage\b"
                       r"(?! of)"), ("stage",)),
    # People and security questions get the same answer whatever the firm makes or its size: no questionnaire.
    ("people", rx(r"不配合|抗拒|抵触|说服|不愿意用|没人用|不会用|用不来|年纪大|招不到|留不住|人才|培训|转变观念|"
                  r"\b(?:resist\w*|convince|persuade|training|talent|skills?)\b"), ()),
    ("security", rx(r"数据安全|信息安全|网络安全|泄露|泄密|保密|被(?:平台)?拿去|安全吗|数据(?:怎么|如何|咋)?保护|保护(?:好)?数据"
                    r"|\b(?:security|secure|safe|safety|leak\w*|protect\w*)\b"), ()),
    # What a designation requires (申请专精特新要达到什么水平): the same rules for every firm
    ("criteria", rx(r"(?:申请|申报|评|认定|成为|评上)[^，。？?]{0,8}(?:专精特新|小巨人)[^。？?]{0,16}(?:要|需要|得)(?:达到|满足|具备|有)"
                    r"|(?:专精特新|小巨人)[^。？?]{0,10}(?:条件|标准|要求)"), ()),
    ("policy", rx(r"政策|补贴|补助|资金支持|奖励|申报|申请|认定|专精特新|小巨人|试点|税|贷款|免费|"
                          r"polic|subsid|grant|funding|pilot"), ("size", "industry")),
    ("cost", rx(r"多少钱|预算|投入多少|要投入|成本多少|花多少|费用|贵不贵|便宜|低成本|省钱|投资回报|回报|roi|cost|"
                r"budget|how much|cheap"),
     ("size", "stage")),
    # How to choose a service provider: the reports' advice on it is the same for every firm
    ("provider", rx(r"服务商|服务机构|集成商|咨询公司|咨询机构|乙方"
                    r"|(?:供应商|厂商|厂家|软件公司)[^，。？?]{0,4}(?:怎么|如何|咋)(?:选|挑|找)"
                    r"|(?:怎么|如何|咋)(?:选|挑|找)[^，。？?]{0,6}(?:供应商|厂商|厂家|软件公司)"
                    r"|\b(?:vendors?|providers?|integrators?|consultan\w*)\b"), ()),
    ("scenario", rx(r"质量|质检|检测|设备|能耗|能源|仓储|仓库|库存|排产|计划|营销|电商|研发|设计|售后|运维|物联网|供应链|"
                            r"采购|追溯|良率|合格率|不良|次品|废品|返工|换模|换线|交期|图纸|版本|bom|工艺文件|漏检|验布|人眼|肉眼|检验|yield|scrap|defect|quality|inspection|equipment|energy|warehouse|inventory|scheduling|marketing"),
     ("industry", "stage")),
    ("system", rx(r"erp|mes|wms|crm|plm|aps|系统|软件|上云|saas|平台|选型|software|system|cloud"),
     ("industry", "size", "stage")),
)


def topic_slots(message: str) -> tuple[str, tuple[str, ...]]:
    """Return the advice topic and the profile slots that would change the advice on it."""
    norm = nfkc(message).lower()
    for topic, pattern, slots in _TOPICS:
        if pattern.search(norm):
            return topic, slots
    return "roadmap", CLARIFY_SLOTS
