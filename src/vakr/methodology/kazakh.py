"""The catalogue in Kazakh: every text that has a Kazakh companion (``title_kk``, ``definition_kk``,
``field_titles_kk`` …) put in place of the Russian one, so the documents are built from it unchanged.

    kazakh_catalogue(catalogue).get("org.hr").title          # «Персоналды басқару»

Items without a Kazakh text (an indicator a user imported, see :mod:`vakr.methodology.overlay`) keep the Russian
one; the documents in Kazakh count them among the places left in Russian.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import SourceRef

KK_SUFFIX = "_kk"


def _kazakh(value: Any) -> Any:
    """``value`` with every ``X_kk`` text put in place of ``X`` (recursively); the rest unchanged."""
    if isinstance(value, list):
        return [_kazakh(v) for v in value]
    if not isinstance(value, BaseModel) or isinstance(value, SourceRef):
        return value
    fields = type(value).model_fields
    update: dict[str, Any] = {}
    for name in fields:
        if name.endswith(KK_SUFFIX) or name == "source_kk":
            continue
        current = getattr(value, name)
        kazakh = getattr(value, name + KK_SUFFIX, None) if name + KK_SUFFIX in fields else None
        if isinstance(current, dict) and isinstance(kazakh, dict):
            update[name] = {**current, **kazakh}
        elif kazakh:
            update[name] = kazakh
        else:
            translated = _kazakh(current)
            if translated is not current:
                update[name] = translated
    return value.model_copy(update=update) if update else value


def is_translated(catalogue: Catalogue, code: str) -> bool:
    """Whether the item ``code`` of the (Russian) catalogue has its Kazakh title."""
    return bool(catalogue.get(code).title_kk)


_CACHE: dict[int, tuple[Catalogue, Catalogue]] = {}


def kazakh_catalogue(catalogue: Catalogue) -> Catalogue:
    """The Kazakh version of ``catalogue`` (computed once per catalogue object)."""
    cached = _CACHE.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    fields = {name: _kazakh(getattr(catalogue, name)) for name in Catalogue.model_fields}
    # A fresh object: model_copy would carry over the cached index of the Russian items.
    result = Catalogue.model_construct(**fields)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(catalogue)] = (catalogue, result)
    return result
