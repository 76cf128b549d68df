"""Cross-checks of the catalogue that span files: references between codes, recommended measures, deadline wording."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import get_args

from vakr.methodology.catalogue import Catalogue, iter_items
from vakr.methodology.models import (
    ALL_ORG_TYPES,
    OVERLAY_DOC,
    EventCode,
    Item,
    PeriodicDeadline,
    RelativeDeadline,
    SourceRef,
)
from vakr.methodology.wording import parse_deadline_text


def check_references(cat: Catalogue, files: dict[str, str] | None = None) -> list[str]:
    """Problems that span items or files: duplicate codes, dangling references, children outside their parent's
    code, deadline wording that disagrees with its structure."""
    files = files or {}
    problems: list[str] = []

    def at(code: str) -> str:
        return f"{files.get(code, 'каталог')}: элемент {code}"

    seen: dict[str, str] = {}
    for path, item in iter_items(cat):
        if item.code in seen:
            problems.append(f"{at(item.code)}: дублирующийся код (уже встречается в {seen[item.code]})")
        seen[item.code] = path
    codes = set(seen)
    docs = {d.code for d in cat.sources}
    org_types = {t.code for t in cat.organisation_types}
    if org_types != set(ALL_ORG_TYPES):
        problems.append(f"organisation_types.yaml: ожидаются типы {', '.join(ALL_ORG_TYPES)}")

    def check_doc(owner: str, ref: SourceRef | None) -> None:
        if ref is not None and ref.doc not in docs:
            problems.append(f"{at(owner)}: источник «{ref.doc}» не описан в sources.yaml")

    for _, item in iter_items(cat):
        check_doc(item.code, item.source)
        check_doc(item.code, item.source_kk)
        for ref in getattr(item, "refs", []) or []:
            check_doc(item.code, ref)
        check_doc(item.code, getattr(item, "see_also", None))
    check_doc("corruptogenic_functions.intro", cat.corruptogenic_functions.intro.source)
    check_doc("corruptogenic_functions.intro", cat.corruptogenic_functions.intro.source_kk)

    def check_code(owner: str, ref: str, what: str) -> None:
        if ref not in codes:
            problems.append(f"{at(owner)}: ссылка на несуществующий {what} «{ref}»")

    def check_child(parent: Item, child: Item) -> None:
        if not child.code.startswith(parent.code + "."):
            problems.append(f"{at(child.code)}: код должен начинаться с кода родителя «{parent.code}.»")

    events: dict[str, str] = {}
    for project in cat.projects:
        for task in project.tasks:
            check_child(project, task)
            for sub in task.subtasks:
                check_child(task, sub)
                for ref in sub.publishes:
                    check_code(sub.code, ref, "документ")
                if sub.event:
                    if sub.event in events:
                        problems.append(f"{at(sub.code)}: событие {sub.event} уже задано в {events[sub.event]}")
                    events[sub.event] = sub.code
                    if not isinstance(sub.deadline, RelativeDeadline):
                        problems.append(f"{at(sub.code)}: событию {sub.event} нужно правило срока от события ВАКР")
                if sub.deadline is not None:
                    problems.extend(_check_deadline_text(at(sub.code), sub.deadline))
                    if isinstance(sub.deadline, PeriodicDeadline) and sub.periodicity is None:
                        problems.append(f"{at(sub.code)}: у периодического срока должна быть указана periodicity")
    missing_events = set(get_args(EventCode)) - set(events)
    if missing_events:
        problems.append(f"projects.yaml: нет подзадач для событий графика ВАКР: {', '.join(sorted(missing_events))}")

    for group in cat.indicator_groups():
        for ind in group.indicators:
            check_child(group, ind)
    # A finding cites «factor/area, indicator No.»: numbers of factors, of areas and of the indicators within one
    # factor or area must each be unique.
    for groups, kind in ((cat.npa_factors, "фактора"), (cat.org_areas, "сферы")):
        group_numbers: dict[int, str] = {}
        for group in groups:
            if group.number in group_numbers:
                problems.append(f"{at(group.code)}: номер {kind} {group.number} повторяется"
                                f" (уже у {group_numbers[group.number]})")
            group_numbers.setdefault(group.number, group.code)
            numbers: dict[int, str] = {}
            for ind in group.indicators:
                if ind.number in numbers:
                    problems.append(f"{at(ind.code)}: номер индикатора {ind.number} повторяется в «{group.title}»"
                                    f" (уже у {numbers[ind.number]})")
                numbers.setdefault(ind.number, ind.code)
    for basis in cat.vakr.legal_basis:
        if basis.act not in docs:
            problems.append(f"{at(basis.code)}: акт «{basis.act}» не описан в sources.yaml")
    sections = {s.code for s in cat.report.sections}
    for area in cat.org_areas:
        if area.report_section not in sections:
            problems.append(f"{at(area.code)}: раздел справки «{area.report_section}» не существует")
        if area.typical_situations_from:
            check_code(area.code, area.typical_situations_from, "перечень типовых ситуаций")
    group_codes = {g.code for g in cat.indicator_groups()}
    for measure in cat.typical_measures:
        for ref in measure.suggested_for:
            if ref not in group_codes:
                problems.append(f"{at(measure.code)}: suggested_for ссылается на несуществующее направление «{ref}»")
    problems.extend(_check_recommended(cat, codes, at))
    for ftype in cat.function_types:
        for ref in ftype.areas:
            check_code(ftype.code, ref, "направление")
    for example in cat.worked_examples:
        check_code(example.code, example.indicator, "индикатор")
    return problems


def _check_recommended(cat: Catalogue, codes: set[str], at: Callable[[str], str]) -> list[str]:
    """Every factor and area, and every indicator of the bundled data, has a recommended measure; references
    resolve; NPA measures name the act; variants of one code end with exactly one default (no ``when_words``).

    Indicators imported by the user (source ``overlay``) need no measure of their own: a finding on one gets its
    factor's or area's measure (:func:`vakr.evaluation.recommendations.suggest_measure`)."""
    problems: list[str] = []
    forms = {f.code for f in cat.completion_forms}
    typical = {m.code for m in cat.typical_measures}
    targets = [g.code for g in cat.indicator_groups()] + [
        i.code for g in cat.indicator_groups() for i in g.indicators if i.source.doc != OVERLAY_DOC]
    for m in cat.recommended_measures:
        if m.for_ not in codes:
            problems.append(f"{at(m.code)}: for ссылается на несуществующий индикатор, фактор или сферу «{m.for_}»")
        if m.completion_form not in forms:
            problems.append(f"{at(m.code)}: форма завершения «{m.completion_form}» не описана в completion_forms")
        if m.typical_measure not in typical:
            problems.append(f"{at(m.code)}: типичная мера «{m.typical_measure}» не существует")
        placeholders = len(re.findall(r"\{act(?::(?:accs|loct|gent|datv))?\}", m.title))
        if m.for_.startswith("npa.") and (placeholders != 1 or m.title.count("{") != 1):
            problems.append(f"{at(m.code)}: мера по НПА должна один раз содержать {{act}} (акт и пункт; падеж —"
                            " {act:loct}, {act:gent}, {act:datv}, по умолчанию винительный)")
        if not m.for_.startswith("npa.") and ("{" in m.title or "}" in m.title):
            problems.append(f"{at(m.code)}: фигурные скобки допустимы только в мерах по НПА ({{act}})")
    for target in targets:
        variants = cat.recommended_for(target)
        if not variants:
            problems.append(f"recommended_measures.yaml: нет рекомендуемой меры для «{target}»")
            continue
        defaults = [v for v in variants if not v.when_words]
        if len(defaults) != 1 or variants[-1].when_words:
            problems.append(f"recommended_measures.yaml: у «{target}» должен быть ровно один вариант без when_words,"
                            " и он должен стоять последним")
    return problems


def _check_deadline_text(where: str, rule: RelativeDeadline | PeriodicDeadline) -> list[str]:
    try:
        parsed = parse_deadline_text(rule.text)
    except ValueError as exc:
        return [f"{where}: правило срока не разобрано: {exc}"]
    structured = rule.model_dump(exclude={"text"})
    diffs = [f"{k}: в тексте {parsed[k]!r}, в данных {structured.get(k)!r}" for k in parsed if parsed[k] != structured.get(k)]
    if diffs:
        return [f"{where}: правило срока «{rule.text}» расходится со структурой ({'; '.join(diffs)})"]
    return []
