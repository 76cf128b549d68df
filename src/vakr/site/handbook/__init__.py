"""Catalogue tables for the handbook (``handbook/*.qmd``), rendered as Markdown.

Every public function returns one Markdown string built from the validated catalogue (and, for the calendar,
from :mod:`vakr.calendar`), so a page cell stays a single call::

    #| output: asis
    Markdown(handbook.indicators_table("org.hr"))

Each takes an optional ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once
(:func:`vakr.methodology.loader.default_catalogue`).

Nothing here reads the example organisation: the example's findings reach the handbook through the notebooks'
stored outputs (``{{< embed >}}``). Links between pages use the ``.qmd`` names of the pages in ``handbook/``
(Quarto turns them into ``.html``); the catalogue's ``handbook_page`` and :func:`section_id` say where each NPA
factor and each organisational area is explained, and the handbook's tests check that those headings exist.
"""

from vakr.site.handbook.common import group_link, section_id
from vakr.site.handbook.content import (
    areas_table,
    exemplary_functions_table,
    factors_table,
    function_types_table,
    indicators_table,
    legal_sources_list,
    measures_for_group,
    measures_table,
    organisation_types_table,
    report_intro_table,
    report_sections_table,
    risk_bands_table,
    risk_matrix_table,
    risk_scales_table,
    table_columns,
    typical_situations_table,
    worked_example,
)
from vakr.site.handbook.kazakh import (
    kazakh_texts_summary,
    kazakh_texts_table,
    published_terms_table,
)
from vakr.site.handbook.schedule import (
    calendar_table,
    calendar_years_table,
    counting_walkthrough,
    deadline_rules_table,
    directions_table,
    information_sources_table,
    legal_basis_table,
    periodic_rules_table,
    project_map_table,
    project_tasks_table,
    stages_table,
)

__all__ = [
    "areas_table",
    "calendar_table",
    "calendar_years_table",
    "counting_walkthrough",
    "deadline_rules_table",
    "directions_table",
    "exemplary_functions_table",
    "factors_table",
    "function_types_table",
    "group_link",
    "indicators_table",
    "information_sources_table",
    "kazakh_texts_summary",
    "kazakh_texts_table",
    "legal_basis_table",
    "legal_sources_list",
    "measures_for_group",
    "measures_table",
    "organisation_types_table",
    "periodic_rules_table",
    "project_map_table",
    "project_tasks_table",
    "published_terms_table",
    "report_intro_table",
    "report_sections_table",
    "risk_bands_table",
    "risk_matrix_table",
    "risk_scales_table",
    "section_id",
    "stages_table",
    "table_columns",
    "typical_situations_table",
    "worked_example",
]
