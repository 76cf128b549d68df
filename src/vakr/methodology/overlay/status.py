"""The import of an indicator list into the overlay, and where every list comes from (``vakr catalogue --status``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vakr.formatting import short_date
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import clear_cache
from vakr.methodology.models import IndicatorGroup, NpaFactor
from vakr.methodology.overlay.file import (
    STATUS_TITLES,
    Overlay,
    OverlayGroup,
    OverlayIndicator,
    _dump_overlay,
    apply_overlay,
    indicator_code,
    overlay_path,
    read_overlay,
)
from vakr.methodology.overlay.reading import read_indicator_file

# --- the import -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupChange:
    """What the import did to one factor or area."""

    code: str
    title: str
    count: int
    before: str  # «не внесены», «6 из материалов проекта», «5 — импорт из x.xlsx 01.03.2025», «тот же перечень»
    had_indicators: bool

    @property
    def line(self) -> str:
        return f"{self.title}: внесено индикаторов — {self.count} (было: {self.before})"


@dataclass(frozen=True)
class ImportResult:
    source: Path
    overlay: Path
    changes: list[GroupChange]

    def lines(self) -> list[str]:
        out = [f"Импортирован перечень индикаторов из {self.source.name}:"]
        out += [f"  {c.line}" for c in self.changes]
        out.append(f"Перечни записаны в {self.overlay}; они применяются во всех командах vakr.")
        if any(c.had_indicators for c in self.changes):
            out.append("Коды индикаторов присвоены по номерам; в книгах организаций, заполненных до импорта, ответы"
                       " по этим кодам относятся теперь к новым формулировкам — проверьте их (vakr validate).")
        return out


def _describe_before(group: IndicatorGroup, previous: OverlayGroup | None, new: list[OverlayIndicator]) -> str:
    if previous is not None:
        if [i.model_dump() for i in previous.indicators] == [i.model_dump() for i in new]:
            return "тот же перечень"
        return (f"{len(previous.indicators)} — импорт из {Path(previous.imported_from).name}"
                f" {short_date(previous.imported)}")
    if not group.indicators:
        return "не внесены"
    return f"{len(group.indicators)} из материалов проекта"


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def import_indicators(path: str | Path, base: Catalogue, *, today: dt.date | None = None,
                      target: Path | None = None) -> ImportResult:
    """Read ``path``, and write its lists into the overlay (``target``, default :func:`overlay_path`): every group
    in the file gets exactly the file's list; the other groups keep theirs. ``base`` is the bundled catalogue, without
    the overlay (``load_catalogue(overlay=False)``), which the file is checked against. Nothing is written when the
    file has problems (:class:`InputError`, every problem at once)."""
    path = Path(path)
    target = target or overlay_path()
    existing = read_overlay(target, base) or Overlay()
    entered = read_indicator_file(path, base)
    digest = file_sha256(path)
    day = today or dt.date.today()
    new_groups: dict[str, OverlayGroup] = {}
    for group in base.indicator_groups():
        items = sorted((e for e in entered if e.group == group.code), key=lambda e: e.number)
        if not items:
            continue
        new_groups[group.code] = OverlayGroup(
            code=group.code, title=group.title, imported_from=str(path.resolve()), sha256=digest, imported=day,
            indicators=[OverlayIndicator(code=indicator_code(group.code, e.number), number=e.number, title=e.title,
                                         source_act=e.source_act, source_point=e.source_point) for e in items],
        )
    changes = [
        GroupChange(g.code, g.title, len(new_groups[g.code].indicators),
                    _describe_before(g, existing.group(g.code), new_groups[g.code].indicators),
                    bool(g.indicators) or existing.group(g.code) is not None)
        for g in base.indicator_groups() if g.code in new_groups
    ]
    merged = Overlay(groups=[
        kept for g in base.indicator_groups()
        if (kept := new_groups.get(g.code) or existing.group(g.code)) is not None
    ])
    apply_overlay(base, merged, target)  # the catalogue it gives must load; raises otherwise
    write_atomic(target, _dump_overlay(merged))
    clear_cache()
    return ImportResult(path, target, changes)


# --- the status -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupStatus:
    """Where the indicator list of one factor or area comes from."""

    code: str
    number: int
    title: str
    direction: str  # "npa" | "org"
    status: str  # complete | partial | not_catalogued
    count: int
    origin: str | None  # "seed" (the bundled data) | "import" | None (no indicators)
    imported_from: str | None = None
    imported: dt.date | None = None
    sha256: str | None = None
    sources: tuple[tuple[str, str], ...] = ()  # (act, point) of imported indicators, in order, without repeats
    bundled_sources: tuple[str, ...] = ()  # titles of the documents the bundled indicators cite

    @property
    def status_title(self) -> str:
        if self.origin == "import":
            return STATUS_TITLES["complete"]
        return STATUS_TITLES[self.status]

    @property
    def origin_text(self) -> str:
        if self.origin == "import":
            by_act: dict[str, list[str]] = {}
            for act, point in self.sources:
                by_act.setdefault(act, [])
                if point not in by_act[act]:
                    by_act[act].append(point)
            cited = "; ".join(f"{act}, {', '.join(points)}" for act, points in by_act.items())
            return f"импорт из {Path(self.imported_from or '').name} {short_date(self.imported)}, источник: {cited}"
        if self.origin == "seed":
            return "материалы проекта (seed)" + "".join(f"; {t}" for t in self.bundled_sources)
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "number": self.number, "title": self.title, "direction": self.direction,
            "status": "complete" if self.origin == "import" else self.status, "status_title": self.status_title,
            "count": self.count, "origin": self.origin, "origin_title": self.origin_text or None,
            "imported_from": self.imported_from, "imported": self.imported.isoformat() if self.imported else None,
            "sha256": self.sha256, "sources": [{"act": a, "point": p} for a, p in self.sources],
        }


def catalogue_status(catalogue: Catalogue, overlay: Overlay | None) -> list[GroupStatus]:
    """Every factor and area of ``catalogue`` in catalogue order with its indicator list's state and origin: a list
    of ``overlay`` (the imported lists the catalogue was loaded with; ``None`` for a catalogue read from a folder)
    is an import, any other comes from the methodology."""
    docs = {d.code: d for d in catalogue.sources}
    rows = []
    for group in catalogue.indicator_groups():
        direction = "npa" if isinstance(group, NpaFactor) else "org"
        entered = overlay.group(group.code) if overlay else None
        if entered is not None:
            sources = tuple(dict.fromkeys((i.source_act, i.source_point) for i in entered.indicators))
            rows.append(GroupStatus(group.code, group.number, group.title, direction, group.indicators_status,
                                    len(group.indicators), "import", entered.imported_from, entered.imported,
                                    entered.sha256, sources))
            continue
        cited = dict.fromkeys(i.source.doc for i in group.indicators)
        others = tuple(docs[d].title if d in docs else d for d in cited if d != "seed")
        rows.append(GroupStatus(group.code, group.number, group.title, direction, group.indicators_status,
                                len(group.indicators), "seed" if group.indicators else None,
                                bundled_sources=others))
    return rows


def status_lines(statuses: list[GroupStatus], overlay: Path | None = None) -> list[str]:
    """The readable table of ``vakr catalogue --status``."""
    lines = ["Перечни индикаторов по факторам и сферам"]
    if overlay is not None:
        state = "" if overlay.exists() else " (файла нет: импорт не выполнялся)"
        lines.append(f"Импортированные перечни: {overlay}{state}")
    direction = None
    for s in statuses:
        if s.direction != direction:
            direction = s.direction
            count = sum(1 for x in statuses if x.direction == direction)
            kind = ("Направление 1. Коррупционные факторы в НПА" if direction == "npa"
                    else "Направление 2. Сферы организационно-управленческой деятельности")
            lines += ["", f"{kind} ({count}):"]
        if s.count:
            lines.append(f"  {s.number}. {s.title} — {s.status_title}; индикаторов: {s.count}")
            lines.append(f"      откуда: {s.origin_text}")
        else:
            lines.append(f"  {s.number}. {s.title} — {s.status_title}")
    missing = sum(1 for s in statuses if not s.count)
    if missing:
        lines += ["", f"Не внесены перечни: {missing} из {len(statuses)}. Как внести официальный перечень:"
                      " vakr catalogue template ПАПКА, заполните книгу, затем vakr catalogue import ФАЙЛ."]
    return lines
