"""Official indicator lists entered by the user, kept outside the package: the template, the import and the overlay.

The bundled catalogue (``data/methodology``) lists indicators for few NPA factors and organisational areas; the rest
are «ещё не внесены». Instead of editing YAML inside the package, the user

1. writes a workbook for entering an official list: ``vakr catalogue template DIR`` (:func:`write_template`);
2. fills it (one row per indicator: factor or area, number, wording, source act and point) and imports it:
   ``vakr catalogue import FILE`` (:func:`import_indicators`; a YAML file with the same fields is accepted too);
3. checks where every list comes from: ``vakr catalogue --status`` (:func:`catalogue_status`).

The import validates the whole file in one pass and writes the **overlay**, ``$VAKR_HOME/catalogue/indicators.yaml``
(``~/.vakr/catalogue/indicators.yaml`` by default, :func:`overlay_path`). The default catalogue of every command,
:func:`vakr.methodology.loader.load_catalogue`, applies it on top of the bundled data (:func:`apply_overlay`): the list of
each group in the overlay replaces the bundled one and becomes ``complete``. The overlay looks like::

    version: 1
    groups:
      - code: org.coi
        title: Урегулирование конфликта интересов
        imported_from: /home/analyst/perechen-indikatorov.xlsx
        sha256: 5c0f…                        # of the imported file
        imported: 2025-03-03
        indicators:
          - code: org.coi.01
            number: 1
            title: Отсутствие порядка уведомления о конфликте интересов
            source_act: Методические рекомендации по проведению ВАКР (приказ АПК № 488)
            source_point: пункт 12, подпункт 1

Indicator codes follow the group's convention: ``org.<area>.NN`` (two digits), ``npa.<factor>.N``. Bundled data tied
to a replaced indicator (its recommended measures, a worked example) follows the imported indicator with the same
wording and is dropped otherwise; a finding on an imported indicator then gets its factor's or area's measure.
"""

from vakr.methodology.overlay.file import (
    Overlay,
    OverlayGroup,
    OverlayIndicator,
    apply_overlay,
    indicator_code,
    overlay_path,
    read_overlay,
)
from vakr.methodology.overlay.reading import EnteredIndicator, read_indicator_file
from vakr.methodology.overlay.status import (
    GroupChange,
    GroupStatus,
    ImportResult,
    catalogue_status,
    file_sha256,
    import_indicators,
    status_lines,
)
from vakr.methodology.overlay.template import group_label, template_workbook, write_template

__all__ = [
    "EnteredIndicator",
    "GroupChange",
    "GroupStatus",
    "ImportResult",
    "Overlay",
    "OverlayGroup",
    "OverlayIndicator",
    "apply_overlay",
    "catalogue_status",
    "file_sha256",
    "group_label",
    "import_indicators",
    "indicator_code",
    "overlay_path",
    "read_indicator_file",
    "read_overlay",
    "status_lines",
    "template_workbook",
    "write_template",
]
