"""vakr.site.handbook: every Markdown table the handbook pages generate, checked against the real catalogue and calendar."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from vakr.errors import CalendarRangeError
from vakr.site import handbook
from vakr.site.handbook.common import _table

pypandoc = pytest.importorskip("pypandoc")


def rows(markdown: str) -> list[list[str]]:
    """The body rows of the first pipe table in ``markdown`` as lists of cell texts."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(lines) >= 2 and re.fullmatch(r"\|(-{3,}\|)+", lines[1]), "нет заголовка pipe-таблицы"
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]]


def pandoc_blocks(markdown: str) -> list[dict]:
    """Parse with pandoc, failing on any warning."""
    out = pypandoc.convert_text(markdown, "json", format="markdown", extra_args=["--fail-if-warnings"])
    return json.loads(out)["blocks"]


# --- ids, pages, links -------------------------------------------------------------------------------------------


def test_section_id_is_derived_from_the_code():
    assert handbook.section_id("npa.legal_gap") == "sec-npa-legal-gap"
    assert handbook.section_id("org.public_services") == "sec-org-public-services"
    assert handbook.section_id("org.hr") == "sec-org-hr"
    for bad in ("", "org hr", "org/hr", "орг.hr"):
        with pytest.raises(ValueError):
            handbook.section_id(bad)


def test_every_factor_and_area_has_a_page(catalogue):
    pages = {g.code: g.handbook_page for g in catalogue.indicator_groups()}
    assert {pages[f.code] for f in catalogue.npa_factors} == {"npa-factors.qmd"}
    # section 9 areas share one page; every other area has its own
    shared = {code for code, page in pages.items() if page == "org-other.qmd"}
    assert shared == {"org.taxes", "org.anticorruption", "org.transparency", "org.other"}
    assert {a.code for a in catalogue.areas_of_section("report.s9")} == shared
    others = [pages[a.code] for a in catalogue.org_areas if a.code not in shared]
    assert len(others) == len(set(others)) == 8


def test_group_link_points_to_the_section_of_the_group():
    assert handbook.group_link("org.hr") == "[Управление персоналом](org-hr.qmd#sec-org-hr)"
    assert handbook.group_link("org.hr.02") == handbook.group_link("org.hr")
    assert handbook.group_link("npa.legal_gap.6") == "[Правовой пробел](npa-factors.qmd#sec-npa-legal-gap)"
    with pytest.raises(KeyError):
        handbook.group_link("org.nothing")


def test_table_helper_escapes_and_checks_shape():
    md = _table(["А", "Б"], [["x | y", "строка\nвторая"]], [3, 5])
    assert rows(md) == [["x \\| y", "строка вторая"]]
    assert md.splitlines()[1] == "|---|-----|"
    with pytest.raises(ValueError):
        _table(["А", "Б"], [["только одна"]])
    with pytest.raises(ValueError):
        _table(["А", "Б"], [], [3])


# --- indicators ----------------------------------------------------------------------------------------------------


def test_hr_indicators_table_has_the_15_indicators_of_the_seed():
    md = handbook.indicators_table("org.hr")
    body = rows(md)
    assert len(body) == 15
    assert body[1][0] == "2"
    assert body[1][1] == "Назначение на должность без проведения конкурсного отбора"
    assert len(body[1]) == 3 and "`" not in md  # a finding cites «area, indicator No.»: no codes for the reader
    assert body[1][2].startswith("Материалы направления № 4 (2024): ")
    assert body[14][1].startswith("Неприменение мер дисциплинарного характера")
    assert "Список неполный" in md  # partial list: the rest is in Методические рекомендации № 488
    assert "отмечаются в перечне индикаторов строкой «иные признаки»" in md


def test_contracts_and_discretion_indicators():
    contracts = rows(handbook.indicators_table("org.contracts"))
    assert len(contracts) == 10
    assert contracts[0][1] == "Отсутствие антикоррупционных оговорок в договорах"
    discretion = rows(handbook.indicators_table("npa.discretion"))
    assert [r[1] for r in discretion][0] == "Использование формулировок «вправе», «могут»"
    assert len(discretion) == 3
    legal_gap = rows(handbook.indicators_table("npa.legal_gap"))
    assert len(legal_gap) == 6
    assert legal_gap[5][1] == "Отсутствие правового регулирования того или иного вопроса в правовом акте"


def test_public_services_keeps_the_official_number_8():
    body = rows(handbook.indicators_table("org.public_services"))
    assert len(body) == 1 and body[0][0] == "8"
    assert body[0][1].startswith("Оказание «скрытых» государственных услуг")


def test_uncatalogued_group_says_so_plainly():
    md = handbook.indicators_table("org.coi")
    assert "|" not in md
    assert md == (
        "Официальный перечень индикаторов сферы «Урегулирование конфликта интересов» приведён в Методических"
        " рекомендациях № 488 и в пособие ещё не внесён. До его внесения признаки сферы отмечают в перечне"
        " индикаторов одной строкой «в целом» и описывают риск своими словами со ссылкой на норму или"
        " бизнес-процесс.\n"
    )
    collision = handbook.indicators_table("npa.collision")
    assert "индикаторов фактора «Коллизия" in collision and "признаки фактора отмечают" in collision
    for text in (md, collision):
        assert "каталог" not in text and "чек-лист" not in text and text.count("ещё не внесён") == 1


def test_indicators_table_wants_a_group_code():
    with pytest.raises(KeyError, match="org.hr"):
        handbook.indicators_table("org.hr.02")
    with pytest.raises(KeyError):
        handbook.indicators_table("org.nothing")


def test_factors_and_areas_tables():
    assert "| Индикаторы в пособии |" in handbook.factors_table().splitlines()[0]
    assert handbook.areas_table().splitlines()[0].endswith("| Индикаторы в пособии |")
    factors = rows(handbook.factors_table())
    assert len(factors) == 8
    assert factors[0][1] == "[Правовой пробел](npa-factors.qmd#sec-npa-legal-gap)"
    assert factors[0][2] == "6 индикаторов (внесены не все)"
    assert factors[1][2] == "индикаторы ещё не внесены"
    assert factors[3][2] == "3 индикатора (внесены не все)"
    areas = rows(handbook.areas_table())
    assert len(areas) == 12
    taxes = areas[6]
    assert taxes[1] == "[Сбор налогов и иных платежей](org-other.qmd#sec-org-taxes)"
    assert taxes[2].startswith("9. Иные вопросы") and taxes[2].endswith("(допущение проекта)")
    # the project files taxes, anti-corruption work and transparency under section 9; the seed's own «Иные вопросы»
    # area and every other area carry no marker
    marked = [r[0] for r in areas if r[2].endswith("(допущение проекта)")]
    assert marked == ["7", "10", "11"]
    assert areas[7][2].startswith("7. Заключение договоров")  # area 8 goes to report section 7
    assert areas[0][3] == "15 индикаторов (внесены не все)"


def test_typical_situations_of_control_come_from_the_exemplary_list():
    body = rows(handbook.typical_situations_table("org.control"))
    assert len(body) == 8
    assert body[0][1] == "Формирование, согласование и утверждение перечня объектов контроля и надзора"
    assert body[1][2] == "Возможность сокрытия нарушений"
    assert body[5][3].startswith("В исходной таблице строка 6 повторяет")
    assert handbook.typical_situations_table("org.hr") == (
        "Для сферы «Управление персоналом» типовые ситуации в пособие не внесены.\n")
    with pytest.raises(KeyError):
        handbook.typical_situations_table("npa.legal_gap")


def test_measures_for_group(catalogue):
    body = rows(handbook.measures_for_group("org.hr"))
    assert len(body) == 16  # 15 indicators and the area as a whole
    assert body[0][0] == "индикатор 1" and body[0][1].startswith("Утвердить порядок отбора")
    assert body[-1][0] == "сфера в целом, в остальных случаях"
    assert handbook.measures_for_group("org.hr.02") == handbook.measures_for_group("org.hr")
    it = rows(handbook.measures_for_group("org.it"))
    assert it[0][0].startswith("сфера в целом, если в описании риска есть слова: «пароль»")
    npa = rows(handbook.measures_for_group("npa.legal_gap"))
    assert npa[5][1] == ("Направить в уполномоченный орган инициативное письмо об устранении правового пробела в"
                         " «акт и пункт, указанные в риске»")
    assert (npa[5][2], npa[5][3]) == ("Письмо", "методика")
    assert (npa[0][2], npa[0][3]) == ("Изменения в НПА", "допущение проекта")  # the form keeps «НПА» in capitals


# --- project map and ВАКР ------------------------------------------------------------------------------------------


def test_project_map_table():
    body = rows(handbook.project_map_table())
    assert [r[0] for r in body] == ["1", "2", "3", "4"]
    assert body[0][1] == "[Проведение внутреннего анализа коррупционных рисков](vakr.qmd)"
    assert body[0][2:4] == ["5", "9"]
    assert body[2][4] == "Субъект квазигосударственного сектора"  # named by the seed: project 3's title
    # the seed names no addressee for projects 1 and 2 (nor for task 4.3): the list is the project's choice
    assert [r[4] for r in body] == ["все субъекты (допущение проекта)", "все субъекты (допущение проекта)",
                                    "Субъект квазигосударственного сектора", "все субъекты (допущение проекта)"]
    # the seed: «рекомендуется проводить не реже одного раза в год», not «ежегодно»
    assert [r[5] for r in body] == ["не реже одного раза в год (рекомендуется)", "не указана", "не указана",
                                    "не указана"]


def test_project_tasks_tables():
    p1 = rows(handbook.project_tasks_table("p1"))
    assert len(p1) == 10  # 9 subtasks and the empty task 4
    assert p1[0][0] == "1.1.1" and p1[0][2] == "За 10 рабочих дней до начала ВАКР"
    task4 = next(r for r in p1 if r[0] == "1.4")
    assert "текста нет" in task4[2]
    p3 = rows(handbook.project_tasks_table("p3"))
    assert len(p3) == 11
    assert p3[-1][2] == "Ежеквартально к 5 числу месяца после отчётного периода"
    p4 = rows(handbook.project_tasks_table("p4"))
    five_percent = next(r for r in p4 if r[0] == "4.2.1")
    assert "не менее 5 %" in five_percent[1]
    assert five_percent[3] == "Государственный орган; Местный исполнительный орган (аппарат акима, акимат)"
    assert five_percent[2] == "Ежегодно (допущение проекта)"  # the seed states no periodicity for 4.2.1
    assert next(r for r in p4 if r[0] == "4.3.1")[3] == "все субъекты (допущение проекта)"
    assert p1[0][3] == "все субъекты (допущение проекта)"
    with pytest.raises(KeyError):
        handbook.project_tasks_table("p9")


def test_vakr_tables():
    basis = rows(handbook.legal_basis_table())
    assert len(basis) == 4
    assert "№ 21" in basis[2][2] and "31713" in basis[2][2]
    assert "№ 488" in basis[3][2]
    assert "по обоим направлениям ВАКР" in basis[3][2] and "в пособие внесены только индикаторы" in basis[3][2]
    assert "каталог" not in handbook.legal_basis_table() and "по всем направлениям" not in handbook.legal_basis_table()
    stages = rows(handbook.stages_table())
    assert len(stages) == 4 and stages[1][2] == "Типовые правила, пп. 18–21" and stages[2][2] == "—"
    sources = rows(handbook.information_sources_table())
    assert len(sources) == 12
    assert "не запрещено" in sources[11][1] and "пропущенное «не»" in sources[11][2]
    directions = rows(handbook.directions_table())
    assert len(directions) == 2
    assert directions[0][2].count("](npa-factors.qmd#") == 8
    assert directions[1][2].count("](org-") == 12


def test_organisation_types_table():
    body = rows(handbook.organisation_types_table())
    assert [r[0] for r in body][2] == "Субъект квазигосударственного сектора"
    assert body[2][1] == "1, 2, 3, 4"
    assert body[0][1] == "1, 2, 4"
    # ст. 8 of the Law is the basis of project 1 only; the other projects are named with their own basis
    state_body = body[0][2]
    assert "«О противодействии коррупции»: п. 5 ст. 8 (основание Типовых правил ВАКР) — для проекта 1." in state_body
    assert state_body.endswith("проект 2 и задача 4.3 (допущение проекта).")
    assert "п. 3 ст. 16 — для проекта 1. Проект 3 — по исходному материалу" in body[2][2]
    assert body[3][2] == "Для организаций, не относящихся к перечисленным типам (допущение проекта)"


# --- deadlines and calendar ----------------------------------------------------------------------------------------


def test_deadline_rules_table_follows_the_schedule_order():
    md = handbook.deadline_rules_table()
    body = rows(md)
    assert len(body) == 9
    assert md.splitlines()[0] == "| № | Действие | Срок по карте проектов | Отсчёт от | Сдвиг |"  # no codes
    # the seed gives the term for drawing up the plan; the project counts it as the term of its approval
    assert body[5][1].endswith("(допущение проекта: срок утверждения плана)")
    assert body[5][1].startswith("Разработка плана мероприятий")
    assert body[5][2] == "Не позднее 10 рабочих дней со дня подписания аналитической справки"
    assert sum("допущение проекта" in r[1] for r in body) == 1
    assert body[0][2:5] == ["За 10 рабочих дней до начала ВАКР", "начало ВАКР", "10 рабочих дней до события"]
    assert body[6][4] == "3 рабочих дня после события"
    assert body[8][3:5] == ["подписание аналитической справки", "один год после события"]


def test_periodic_rules_table():
    body = rows(handbook.periodic_rules_table())
    assert [r[0] for r in body] == ["3.1.1", "3.3.1", "4.1.1", "4.2.1", "4.2.2"]
    iso = body[1]
    assert iso[3].startswith("до 5-го числа месяца, следующего за отчётным периодом (квартала)")
    assert body[4][3] == "последний рабочий день месяца (допущение проекта)"
    assert body[2][4] == "Местный исполнительный орган (аппарат акима, акимат)"
    # 4.2.1: the seed gives no periodicity, the project reads the 2024 map as yearly; the others are the seed's words
    assert [r[2] for r in body] == ["Ежеквартально", "Ежеквартально к 5 числу месяца после отчётного периода",
                                    "Ежеквартально", "Ежегодно (допущение проекта)", "Ежемесячно"]


def test_calendar_table_2026_has_no_constitution_day_in_august():
    body = rows(handbook.calendar_table(2026))
    assert len(body) == 13
    august = body[7]
    assert august == ["Август", "21", "—", "—"]
    assert body[-1][:2] == ["**Итого**", "**247**"]
    assert "09.03 — Международный женский день (перенос выходного дня)" in body[2][2]


def test_calendar_table_2025_shows_the_january_transfer():
    body = rows(handbook.calendar_table(2025))
    january = body[0]
    assert "03.01 — Выходной день (перенесён с 05.01.2025)" in january[2]
    assert january[3] == "05.01 — Рабочий день (выходной перенесён на 03.01.2025)"
    assert "01.09 — День Конституции (перенос выходного дня)" in body[8][2]
    assert body[-1][1] == "**246**"


def test_calendar_table_refuses_years_beyond_the_horizon():
    with pytest.raises(CalendarRangeError):
        handbook.calendar_table(2036)


def test_counting_walkthrough_shows_what_was_skipped():
    body = rows(handbook.counting_walkthrough(dt.date(2025, 10, 1), dt.date(2025, 11, 28)))
    assert len(body) == 9
    assert body[0][4] == "**17.09.2025 (ср)**"
    plan = body[5]
    assert plan[1].endswith("(допущение проекта: срок утверждения плана)")
    assert plan[3] == "подписание аналитической справки: 12.12.2025 (пт)"
    assert plan[4] == "**29.12.2025 (пн)**"
    assert plan[5] == "16.12 — День Независимости"
    assert body[6][5] == "01.01 — Новый год; 02.01 — Новый год"
    monitoring = body[8]
    assert monitoring[4] == "**14.12.2026 (пн)**"
    assert monitoring[5].startswith("12.12.2026 (сб) — нерабочий день")


def test_counting_walkthrough_before_nauryz():
    body = rows(handbook.counting_walkthrough(dt.date(2024, 4, 1), dt.date(2024, 5, 31)))
    assert body[0][4] == "**13.03.2024 (ср)**"
    assert "21.03 — Наурыз мейрамы" in body[0][5]
    assert body[2][5] == "—"


# --- report, plan, positions ---------------------------------------------------------------------------------------


def test_report_tables():
    intro = rows(handbook.report_intro_table())
    assert [r[1] for r in intro][0] == "Реквизиты приказа о проведении внутреннего анализа коррупционных рисков"
    assert len(intro) == 4
    sections = rows(handbook.report_sections_table())
    assert len(sections) == 9
    assert "Перечень должностей, подверженных коррупционным рискам" in sections[0][3]
    assert "Перечень должностей" not in sections[1][3]
    assert sections[8][2].count("](org-other.qmd#") == 4
    assert sections[8][2].endswith("(допущение проекта: сферы 7, 10, 11)")
    assert not any("допущение" in s[2] for s in sections[:8])


def test_worked_examples():
    hidden = handbook.worked_example("example.hidden_service")
    fields = dict((r[0], r[1]) for r in rows(hidden.split("\n", 2)[2]))
    assert fields["Куда в справке"] == "раздел 3 справки «Оказание государственных услуг»"
    assert fields["Строка плана: срок"] == "7 декабря 2022 года"
    assert "индикатор 8:" in fields["Сфера или фактор и индикатор"]
    gap = handbook.worked_example("example.emergency_gap")
    assert "направление «Нормативные правовые акты»" in gap  # the ВАКР's direction: the term is right here
    assert gap.rstrip().endswith("сокращена до «Письмо».")
    assert "Примечание: В образце плана" in gap and "каталог" not in gap
    with pytest.raises(KeyError):
        handbook.worked_example("example.none")


def test_measures_table():
    body = rows(handbook.measures_table())
    assert len(body) == 8
    assert body[1][1] == "Конкретизация полномочий должностных лиц"
    assert body[4][2] == "Приказ"
    assert body[7][3] == "[Разработка и эксплуатация информационных систем](org-it.qmd#sec-org-it)"


def test_functions_tables():
    assert handbook.function_types_table().splitlines()[0].endswith("| Сферы (допущение проекта) |")
    types = rows(handbook.function_types_table())
    assert [r[1] for r in types] == [
        "Функции по контролю и надзору",
        "Функции по управлению государственным имуществом",
        "Функции по оказанию государственных услуг и разрешительные функции",
        "Функции по подбору и управлению персоналом",
    ]
    exemplary = rows(handbook.exemplary_functions_table())
    assert len(exemplary) == 8
    assert exemplary[7][2] == "Принятие мер по исполнению административного взыскания"


def test_table_columns():
    plan = rows(handbook.table_columns("table.plan"))
    assert [r[1] for r in plan] == [
        "№ п/п", "Индикатор риска / описание коррупционного риска", "Мероприятие", "Форма завершения",
        "Ответственные исполнители", "Срок завершения",
    ]
    assert len(rows(handbook.table_columns("table.positions"))) == 4
    with pytest.raises(KeyError):
        handbook.table_columns("table.none")


# --- risk matrix and sources ---------------------------------------------------------------------------------------


def test_risk_tables():
    scales = rows(handbook.risk_scales_table())
    assert scales[0] == ["1", "Очень редко", "Незначительные"]
    assert scales[4] == ["5", "Очень часто", "Тяжёлые"]
    matrix = rows(handbook.risk_matrix_table())
    assert matrix[0][0] == "5 — очень часто" and matrix[0][5] == "25 (критический)"
    assert matrix[4][1] == "1 (низкий)" and matrix[2][3] == "9 (средний)"
    bands = rows(handbook.risk_bands_table())
    assert [(b[0], b[1]) for b in bands] == [("Низкий", "1–4"), ("Средний", "5–9"), ("Высокий", "10–16"),
                                            ("Критический", "17–25")]
    assert sum(int(b[2]) for b in bands) == 25


def test_legal_sources_list(catalogue):
    md = handbook.legal_sources_list()
    items = [line for line in md.splitlines() if re.match(r"\d+\. ", line)]
    assert len(items) == len(catalogue.sources)
    assert any("№ 410-V" in line and "<https://adilet.zan.kz/rus/docs/Z1500000410>" in line for line in items)
    assert items[-1] == ("14. **Допущение проекта vakr (официальный источник не найден; меняется правкой данных)**"
                         " (допущение).")
    assert "`" not in md and "Код" not in md and "shared/" not in md and ".txt" not in md
    assert items[0].endswith("в таблицах пособия — «Материалы направления № 4 (2024)», в тексте — «исходный материал».")


# --- every output is Markdown pandoc reads cleanly ----------------------------------------------------------------

OUTPUTS = [
    ("project_map_table", ()),
    ("project_tasks_table", ("p2",)),
    ("legal_basis_table", ()),
    ("stages_table", ()),
    ("information_sources_table", ()),
    ("directions_table", ()),
    ("deadline_rules_table", ()),
    ("periodic_rules_table", ()),
    ("calendar_table", (2024,)),
    ("counting_walkthrough", (dt.date(2025, 10, 1), dt.date(2025, 11, 28))),
    ("factors_table", ()),
    ("areas_table", ()),
    ("indicators_table", ("org.hr",)),
    ("typical_situations_table", ("org.control",)),
    ("report_intro_table", ()),
    ("report_sections_table", ()),
    ("worked_example", ("example.hidden_service",)),
    ("measures_table", ()),
    ("function_types_table", ()),
    ("exemplary_functions_table", ()),
    ("table_columns", ("table.positions",)),
    ("risk_scales_table", ()),
    ("risk_matrix_table", ()),
    ("risk_bands_table", ()),
    ("organisation_types_table", ()),
    ("kazakh_texts_table", ("report",)),
    ("kazakh_texts_summary", ()),
    ("published_terms_table", ()),
]


@pytest.mark.parametrize("name, args", OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_tables_parse_as_pandoc_tables(name, args):
    blocks = pandoc_blocks(getattr(handbook, name)(*args))
    assert any(b["t"] == "Table" for b in blocks), f"{name}: pandoc не распознал таблицу"


def test_lists_parse_cleanly():
    assert pandoc_blocks(handbook.legal_sources_list())[0]["t"] == "OrderedList"
    assert pandoc_blocks(handbook.measures_for_group("org.hr"))[0]["t"] == "Table"
    assert pandoc_blocks(handbook.indicators_table("org.coi"))[0]["t"] == "Para"


def test_every_public_function_is_tested_here():
    names = {name for name in handbook.__all__ if callable(getattr(handbook, name))}
    source = open(__file__, encoding="utf-8").read()
    untested = sorted(n for n in names if f"handbook.{n}(" not in source and f'"{n}"' not in source)
    assert not untested, f"функции без теста: {untested}"


def test_calendar_years_table():
    body = rows(handbook.calendar_years_table())
    assert [r[0] for r in body] == [str(y) for y in range(2020, 2036)]
    assert body[3][1] == "подтверждён" and "№ 326" in body[3][2] and "07.07 вместо 01.07" in body[3][2]
    assert body[6][1] == "подтверждён" and body[6][2].startswith("Переносов дней отдыха на 2026 год не было")
    assert body[7][1:] == ["предварительный", "акт о переносе дней отдыха на 2027 год ещё не опубликован; дата"
                           " Курбан айта (16.05.2027) — ориентировочная"]
