"""Byte-identical OOXML packages (DOCX, XLSX) and their atomic writing.

Word and Excel files are ZIP archives; python-docx and openpyxl stamp them with the current time (in the ZIP entries
and in ``docProps/core.xml``) and openpyxl orders nothing on purpose. :func:`normalise_package` rewrites a package so
the same input always gives the same bytes: fixed core properties (dates derived from the input, author «vakr»,
revision 1) and entries in a fixed order with a fixed timestamp. :func:`package_bytes` does the same from the
entries themselves, some of them compressed once and reused (the Word writer passes a template's fixed parts so),
and writes the ZIP archive directly, as zipfile would.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
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


# --- the ZIP layout -------------------------------------------------------------------------------------------
# What ``zipfile`` writes for ``writestr(ZipInfo(name, ZIP_DATE_TIME), data, compresslevel=6)`` with deflate,
# create_system 0 and external_attr 0 (which zipfile turns into «rw-------»), written directly so that entries
# compressed once (a template's styles, theme, fonts …) are not compressed again for every document.
# tests/test_docx_speed_equivalence.py checks the bytes against zipfile's.

_DEFLATE_LEVEL = 6
_VERSION = 20  # zipfile.DEFAULT_VERSION: «version needed to extract» and «made by»
_UTF8_NAME = 0x800
_EXTERNAL_ATTR = 0o600 << 16
_DOS_DATE = (ZIP_DATE_TIME[0] - 1980) << 9 | ZIP_DATE_TIME[1] << 5 | ZIP_DATE_TIME[2]
_DOS_TIME = ZIP_DATE_TIME[3] << 11 | ZIP_DATE_TIME[4] << 5 | ZIP_DATE_TIME[5] // 2
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP32_LIMIT = (1 << 31) - 1  # zipfile.ZIP64_LIMIT


@dataclass(frozen=True, slots=True)
class Deflated:
    """An entry's data compressed as zipfile compresses it, with the CRC and size of the raw data."""

    size: int
    crc: int
    data: bytes

    @classmethod
    def of(cls, raw: bytes) -> Deflated:
        compressor = zlib.compressobj(_DEFLATE_LEVEL, zlib.DEFLATED, -15)
        return cls(len(raw), zlib.crc32(raw), compressor.compress(raw) + compressor.flush())


# Entries seen before (a template's parts, openpyxl's fixed parts), by name, CRC and size → raw data and its
# compression; the raw data is compared before the compression is reused.
_DEFLATED: OrderedDict[tuple[str, int, int], tuple[bytes, Deflated]] = OrderedDict()
_DEFLATED_MAX = 128


def _deflate_cached(name: str, raw: bytes) -> Deflated:
    key = (name, zlib.crc32(raw), len(raw))
    hit = _DEFLATED.get(key)
    if hit is not None and hit[0] == raw:
        _DEFLATED.move_to_end(key)
        return hit[1]
    deflated = Deflated.of(raw)
    _DEFLATED[key] = (raw, deflated)
    if len(_DEFLATED) > _DEFLATED_MAX:
        _DEFLATED.popitem(last=False)
    return deflated


def zip_package(entries: Mapping[str, bytes | Deflated]) -> bytes:
    """A ZIP archive of ``entries`` (raw or already deflated) in the fixed order and with the fixed timestamp."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in sorted(entries, key=_entry_order):
        value = entries[name]
        entry = value if isinstance(value, Deflated) else Deflated.of(value)
        if entry.size * 1.05 > _ZIP32_LIMIT or len(entry.data) > _ZIP32_LIMIT or offset > _ZIP32_LIMIT:
            raise ValueError(f"Слишком большая часть документа для ZIP без расширения ZIP64: {name}")
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        out.append(_LOCAL_HEADER.pack(b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                                      entry.crc, len(entry.data), entry.size, len(encoded), 0))
        out.append(encoded)
        out.append(entry.data)
        central.append(_CENTRAL_HEADER.pack(b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                            _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size,
                                            len(encoded), 0, 0, 0, 0, _EXTERNAL_ATTR, offset))
        central.append(encoded)
        offset += _LOCAL_HEADER.size + len(encoded) + len(entry.data)
    directory = b"".join(central)
    count = len(entries)
    out.append(directory)
    out.append(_END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))
    return b"".join(out)


def normalise_package(data: bytes, stamp: dt.datetime) -> bytes:
    """The same package with fixed core properties and a reproducible ZIP layout."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries: dict[str, bytes] = {}
        for info in src.infolist():
            entries.setdefault(info.filename, src.read(info))
    return package_bytes(entries, stamp)


def package_bytes(entries: Mapping[str, bytes | Deflated], stamp: dt.datetime, *, reuse: bool = True) -> bytes:
    """A package from its entries (raw, or deflated once and reused): the core properties fixed
    (:func:`normalise_package`), raw entries compressed — with ``reuse``, those seen before taken from a cache (for
    a caller that cannot tell the fixed parts from the document's own) —, the ZIP layout fixed."""
    fixed: dict[str, bytes | Deflated] = {}
    for name, value in entries.items():
        if isinstance(value, Deflated):
            fixed[name] = value
        elif name == _CORE:
            fixed[name] = _fix_core(value, stamp)
        else:
            fixed[name] = _deflate_cached(name, value) if reuse else Deflated.of(value)
    return zip_package(fixed)


def write_package(path: str | Path, data: bytes) -> Path:
    """Write a finished document atomically (never a half-written file in place of a good one)."""
    return write_atomic(path, data)
