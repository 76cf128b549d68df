"""Reading an act from a file: DOCX, TXT or PDF, into paragraphs that keep the act's structure.

* DOCX (python-docx): the document's body paragraphs, ``index`` = position in ``Document.paragraphs`` (empty
  paragraphs are skipped but keep their number, so a commenter finds the paragraph again). Tables are not read:
  their cells are not body paragraphs, and a rule found there could not be pointed to by that index. Numbering
  that Word adds itself (automatic lists) is not part of the text, so such points have no «пункт» in their place.
* TXT: UTF-8 (with or without BOM), otherwise Windows-1251; a paragraph per line, ``index`` = the line's number
  from 0 (empty lines skipped).
* PDF (pypdf): the text layer only — a scanned PDF without one is refused. Lines are joined back into paragraphs
  (a new paragraph starts at a point, a heading, after a short line or after a line ending a sentence), words
  hyphenated across lines are joined, lines of a page number alone are dropped; ``index`` = the paragraph's order
  in the file. A PDF has no tables apart from its text: their text is read as paragraphs.

Files over 50 MB are refused, as elsewhere in vakr. Every problem is an :class:`~vakr.errors.InputError` in
Russian naming the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from vakr.errors import InputError, VakrError
from vakr.problems import Place
from vakr.scan.model import Act
from vakr.scan.structure import detect, guess_title, is_structural

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # a DOCX unpacking to more is a zip bomb or not a document
SUPPORTED = {".docx": "docx", ".txt": "txt", ".pdf": "pdf"}
_CONVERT = {".doc": "DOCX", ".rtf": "DOCX", ".odt": "DOCX", ".docm": "DOCX"}


def _error(path: Path, code: str, message: str) -> InputError:
    return InputError.single(f"scan.{code}", message, place=Place(file=str(path)))


def read_act(path: str | Path) -> Act:
    """Read the act in ``path`` (.docx, .txt or .pdf); raise :class:`InputError` naming the file if it cannot."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        if suffix in _CONVERT:
            hint = f"формат {suffix} не поддерживается: сохраните акт как .docx (или .txt, .pdf) и повторите"
        else:
            hint = (f"формат «{suffix or 'без расширения'}» не поддерживается: акт читается из файлов .docx, .txt"
                    " или .pdf")
        raise _error(path, "format", hint)
    try:
        if not path.is_file():
            raise _error(path, "not_found", "файл не найден" if not path.exists() else "это не файл, а папка")
        size = path.stat().st_size
    except OSError as exc:
        raise _error(path, "unreadable", f"файл не удаётся прочитать ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise _error(path, "too_large", f"файл слишком большой ({size / 1024 / 1024:.0f} МБ; допускается не более"
                                        f" {MAX_FILE_BYTES // 1024 // 1024} МБ)")
    kind = SUPPORTED[suffix]
    try:
        if kind == "docx":
            paragraphs, preferred = _read_docx(path)
        elif kind == "txt":
            paragraphs, preferred = _read_txt(path), []
        else:
            paragraphs, preferred = _read_pdf(path), []
    except VakrError:
        raise
    except OSError as exc:
        raise _error(path, "unreadable", f"файл не удаётся прочитать ({exc.strerror})") from None
    if not paragraphs:
        raise _error(path, "empty", "в файле нет текста")
    title = guess_title(paragraphs, preferred) or path.name
    return Act(path=path, title=title, paragraphs=detect(paragraphs), kind=kind)


# --- DOCX ---------------------------------------------------------------------------------------------------

def _read_docx(path: Path) -> tuple[list[tuple[int, str]], list[int]]:
    damaged = "файл повреждён или это не документ Word (.docx)"
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(m.file_size for m in archive.infolist())
    except zipfile.BadZipFile:
        raise _error(path, "damaged", damaged) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _error(path, "too_large", f"файл слишком большой в распакованном виде ({unpacked / 1024 / 1024:.0f} МБ;"
                                        f" допускается не более {MAX_UNPACKED_BYTES // 1024 // 1024} МБ)")
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
        paragraphs = []
        preferred = []
        in_heading = True  # the title is looked for before the first heading or point: styles only read there
        for index, paragraph in enumerate(document.paragraphs):
            text = _one_line(paragraph.text)
            if not text.strip():
                continue
            paragraphs.append((index, text))
            in_heading = in_heading and not is_structural(text)
            if in_heading and _heading_style(paragraph):
                preferred.append(index)
    except Exception:  # python-docx raises KeyError, ValueError, lxml's errors … on a damaged package
        raise _error(path, "damaged", damaged) from None
    return paragraphs, preferred


def _heading_style(paragraph: Any) -> bool:
    try:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except Exception:  # a style the document refers to but does not define
        return False
    return name.startswith(("title", "heading 1", "название", "заголовок 1"))


def _one_line(text: str) -> str:
    """A paragraph's line breaks (Shift+Enter) and tabs as spaces: one paragraph, one line."""
    return re.sub(r"[\r\n\t\v\f]", " ", text)


# --- TXT ----------------------------------------------------------------------------------------------------

def _read_txt(path: Path) -> list[tuple[int, str]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise _error(path, "damaged", "это не текстовый файл (возможно, UTF-16 или двоичный файл): сохраните акт"
                                      " как текст в кодировке UTF-8")
    text = decode_text(data)
    return [(i, _one_line(line)) for i, line in enumerate(text.splitlines()) if line.strip()]


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1251, the two encodings Kazakhstan's acts come in as text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


# --- PDF ----------------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"[\s\-–—]*\d{1,4}[\s\-–—]*")


def _read_pdf(path: Path) -> list[tuple[int, str]]:
    try:
        import pypdf
    except ImportError:
        raise _error(path, "pdf_unsupported", "для чтения PDF нужен пакет pypdf (pip install pypdf); либо сохраните"
                                              " акт как .docx или .txt") from None
    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _error(path, "encrypted", "PDF защищён паролем: снимите защиту и повторите")
        lines: list[str] = []
        for page in reader.pages:
            lines.extend((page.extract_text() or "").splitlines())
    except VakrError:
        raise
    except Exception:  # pypdf raises PdfReadError, ValueError, KeyError … on a damaged file
        raise _error(path, "damaged", "файл повреждён или это не PDF") from None
    paragraphs = pdf_paragraphs(lines)
    if not paragraphs:
        raise _error(path, "no_text", "в PDF нет текстового слоя (скан): распознайте текст и повторите")
    return list(enumerate(paragraphs))


def pdf_paragraphs(lines: list[str]) -> list[str]:
    """Lines of a PDF's text layer joined back into paragraphs: a paragraph ends at an empty line, before a point or a
    heading, after a line clearly shorter than a full line, or after a sentence's end when the next line starts with
    a capital letter."""
    cleaned = [" ".join(raw.split()) for raw in lines]
    lengths = sorted(len(line) for line in cleaned if line and not _PAGE_NUMBER.fullmatch(line))
    full = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    short = 0.7 * full if full >= 40 else 0
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for line in cleaned:
        if not line or _PAGE_NUMBER.fullmatch(line):
            if not line and current:
                paragraphs.append(current)
                current = ""
            continue
        if not current:
            current = line
        elif (is_structural(line) or (len(previous) < short and not previous.endswith("-"))
              or (current[-1] in ".;:!?" and (line[0].isupper() or line[0] in "«\"("))):
            paragraphs.append(current)
            current = line
        elif current.endswith("-") and line[0].islower() and not current.endswith(" -"):
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs
