"""The methodology of direction No. 4 as validated data: models, the loader and its cross-checks.

Modules: :mod:`.models` (the YAML files' models), :mod:`.catalogue` (:class:`Catalogue`), :mod:`.wording`
(deadline wording), :mod:`.loader` (:func:`load_catalogue`, the cache; :func:`default_catalogue` for the entry points
that may omit the catalogue), :mod:`.checks` (cross-checks across files), :mod:`.summary`, :mod:`.overlay` (indicator
lists imported by the user; not imported here: it reads workbooks).

Every YAML file in ``data/methodology`` holds one concept; :func:`load_catalogue` reads them all, validates each
against its model and then checks what spans files (unique codes, references, deadline wording). Every problem is
reported at once, in Russian, naming the file and the item.
"""

from vakr.methodology.catalogue import Catalogue, iter_items
from vakr.methodology.checks import check_references
from vakr.methodology.loader import clear_cache, default_catalogue, load_catalogue
from vakr.methodology.models import (
    ALL_ORG_TYPES,
    Band,
    EventCode,
    IndicatorGroup,
    NpaFactor,
    OrgArea,
    OrgType,
    PeriodicDeadline,
    RecommendedMeasure,
    RelativeDeadline,
)
from vakr.methodology.summary import summary_lines
from vakr.methodology.wording import parse_deadline_text

__all__ = [
    "ALL_ORG_TYPES",
    "Band",
    "Catalogue",
    "EventCode",
    "IndicatorGroup",
    "NpaFactor",
    "OrgArea",
    "OrgType",
    "PeriodicDeadline",
    "RecommendedMeasure",
    "RelativeDeadline",
    "check_references",
    "clear_cache",
    "default_catalogue",
    "iter_items",
    "load_catalogue",
    "parse_deadline_text",
    "summary_lines",
]
