"""Pipe tables: the one Markdown table writer of the documents' tables, the handbook and the training widgets.

The table is pandoc's pipe table in its plain form — one line per row, ``| a | b |``, no padding — so the text
does not change when a column grows. What a cell may hold is the caller's choice (``cell``): :func:`inline` keeps
Markdown as it is (links of the handbook) and only makes the text one line; the documents escape user text first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence


def inline(value: object) -> str:
    """Text safe inside a pipe-table cell: no line breaks, escaped pipes."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def pipe_table(headers: Sequence[object], rows: Iterable[Sequence[object]], widths: Sequence[int] | None = None,
               *, right: Collection[int] = (), cell: Callable[[object], str] = inline) -> str:
    """A pandoc pipe table, ending with a line break.

    ``widths`` are relative column widths (the dashes of the separator line, at least 3), which pandoc uses when a
    row is wider than the page; ``right`` holds the 0-based columns aligned right (numbers); ``cell`` turns a
    header or a value into the cell's Markdown."""
    widths = widths or [3] * len(headers)
    if len(widths) != len(headers):
        raise ValueError("число ширин столбцов не совпадает с числом заголовков")
    rules = ["-" * (max(3, w) - 1) + (":" if i in right else "-") for i, w in enumerate(widths)]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "|".join(rules) + "|"]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError("число ячеек строки не совпадает с числом заголовков")
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"
