"""How the year's records name their choices to a person: statuses and stages by their Russian titles, duties by
their subtask in the project map («4.2.2 — Проведение ежемесячных разъясняющих …»), yes/no as «да»/«нет».

Shared by the workbook's dropdowns (:mod:`vakr.organisation.excel.year_sheets`), the YAML template and the
cross-checks (:mod:`vakr.organisation.validation`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import get_args

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import Project, Subtask, Task
from vakr.organisation.year import (
    EXECUTION_STATUS_TITLES,
    ISO_STAGE_TITLES,
    TRAINING_KIND_TITLES,
    ComplianceDocumentCode,
    EventDuty,
    Restriction,
)

YES, NO = "да", "нет"
TITLE_LIMIT = 100  # a dropdown shows about this much of a subtask's title; the number identifies it
# The dropdowns of duties and the subtask codes they offer.
DUTY_CODES: dict[str, tuple[str, ...]] = {
    "restriction": get_args(Restriction),
    "document": get_args(ComplianceDocumentCode),
    "duty": get_args(EventDuty),
}
_FIXED_TITLES: dict[str, Mapping[str, str]] = {
    "status": EXECUTION_STATUS_TITLES,
    "stage": ISO_STAGE_TITLES,
    "training": TRAINING_KIND_TITLES,
    "yesno": {"yes": YES, "no": NO},
}


def subtask_title(number: str, title: str) -> str:
    """«4.2.2 — Проведение ежемесячных разъясняющих …»: a subtask as the dropdowns show it."""
    text = " ".join(title.split())
    if len(text) > TITLE_LIMIT:
        text = text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{number} — {text}"


def subtasks(catalogue: Catalogue) -> dict[str, tuple[Project, Task, Subtask]]:
    """The project map's subtasks by code («p4.t2.s2»)."""
    return {sub.code: (project, task, sub) for project, task, sub in catalogue.subtasks()}


def duty_title(catalogue: Catalogue, code: str) -> str:
    """A subtask's code as a person reads it; the code itself when the catalogue does not have it."""
    found = subtasks(catalogue).get(code)
    if found is None:
        return code
    project, task, sub = found
    return subtask_title(f"{project.number}.{task.number}.{sub.number}", sub.title)


def choice_titles(catalogue: Catalogue, org_type: str | None = None) -> dict[str, dict[str, str]]:
    """Every dropdown of the year's sheets: its name → {code: title}. With ``org_type``, the duties are only those
    that apply to that type of organisation (the dropdowns of its workbook); without, all of them (the reader)."""
    found = subtasks(catalogue)
    titles: dict[str, dict[str, str]] = {key: dict(values) for key, values in _FIXED_TITLES.items()}
    for key, codes in DUTY_CODES.items():
        titles[key] = {code: duty_title(catalogue, code) for code in codes
                       if org_type is None or code not in found or org_type in catalogue.applies_to(*found[code])}
    return titles


def project_applies(catalogue: Catalogue, number: int, org_type: str) -> bool:
    """Whether a project of direction No. 4 applies to the organisation type (project 3: quasi-public only)."""
    project = next((p for p in catalogue.projects if p.number == number), None)
    return project is None or org_type in project.applies_to


def duty_reference(catalogue: Catalogue, codes: tuple[str, ...] | list[str]) -> str:
    """The subtasks of ``codes`` as the instruction names them: «подзадача 2.1.1», «подзадачи 2.3.1, 2.3.2»,
    «подзадачи 2.5.1–2.5.5» (three or more subtasks of one task in a row as a range); a code the catalogue does not
    have is shown as it is."""
    found = subtasks(catalogue)
    numbered: list[tuple[str, tuple[int, int, int] | None]] = []
    for code in codes:
        if code in found:
            project, task, sub = found[code]
            numbered.append((f"{project.number}.{task.number}.{sub.number}", (project.number, task.number, sub.number)))
        else:
            numbered.append((code, None))
    parts: list[str] = []
    i = 0
    while i < len(numbered):
        j = i
        key = numbered[i][1]
        while key is not None and j + 1 < len(numbered):
            nxt = numbered[j + 1][1]
            last = numbered[j][1]
            if nxt is None or last is None or nxt[:2] != last[:2] or nxt[2] != last[2] + 1:
                break
            j += 1
        if j - i >= 2:
            parts.append(f"{numbered[i][0]}–{numbered[j][0]}")
        else:
            parts.extend(n for n, _ in numbered[i:j + 1])
        i = j + 1
    return f"{'подзадача' if len(numbered) == 1 else 'подзадачи'} {', '.join(parts)}"
