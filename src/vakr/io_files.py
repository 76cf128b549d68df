"""Writing results safely: every target checked before anything is written, each file written atomically, and a
set of files (one organisation's documents) put in place all together.

A failure — a full disk, a folder where a file must go, Ctrl-C — never leaves a half-written file in place of a good
one, nor a mix of new and old documents: the previous complete set stays, or the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from vakr.errors import DocumentError


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_target(path: str | Path) -> Path:
    """Refuse, with a Russian message naming it, a file that cannot be written: a folder in its place, a file where
    a folder of its path must be, a folder without write permission."""
    path = Path(path)
    if path.is_dir():
        raise DocumentError(f"Не удаётся записать {path}: на этом месте находится папка. Переименуйте или удалите её,"
                            " либо укажите другую папку для результатов.")
    ancestor = path.parent
    while not ancestor.exists():
        if ancestor == ancestor.parent:
            break
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        raise DocumentError(f"Не удаётся записать {path}: {ancestor} — файл, а не папка. Укажите другую папку для"
                            " результатов.")
    if ancestor.exists() and not os.access(ancestor, os.W_OK | os.X_OK):
        raise DocumentError(f"Не удаётся записать {path}: нет прав на запись в папку {ancestor}.")
    return path


def lock_files(path: Path) -> list[Path]:
    """The lock files Excel («~$книга.xlsx») and LibreOffice («.~lock.книга.xlsx#») keep beside an open book."""
    return [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]


def input_problem(path: str | Path) -> str | None:
    """Why a path cannot be read as an input file (Russian, without the file name), or None: missing, a folder,
    or not a regular file (a named pipe or a device would block or never end)."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return f"файл не найден ({path})"
    except OSError as exc:
        return f"не удалось прочитать файл ({_reason(exc)})"
    if stat.S_ISDIR(mode):
        return "указана папка, а не файл"
    if not stat.S_ISREG(mode):
        return "это не обычный файл (канал, устройство или сокет): укажите файл книги Excel или YAML"
    return None


def _make_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(f"Не удалось создать папку {folder}: {_reason(exc)}") from None


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C during the block takes effect right after it, so a set of renames is never cut in the middle."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda *args: received.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


def _temporary(path: Path) -> tuple[int, Path]:
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DocumentError(f"Не удаётся записать {path}: {_reason(exc)}") from None
    # mkstemp creates 0600; give the file the permissions an ordinary new file would have
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return fd, Path(name)


def _fill(fd: int, tmp: Path, data: bytes | str | Callable[[Path], None], path: Path) -> None:
    try:
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise DocumentError(f"Не удалось записать {path}: {_reason(exc)}") from None


def write_atomic(path: str | Path, data: bytes | str | Callable[[Path], None]) -> Path:
    """Write ``data`` (bytes, text, or a function that writes to the given temporary path) to ``path`` atomically.

    The temporary file sits in the target folder so ``os.replace`` is a rename on the same file system.
    """
    path = check_target(path)
    _make_dir(path.parent)
    fd, tmp = _temporary(path)
    try:
        _fill(fd, tmp, data, path)
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise DocumentError(f"Не удалось записать {path}: {_reason(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_set(folder: str | Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write several files into ``folder`` all or nothing: every target is checked first, each file goes to a
    temporary file beside its target, and only when all are written are they renamed into place (with Ctrl-C held
    back for those few renames). Returns the paths in the order of ``files``."""
    folder = Path(folder)
    targets = [check_target(folder / name) for name in files]
    _make_dir(folder)
    written: list[tuple[Path, Path]] = []
    try:
        for target, data in zip(targets, files.values()):
            fd, tmp = _temporary(target)
            written.append((tmp, target))
            _fill(fd, tmp, data, target)
        with interrupts_deferred():
            for tmp, target in written:
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    raise DocumentError(f"Не удалось записать {target}: {_reason(exc)}") from None
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
    return targets


def move_set(staged: str | Path, target: str | Path, names: list[str]) -> list[Path]:
    """Move the complete files ``names`` of a staged folder into ``target`` together (each replacing a file of the
    same name, with Ctrl-C held back for those renames); other files already in ``target`` stay untouched."""
    staged, target = Path(staged), Path(target)
    targets = [check_target(target / name) for name in names]
    _make_dir(target)
    with interrupts_deferred():
        for name, path in zip(names, targets):
            try:
                os.replace(staged / name, path)
            except OSError as exc:
                raise DocumentError(f"Не удалось записать {path}: {_reason(exc)}") from None
    return targets


def discard(staged: str | Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)
