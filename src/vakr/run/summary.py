"""What happened to each organisation of a batch, and the batch summary (``summary.csv``, ``summary.html``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import Band


@dataclass(slots=True)  # slots: a batch of 10,000 keeps 10,000 of these
class OrgResult:
    """What happened to one organisation of a batch."""

    source: str
    status: str = "ok"  # ok | failed | refused (--strict: values to confirm remain; nothing written)
    name: str = ""
    slug: str = ""
    message: str = ""
    notebook: str = ""
    cell: int | None = None
    bands: dict[str, int] = field(default_factory=dict)
    risks: int = 0
    suggested: str = ""  # «предложено по методике: мера — 30, …»
    warnings: int = 0
    next_deadline: str = ""
    next_deadline_title: str = ""
    files: list[str] = field(default_factory=list)  # relative to the batch folder
    seconds: float = 0.0
    staged: str = ""  # the complete results waiting to be put in place by the batch (a hidden folder in OUT)
    folder: str = ""  # the organisation's folder in OUT (its slug, or «slug-2» when another took the slug)
    note: str = ""  # what the batch did about this organisation that the reader should know
    source_stat: list[int] | None = None  # [size, mtime_ns] of the source when it was read (for --resume)
    resumed: bool = False  # skipped on --resume: its outputs were complete and newer than the source


STATUS_TITLES = {"ok": "готово", "failed": "ошибка", "refused": "не записано (--strict)"}
# The columns of the summary (title, key); between the two parts, a column per level of risk (the risk matrix's
# bands, by title).
LEADING_COLUMNS = [("Организация", "name"), ("Файл", "source"), ("Статус", "status"), ("Рисков", "risks")]
TRAILING_COLUMNS = [
    ("Ближайший срок", "next_deadline"), ("Мероприятие", "next_deadline_title"),
    ("Предложено по методике (проверьте)", "suggested"), ("Предупреждений", "warnings"),
    ("Ошибка или примечание", "message"),
]


def summary_columns(bands: list[Band]) -> list[tuple[str, str]]:
    return [*LEADING_COLUMNS, *((b.title, b.code) for b in bands), *TRAILING_COLUMNS]


def _row(r: OrgResult, bands: list[Band]) -> dict[str, str]:
    where = (f"{r.notebook}, ячейка {r.cell}: " if r.cell is not None else f"{r.notebook}: ") if r.notebook else ""
    return {
        "name": r.name, "source": r.source, "status": STATUS_TITLES[r.status],
        "risks": str(r.risks) if r.status == "ok" else "",
        **{b.code: str(r.bands.get(b.code, "")) if r.status == "ok" else "" for b in bands},
        "next_deadline": r.next_deadline, "next_deadline_title": r.next_deadline_title,
        "suggested": r.suggested.removeprefix("предложено по методике: "), "warnings": str(r.warnings) if r.name else "",
        "message": where + r.message if r.message else r.note,
    }


def _csv_safe(value: str) -> str:
    """Spreadsheet programs run a CSV cell starting with = + - @ as a formula: prefix it with '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# The HTML summary; Jinja2 escapes every value (names and messages come from the organisations' files).
SUMMARY_PAGE = jinja2.Environment(autoescape=True, keep_trailing_newline=True).from_string("""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>ВАКР: сводка прогона</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;
padding:4px 8px;vertical-align:top}tr.failed{background:#fdecea}th{background:#eceff1}</style></head>
<body><h1>ВАКР: сводка прогона</h1>
<p>Организаций: {{ total }}; успешно: {{ ok }}; с ошибками: {{ failed }}
{%- if refused %}; не записано (--strict): {{ refused }}{% endif %}.</p>
<table><thead><tr>{% for title in columns %}<th>{{ title }}</th>{% endfor %}<th>Файлы</th></tr></thead><tbody>
{% for row in rows -%}
<tr class="{{ row.css }}">{% for cell in row.cells %}<td>{{ cell }}</td>{% endfor %}<td>
{%- for file in row.files %}{% if not loop.first %}<br>{% endif %}<a href="{{ file }}">{{ file.split("/")[-1] }}</a>
{%- endfor %}</td></tr>
{% endfor -%}
</tbody></table></body></html>
""")


def write_summary(results: list[OrgResult], out: Path, catalogue: Catalogue | None) -> tuple[Path, Path]:
    """Write ``summary.csv`` and ``summary.html`` into ``out``: a row per organisation, a column per level of risk of
    ``catalogue``'s risk matrix — none when ``catalogue`` is ``None``, the catalogue did not load (then every
    organisation of the batch failed on it, and its message says why). Both are written row by row (a batch of
    10,000 organisations never holds either file in memory), each atomically."""
    bands = catalogue.risk_matrix.bands if catalogue is not None else []
    columns = summary_columns(bands)

    def write_csv(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write("\ufeff")  # BOM: Excel reads UTF-8
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([title for title, _ in columns] + ["Файлы"])
            for r in results:
                row = _row(r, bands)
                writer.writerow([_csv_safe(row[key]) for _, key in columns] + [" ".join(r.files)])

    csv_path = write_atomic(out / "summary.csv", write_csv)

    failed = sum(r.status == "failed" for r in results)
    refused = sum(r.status == "refused" for r in results)
    rows = ({"cells": [row[key] for _, key in columns], "files": r.files, "css": "ok" if r.status == "ok" else "failed"}
            for r in results for row in (_row(r, bands),))

    def write_html(tmp: Path) -> None:
        page = SUMMARY_PAGE.stream(columns=[title for title, _ in columns], rows=rows, total=len(results),
                                   ok=len(results) - failed - refused, failed=failed, refused=refused)
        page.enable_buffering(64)
        page.dump(str(tmp), encoding="utf-8")

    html_path = write_atomic(out / "summary.html", write_html)
    return csv_path, html_path
