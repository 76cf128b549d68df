"""The indicator checklist an analyst answers: every catalogued indicator that applies to the organisation type,
plus one item per factor or area for signs the catalogue does not list yet (so no risk is left without a home).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import IndicatorGroup, NpaFactor


@dataclass(frozen=True)
class ChecklistItem:
    """One row of the checklist."""

    code: str  # an indicator code, or the group code for the group-level item
    group_code: str
    group_title: str
    group_number: int
    direction: Literal["npa", "org"]
    direction_title: str  # the direction's short title (vakr.yaml): «Нормативные правовые акты», …
    number: int | None  # the indicator's number within its group; None for the group-level item
    title: str
    group_level: bool

    @property
    def label(self) -> str:
        """How a finding cites it: «Управление персоналом, индикатор 2» / «Правовой пробел (иные признаки)»."""
        if self.group_level:
            return f"{self.group_title} (иные признаки)"
        return f"{self.group_title}, индикатор {self.number}"


def group_level_title(group: IndicatorGroup) -> str:
    kind = "фактора" if isinstance(group, NpaFactor) else "сферы"
    if group.indicators_status == "not_catalogued":
        return f"Признаки {kind} «{group.title}» в целом (индикаторы ещё не внесены в каталог)"
    return f"Иные признаки {kind} «{group.title}», не перечисленные выше"


def checklist_items(catalogue: Catalogue, org_type: str | None = None) -> list[ChecklistItem]:
    """The checklist in catalogue order: NPA factors, then areas; indicators, then the group-level item."""
    items: list[ChecklistItem] = []
    for group in catalogue.indicator_groups():
        if org_type and group.applies_to and org_type not in group.applies_to:
            continue
        direction: Literal["npa", "org"] = "npa" if isinstance(group, NpaFactor) else "org"
        direction_title = catalogue.direction_of(group).short_title
        for ind in group.indicators:
            items.append(ChecklistItem(ind.code, group.code, group.title, group.number, direction, direction_title,
                                       ind.number, ind.title, False))
        items.append(ChecklistItem(group.code, group.code, group.title, group.number, direction, direction_title,
                                   None, group_level_title(group), True))
    return items
