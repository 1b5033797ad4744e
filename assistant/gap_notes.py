"""Notes on what the quotes above them lack (a figure, a list, a vendor, a duration, a place's own scheme) and who to
ask instead: each one sentence, as the guard checks every sentence after a note's opening against the citations."""

from __future__ import annotations

from assistant.labels_en import place_in_english


class GapNotes:
    """Mixed into `Wording`, which holds the language."""

    language: str  # "zh" | "en"

    @property
    def en(self) -> bool:
        return self.language == "en"

    def premise_note(self, figures: list[str]) -> str:
        shown = "、".join(figures)
        if self.en:
            return f"Note: the figure(s) {shown} in your question do not appear in the cited passages, so please check them."
        return f"说明：您问题中提到的“{shown}”在所引资料中没有找到依据，请注意核实。"

    def count_note(self, asked: str, asked_en: str = "number") -> str:
        """`asked`: what was asked for, as the Chinese note names it ("多少家", "时间"); `asked_en`: in English."""
        if self.en:
            return (f"Note: the passages quoted above do not give the {asked_en} you asked for, but they are the closest "
                    "the reports hold.")
        return f"说明：以上摘录没有直接给出您问的“{asked}”，是资料中最接近的内容。"

    def members_note(self, name: str) -> str:
        if self.en:
            return (f"Note: the passages quoted above do not list what “{name}” consists of, but they are the closest the "
                    "reports hold.")
        return f"说明：以上摘录没有列出您问的“{name}”具体包括哪些，是资料中最接近的内容。"

    def no_definition_note(self, term: str) -> str:
        if self.en:
            return f"Note: the reports do not define “{term}”, so the passages above are what they say about it."
        return f"说明：报告没有专门给出“{term}”的定义，以上是报告中讲到它的内容。"

    @property
    def vendor_note(self) -> str:
        # one sentence: the guard checks every sentence after the first of a line against the citations
        if self.en:
            return ("Note: the reports do not recommend particular vendors or brands, and the passages above are what they "
                    "say on the topic (ask two or three vendors to demonstrate against your own processes, or your local SME "
                    "digital-transformation promotion centre to help assess them).")
        return ("说明：报告不点名推荐具体的厂商或品牌，以上是报告里的相关内容（选型时可以请两三家服务商按贵企业的实际业务"
                "演示或试用，也可以请当地中小企业数字化转型促进中心帮忙评估）。")

    @property
    def which_first_note(self) -> str:
        if self.en:
            return ("Note: the reports do not rank these options for a particular firm; the passages above are what they "
                    "say for a firm of your stage and trade (your local SME digital-transformation promotion centre can "
                    "help set the order).")
        return ("说明：报告没有针对一家企业给这几项排先后，以上是报告对贵企业所处阶段和行业的说法，可据此判断"
                "（也可以请当地中小企业数字化转型促进中心帮忙诊断、排序）。")

    @property
    def own_level_note(self) -> str:
        # one sentence, as the vendor note: what the reports cannot say, and who rates a firm
        if self.en:
            return ("Note: the reports describe the levels but give no way to rate one firm, so compare the passages above "
                    "with your own practice (a formal rating follows the ministry's SME digital-level evaluation criteria, "
                    "《中小企业数字化水平评测指标》; your local SME digital-transformation promotion centre or public service "
                    "platform can carry out the diagnosis).")
        return ("说明：报告描述了各级的做法，但没有给出判定一家企业属于哪一级的办法，以上内容可对照贵企业的实际情况参考（正式评级依据"
                "《中小企业数字化水平评测指标》，可请当地中小企业数字化转型促进中心或公共服务平台做诊断评估）。")

    @property
    def duration_note(self) -> str:
        if self.en:
            return ("Note: the reports give no time a project like this takes, so the passages above are the closest "
                    "they hold. A vendor's implementation plan or a peer's experience is the place to ask.")
        return "说明：报告没有给出这类项目需要多长时间，以上是资料中最接近的内容，实施周期可以请服务商按贵企业情况给出计划，或问问做过的同行。"

    @property
    def payback_note(self) -> str:
        if self.en:
            return ("Note: the reports give no payback period for such projects (only that firms weigh the return on what "
                    "they invest), so work it out from your own costs and gains with a vendor's proposal.")
        return ("说明：报告没有给出这类项目多久能回本（只提到企业尤为关心投入产出比），回本周期要按贵企业自己的投入和收益，"
                "请服务商按方案测算。")

    def trade_note(self, trades: list[str]) -> str:
        shown = "、".join(trades)
        if self.en:
            return (f"Note: the reports do not discuss {shown} at all, so the passages above are the closest they hold "
                    "(other industries or manufacturing SMEs in general).")
        return f"说明：资料中没有关于“{shown}”的内容，以上是最接近的内容（其他行业或制造业中小企业的一般情况）。"

    def no_place_support_note(self, places: list[str]) -> str:
        if self.en:
            shown = ", ".join(place_in_english(p) for p in places)
            return (f"Note: the reports list no support scheme {shown} runs itself; above are the national programmes "
                    "they describe (and what they propose). Ask the local industry and IT bureau for its own schemes.")
        return (f"说明：报告没有列出“{'、'.join(places)}”本地正在实施的补贴政策，以上是报告中的全国性项目（以及报告提出的建议），"
                "当地的具体政策请向当地工信部门核实。")

    def place_note(self, places: list[str]) -> str:
        shown = "、".join(places)
        if self.en:
            shown = ", ".join(place_in_english(p) for p in places)
            return (f"Note: the passage this answer rests on does not mention {shown}, but it is the closest the reports "
                    "hold (national or other regions). Check local policy with the local industry and IT bureau.")
        return (f"说明：回答所依据的摘录没有专门提到“{shown}”，是资料中最接近的内容（全国或其他地区），"
                "当地的具体政策请向当地工信部门核实。")

    @property
    def figures_note(self) -> str:
        if self.en:
            return "Note: these figures come from different reports with different surveys, and each is shown with its own source."
        return "说明：以上数字来自不同报告，统计口径可能不同，已分别标注来源，未作合并。"
