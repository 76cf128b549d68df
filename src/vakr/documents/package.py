"""Byte-identical OOXML packages (DOCX, XLSX) and their atomic writing.

Word and Excel files are ZIP archives; python-docx and openpyxl stamp them with the current time (in the ZIP entries
and in ``docProps/core.xml``) and openpyxl orders nothing on purpose. :func:`normalise_package` rewrites a package so
the same input always gives the same bytes: fixed core properties (dates derived from the input, author «vakr»,
revision 1) and entries in a fixed order with a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree

from vakr.io_files import write_atomic

ZIP_DATE_TIME = (2020, 1, 1, 0, 0, 0)
AUTHOR = "vakr"

_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_CORE = "docProps/core.xml"


def fixed_timestamp(day: dt.date) -> dt.datetime:
    """Midnight UTC of ``day``: the creation date written into every document (the ВАКР end date)."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def _entry_order(name: str) -> tuple[int, str]:
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    return first.get(name, 2), name


def _fix_core(xml: bytes, stamp: dt.datetime) -> bytes:
    root = etree.fromstring(xml)
    when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def put(tag: str, text: str, w3cdtf: bool = False) -> None:
        prefix, local = tag.split(":")
        el = root.find(f"{prefix}:{local}", _NS)
        if el is None:
            el = etree.SubElement(root, f"{{{_NS[prefix]}}}{local}")
        el.text = text
        if w3cdtf:
            el.set(f"{{{_NS['xsi']}}}type", "dcterms:W3CDTF")

    put("dc:creator", AUTHOR)
    put("cp:lastModifiedBy", AUTHOR)
    put("cp:revision", "1")
    put("dcterms:created", when, w3cdtf=True)
    put("dcterms:modified", when, w3cdtf=True)
    put("cp:lastPrinted", when)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def normalise_package(data: bytes, stamp: dt.datetime) -> bytes:
    """The same package with fixed core properties and a reproducible ZIP layout."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries: dict[str, bytes] = {}
        for info in src.infolist():
            entries.setdefault(info.filename, src.read(info))
    if _CORE in entries:
        entries[_CORE] = _fix_core(entries[_CORE], stamp)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


def write_package(path: str | Path, data: bytes) -> Path:
    """Write a finished document atomically (never a half-written file in place of a good one)."""
    return write_atomic(path, data)
