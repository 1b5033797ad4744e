"""Where to send a question the reports cannot answer (a loan, a tax, a price): the service that can."""

from __future__ import annotations

# Where to ask instead, by what the question is about; matched in order against the question.
REDIRECTS_ZH: tuple[tuple[tuple[str, ...], str], ...] = (
    (("贷款", "利率", "授信", "融资", "担保", "loan", "interest"), "贷款、利率和融资条件请咨询开户银行或当地金融服务机构"),
    (("税", "报税", "退税", "发票", "tax", "vat"), "税务问题请咨询当地税务部门或专业财税机构"),
    (("补贴", "奖补", "申报", "补助", "资助", "奖励", "扶持", "给多少", "给钱", "subsid", "grant"),
     "具体补贴标准和申报条件请以当地工业和信息化主管部门（工信局）或中小企业服务中心发布的最新通知为准"),
    # a programme's own money ("美国MEP每年预算多少钱"): its publisher's figures, not a vendor's quote
    (("预算", "拨款", "投了多少", "投入了多少", "budget", "funding"), "项目预算和拨款以发布机构公布的数字为准"),
    (("注册", "许可", "资质", "认证", "环评", "消防", "商标", "licen", "regist"), "行政审批和资质办理请咨询当地政务服务中心或相关主管部门"),
    (("劳动", "社保", "五险一金", "工资", "加班", "合同", "辞退", "试用期", "工伤", "labor", "labour", "wage", "salar"), "用工与社保问题请咨询当地人社部门"),
    (("多少钱", "价格", "报价", "收费", "费用", "price", "cost", "fee"),
     "设备、软件和服务的价格请向几家厂商或服务商询价比较，也可以请当地中小企业数字化转型促进中心帮忙评估"),
)
DEFAULT_REDIRECT_ZH = "可以咨询当地工业和信息化主管部门（工信局）或中小企业公共服务平台"
REDIRECTS_EN = {
    0: "for loans, interest rates and financing terms, please ask your bank or a local financial service institution",
    1: "for tax questions, please ask the local tax bureau or a tax adviser",
    2: "for subsidy amounts and application rules, please check the latest notices of your local industry and information technology bureau or SME service centre",
    3: "for a programme's budget, the figures its publisher releases are the reference",
    4: "for licences and registrations, please ask the local government service centre",
    5: "for labour and social insurance questions, please ask the local human resources and social security bureau",
    6: "for prices of equipment, software or services, ask several vendors for quotes, and a local SME digital "
       "transformation centre can help weigh them",
}
DEFAULT_REDIRECT_EN = "you could ask the local industry and information technology bureau or an SME public service platform"


def where_to_ask(question: str, english: bool) -> str:
    """Who can answer what the reports cannot: the first service whose words the question holds."""
    lowered = question.lower()
    for i, (keys, zh) in enumerate(REDIRECTS_ZH):
        if any(k in lowered for k in keys):
            return REDIRECTS_EN[i] if english else zh
    return DEFAULT_REDIRECT_EN if english else DEFAULT_REDIRECT_ZH
