"""The SME profile: each slot keeps its value, where it came from (stated / inferred / asked) and why."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.errors import InputError
from assistant.facts import MessageFacts
from assistant.industries import BY_KEY, industry_by_name
from assistant.result import ProfileSummary
from assistant.sizing import SIZE_CLASSES, classify_size
from assistant.stage import stage_by_level, stage_by_name

Source = Literal["stated", "inferred", "asked"]
SLOTS = ("industry", "industry_group", "size", "stage", "employees", "revenue_wan", "revenue_basis", "systems",
         "region", "designations")
EDITABLE = ("industry", "size", "stage", "employees", "revenue_wan", "region")
_RANK = {"inferred": 0, "stated": 1, "asked": 1}

FORM_EVIDENCE = "界面/表单填写"  # the evidence of a value filled in on a form or sent as a field
FORM_RULE = "人工指定"


class Slot(BaseModel):
    """One profile value and its provenance."""

    value: str | int | float | list[str]
    source: Source
    evidence: str = ""  # the user's words (or "表单填写" / "界面修改")
    rule: str = ""
    turn: int = 0


class Profile(BaseModel):
    """What the advisor knows about the SME; every slot says where it came from."""

    industry: Slot | None = None  # value: industry name (taxonomy name, or the user's own words)
    industry_key: str | None = None  # taxonomy key, "other" outside it
    manufacturing: bool | None = None
    industry_group: Slot | None = None
    size_word: Slot | None = None  # a size the user named ("小微企业") — numbers stated later win
    size: Slot | None = None
    stage: Slot | None = None  # value: level 1–4
    employees: Slot | None = None
    revenue_wan: Slot | None = None
    revenue_basis: Slot | None = None
    systems: Slot | None = None
    wanted_systems: list[str] = Field(default_factory=list)
    region: Slot | None = None
    designations: Slot | None = None

    def known(self, slot: str) -> bool:
        """Say whether a slot has a value."""
        return getattr(self, slot, None) is not None

    def missing(self, slots: list[str]) -> list[str]:
        """Return the slots of `slots` that are still unknown."""
        return [s for s in slots if not self.known(s)]

    # --- merging -------------------------------------------------------------------------------------------
    def put(self, name: str, new: Slot, override: bool = False) -> bool:
        """Set a slot unless a stronger earlier value stands; a statement always beats an inference."""
        old: Slot | None = getattr(self, name)
        override = override and (old is None or old.rule != FORM_RULE)  # a form's value is deliberate
        if old is not None and _RANK[new.source] < _RANK[old.source] and not override:
            return False
        setattr(self, name, new)
        return True

    def absorb(self, facts: MessageFacts, turn: int, answering: bool, self_description: bool,
               first_industry_ok: bool = False) -> list[str]:
        """Merge one message's facts; return the slots that changed. `answering` marks replies to a clarify.

        An industry is taken from self-descriptions ("我们做模具的"), or, when none is known yet and the message
        asks for advice, from how the question is put ("模具厂怎么做数字化"); never from a question about
        another industry.
        """
        changed: list[str] = []
        base: Source = "asked" if answering else "stated"
        if facts.industry and (self_description or (first_industry_ok and self.industry is None)):
            m = facts.industry
            own_words = m.rule == "行业名称" or m.rule.startswith("按用户原话")
            src: Source = base if (own_words or facts.correction or answering) else "inferred"
            # what the firm says it is in a later turn ("我们是做注塑的" after "做家具的") replaces what it said before,
            # even when read through an alias
            if self.put("industry", Slot(value=m.name, source=src, evidence="、".join(m.words), rule=m.rule,
                                         turn=turn), override=facts.introduces_industry and self_description):
                self.industry_key, self.manufacturing = m.key, m.manufacturing
                self._set_group(turn)
                changed.append("industry")
        changed += self._absorb_size(facts, turn, base)
        st = facts.stage
        if st.level is not None:
            src = base if (st.stated or answering or facts.correction) else "inferred"
            if self.put("stage", Slot(value=st.level, source=src, evidence="、".join(st.words), rule=st.rule,
                                      turn=turn)):
                changed.append("stage")
        if st.systems:
            have = list(self.systems.value) if self.systems else []  # type: ignore[arg-type]
            merged = have + [s for s in st.systems if s not in have]
            self.systems = Slot(value=merged, source=base, evidence="、".join(st.words), rule="提到在用", turn=turn)
        self.wanted_systems += [w for w in st.wanted if w not in self.wanted_systems]
        if facts.region and self.put("region", Slot(value=facts.region, source=base, evidence=facts.region_words,
                                                    rule="用户提到所在地", turn=turn)):
            changed.append("region")
        if facts.designations:
            have = list(self.designations.value) if self.designations else []  # type: ignore[arg-type]
            value = have + [d for d in facts.designations if d not in have]
            self.designations = Slot(value=value, source=base, evidence="、".join(facts.designations),
                                     rule="用户提到企业资质", turn=turn)
        return changed

    def _absorb_size(self, facts: MessageFacts, turn: int, base: Source) -> list[str]:
        s = facts.size
        changed: list[str] = []
        if s.employees is not None:
            note = "（约数）" if s.employees_approx else ""
            self.employees = Slot(value=s.employees, source=base, evidence=s.employees_words,
                                  rule=f"从业人员{note}", turn=turn)
            changed.append("employees")
        if s.revenue_wan is not None:
            note = "（约数）" if s.revenue_approx else ""
            self.revenue_wan = Slot(value=s.revenue_wan, source=base, evidence=s.revenue_words,
                                    rule=f"{s.revenue_rule}{note}", turn=turn)
            self.revenue_basis = Slot(value=s.revenue_basis or "营收", source=base, evidence=s.revenue_words,
                                      rule=_basis_rule(s.revenue_basis), turn=turn)
            changed.append("revenue_wan")
        if s.size_word and not changed:
            src: Source = base if s.size_rule == "用户自述规模" else "inferred"
            if self.put("size_word", Slot(value=s.size_word, source=src, evidence=s.size_words, rule=s.size_rule,
                                          turn=turn)):
                changed.append("size")
        if changed:
            self.refresh_size()
        return changed

    def refresh_size(self) -> None:
        """Recompute the size class from the latest of: the numbers (2017 standard) or a size the user named."""
        nums = [s for s in (self.employees, self.revenue_wan) if s is not None]
        latest_num = max((s.turn for s in nums), default=-1)
        word = self.size_word
        if word is not None and (not nums or word.turn > latest_num):
            self.size = word.model_copy()
            return
        emp = int(self.employees.value) if self.employees else None  # type: ignore[arg-type]
        rev = float(self.revenue_wan.value) if self.revenue_wan else None  # type: ignore[arg-type]
        cls = classify_size(emp, rev)
        if cls is None:
            self.size = None
            return
        rule = cls.rule
        if self.revenue_basis is not None and self.revenue_basis.value == "产值":
            rule += "；用户给的是年产值，暂以产值代替营业收入"
        evidence = "、".join(dict.fromkeys(s.evidence for s in nums))  # the form gives both figures one source
        # The class is derived by rule from the numbers, so it is an inference; the numbers keep their own source.
        self.size = Slot(value=cls.size, source="inferred", evidence=evidence, rule=rule, turn=latest_num)

    def _set_group(self, turn: int) -> None:
        ind = BY_KEY.get(self.industry_key or "")
        if ind is None or ind.group is None:
            self.industry_group = None
            return
        rule = f"2024年报告按要素密集度分组：{ind.sector} → {ind.group}"
        if ind.group_note:
            rule += f"（{ind.group_note}）"
        self.industry_group = Slot(value=ind.group, source="inferred", evidence=ind.name, rule=rule, turn=turn)

    # --- edits ---------------------------------------------------------------------------------------------
    def with_override(self, slot: str, value: object, turn: int | None = None) -> Profile:
        """Return a copy with one slot set by hand (UI edit / form); it counts as stated."""
        if slot not in EDITABLE:
            raise InputError(f"无法修改“{slot}”", f"可修改的项：{'、'.join(EDITABLE)}")
        new = self.model_copy(deep=True)
        when = turn if turn is not None else self.last_turn() + 1
        _apply_override(new, slot, value, when)
        return new

    def last_turn(self) -> int:
        """Return the latest turn any slot was set in."""
        return max((s.turn for n in SLOTS + ("size_word",) if (s := getattr(self, n)) is not None), default=0)

    def summary(self) -> ProfileSummary:
        """Return the profile as shown to users: values plus {source, evidence, rule} per slot."""
        stage_level = int(self.stage.value) if self.stage else None  # type: ignore[arg-type]
        sources: dict[str, dict[str, str]] = {}
        for name in SLOTS:
            slot: Slot | None = getattr(self, name)
            if slot is not None:
                value = "、".join(slot.value) if isinstance(slot.value, list) else str(slot.value)
                sources[name] = {"source": slot.source, "evidence": slot.evidence, "rule": slot.rule,
                                 "value": value}
        return ProfileSummary(
            industry=str(self.industry.value) if self.industry else None,
            industry_group=str(self.industry_group.value) if self.industry_group else None,
            size=str(self.size.value) if self.size else None,
            stage=stage_by_level(stage_level).name if stage_level else None,
            stage_level=stage_level,
            employees=int(self.employees.value) if self.employees else None,  # type: ignore[arg-type]
            revenue_wan=float(self.revenue_wan.value) if self.revenue_wan else None,  # type: ignore[arg-type]
            region=str(self.region.value) if self.region else None,
            systems=list(self.systems.value) if self.systems else [],  # type: ignore[arg-type]
            sources=sources,
        )


def _basis_rule(basis: str | None) -> str:
    if basis == "产值":
        return "用户给的是年产值；划型标准用营业收入，暂以产值代替"
    return "营业收入"


def _apply_override(p: Profile, slot: str, value: object, turn: int) -> None:
    ev, rule = FORM_EVIDENCE, FORM_RULE
    if slot == "industry":
        text = str(value).strip()
        ind = industry_by_name(text)
        p.industry = Slot(value=ind.name if ind else text, source="stated", evidence=text, rule=rule, turn=turn)
        p.industry_key, p.manufacturing = (ind.key, True) if ind else ("other", None)
        p._set_group(turn)
    elif slot == "size":
        if str(value) not in SIZE_CLASSES:
            raise InputError(f"企业规模“{value}”无法识别", "请填 大型 / 中型 / 小型 / 微型")
        p.size_word = Slot(value=str(value), source="stated", evidence=ev, rule=rule, turn=turn)
        p.refresh_size()
    elif slot == "stage":
        st = stage_by_name(str(value))
        if st is None:
            raise InputError(f"数字化阶段“{value}”无法识别", "请填 1–4 或 基础信息化/应用数字化/全面系统化/智慧生态化")
        p.stage = Slot(value=st.level, source="stated", evidence=ev, rule=rule, turn=turn)
    elif slot in ("employees", "revenue_wan"):
        try:
            number = float(str(value))
        except ValueError as exc:
            raise InputError(f"“{value}”不是数字", "人数填整数，营收以万元为单位填数字") from exc
        if number < 0:
            raise InputError(f"“{value}”不能是负数", "请填写非负数")
        setattr(p, slot, Slot(value=int(number) if slot == "employees" else number, source="stated", evidence=ev,
                              rule=rule, turn=turn))
        if slot == "revenue_wan":
            p.revenue_basis = Slot(value="营收", source="stated", evidence=ev, rule="营业收入", turn=turn)
        p.refresh_size()
    else:
        p.region = Slot(value=str(value), source="stated", evidence=ev, rule=rule, turn=turn)


def profile_from_fields(industry: str | None = None, employees: int | None = None,
                        revenue_wan: float | None = None, stage: str | int | None = None,
                        region: str | None = None) -> Profile:
    """Build a profile from explicit fields (API / CLI / form); every given field counts as stated."""
    p = Profile()
    for slot, value in (("industry", industry), ("employees", employees), ("revenue_wan", revenue_wan),
                        ("stage", stage), ("region", region)):
        if value is not None and str(value).strip() != "":
            _apply_override(p, slot, value, turn=0)
    return p


def merge_hint(profile: Profile, hint: Profile, turn: int, changed: bool = True) -> Profile:
    """Overlay an explicit profile (form/API) on the conversation's profile.

    A new or edited hint wins over everything; the same hint sent again with every message only fills gaps and
    replaces inferences, so a correction typed in the chat since then is not undone by a stale form.
    """
    out = profile.model_copy(deep=True)
    for name in ("industry", "industry_group", "size_word", "stage", "employees", "revenue_wan", "revenue_basis",
                 "systems", "region", "designations"):
        slot = getattr(hint, name)
        current = getattr(out, name)
        if slot is not None and not changed and current is not None and current.source != "inferred":
            continue
        if slot is not None:
            setattr(out, name, slot.model_copy(update={"turn": turn}))
    if hint.industry is not None:
        out.industry_key, out.manufacturing = hint.industry_key, hint.manufacturing
    if any(getattr(hint, n) is not None for n in ("size_word", "employees", "revenue_wan")):
        out.refresh_size()
    return out
