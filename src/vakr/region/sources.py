"""Where the organisations of a region come from: records of a previous ``vakr run`` (``evaluation.json``), or the
organisations' own files (Excel workbooks, YAML), evaluated here. Sources can be mixed.

Rules (:func:`load_sources`):

* a file ``evaluation.json`` (any ``*.json``) is read as a record; a workbook (``.xlsx``) or YAML (``.yaml``,
  ``.yml``) is loaded, checked and evaluated (:func:`~vakr.organisation.load.load_organisation_with_warnings`,
  :func:`~vakr.evaluation.evaluate`) and turned into a record on ``today``;
* a folder is scanned, in name order, records first: a folder with ``evaluation.json`` is that organisation's
  record, taken as it is — never evaluated again, its other files (the run's ``plan.xlsx`` …) not read; a
  ``vakr run`` output folder (it has ``summary.csv`` or ``summary.html``) gives its organisations' records, and the
  organisations its summary marks as failed, or whose folder holds no record, are reported; any other folder gives
  its workbooks and YAML files and is scanned further down. Hidden files and folders, the lock files of an open
  Excel or LibreOffice (``~$…``, ``.~lock…#``) and the files ``vakr region`` writes are passed over;
* a source that cannot be read is reported (the file and a Russian message) and the others go on;
* the same organisation met twice (same slug and name — its file and its record, two runs) is counted once: the
  record of the latest ВАКР (``vakr_end``), the first met among equal ones; the others are noted.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vakr.errors import VakrError
from vakr.evaluation.evaluate import evaluate
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.organisation.load import EXCEL_SUFFIXES, YAML_SUFFIXES, load_organisation_with_warnings
from vakr.problems import Problem
from vakr.region.record import RECORD_FILE, OrgRecord, read_record, record_of

RUN_MARKERS = ("summary.csv", "summary.html")  # a `vakr run` output folder has these
FAILED_SUFFIX = ".failed"  # OUT/<slug>.failed/: the notebooks of an organisation that failed in `vakr run`
# What `vakr region` writes into --out: never read back as an organisation when a folder is scanned.
OUTPUT_FILES = ("region.xlsx", "kartogramma.xlsx")


@dataclass(frozen=True)
class SourceFailure:
    """A source that could not be read: the file or folder, and why (Russian)."""

    source: str
    message: str


@dataclass
class Sources:
    """What :func:`load_sources` read: the records (one per organisation), the failures, notes on what was passed
    over, and the arguments as given."""

    records: list[OrgRecord] = field(default_factory=list)
    failures: list[SourceFailure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    arguments: list[str] = field(default_factory=list)
    from_records: int = 0  # records read as they are
    evaluated: int = 0  # organisations' files evaluated here


def _message(exc: VakrError, source: Path) -> str:
    """The problems of one source, each with its place but without the source's own name: the failure is printed
    after that name already («✗ файл: лист «Риски», строка 5: …»)."""
    def place_within(problem: Problem) -> str:
        place = problem.place
        if place is not None and place.file is not None and Path(place.file) in (source, Path(source.name)):
            problem = problem.located(place.model_copy(update={"file": None}))
        return str(problem)

    return "\n".join(place_within(p) for p in exc.problems) or str(exc)


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$"))


def _children(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if not _hidden(p)), key=lambda p: p.name)


def _is_org_file(path: Path) -> bool:
    return path.suffix.lower() in (*EXCEL_SUFFIXES, *YAML_SUFFIXES) and path.name not in OUTPUT_FILES


def _run_failures(folder: Path) -> Iterator[SourceFailure]:
    """The organisations the summary of a `vakr run` marks as failed (its columns by title; a summary of another
    shape gives none)."""
    path = folder / "summary.csv"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("Статус") == "ошибка":
            source = row.get("Файл") or row.get("Организация") or str(path)
            message = (row.get("Ошибка или примечание") or "").strip()
            yield SourceFailure(source, f"в прогоне vakr run ({path}) организация не обработана"
                                        + (f": {message}" if message else ""))


def _scan(path: Path) -> Iterator[tuple[str, Path] | SourceFailure]:
    """("record" | "file", path) for each source under ``path``, or a failure (see the module rules)."""
    if not path.exists():
        yield SourceFailure(str(path), "не найден: нет такого файла или папки")
        return
    if not path.is_dir():
        if path.suffix.lower() == ".json":
            yield ("record", path)
        else:
            yield ("file", path)
        return
    if (path / RECORD_FILE).is_file():
        yield ("record", path / RECORD_FILE)
        return
    try:
        children = _children(path)
    except OSError as exc:
        yield SourceFailure(str(path), f"не удалось прочитать папку ({exc.strerror or exc})")
        return
    if any((path / marker).is_file() for marker in RUN_MARKERS):
        yield from _run_failures(path)
        for child in children:
            if not child.is_dir():
                continue
            if child.name.endswith(FAILED_SUFFIX):
                continue  # already reported from the summary; the notebooks are evidence, not an organisation
            if (child / RECORD_FILE).is_file():
                yield ("record", child / RECORD_FILE)
            else:
                yield SourceFailure(str(child), f"в папке нет записи оценки {RECORD_FILE} — прогон сделан прежней"
                                                " версией vakr или прерван; повторите vakr run для этой организации")
        return
    found = False
    for child in children:
        if child.is_dir():
            for item in _scan(child):
                found = True
                yield item
        elif _is_org_file(child):
            found = True
            yield ("file", child)
    if not found:
        yield SourceFailure(str(path), f"в папке нет ни записей оценки ({RECORD_FILE}), ни файлов организаций"
                                       " (.xlsx, .yaml, .yml)")


def load_sources(paths: Sequence[str | Path], catalogue: Catalogue | None = None,
                 today: dt.date | None = None) -> Sources:
    """Read every organisation of ``paths`` (files or folders; the rules are in the module docstring).

    Records are taken as they are; organisations' files are evaluated with ``catalogue`` (default: the bundled
    methodology with the user's imported lists, loaded once, only when a file needs it) on ``today`` (default: the
    current date). Never raises for a source: what cannot be read goes into ``failures``."""
    with collector_paused():
        return _load(paths, catalogue, today or dt.date.today())


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while many records are read or aggregated: each record holds thousands of
    objects (none in a cycle, freed by reference counting as usual), and the collector would walk all of them again
    and again — half the time for 10 000 organisations. Restored as it was, also on error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(paths: Sequence[str | Path], catalogue: Catalogue | None, today: dt.date) -> Sources:
    result = Sources(arguments=[str(p) for p in paths])
    found: dict[tuple[str, str], int] = {}  # (slug, name) → index in result.records
    origins: list[str] = []
    for argument in paths:
        for item in _scan(Path(argument)):
            if isinstance(item, SourceFailure):
                result.failures.append(item)
                continue
            kind, path = item
            try:
                if kind == "record":
                    record = read_record(path)
                    result.from_records += 1
                else:
                    catalogue = default_catalogue(catalogue)
                    org, _ = load_organisation_with_warnings(path, catalogue, today=today)
                    record = record_of(evaluate(org, catalogue, today=today), org, catalogue, today)
                    result.evaluated += 1
            except VakrError as exc:
                result.failures.append(SourceFailure(str(path), _message(exc, path)))
                continue
            except OSError as exc:
                result.failures.append(SourceFailure(str(path), f"не удалось прочитать файл ({exc.strerror or exc})"))
                continue
            key = (record.organisation.slug, record.organisation.name)
            if key in found:
                i = found[key]
                if record.organisation.vakr_end > result.records[i].organisation.vakr_end:
                    result.notes.append(f"{origins[i]}: «{key[1]}» учтена по более позднему ВАКР из {path}")
                    result.records[i], origins[i] = record, str(path)
                else:
                    result.notes.append(f"{path}: «{key[1]}» уже учтена по {origins[i]} — источник пропущен")
                continue
            found[key] = len(result.records)
            result.records.append(record)
            origins.append(str(path))
    return result
