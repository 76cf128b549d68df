"""Scanning normative legal acts (НПА) and internal documents for corruption factors — direction 1 of the ВАКР.

The scanner reads an act (DOCX, TXT or PDF with a text layer; :func:`~vakr.scan.reader.read_act`), keeps its
structure («Глава 2, пункт 7, подпункт 3)») and applies rules kept as data in ``data/methodology/npa_markers``
(one file per factor of the catalogue, :func:`~vakr.scan.rules.load_rules`). Each place a rule matches becomes a
:class:`~vakr.scan.model.Candidate`: the quote, where it is, the factor and indicator, why it may be a factor and a
suggested wording (:func:`~vakr.scan.scan.scan_act`, :func:`~vakr.scan.scan.scan_text`).

What it is and is not:

* It lists CANDIDATES for the working group to check. It never decides that a corruption factor is present: a
  marker word («вправе», «при необходимости», «в установленном порядке») is a reason to read the point, not a
  finding. «strong» means the wording itself is the marker the methodology names; «possible» means the rule
  guesses from context (a term missing from a point, a refusal without grounds nearby) and misses or over-reports
  more often.
* Rules see one sentence, one point or the whole act as their data say; they do not understand the law. An act's
  conflict with another act (a collision between acts) is not seen; inside one act only «two different terms for
  the same action» is checked.
* The rules are Russian. Words are matched by their dictionary forms (razdel for words, pymorphy3 for lemmas), so
  any grammatical form matches. pymorphy3 has no Kazakh: a Kazakh act is read, but only a few exact Kazakh word
  forms («құқылы», «қажет болған жағдайда») are looked for.
* DOCX tables are not read (see :mod:`vakr.scan.reader`); a PDF without a text layer (a scan) is refused.
"""

from __future__ import annotations

import importlib
from typing import Any

# The names below are imported when first used, so that importing vakr.scan.model alone stays light.
_EXPORTS = {
    "Act": "vakr.scan.model", "ActParagraph": "vakr.scan.model", "Candidate": "vakr.scan.model",
    "read_act": "vakr.scan.reader", "Rule": "vakr.scan.rules", "load_rules": "vakr.scan.rules",
    "scan_act": "vakr.scan.scan", "scan_text": "vakr.scan.scan", "factor_titles": "vakr.scan.scan",
    "FACTOR_TITLES": "vakr.scan.scan",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
