"""The record of a batch in its results folder, ``OUT/.vakr-run.jsonl``, for ``vakr run --resume``.

JSON Lines: a header line ``{"vakr_run_manifest": 1}``, then a line per organisation put in place (appended as the
batch goes, so the record survives Ctrl-C or a killed process; a line cut short by a kill is ignored)::

    {"key": "/abs/org.yaml", "input": [size, mtime_ns], "options": {...}, "folder": "slug",
     "files": {"report.docx": [size, mtime_ns], ...}, "row": {"name": ..., "slug": ..., "risks": 15, ...}}

``key`` is the absolute path of the source (``#2``, ``#3`` … appended for a file named again in one batch);
``options`` what the documents depend on besides the file (:func:`run_options`); ``row`` what the summary shows of
the organisation. The last line of a key counts; at the end of a batch the file is rewritten (atomically) with only
those, less the entries whose folder another source has since taken.

On ``--resume`` an organisation is skipped only when its entry has the options of this run, the source has the size
and modification time recorded, and every listed file is in place with its recorded size and modification time and
not older than the source (a file deleted, replaced or written by another run means a run). Whether the entry's
folder is still the one the batch order gives it is the batch's check (:mod:`vakr.run.batch`).

No fsync: like every file vakr writes, the record is safe against an interrupted or killed process (what the page
cache holds survives it), not against a power cut; after one, a resumed run can only redo work — an entry is written
after its folder is in place and is checked against the files themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vakr import __version__
from vakr.errors import VakrError
from vakr.formatting import Lang
from vakr.io_files import write_atomic
from vakr.run.summary import OrgResult

MANIFEST = ".vakr-run.jsonl"
HEADER = {"vakr_run_manifest": 1}
# The fields of OrgResult a skipped organisation's summary row and report line are made of.
ROW_FIELDS = ("name", "slug", "risks", "bands", "suggested", "warnings", "next_deadline", "next_deadline_title")


def stat_of(path: str | Path) -> list[int] | None:
    """[size, mtime_ns] of a file, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _tree_signature(folders: list[Path]) -> str:
    """A fingerprint of the files under ``folders`` (names, sizes, modification times): vakr's code and data."""
    digest = hashlib.sha256()
    for folder in folders:
        for root, dirs, files in os.walk(folder, followlinks=True):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith(".") and
                             not (Path(root) == folder and d == "data"))
            for name in sorted(files):
                if name.endswith((".pyc", ".tmp")):
                    continue
                path = os.path.join(root, name)
                digest.update(f"{os.path.relpath(path, folder)}:{stat_of(path)}\n".encode())
    return digest.hexdigest()[:20]


def run_options(*, documents_only: bool, langs: tuple[Lang, ...], today: dt.date | None, strict: bool,
                notebooks_folder: str | Path | None) -> dict[str, Any]:
    """What the outputs depend on besides the organisation's file: a change of any of them means no skipping.

    ``today``: the date given, or — for the notebook path, whose monitoring notebook takes the current date when
    none is given — today's date. ``code``: a fingerprint of vakr's modules, methodology, templates and calendar
    data (and notebooks), so a changed vakr or edited data re-runs everything. The imported indicator lists and a
    local calendar file (``--calendar``) are part of the catalogue and the calendar: their sizes and times too.
    """
    import vakr
    from vakr.calendar.kazakhstan import local_calendar_file
    from vakr.methodology.overlay.file import overlay_path
    from vakr.paths import calendar_dir, methodology_dir, notebooks_dir, templates_dir

    folders = [Path(vakr.__file__).parent, methodology_dir(), templates_dir(), calendar_dir()]
    if not documents_only:
        folders.append(Path(notebooks_folder) if notebooks_folder else notebooks_dir())
    local = local_calendar_file()
    return {
        "vakr": __version__,
        "documents_only": documents_only,
        "langs": list(langs),
        "today": today.isoformat() if today else ("" if documents_only else dt.date.today().isoformat()),
        "strict": strict,
        "notebooks": str(Path(notebooks_folder).resolve()) if notebooks_folder else "",
        "code": _tree_signature(folders),
        "indicators": stat_of(overlay_path()),
        "calendar": [str(local), stat_of(local)] if local else None,
    }


def source_key(source: str, occurrence: int) -> str:
    """The manifest's key of the ``occurrence``-th (0-based) mention of ``source`` in a batch."""
    absolute = str(Path(source).resolve())
    return absolute if occurrence == 0 else f"{absolute}#{occurrence + 1}"


def _has_header(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return bool(json.loads(handle.readline()) == HEADER)
    except (OSError, ValueError):
        return False


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    """The entries of a manifest file, skipping what is not a complete entry (a line cut short by a kill, a file
    of another format)."""
    try:
        handle = open(path, "rb")
    except OSError:
        return
    with handle:
        first = handle.readline()
        try:
            if json.loads(first) != HEADER:
                return
        except ValueError:
            return
        for line in handle:
            if not line.endswith(b"\n"):
                return  # the last line, cut short
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                yield entry


class Manifest:
    """The manifest of one batch: the entries of earlier runs for this batch's sources (to resume), and the
    entries of this run appended as its organisations are put in place."""

    def __init__(self, out: Path, options: dict[str, Any], keys: set[str] | None):
        self.path = out / MANIFEST
        self.options = options
        # Only the entries of this batch's sources are kept in memory (``keys``; none when not resuming).
        self.earlier: dict[str, dict[str, Any]] = {}
        if keys:
            for entry in _lines(self.path):
                if entry["key"] in keys:
                    self.earlier[entry["key"]] = entry
        self._handle: Any = None
        self.failed = False  # the record could not be written: no more of it

    def skippable(self, key: str, source: str, out: Path) -> dict[str, Any] | None:
        """The earlier entry of ``key`` when its organisation need not run again (see the module's docstring)."""
        entry = self.earlier.get(key)
        if entry is None or entry.get("options") != self.options:
            return None
        given = stat_of(source)
        if given is None or entry.get("input") != given:
            return None
        folder, files = entry.get("folder"), entry.get("files")
        if not isinstance(folder, str) or not isinstance(files, dict) or not files:
            return None
        for name, recorded in files.items():
            now = stat_of(out / folder / name)
            if now is None or now != recorded or now[1] < given[1]:
                return None
        return entry

    def record(self, key: str, result: OrgResult, out: Path) -> None:
        """Append the entry of an organisation just put in place in ``out/result.folder``. A record that cannot be
        written (a full disk) does not stop the batch: --resume then runs those organisations again."""
        try:
            self._record(key, result, out)
        except OSError:
            self.failed = True

    def _record(self, key: str, result: OrgResult, out: Path) -> None:
        if result.source_stat is None or self.failed:
            return
        files = {}
        for name in result.files:
            recorded = stat_of(out / name)
            if recorded is None:
                return
            files[name.split("/", 1)[1]] = recorded
        entry = {"key": key, "input": result.source_stat, "options": self.options, "folder": result.folder,
                 "files": files, "row": {name: getattr(result, name) for name in ROW_FIELDS}}
        if self._handle is None:
            self._handle = open(self.path, "ab" if _has_header(self.path) else "wb")
            if self._handle.tell() == 0:
                self._handle.write(json.dumps(HEADER).encode() + b"\n")
            elif not _ends_with_newline(self.path):
                self._handle.write(b"\n")  # after a line cut short by a kill: that one stays apart, and ignored
        # One write of a whole line, flushed at once: a kill leaves complete lines and at most one cut short.
        self._handle.write(json.dumps(entry, ensure_ascii=False).encode() + b"\n")
        self._handle.flush()

    def close(self, compact: bool = True) -> None:
        """Stop appending; with ``compact``, rewrite the file with the last entry of each source, less those
        whose folder a later entry of another source took."""
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                self.failed = True
            self._handle = None
        if compact and not self.failed and self.path.exists():
            try:
                self._compact()
            except (OSError, VakrError):
                pass  # the appended record stays as it is: still read right, only longer

    def _compact(self) -> None:
        """Rewrite the file with the last entry of each key, less those whose folder a later entry took (two
        streaming passes: only the keys and folders are held)."""
        last: dict[str, int] = {}
        owner: dict[str, str] = {}
        for i, entry in enumerate(_lines(self.path)):
            last[entry["key"]] = i
            owner[str(entry.get("folder"))] = entry["key"]
        keep = set(last.values())

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as handle:
                handle.write(json.dumps(HEADER).encode() + b"\n")
                for i, entry in enumerate(_lines(self.path)):
                    if i in keep and owner.get(str(entry.get("folder"))) == entry["key"]:
                        handle.write(json.dumps(entry, ensure_ascii=False).encode() + b"\n")

        write_atomic(self.path, write)


def row_result(source: str, entry: dict[str, Any]) -> OrgResult:
    """The result of an organisation skipped on ``--resume``: its summary row as recorded (placed by the batch)."""
    result = OrgResult(source=source, resumed=True)
    for name in ROW_FIELDS:
        if name in entry.get("row", {}):
            setattr(result, name, entry["row"][name])
    result.files = list(entry["files"])
    return result
