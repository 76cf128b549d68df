"""An evaluation in Kazakh: the same risks, ranks, sections and dates, with every text in Kazakh — the catalogue's
from its ``*_kk`` texts (:mod:`vakr.methodology.kazakh`), the organisation's from the analyst's optional Kazakh
fields (``name_kk``, ``units_kk``, ``position_kk``, ``title_kk`` …, ``description_kk`` …).

The structure never changes: nothing is re-chosen or re-sorted, so the Kazakh documents have the same sections,
rows and numbers as the Russian ones. Where a Kazakh text is missing the Russian one stays, and the place is
counted (:attr:`KazakhVersion.missing`) so the command can say how many places are left in Russian.

    kk = kazakh_version(evaluation, catalogue)
    kk.evaluation.risks[0].group_title     # «Персоналды басқару»
    kk.warning()                            # a Problem naming the places still in Russian, or None
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from vakr.calendar.deadlines import Schedule
from vakr.evaluation.evaluate import Evaluation, Risk
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.kazakh import kazakh_catalogue
from vakr.methodology.models import IndicatorGroup, Measure, NpaFactor, RecommendedMeasure
from vakr.organisation.model import Finding, Person, Position, Profile
from vakr.problems import Problem

# What may be left in Russian, in the order the warning lists it (its Russian name, and where to fill it in).
MISSING_KINDS: dict[str, str] = {
    "name": "наименование организации",
    "person_position": "должности руководителя, уполномоченного лица и членов рабочей группы",
    "unit": "наименования подразделений",
    "position": "тексты перечня должностей",
    "act": "наименования НПА и бизнес-процессов",
    "description": "описания рисков",
    "functions": "коррупциогенные функции рисков",
    "measure": "меры, вписанные аналитиком",
    "completion_form": "формы завершения, вписанные аналитиком",
    "responsible": "ответственные исполнители",
    "catalogue": "тексты каталога методики без перевода (импортированные индикаторы)",
}
_ACT_PLACEHOLDER = re.compile(r"\{act(?::[a-z]+)?\}")
# The act of a suggested НПА measure when the analyst named none, and a risk's name when no act was given.
UNNAMED_ACT = "сыбайлас жемқорлық факторы анықталған құқықтық акт (ішкі құжат)"


def process_name(group_title: str) -> str:
    """«"Персоналды басқару" бизнес-процесі»: the risk's name when the analyst gave no act."""
    return f"«{group_title}» бизнес-процесі"


@dataclass(frozen=True)
class KazakhVersion:
    evaluation: Evaluation
    catalogue: Catalogue
    missing: dict[str, int]  # kind of MISSING_KINDS → places left in Russian (kinds with none left out)

    @property
    def missing_total(self) -> int:
        return sum(self.missing.values())

    def warning(self) -> Problem | None:
        """«Документы на казахском языке: в N местах казахский текст не указан …», or None when nothing is missing."""
        if not self.missing:
            return None
        parts = ", ".join(f"{MISSING_KINDS[kind]} — {n}" for kind, n in self.missing.items())
        fill = ("заполните столбцы «(каз.)» листов «Риски» и «Должности», столбец E листа «Профиль» и строку "
                "«Наименование на казахском языке» (в YAML — поля name_kk, units_kk, position_kk и *_kk рисков и "
                "должностей)")
        return Problem(severity="warning", code="kazakh.missing",
                       message=f"Документы на казахском языке: казахский текст не указан в {self.missing_total} "
                               f"местах, там оставлен русский ({parts}); {fill}.")


def _kk(value: str | None, fallback: str, kind: str, missing: Counter[str]) -> str:
    if value:
        return value
    if fallback:
        missing[kind] += 1
    return fallback


class _Translator:
    """The Kazakh texts of one organisation, each missing one counted once."""

    def __init__(self, evaluation: Evaluation, catalogue: Catalogue) -> None:
        self.ru = catalogue
        self.kk = kazakh_catalogue(catalogue)
        self.profile = evaluation.profile
        self.positions = {p.title: p for p in evaluation.positions}
        self.missing: Counter[str] = Counter()
        self._units_missing: set[str] = set()
        self._catalogue_missing: set[str] = set()

    def unit(self, name: str) -> str:
        kazakh = self.profile.units_kk.get(name)
        if kazakh:
            return kazakh
        if name not in self._units_missing:
            self._units_missing.add(name)
            self.missing["unit"] += 1
        return name

    def translated(self, code: str) -> bool:
        if self.ru.has(code) and self.ru.get(code).title_kk:
            return True
        if code not in self._catalogue_missing:
            self._catalogue_missing.add(code)
            self.missing["catalogue"] += 1
        return False

    def person(self, person: Person) -> Person:
        position = _kk(person.position_kk, person.position, "person_position", self.missing)
        return person.model_copy(update={"position": position, "position_kk": None})

    def named(self, text: str) -> str:
        """A unit or a position of the list named in a finding («Отдел кадров»), in Kazakh where known."""
        if text in self.profile.units:
            return self.unit(text)
        position = self.positions.get(text)
        if position is not None and position.title_kk:
            return position.title_kk
        self.missing["responsible"] += 1
        return text

    def group_title(self, group: IndicatorGroup) -> str:
        self.translated(group.code)
        return self.kk.get(group.code).title

    def indicator(self, risk: Risk, group: IndicatorGroup) -> tuple[str, str]:
        """The indicator's title and label («Персоналды басқару, 2-индикатор»)."""
        title = self.group_title(group)
        if risk.indicator_number is None:
            kind = "факторының" if isinstance(group, NpaFactor) else "саласының"
            status = group.indicators_status
            return (f"«{title}» {kind} {'белгілері' if status == 'not_catalogued' else 'өзге белгілері'}",
                    f"{title} (өзге белгілер)")
        self.translated(risk.indicator)
        return self.kk.get(risk.indicator).title, f"{title}, {risk.indicator_number}-индикатор"

    def measure(self, risk: Risk, finding: Finding, act: str) -> tuple[str, str]:
        """The measure and its completion form: the catalogue's Kazakh wording of a suggested one, else the
        analyst's Kazakh text."""
        suggested_form = "completion_form" in risk.suggested
        if risk.measure_code:
            if not self.translated(risk.measure_code):
                return risk.measure, risk.completion_form
            item = self.kk.get(risk.measure_code)
            title = _ACT_PLACEHOLDER.sub(act.rstrip(".;"), item.title)
            if not suggested_form:
                return title, self.completion_form(finding)
            if isinstance(item, RecommendedMeasure):
                return title, self.kk.completion_form_title(item.completion_form)
            return title, item.completion_form if isinstance(item, Measure) else risk.completion_form
        measure = _kk(finding.measure_kk, risk.measure, "measure", self.missing)
        return measure, self.suggested_form(risk.completion_form) if suggested_form else self.completion_form(finding)

    def _form_code(self, title: str) -> str | None:
        key = " ".join(title.split()).casefold()
        return next((f.code for f in self.ru.completion_forms if f.title.casefold() == key), None)

    def suggested_form(self, title: str) -> str:
        """A completion form vakr suggested for the analyst's own measure: of the closed list, or a typical
        measure's."""
        code = self._form_code(title)
        if code is not None and self.translated(code):
            return self.kk.completion_form_title(code)
        typical = next((m for m in self.ru.typical_measures if m.completion_form == title), None)
        if typical is not None and typical.completion_form_kk:
            return typical.completion_form_kk
        self.missing["catalogue"] += 1
        return title

    def completion_form(self, finding: Finding) -> str:
        """The analyst's completion form: its Kazakh text, else the closed list's Kazakh title."""
        if finding.completion_form_kk:
            return finding.completion_form_kk
        typed = finding.completion_form or ""
        code = self._form_code(typed)
        if code is not None and self.translated(code):
            return self.kk.completion_form_title(code)
        return _kk(None, typed, "completion_form", self.missing)

    def risk(self, risk: Risk, finding: Finding) -> Risk:
        group = self.ru.group_of(risk.group)
        kk_group = self.kk.group_of(risk.group)
        indicator_title, label = self.indicator(risk, group)
        section = self.kk.get(risk.section)
        band = next(b for b in self.kk.risk_matrix.bands if b.code == risk.band)
        if "act" in risk.suggested:
            act = process_name(kk_group.title)
        else:
            act = _kk(finding.act_kk, risk.act, "act", self.missing)
        measure, form = self.measure(risk, finding, finding.act_kk or finding.act or UNNAMED_ACT)
        functions = list(finding.functions_kk) or [f for f in risk.functions]
        if risk.functions and not finding.functions_kk:
            self.missing["functions"] += 1
        if "responsible" in risk.suggested:
            responsible = [self.unit(risk.unit)]
        elif finding.responsible_kk:
            responsible = list(finding.responsible_kk)
        else:
            responsible = [self.named(r) for r in risk.responsible]
        positions = [p.title_kk if (p := self.positions.get(t)) is not None and p.title_kk else t
                     for t in risk.positions]
        return risk.model_copy(update={
            "indicator_title": indicator_title,
            "indicator_label": label,
            "direction_title": self.kk.direction_of(kk_group).short_title,
            "group_title": kk_group.title,
            "section_title": section.title,
            "unit": self.unit(risk.unit),
            "act": act,
            "description": _kk(finding.description_kk, risk.description, "description", self.missing),
            "functions": functions,
            "positions": positions,
            "measure": measure,
            "completion_form": form,
            "responsible": responsible,
            "band_title": band.title,
        })

    def schedule(self, schedule: Schedule) -> Schedule:
        """The ВАКР schedule with its events' titles and rules in Kazakh."""
        subtasks = self.ru.event_subtasks()
        events = []
        for event in schedule.events:
            sub = subtasks.get(event.code)
            if sub is None or not self.translated(sub.code):
                events.append(event)
                continue
            rule = getattr(sub.deadline, "text_kk", None) or event.rule
            events.append(event.model_copy(update={"title": sub.title_kk, "rule": rule}))
        return schedule.model_copy(update={"events": events})

    def position(self, position: Position) -> Position:
        texts = {field: getattr(position, f"{field}_kk") or getattr(position, field)
                 for field in ("title", "powers", "risks")}
        self.missing["position"] += sum(1 for field in texts if not getattr(position, f"{field}_kk"))
        return Position(unit=self.unit(position.unit), **texts)

    def profile_kk(self) -> Profile:
        p = self.profile
        return p.model_copy(update={
            "name": _kk(p.name_kk, p.name, "name", self.missing),
            "head": self.person(p.head),
            "authorised_person": self.person(p.authorised_person),
            "working_group": [self.person(m) for m in p.working_group],
            "units": [p.units_kk.get(u) or u for u in p.units],
            "units_kk": {},
        })


# The last evaluations' Kazakh versions: the report, the plan, the list, their Excel copies, the calendar and the
# command's warning all ask for the same one.
_CACHE: dict[tuple[int, int], tuple[Evaluation, Catalogue, KazakhVersion]] = {}


def kazakh_version(evaluation: Evaluation, catalogue: Catalogue) -> KazakhVersion:
    """The evaluation with every text in Kazakh where one is known (see the module's docstring); made once per
    evaluation and catalogue."""
    cached = _CACHE.get((id(evaluation), id(catalogue)))
    if cached is not None and cached[0] is evaluation and cached[1] is catalogue:
        return cached[2]
    version = _kazakh_version(evaluation, catalogue)
    if len(_CACHE) >= 4:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[(id(evaluation), id(catalogue))] = (evaluation, catalogue, version)
    return version


def _kazakh_version(evaluation: Evaluation, catalogue: Catalogue) -> KazakhVersion:
    t = _Translator(evaluation, catalogue)
    profile = t.profile_kk()
    findings = evaluation.findings
    risks = [t.risk(r, findings[r.finding]) for r in evaluation.risks]
    positions = [t.position(p) for p in evaluation.positions]
    kk = evaluation.model_copy(update={"profile": profile, "risks": risks, "positions": positions,
                                       "schedule": t.schedule(evaluation.schedule)})
    order = list(MISSING_KINDS)
    missing = {kind: t.missing[kind] for kind in order if t.missing[kind]}
    return KazakhVersion(kk, t.kk, missing)
