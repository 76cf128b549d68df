"""The candidates of one act as a table for the working group (``<stem>.candidates.xlsx``), and the texts the
scan's outputs share: the place of a candidate, its strength, its factor's and indicator's titles.

The table has one row per candidate: №, the point, the quote, the factor, the indicator, the strength, why and how
to fix, and an empty column «Принять в чек-лист» the analyst fills (a dropdown «да»/«нет»). The header is frozen,
the table filtered; the bytes are the same for the same act.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl import Workbook

from vakr import spreadsheet
from vakr.documents.xlsx_common import CENTRE, TOP_CENTRE, TOP_LEFT, finish_workbook, fit_height, header_row, put
from vakr.methodology.catalogue import Catalogue
from vakr.scan.model import Act, Candidate

# The outputs of a scan carry no date of their own: every package is stamped with this one (same act → same bytes).
SCAN_DAY = dt.date(2020, 1, 1)
AUTHOR = "vakr"
STRENGTH_TITLES = {"strong": "сильный признак", "possible": "возможный"}
SHEET_TITLE = "Кандидаты"
COLUMNS = ("№", "Пункт", "Цитата", "Фактор", "Индикатор", "Признак", "Почему", "Как исправить",
           "Принять в чек-лист")
WIDTHS = (6, 22, 30, 26, 36, 14, 46, 46, 14)
ACCEPT_CHOICES = ("да", "нет")


def point_label(candidate: Candidate) -> str:
    """Where the candidate is: the act's own numbering, or «абзац N» (1-based) where the paragraph has none."""
    return candidate.point or f"абзац {candidate.paragraph + 1}"


def strength_title(candidate: Candidate) -> str:
    return STRENGTH_TITLES.get(candidate.strength, candidate.strength)


def factor_title(candidate: Candidate, catalogue: Catalogue) -> str:
    return catalogue.get(candidate.factor).title if catalogue.has(candidate.factor) else candidate.factor


def indicator_title(candidate: Candidate, catalogue: Catalogue) -> str:
    """The indicator's title with its number («3. Отсутствуют сроки …»), or '' when the rule names none."""
    if not candidate.indicator or not catalogue.has(candidate.indicator):
        return ""
    item = catalogue.get(candidate.indicator)
    number = getattr(item, "number", None)
    return f"{number}. {item.title}" if number is not None else item.title


def candidates_workbook(act: Act, candidates: Sequence[Candidate], catalogue: Catalogue) -> bytes:
    """The table of the act's candidates as deterministic XLSX bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    header_row(ws, 1, COLUMNS, WIDTHS)
    spreadsheet.set_widths(ws, WIDTHS)
    for n, c in enumerate(candidates, start=1):
        row = n + 1
        values = (n, point_label(c), c.quote, factor_title(c, catalogue), indicator_title(c, catalogue),
                  strength_title(c), c.why, c.fix, None)
        for col, value in enumerate(values, start=1):
            align = TOP_CENTRE if col in (1, 6, 9) else TOP_LEFT
            put(ws, row, col, value, align=align, border=True)
        fit_height(ws, row, [(str(v), w) for v, w in zip(values, WIDTHS) if isinstance(v, str)])
    last = len(candidates) + 1
    spreadsheet.table_frame(ws, 1, last, len(COLUMNS))
    ws.cell(1, len(COLUMNS)).alignment = CENTRE
    if candidates:
        spreadsheet.list_validation(
            ws, '"' + ",".join(ACCEPT_CHOICES) + '"', f"I2:I{last}", "Принять в чек-лист",
            "Выберите «да» (фактор подтверждён рабочей группой) или «нет».",
            "«да» — рабочая группа подтвердила фактор; «нет» — кандидат отклонён")
    spreadsheet.fit_width(ws)
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"
    return finish_workbook(wb, f"Кандидаты в коррупционные факторы: {act.title}", act.path.name, SCAN_DAY)


def summary_lines(act: Act, candidates: Sequence[Candidate], catalogue: Catalogue) -> list[str]:
    """What `vakr scan` prints for an act: the act, the candidates by factor and strength, then each candidate."""
    lines = [f"Акт: {act.title} ({act.path.name}); абзацев: {len(act.paragraphs)}."]
    if not candidates:
        return [*lines, "Кандидатов не найдено."]

    def counts(items: Sequence[Candidate]) -> str:
        strong = sum(1 for c in items if c.strength == "strong")
        return f"сильных признаков: {strong}, возможных: {len(items) - strong}"

    lines.append(f"Кандидатов: {len(candidates)} — {counts(candidates)}.")
    order = [f.code for f in catalogue.npa_factors]
    factors = sorted({c.factor for c in candidates}, key=lambda code: (code not in order, order.index(code)
                                                                        if code in order else 0, code))
    for code in factors:
        items = [c for c in candidates if c.factor == code]
        lines.append(f"  {factor_title(items[0], catalogue)}: {len(items)} ({counts(items)})")
    lines.append("Кандидаты:")
    for n, c in enumerate(candidates, start=1):
        lines.append(f"  {n}. {point_label(c)}: «{c.quote}» — {factor_title(c, catalogue)} ({strength_title(c)})")
    return lines
