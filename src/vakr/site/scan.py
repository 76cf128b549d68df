"""What the scan notebook shows: the candidates of an act as a table, and one candidate read in full."""

from __future__ import annotations

import pandas as pd

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.scan.model import Act, Candidate

STRENGTH_TITLES = {"strong": "сильный признак", "possible": "возможный"}


def candidates_dataframe(candidates: list[Candidate], catalogue: Catalogue | None = None) -> pd.DataFrame:
    """One row per candidate, in the act's order: point, quoted words, factor, indicator, strength."""
    catalogue = default_catalogue(catalogue)
    rows = []
    for n, c in enumerate(candidates, 1):
        group = catalogue.group_of(c.factor)
        indicator = next((i for i in group.indicators if i.code == c.indicator), None)
        rows.append([n, c.point, f"«{c.quote}»", group.title,
                     f"{indicator.number}. {indicator.title}" if indicator is not None else "—",
                     STRENGTH_TITLES.get(c.strength, c.strength)])
    return pd.DataFrame(rows, columns=["№", "Пункт", "Слова акта", "Коррупционный фактор", "Индикатор", "Признак"])


def candidate_markdown(act: Act, candidate: Candidate, catalogue: Catalogue | None = None) -> str:
    """One candidate as the working group reads it: the point's text with the words in bold, the factor, why and
    the suggested fix."""
    catalogue = default_catalogue(catalogue)
    text = next(p.text for p in act.paragraphs if p.index == candidate.paragraph)
    marked = f"{text[:candidate.start]}**{text[candidate.start:candidate.end]}**{text[candidate.end:]}"
    factor = catalogue.group_of(candidate.factor).title
    return "\n".join([
        f"> {marked}",
        "",
        f"- **Где:** {candidate.point or 'абзац ' + str(candidate.paragraph + 1)}.",
        f"- **Фактор:** {factor} ({STRENGTH_TITLES.get(candidate.strength, candidate.strength)}).",
        f"- **Почему это может быть фактором:** {candidate.why}",
        f"- **Как можно исправить:** {candidate.fix}",
    ])
