"""The fixed wording of the ВАКР documents in each language: labels, sentences with counts and dates, the legends.

The report, the plan and the list of positions are built once; a :class:`Wording` gives them their words.
Russian (:mod:`.russian`) follows the seed's samples; Kazakh (:mod:`.kazakh`) uses the forms seen in published
Kazakh documents («Кіріспе бөлімі», «БЕКІТЕМІН», «Жауапты орындаушылар» …) and the project's translation
elsewhere. Every field is required, so a language cannot silently miss a phrase.

    w = wording("kk")
    w.found(3)            # «3 сыбайлас жемқорлық тәуекелі анықталды»
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from vakr.calendar.ics import IcsWording
from vakr.evaluation.evaluate import Evaluation
from vakr.evaluation.kazakh import kazakh_version
from vakr.formatting import Lang
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.model import Profile


@dataclass(frozen=True)
class Wording:
    lang: Lang
    file_suffix: str  # "" for Russian (report.docx), ".kk" for Kazakh (report.kk.docx)
    docx_language: str  # proofing language of the Word documents
    ics: IcsWording  # the schedule's calendar file

    # -- shared by the documents --
    date: Callable[[dt.date], str]  # «7 декабря 2025 года» / «2025 жылғы 7 желтоқсан»
    due_text: Callable[[dt.date, bool], str]  # the plan's due date, «(предварительно)» when provisional
    provisional_legend: Callable[[str], str]  # the note under the plan; the argument is the calendar's reason
    suggested_legend: str  # under the plan and the report in Word
    suggested_legend_xlsx: str  # under the plan in Excel (shaded cells)
    suggested_header: str  # the plan's 7th column in Excel
    suggestion_kinds: dict[str, str]  # names of vakr.evaluation.evaluate.SUGGESTION_KINDS
    total: str  # «Итого»
    organisation: Callable[[str], str]  # the name where it follows «в деятельности» (Russian: the genitive)
    position_in_sentence: Callable[[str], str]  # a position inside a sentence («заместитель руководителя …»)
    approval_lines: Callable[[Profile], list[str]]  # the lines of «УТВЕРЖДАЮ» above the signature
    approval_word: str
    agreed_word: str
    signature_date: str
    authorised_title: str  # «Уполномоченное лицо»
    order: Callable[[Profile], str]  # the order's date and number as the report's introduction cites it
    period: Callable[[Profile], str]  # the ВАКР's dates
    years: Callable[[Profile], str]  # the years the plan covers
    opening: Callable[[str, int, int], str]  # (organisation, risks, of them in НПА) → the descriptive part's lead
    found: Callable[[int], str]  # «выявлено 3 коррупционных риска»
    process_name: Callable[[str], str]  # the risk's name when the analyst gave no act
    unnamed_act: str  # the act in a suggested НПА measure when the analyst gave none

    # -- the analytical report --
    no_risks_section: str
    recommendations_label: str
    unit_label: str
    level_label: str
    level_detail: Callable[[str, int, int, int], str]  # (band, likelihood, impact, score)
    section_functions: Callable[[str], str]  # the field's title → the label of the functions stated per section
    no_unit_positions: Callable[[str], str]
    positions_lead: str
    npa_intro: Callable[[int, int], str]  # (factors, risks in НПА)
    npa_header: tuple[str, str, str, str]
    summary_found: Callable[[int, int], str]  # (risks, of them in НПА)
    summary_none: str
    band_rule: Callable[[list[tuple[str, int, int]]], str]  # [(band, min, max)]
    sections_caption: str
    sections_header: tuple[str, str]
    npa_row: str  # the sections table's row of risks in НПА («в том числе …»)
    levels_caption: str
    levels_header: tuple[str, str, str]
    attachments: Callable[[int, int], str]  # (positions, risks) → the closing sentence; '' when nothing is attached

    # -- the plan --
    no_risks_row: str
    plan_sheet: str
    plan_title: Callable[[str, str], list[str]]  # (organisation, years) → the title's lines, the first in bold

    # -- the list of positions --
    no_positions: str
    no_types: str
    types_lead: str
    no_functions: str
    object_label: str  # «Наименование объекта внутреннего анализа коррупционных рисков»
    positions_sheet: str
    functions_sheet: str

    def file_name(self, name: str) -> str:
        """«report.docx» → «report.kk.docx» for Kazakh; unchanged for Russian."""
        stem, dot, ext = name.rpartition(".")
        return f"{stem}{self.file_suffix}.{ext}" if dot else name + self.file_suffix


def in_language(evaluation: Evaluation, catalogue: Catalogue, lang: Lang) -> tuple[Evaluation, Catalogue, Wording]:
    """The evaluation, the catalogue and the wording of the documents in ``lang``: for Kazakh, every text in
    Kazakh where one is known (:func:`vakr.evaluation.kazakh.kazakh_version`)."""
    if lang == "kk":
        kk = kazakh_version(evaluation, catalogue)
        return kk.evaluation, kk.catalogue, wording("kk")
    return evaluation, catalogue, wording("ru")


def wording(lang: Lang) -> Wording:
    """The wording of the documents in ``lang``."""
    if lang == "kk":
        from vakr.documents.wording.kazakh import KAZAKH

        return KAZAKH
    from vakr.documents.wording.russian import RUSSIAN

    return RUSSIAN
