"""Helpdesk staff paste a customer's question with their own note, the customer's phone number and signature: the
question is answered as the customer asked it, and the contact details are neither looked up nor kept."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.pasted import without_contact_details

FORWARDED = ("您好！我这边是客服小王，帮客户转一个问题：“你好，我们是东莞一家做电子元器件的企业，大概120人，"
             "想问一下现在申请智改数转有什么补贴，需要什么条件？谢谢！” 客户电话13812345678，联系人张生")



@pytest.mark.parametrize(("pasted", "question"), [
    (FORWARDED, "你好，我们是东莞一家做电子元器件的企业，大概120人，想问一下现在申请智改数转有什么补贴，需要什么条件？谢谢！"),
    ("客户又问：那我们是不是要先做诊断？诊断收费吗？——张生 138-1234-5678", "那我们是不是要先做诊断？诊断收费吗？"),
    ("我们做注塑的，联系方式：0769-12345678，邮箱 zhang@abc.com.cn 想上MES", "我们做注塑的，想上MES"),
    ("张总（13912345678）问：我们厂80人，先上ERP还是MES？", "张总问：我们厂80人，先上ERP还是MES？"),
    ("Is there any subsidy for cloud MES? My phone is +86 139 1234 5678, thanks", "Is there any subsidy for cloud MES? thanks"),
    ("Is there any subsidy for cloud MES?\nBest regards,\nJohn Smith", "Is there any subsidy for cloud MES?"),
    ("数字化这块需要达到什么水平？谢谢 王工 15972345678", "数字化这块需要达到什么水平？谢谢"),
    ("以下是客户留言：我们是佛山做家具的，50人，想了解数字化转型补贴。联系方式 微信 wx_abc123",
     "我们是佛山做家具的，50人，想了解数字化转型补贴"),
    ("客户QQ 123456789 问：专精特新怎么申报", "专精特新怎么申报"),
    ("【客户咨询】东莞注塑厂30人 想上MES 有补贴吗 电话：0769-88886666转123", "东莞注塑厂30人 想上MES 有补贴吗"),
    ("客户原话：我们是宁波做注塑的，30人，想上个MES，有没有补贴？【来自400热线 工单号20231205-0032】",
     "我们是宁波做注塑的，30人，想上个MES，有没有补贴？"),
    ("Hello, forwarding from a customer (Mr. Li, li.wei@abc-parts.com, +86 512 6688 1234): We are a 150-person CNC "
     "shop in Suzhou. Which system first, ERP or MES? Thanks, Anna (Helpdesk)",
     "We are a 150-person CNC shop in Suzhou. Which system first, ERP or MES?"),
])
def test_the_note_contact_details_and_signature_are_not_part_of_the_question(pasted: str, question: str) -> None:
    assert without_contact_details(pasted) == question


@pytest.mark.parametrize("message", [
    "我们营收3000万，员工120人，想上MES",  # the firm's own figures stay
    "报告里说“数字化转型是中小企业加快迈向专精特新的必经之路”，我们企业怎么理解",  # a quote that is not forwarded
    "13812345678",  # nothing else to answer: left as typed
    "What is the case for SMEs?",
    "我们用QQ群沟通订单，怎么数字化",
])
def test_a_message_that_forwards_nothing_is_left_as_typed(message: str) -> None:
    assert without_contact_details(message) == message


def test_a_forwarded_subsidy_question_is_answered_not_refused_over_the_phone_number(advisor: Advisor) -> None:
    result = advisor.respond(FORWARDED)
    assert not result.refused and not result.low_confidence
    assert "13812345678" not in result.query and "1.38" not in result.answer and "张生" not in result.query
    assert "东莞" in result.answer and result.citations
    stored = [m.content for m in advisor.runtime.store.history(result.session_id)]
    assert not any("13812345678" in text for text in stored)  # the customer's number is not kept


def test_a_pasted_follow_up_with_a_signature_names_no_phone_digits_as_missing(advisor: Advisor) -> None:
    first = advisor.respond(FORWARDED)
    result = advisor.respond("客户又问：那我们是不是要先做诊断？诊断收费吗？——张生 138-1234-5678", first.session_id)
    assert "1234" not in result.answer and "5678" not in result.answer and "张生" not in result.query
