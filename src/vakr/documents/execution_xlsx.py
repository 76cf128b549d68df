"""The documents of the year as Excel workbooks, ready to print: the information on the plan's execution
(landscape, like ``plan.xlsx``) and the quarterly report on direction No. 4 (portrait).

Same content as the Word documents (:mod:`vakr.documents.execution`, :mod:`vakr.documents.status_report`); the
look of the ВАКР workbooks (:mod:`vakr.documents.xlsx_common`): Times New Roman 12, wrapped text, the header row
repeated on every page, A4 fitted to the width, manual page breaks that keep a heading with the rows it heads.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from vakr.calendar.deadlines import QUARTER_NAMES
from vakr.documents.execution import EXECUTION_COLUMNS, EXECUTION_TITLE, NO_PLAN, as_of, execution_rows, signer
from vakr.documents.execution import summary_sentences as execution_summary
from vakr.documents.status_report import (
    DUTIES_LEAD,
    DUTY_COLUMNS,
    KPI_COLUMNS,
    NO_DUTIES,
    NO_PLAN_ITEMS,
    NO_VIOLATIONS,
    NOTHING,
    OTHER_LEAD,
    PLAN_COLUMNS,
    PLAN_LEAD,
    STATUS_LEAD,
    VIOLATION_COLUMNS,
    VIOLATIONS_LEAD,
    ProjectStatus,
    QuarterStatus,
    counts_sentence,
    duty_cells,
    empty,
    kpi_cells,
    kpi_lead,
    project_heading,
    status_title,
)
from vakr.documents.status_report import NO_PLAN as STATUS_NO_PLAN
from vakr.documents.texts import name_in_genitive
from vakr.documents.xlsx_common import (
    CENTRE,
    HEADER_FILL,
    SIGNATURE_DATE,
    TOP_CENTRE,
    TOP_LEFT,
    finish_workbook,
    fit_height,
    header_row,
    merge,
    print_setup,
    put,
)
from vakr.monitoring.model import Monitoring
from vakr.organisation.model import Organisation
from vakr.spreadsheet import paginate, set_widths, table_frame

EXECUTION_WIDTHS = (8, 44, 13, 27, 22, 26, 32)
# The quarterly report's grid; each table spans it with merged cells (first column, last column) per value.
STATUS_WIDTHS = (12, 24, 22, 22, 28, 30)
PLAN_SPANS = ((1, 1), (2, 3), (4, 4), (5, 5), (6, 6))
DUTY_SPANS = ((1, 1), (2, 3), (4, 4), (5, 5), (6, 6))
KPI_SPANS = ((1, 2), (3, 4), (5, 5), (6, 6))
VIOLATION_SPANS = ((1, 1), (2, 4), (5, 6))
BOTTOM_LEFT = Alignment(wrap_text=True, vertical="bottom", horizontal="left")


def _text(value: object) -> str:
    """A cell's text: a list of lines (or of runs) joined by line breaks."""
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence):
        return "\n".join(_text(v[0] if isinstance(v, tuple) else v) for v in value)
    return str(value)


class Sheet:
    """A sheet filled from the top, row by row, on a grid of ``widths``."""

    def __init__(self, ws: Worksheet, widths: Sequence[float]):
        self.ws, self.widths, self.row = ws, tuple(widths), 0
        self.keep: set[int] = set()  # rows printed on one page with the next
        set_widths(ws, widths)

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False, size: int = 12,
                  align: Alignment = TOP_LEFT, keep: bool = False) -> None:
        self.row += 1
        put(self.ws, self.row, 1, text, bold=bold, italic=italic, size=size, align=align)
        merge(self.ws, self.row, 1, self.n_cols)
        fit_height(self.ws, self.row, [(text, sum(self.widths))], size=size)
        if keep:
            self.keep.add(self.row)

    def skip(self) -> None:
        self.row += 1

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]],
              spans: Sequence[tuple[int, int]] | None = None, centred: Sequence[int] = ()) -> tuple[int, int]:
        """A framed table; ``spans`` give each value its columns (default: one column each). Returns the header
        row and the last row."""
        spans = spans or [(c, c) for c in range(1, len(header) + 1)]
        span_widths = [sum(self.widths[a - 1:b]) for a, b in spans]
        self.row += 1
        head = self.row
        self._row(header, spans, span_widths, header=True)
        self.keep.add(head)  # a header never ends a page
        for values in rows:
            self.row += 1
            self._row([_text(v) for v in values], spans, span_widths, centred=centred)
        return head, self.row

    def _row(self, values: Sequence[str], spans: Sequence[tuple[int, int]], span_widths: list[float], *,
             header: bool = False, centred: Sequence[int] = ()) -> None:
        if header and all(a == b for a, b in spans) and len(spans) == self.n_cols:
            header_row(self.ws, self.row, values, self.widths)
            return
        for i, ((first, last), value) in enumerate(zip(spans, values)):
            align = CENTRE if header else TOP_CENTRE if i in centred else TOP_LEFT
            fill = HEADER_FILL if header else None
            put(self.ws, self.row, first, value, bold=header, align=align, border=True, fill=fill)
            merge(self.ws, self.row, first, last, border=True, fill=fill)
        fit_height(self.ws, self.row, list(zip(values, span_widths)))

    def signature(self, org: Organisation) -> None:
        """The authorised person's signature, as in the list of positions."""
        names = signer(org)
        self.row += 2
        left = f"Уполномоченное лицо\n{names['signer_position']}"
        line = f"____________ {names['signer_name']}"
        half = self.n_cols // 2
        put(self.ws, self.row, 1, left, size=14)
        merge(self.ws, self.row, 1, half)
        put(self.ws, self.row, half + 1, line, size=14, align=BOTTOM_LEFT)
        merge(self.ws, self.row, half + 1, self.n_cols)
        fit_height(self.ws, self.row, [(left, sum(self.widths[:half])), (line, sum(self.widths[half:]))], size=14)
        self.row += 2
        put(self.ws, self.row, 1, SIGNATURE_DATE, size=14)
        merge(self.ws, self.row, 1, half)

    def title(self, lines: Sequence[str]) -> None:
        for i, text in enumerate(lines):
            self.paragraph(text, bold=i < len(lines) - 1, size=14, align=TOP_CENTRE, keep=True)


# --- the information on the plan's execution ----------------------------------------------------------------


def render_execution_xlsx(org: Organisation, monitoring: Monitoring) -> bytes:
    """The information on the plan's execution as XLSX bytes (same input → same bytes)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Исполнение плана"
    sheet = Sheet(ws, EXECUTION_WIDTHS)
    sheet.title([EXECUTION_TITLE, f"в деятельности {name_in_genitive(org.profile.name)}", f"по состоянию на {as_of(monitoring)}"])
    sheet.skip()
    sheet.keep.add(sheet.row)
    rows = execution_rows(org, monitoring)
    values = [[r.number, r.measure, r.due, list(r.responsible), r.state_lines, list(r.proof) or "—", list(r.notes)]
              for r in rows]
    head, last = sheet.table(EXECUTION_COLUMNS, values or [["", NO_PLAN, "", "", "", "", ""]], centred=(0, 2))
    for r, row in enumerate(rows, head + 1):
        if row.overdue:  # the state in bold, as in the Word document
            put(ws, r, 5, _text(row.state_lines), bold=True, border=True)
    table_frame(ws, head, last, sheet.n_cols)
    sheet.skip()
    for text in execution_summary(monitoring):
        sheet.paragraph(text, size=14)
    sheet.signature(org)
    print_setup(ws, landscape=True, header_row=head, last_row=sheet.row, last_col=sheet.n_cols)
    # The summary and the signature are printed whole, on one page with the last row of the table.
    paginate(ws, landscape=True, widths=sheet.widths, last_row=sheet.row, title_row=head,
             keep_with_next=sheet.keep | set(range(last, sheet.row)))
    return finish_workbook(wb, EXECUTION_TITLE, org.profile.name, monitoring.today)


# --- the quarterly report -----------------------------------------------------------------------------------


def _lead(sheet: Sheet, text: str) -> None:
    sheet.skip()
    sheet.paragraph(text, italic=True, keep=True)


def _project(sheet: Sheet, status: QuarterStatus, project: ProjectStatus) -> None:
    sheet.skip()
    sheet.keep.add(sheet.row)
    sheet.paragraph(project_heading(project), bold=True, size=14, keep=True)
    if project.number == 1:
        if project.plan is None:
            sheet.paragraph(STATUS_NO_PLAN)
        elif project.plan:
            _lead(sheet, PLAN_LEAD)
            sheet.table(PLAN_COLUMNS, [[r.number, r.measure, r.due, r.state_lines, list(r.proof) or "—"]
                                       for r in project.plan], PLAN_SPANS, centred=(0, 2))
        else:
            sheet.paragraph(NO_PLAN_ITEMS)
        if project.plan_percent:
            sheet.skip()
            sheet.paragraph(project.plan_percent)
    if project.periodic:
        if project.duties:
            _lead(sheet, DUTIES_LEAD)
            sheet.table(DUTY_COLUMNS, [duty_cells(d) for d in project.duties], DUTY_SPANS, centred=(0,))
        else:
            sheet.skip()
            sheet.paragraph(NO_DUTIES)
    if project.kpis:
        _lead(sheet, kpi_lead(status))
        sheet.table(KPI_COLUMNS, [kpi_cells(k) for k in project.kpis], KPI_SPANS)
    if project.number == 2:
        sheet.skip()
        sheet.paragraph(counts_sentence(project))
        if project.violations:
            _lead(sheet, VIOLATIONS_LEAD)
            sheet.table(VIOLATION_COLUMNS, [[v.date, v.text, v.place] for v in project.violations], VIOLATION_SPANS,
                        centred=(0,))
        else:
            sheet.paragraph(NO_VIOLATIONS)
    if project.other:
        _lead(sheet, OTHER_LEAD)
        for i, line in enumerate(project.other):
            sheet.paragraph(f"– {line}{'.' if i == len(project.other) - 1 else ';'}")
    if empty(project):
        sheet.paragraph(NOTHING)


def render_status_xlsx(org: Organisation, status: QuarterStatus) -> bytes:
    """The quarterly report as XLSX bytes (same input → same bytes)."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{QUARTER_NAMES[status.quarter.number - 1]} квартал {status.quarter.year}"
    sheet = Sheet(ws, STATUS_WIDTHS)
    sheet.title(["Справка", f"о ходе исполнения направления № 4 за {status.quarter.title}",
                 f"в деятельности {name_in_genitive(status.organisation)}", f"по состоянию на {status.as_of}"])
    sheet.skip()
    sheet.paragraph(STATUS_LEAD.format(year=status.year))
    for project in status.projects:
        _project(sheet, status, project)
    last_content = sheet.row
    sheet.signature(org)
    print_setup(ws, landscape=False, header_row=0, last_row=sheet.row, last_col=sheet.n_cols)
    paginate(ws, landscape=False, widths=sheet.widths, last_row=sheet.row, title_row=0,
             keep_with_next=sheet.keep | set(range(last_content, sheet.row)))
    return finish_workbook(wb, status_title(status), status.organisation, status.today)
