"""The advisor's own framing text (Chinese and English): short, and always recognisable as ours."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.constraints import Unmet
from assistant.gap_notes import GapNotes
from assistant.labels_en import in_english, place_in_english
from assistant.names import as_written
from assistant.redirects import where_to_ask
from assistant.result import ProfileSummary


@dataclass(frozen=True)
class Wording(GapNotes):
    language: str  # "zh" | "en"

    @property
    def why_intro(self) -> str:
        return ("Why, in the reports' own words (quoted in Chinese, with sources):" if self.en
                else "报告中说明原因的内容（摘自原文）：")

    @property
    def no_reasons(self) -> str:
        # one sentence with a framing prefix: the guard keeps framing, and would drop a bare first sentence
        return ("Note: the reports give no explicit reasons beside what was quoted, so here are the closest passages:"
                if self.en else "说明：报告在所引内容旁边没有专门说明原因，与这个问题最相关的原文如下：")

    @property
    def fact_intro(self) -> str:
        return "Based on the reports (quoted in Chinese, with sources):" if self.en else "以下内容摘自报告原文："

    def advice_intro(self, profile: ProfileSummary) -> str:
        parts = [v for v in (profile.industry, profile.size, profile.stage) if v]
        if self.en:
            parts = [in_english(v) for v in parts]
            # not in brackets: each part carries its Chinese term in brackets already, "(… (基础信息化))"
            return f"Based on your profile — {' · '.join(parts)} — here is what the reports say:" if parts else \
                "Here is what the reports say (quoted in Chinese, with sources):"
        return f"根据您提供的情况（{' · '.join(parts)}），以下内容摘自报告原文：" if parts else "以下内容摘自报告原文，供参考："

    def list_intro(self, heading: str, count: int) -> str:
        if self.en:
            return f"The reports list {count} items under “{heading}” (in their order, one quote each):"
        return f"报告在“{heading}”下列出了以下 {count} 项（按报告顺序，每项摘一句）："

    def no_chapter_note(self, industry: str) -> str:
        if self.en:
            return (f"The reports have no section written for {in_english(industry)}, so the scenarios below are general ones and "
                    "other industries' that come closest.")
        return f"报告没有专门写“{industry}”的章节，以下是通用的内容和最接近的其他行业的做法，仅供参考。"

    def ai_not_in_chapter(self, industry: str) -> str:
        if self.en:
            return f"the reports' section on {in_english(industry)} does not discuss AI; below is what they say of AI for SMEs"
        return f"报告的“{industry}”章节没有谈到人工智能（AI），以下是报告中关于中小企业应用AI的通用内容"

    def no_trade_cases(self, trade: str, others_shown: bool = True) -> str:
        """No case of this trade; `others_shown`: other trades' cases stand above instead (else what the reports
        say of the trade does)."""
        if self.en:
            return (f"the reports hold no case from {in_english(trade)} firms, so the cases above are other trades', "
                    "for reference") if others_shown else \
                f"the reports hold no case from {in_english(trade)} firms; above is what they say nearest to it"
        return f"报告里没有“{trade}”企业的案例，以上是其他行业的做法，仅供参考" if others_shown else \
            f"报告里没有“{trade}”企业的案例，以上是报告中与之最相关的内容"

    def not_compared(self, first: str, second: str) -> str:
        if self.en:
            return f"the reports do not compare {first} and {second} directly, so the quotes above are what they say of each"
        return f"报告没有直接比较“{first}”和“{second}”，以上分别摘录报告对两者的描述"

    def assumption(self, text: str) -> str:
        return f"Note: {text}" if self.en else f"说明：{text}"

    @property
    def heading_scenarios(self) -> str:
        return "### Scenarios that fit your company" if self.en else "### 适合贵企业的场景"

    @property
    def heading_cases(self) -> str:
        return "### Cases to learn from" if self.en else "### 可以借鉴的案例"

    @property
    def heading_trade(self) -> str:
        return "### What the reports say of your trade" if self.en else "### 报告中提到贵行业的内容"

    @property
    def heading_cost(self) -> str:
        return "### What firms spend (survey figures in the reports)" if self.en else "### 投入参考（报告中的调研数据）"

    @property
    def heading_notice(self) -> str:
        return "### What the notice sets out" if self.en else "### 通知原文中的规定（请对照贵企业情况逐条核对）"

    @property
    def heading_policy(self) -> str:
        return "### Policies and support to watch" if self.en else "### 可关注的政策与支持"

    def local_policy_label(self, places: list[str], elsewhere: bool, more: bool = False) -> str:
        """Local schemes, naming where they run (`more`: and other places); `elsewhere`: not where the firm is."""
        where = "、".join(places) + ("等地" if more else "")
        if self.en:
            listed = ", ".join(place_in_english(p) for p in places) + (" and others" if more else "")
            if elsewhere:
                return (f"Schemes of other places{f' ({listed})' if places else ''}, for reference only: ask your own "
                        "local industry bureau whether it has one:")
            return (f"Local schemes{f' in {listed}' if places else ''} (they apply only where named, so ask your local "
                    "industry bureau whether it has one):")
        if elsewhere:
            return f"其他地区的做法（{where + '，' if where else ''}仅供参考，可向您所在地的工信部门询问有无类似政策）："
        return f"地方的做法（{where + '，' if where else ''}只适用于所述地区，可向当地工信部门询问有无类似政策）："

    @property
    def foreign_policy_label(self) -> str:
        if self.en:
            return "Other countries' programmes (for reference only: firms in China cannot apply to them):"
        return "其他国家和地区的做法（仅供参考，国内企业不能直接申请）："

    @property
    def proposal_label(self) -> str:
        if self.en:
            return "Proposals made in the reports (recommendations, not policies in force):"
        return "报告提出的建议（并非已出台的政策）："

    def specifics_note(self, question: str) -> str:
        if self.en:
            return ("Note: the passages quoted give no prices, fees, rates, dates, eligibility rules or application steps, and "
                    f"are the closest the documents hold. For the specifics: {self.redirect(question)}.")
        return ("说明：所引资料没有给出价格、收费、税率利率、日期期限、申报条件或办理流程等具体信息，以下是资料中最接近的内容"
                f"（{self.redirect(question)}）。")

    @property
    def nothing_more(self) -> str:
        if self.en:
            return ("That is all the reports say on this: the answer above quoted every passage that fits. Ask about a "
                    "narrower part (a system, a cost, a case) to find more.")
        return "报告里与这个问题相关的内容，前面的回答已经全部列出了。可以换个更具体的角度问，比如某个系统、成本或案例。"

    def removed_notice(self, count: int) -> str:
        if self.en:
            return f"{count} sentence(s) the cited passages do not support were removed."
        return f"已删除 {count} 句在所引资料中找不到依据的内容"

    def refusal(self, question: str, nearby: str | None, missing: Unmet | None = None,
                specifics: bool = False, mentioned: tuple[str, ...] = ()) -> str:
        """`mentioned`: places of `missing` the reports do name elsewhere, without what was asked of them."""
        redirect = self.redirect(question)
        specific = bool(missing) or specifics
        absent = [n for n in missing.unmentioned if n not in mentioned] if missing else []
        if self.en:
            lines = ["Sorry, the documents I answer from do not hold this specific information." if specific
                     else "Sorry, the documents I answer from do not cover this question."]
            if specifics:
                lines.append("The passages found give no prices, fees, rates, dates, eligibility rules or application steps "
                             "(the research reports hold none; a local policy notice would).")
            if missing:
                shown = [place_in_english(as_written(name, question)) for name in absent]
                if shown or missing.figures:
                    lines.append(f"They say nothing specific about {', '.join((*shown, *missing.figures))}.")
                if mentioned:
                    places = ", ".join(place_in_english(as_written(n, question)) for n in mentioned)
                    lines.append(f"They mention {places}, but not what you ask about it.")
            if nearby:
                lines.append("The closest thing they do say:")
                lines.append(nearby)
            lines.append(f"Please consult other sources: {redirect}.")
            return "\n".join(lines)
        lines = ["抱歉，现有资料没有您问的这项具体信息，我不能凭常识作答。" if specific
                 else "抱歉，现有资料没有涉及这个问题，我不能凭常识作答。"]
        if specifics:
            lines.append("检索到的资料中没有价格、收费、税率利率、日期期限、申报条件或办理流程等具体信息（研究报告本身不含这类信息，"
                         "当地发布的政策通知才有）。")
        if absent:
            lines.append(f"资料没有专门提到“{'、'.join(as_written(n, question) for n in absent)}”。")
        if mentioned:
            lines.append(f"资料提到过“{'、'.join(as_written(n, question) for n in mentioned)}”，但没有您问的这项信息。")
        if missing and missing.figures:
            lines.append(f"资料中找不到您问题里的数字“{'、'.join(missing.figures)}”，请核实。")
        if nearby:
            lines.append("资料中相近的内容如下，仅供参考：")
            lines.append(nearby)
        lines.append(f"建议您咨询相关渠道：{redirect}。")
        return "\n".join(lines)

    def redirect(self, question: str) -> str:
        return where_to_ask(question, self.en)

    @property
    def no_llm_notice(self) -> str:
        if self.en:
            return ("LLM mode was asked for but no endpoint is configured (set SME_ADVISOR_LLM_BASE_URL), so this answer "
                    "is quoted directly from the reports.")
        return "已选择大模型模式，但没有配置大模型地址（请设置 SME_ADVISOR_LLM_BASE_URL），以下为直接摘录报告原文的回答。"

    @property
    def fallback_notice(self) -> str:
        if self.en:
            return "The language model is unavailable right now, so this answer is quoted directly from the reports."
        return "大模型暂时不可用，以下为直接摘录报告原文的回答。"

    @property
    def marked_unsupported(self) -> str:
        return "（unsupported by the cited passage）" if self.en else "（⚠️ 此句未在所引资料中找到依据）"

    @property
    def low_confidence_notice(self) -> str:
        if self.en:
            return "The reports only partly match this question: the passages below are general guidance, so please check they fit your case."
        return "资料与这个问题只是部分相关：以下为报告中的一般性内容，请结合贵企业实际判断是否适用。"

    @property
    def follow_up_note(self) -> str:
        return "Understood in context as: " if self.en else "结合上文，理解为："
