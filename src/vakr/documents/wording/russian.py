"""The documents' wording in Russian, after the seed's samples (the phrases with grammar are in
:mod:`vakr.documents.texts`)."""

from __future__ import annotations

import datetime as dt

from vakr.calendar.ics import RUSSIAN_ICS
from vakr.documents.texts import (
    SUGGESTED_LEGEND,
    approval_lines,
    found_phrase,
    lower_first,
    name_in_genitive,
    opening_text,
    order_phrase,
    period_phrase,
    years_phrase,
)
from vakr.documents.wording import Wording
from vakr.documents.xlsx_common import SIGNATURE_DATE
from vakr.evaluation.evaluate import SUGGESTION_KINDS, process_name
from vakr.formatting import long_date, plural

SUGGESTED_HEADER = "Предложено по методике — проверьте"


def _due_text(day: dt.date, provisional: bool) -> str:
    return long_date(day) + (" (предварительно)" if provisional else "")


def _provisional_legend(reason: str) -> str:
    return (f"«Предварительно» — срок рассчитан по календарю, который ещё не подтверждён ({reason}): выходные и"
            " известные праздники учтены; после публикации акта о переносе дней отдыха проверьте такие сроки.")


def _level_detail(band: str, likelihood: int, impact: int, score: int) -> str:
    return (f"{band} (вероятность – {likelihood}, последствия – {impact}, итоговая оценка – "
            f"{plural(score, 'балл', 'балла', 'баллов')}).")


def _npa_intro(factors: int, n: int) -> str:
    return (f"Нормативные правовые акты и внутренние документы, затрагивающие деятельность объекта анализа, "
            f"проанализированы на наличие коррупционных факторов ({factors} видов); {found_phrase(n)}."
            + (" Каждый риск изложен в разделе описательной части, к которому относится." if n else ""))


def _summary_found(n: int, npa: int) -> str:
    return (f"Всего по итогам ВАКР {found_phrase(n)}: в нормативных правовых актах – {npa}, в "
            f"организационно-управленческой деятельности – {n - npa}. Распределение рисков по разделам справки и "
            f"уровням приведено в таблицах.")


def _band_rule(bands: list[tuple[str, int, int]]) -> str:
    ranges = ", ".join(f"{title} – {low}–{high}" for title, low, high in bands)
    return (f"Уровень риска определён по произведению оценок вероятности и последствий (от 1 до 5 каждая): {ranges} "
            f"баллов.")


def _attachments(positions: int, n: int) -> str:
    if positions:
        return (f"Для устранения выявленных рисков разработан план мероприятий (прилагается). Перечень должностей, "
                f"подверженных коррупционным рискам, включает "
                f"{plural(positions, 'должность', 'должности', 'должностей')} (прилагается).")
    return "Для устранения выявленных рисков разработан план мероприятий (прилагается)." if n else ""


RUSSIAN = Wording(
    lang="ru",
    file_suffix="",
    ics=RUSSIAN_ICS,
    docx_language="ru-RU",
    date=long_date,
    due_text=_due_text,
    provisional_legend=_provisional_legend,
    suggested_legend=SUGGESTED_LEGEND,
    suggested_legend_xlsx=("Выделенные значения предложены программой по методике (мера и форма завершения — по "
                           "индикатору, фактору или сфере риска, срок — по уровню риска, ответственный — "
                           "подразделение) — проверьте и при необходимости замените их перед утверждением плана."),
    suggested_header=SUGGESTED_HEADER,
    suggestion_kinds=SUGGESTION_KINDS,
    total="Итого",
    organisation=name_in_genitive,
    position_in_sentence=lower_first,
    approval_lines=approval_lines,
    approval_word="УТВЕРЖДАЮ",
    agreed_word="СОГЛАСОВАНО:",
    signature_date=SIGNATURE_DATE,
    authorised_title="Уполномоченное лицо",
    order=order_phrase,
    period=period_phrase,
    years=years_phrase,
    opening=opening_text,
    found=found_phrase,
    process_name=process_name,
    unnamed_act="правовой акт (внутренний документ), в котором выявлен коррупционный фактор",
    no_risks_section="По данному разделу коррупционные риски не выявлены.",
    recommendations_label="Рекомендации:",
    unit_label="Структурное подразделение: ",
    level_label=" Уровень риска: ",
    level_detail=_level_detail,
    section_functions=lambda title: f"{title} по разделу: ",
    no_unit_positions=lambda unit: (f"в перечне нет должностей подразделения «{unit}»; определите должности, "
                                    "подверженные данному риску"),
    positions_lead="По итогам ВАКР определены должности, подверженные коррупционным рискам (перечень прилагается):",
    npa_intro=_npa_intro,
    npa_header=("№", "Коррупционный фактор", "Выявлено рисков", "Разделы описательной части"),
    summary_found=_summary_found,
    summary_none="По итогам ВАКР коррупционные риски не выявлены.",
    band_rule=_band_rule,
    sections_caption="Распределение коррупционных рисков по разделам справки",
    sections_header=("Раздел справки", "Количество выявленных рисков"),
    npa_row="в том числе в нормативных правовых актах",
    levels_caption="Распределение коррупционных рисков по уровням",
    levels_header=("Уровень риска", "Балл", "Количество выявленных рисков"),
    attachments=_attachments,
    no_risks_row="По результатам ВАКР коррупционные риски не выявлены; мероприятия по их устранению не требуются.",
    plan_sheet="План мероприятий",
    plan_title=lambda organisation, years: [
        "П Л А Н",
        f"по устранению причин и условий, способствующих совершению коррупционных правонарушений, выявленных по "
        f"результатам проведения внутреннего анализа коррупционных рисков в деятельности {organisation} за {years}"],
    no_positions="Должности, подверженные коррупционным рискам, по итогам ВАКР не определены.",
    no_types=("Коррупционные риски в сферах, к которым относятся коррупциогенные функции (контроль и надзор, "
              "управление государственным имуществом, оказание государственных услуг и разрешительные функции, "
              "подбор и управление персоналом), не выявлены."),
    types_lead="С учётом сфер, в которых выявлены коррупционные риски, к деятельности объекта анализа относятся:",
    no_functions=("Примерный перечень не содержит функций, относящихся к сферам, в которых выявлены коррупционные "
                  "риски."),
    object_label="Наименование объекта внутреннего анализа коррупционных рисков",
    positions_sheet="Перечень должностей",
    functions_sheet="Коррупциогенные функции",
)
