"""Reading ``data/methodology``: every file validated against its model, problems in Russian; the cache."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    TypeAdapter,
    ValidationError,
)

from vakr.errors import CatalogueError
from vakr.methodology.catalogue import FILES, Catalogue
from vakr.methodology.checks import check_references
from vakr.paths import methodology_dir

# --- loading ------------------------------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "нет обязательного поля",
    "extra_forbidden": "лишнее (неизвестное) поле",
    "string_type": "ожидается текст",
    "string_too_short": "пустой текст",
    "string_pattern_mismatch": "недопустимый формат кода (латиница в нижнем регистре, цифры, «_», части через точку)",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "greater_than": "число должно быть больше нуля",
    "literal_error": "недопустимое значение",
    "list_type": "ожидается список",
    "dict_type": "ожидается словарь (ключ: значение)",
    "model_type": "ожидается словарь (ключ: значение)",
    "date_from_datetime_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "date_type": "ожидается дата ГГГГ-ММ-ДД",
    "date_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "bool_type": "ожидается true или false",
    "union_tag_invalid": "недопустимый вид правила срока",
}


def _nearest_code(raw: Any, loc: tuple) -> str | None:
    """The code of the deepest element on the error's path, to name the item in the message."""
    code, node = None, raw
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("code"), str):
            code = node["code"]
    return code


def _describe_validation_error(file: str, raw: Any, error: ValidationError) -> list[str]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        # Discriminated unions add the tag to the path; it means nothing to the reader.
        shown = [str(p) for p in loc if p not in ("relative", "periodic", "function-after[_status_matches_list(), IndicatorGroup]")]
        where = ".".join(shown)
        item = _nearest_code(raw, loc)
        what = _PYDANTIC_MESSAGES.get(err["type"], err["msg"])
        if err["type"] == "value_error":
            what = str(err.get("ctx", {}).get("error", err["msg"]))
        elif err["type"] == "literal_error":
            what = f"недопустимое значение {err.get('input')!r}; допустимо: {err['ctx']['expected']}"
        problems.append(f"{file}: элемент {item or '—'}: поле «{where}»: {what}")
    return problems


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CatalogueError(f"{path.name}: файл не в кодировке UTF-8") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", строка {mark.line + 1}" if mark else ""
        raise CatalogueError(f"{path.name}{where}: ошибка синтаксиса YAML ({getattr(exc, 'problem', exc)})") from None


def load_catalogue(directory: str | Path | None = None, *, overlay: bool = True) -> Catalogue:
    """Read and validate every file of the methodology; raise :class:`CatalogueError` listing all problems.

    Without ``directory``: the bundled ``data/methodology`` with the user's imported indicator lists applied on top
    (``$VAKR_HOME/catalogue/indicators.yaml``, see :mod:`vakr.methodology.overlay`; ``overlay=False`` leaves them out), cached
    until the overlay file changes. With ``directory``: that folder alone, never with the overlay.
    """
    if directory is not None:
        return _load(Path(directory))
    if not overlay:
        return _load_bundled(str(methodology_dir()))
    from vakr.methodology.overlay.file import overlay_path  # here: the overlay imports this module (a cycle)

    path = overlay_path()
    try:
        stat = path.stat()
        signature: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        signature = None
    except OSError as exc:
        raise CatalogueError(f"Не удаётся прочитать файл импортированных перечней индикаторов {path}:"
                             f" {exc.strerror}") from None
    return _load_default(str(methodology_dir()), str(path), signature)


def default_catalogue(catalogue: Catalogue | None = None, *, overlay: bool = True) -> Catalogue:
    """``catalogue`` itself, or when it is ``None`` the default one: the bundled methodology with the user's imported
    indicator lists (``overlay=False``: without them), loaded once and cached (:func:`load_catalogue`).

    The one place an omitted catalogue is filled in, for the entry points meant for notebooks, the handbook's page
    cells and interactive use (:mod:`vakr.site`, :func:`vakr.evaluation.evaluate.evaluate`,
    :func:`vakr.organisation.load.load_organisation`, :func:`vakr.calendar.deadlines.vakr_schedule`,
    :func:`vakr.calendar.deadlines.periodic_duties`); the layers below them take the catalogue as a required
    argument, and the CLI loads it once per command and passes it down.
    """
    return catalogue if catalogue is not None else load_catalogue(overlay=overlay)


def clear_cache() -> None:
    """Forget the cached default catalogue (after the overlay was written in this process)."""
    _load_default.cache_clear()
    _load_bundled.cache_clear()


@functools.lru_cache(maxsize=2)
def _load_bundled(folder: str) -> Catalogue:
    return _load(Path(folder))


@functools.lru_cache(maxsize=1)
def _load_default(folder: str, overlay_file: str, signature: tuple[int, int] | None) -> Catalogue:
    """The bundled catalogue with the overlay applied; the overlay's path and (mtime, size) are part of the key, so
    a changed or removed file (or another ``VAKR_HOME``) is never served from the cache."""
    base = _load_bundled(folder)
    if signature is None:
        return base
    from vakr.methodology.overlay.file import apply_overlay, read_overlay  # here: a cycle, as above

    found = read_overlay(Path(overlay_file), base)
    return apply_overlay(base, found, Path(overlay_file)) if found is not None else base


def _load(folder: Path) -> Catalogue:
    problems: list[str] = []
    parts: dict[str, Any] = {}
    raws: dict[str, Any] = {}
    if not folder.is_dir():
        raise CatalogueError(f"Папка каталога методики не найдена: {folder}")
    unknown = sorted(p.name for p in folder.glob("*.y*ml") if p.name not in FILES)
    for name in unknown:
        problems.append(f"{name}: неизвестный файл каталога (ожидаются: {', '.join(FILES)})")
    for name, model in FILES.items():
        path = folder / name
        if not path.exists():
            problems.append(f"{name}: файл отсутствует в {folder}")
            continue
        try:
            raw = _read_yaml(path)
        except CatalogueError as exc:
            problems.append(str(exc))
            continue
        if not isinstance(raw, dict):
            problems.append(f"{name}: файл пуст или не является словарём YAML")
            continue
        raws[name] = raw
        try:
            parsed = TypeAdapter(model).validate_python(raw)
        except ValidationError as exc:
            problems.extend(_describe_validation_error(name, raw, exc))
            continue
        parts.update({k: getattr(parsed, k) for k in type(parsed).model_fields if k != "version"})
    if problems:
        raise CatalogueError.listing(problems)
    catalogue = Catalogue(**parts)
    problems = check_references(catalogue, _file_of_codes(raws))
    if problems:
        raise CatalogueError.listing(problems)
    return catalogue


def _file_of_codes(raws: dict[str, Any]) -> dict[str, str]:
    """code → file name, for messages about cross-file problems."""
    found: dict[str, str] = {}

    def walk(node: Any, file: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("code"), str):
                found.setdefault(node["code"], file)
            for v in node.values():
                walk(v, file)
        elif isinstance(node, list):
            for v in node:
                walk(v, file)

    for file, raw in raws.items():
        walk(raw, file)
    return found
