"""The tables and charts of the notebooks of the year (vakr.site.monitoring, vakr.site.monitoring_plots): numbers
instead of codes, places without file names, organisations without records, byte-identical figures."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from vakr.documents.tables import to_markdown
from vakr.problems import Place, Problem
from vakr.site import monitoring as mon
from vakr.site import monitoring_plots
from vakr.site import notebook as nb

SPARSE = Path(__file__).parent / "data" / "sparse-land.yaml"
RAW_CODE = re.compile(r"\bp[1-4]\.t\d|\b(?:profile|year)\.[a-z_]+|\.ya?ml\b|\.xlsx\b")


@pytest.fixture(scope="module")
def akimat():
    run = nb.load("data/examples/akimat-example.yaml", "", "2026-06-15")
    return run, mon.state(run)


@pytest.fixture(scope="module")
def quasi():
    run = nb.load("data/examples/quasi-example.yaml", "", "2025-12-15")
    return run, mon.state(run)


def _tables(run, state):
    org, catalogue = run.organisation, run.catalogue
    return [mon.plan_dataframe(state), mon.summary_dataframe(state), mon.units_dataframe(state),
            mon.duties_dataframe(state, catalogue), mon.kpis_dataframe(state, catalogue),
            mon.violations_dataframe(state), mon.records_dataframe(state, org, catalogue),
            mon.documents_dataframe(state, org, catalogue), mon.iso_dataframe(state, catalogue),
            mon.trainings_dataframe(state, org)]


def test_codes_become_numbers_and_field_names_go(catalogue):
    text = "Каждый из документов p3.t2.s1–p3.t2.s8 опубликован (p3.t2.s9); численность (profile.staff_headcount)"
    assert mon.plain(text, catalogue) == "Каждый из документов 3.2.1–3.2.8 опубликован (3.2.9); численность"
    assert mon.label(catalogue, "p4.t2.s2") == "4.2.2 Ежемесячное разъясняющее мероприятие"
    assert mon.label(catalogue, "p3.t2") == "3.2 Антикоррупционная документация"


@pytest.mark.parametrize("example", ["akimat", "quasi"])
def test_no_table_shows_a_code_or_a_file(example, request):
    run, state = request.getfixturevalue(example)
    for df in _tables(run, state):
        text = to_markdown(df)
        assert not RAW_CODE.search(text), RAW_CODE.search(text)


def test_the_akimat_example_on_its_date(akimat):
    run, state = akimat
    summary = to_markdown(mon.summary_dataframe(state))
    assert "| Процент исполнения | 83,3 % |" in summary and "10 из 12" in summary
    plan = mon.plan_dataframe(state)
    assert plan.loc[plan["№"] == "1.2.1.", "Состояние"].item() == "исполнено с нарушением срока, 14.04.2026"
    assert plan.loc[plan["№"] == "3.2.1.", "Состояние"].item() == "просрочено (исполнено частично)"
    kpis = mon.kpis_dataframe(state, run.catalogue, project=4)
    assert list(kpis["Показатель"]) == ["4.1.1 Заседание комиссии при акиме", "4.2.1 Обучение не менее 5 % служащих",
                                        "4.2.2 Ежемесячное разъясняющее мероприятие"]
    assert "округление вверх до целого человека — допущение проекта" in kpis["Как считается"][1]
    violations = mon.violations_dataframe(state)
    assert list(violations["Где записано"]) == [
        "лист «Приём на работу», запись 2", "лист «Ответственность руководителей», запись 1",
        "лист «Ограничения», запись 2", "лист «Сверки», запись 2"]
    records = mon.records_dataframe(state, run.organisation, run.catalogue)
    assert records.values.tolist()[1] == ["Сверки", "2.2.1", 2, 1]
    assert mon.duties_dataframe(state, run.catalogue, project=3).empty  # project 3: quasi-public only


def test_the_quasi_example_documents(quasi):
    run, state = quasi
    documents = mon.documents_dataframe(state, run.organisation, run.catalogue)
    assert len(documents) == 8
    assert list(documents["Состояние"].value_counts().sort_index().items()) == [
        ("не принят", 1), ("принят и опубликован", 6), ("принят, не опубликован", 1)]
    assert documents.iloc[6].tolist()[2:] == ["Приказ от 1 августа 2025 года № 97-п, 01.08.2025", "не опубликован",
                                              "принят, не опубликован"]


def test_a_place_in_a_workbook_is_its_sheet_and_row():
    place = Place(file="org.xlsx", sheet="Приём на работу", row=3, column="C", header="Ранее совершал")
    problem = Problem(severity="warning", code="p2.hire_prior_offence", message="…", place=place,
                      field="year.hires.1.prior_offence")
    assert mon.place_text(problem) == "лист «Приём на работу», строка 3"


def test_an_organisation_without_records_gives_empty_tables_and_figures(catalogue):
    run = nb.load(str(SPARSE), "", "2026-06-15")
    state = mon.state(run)
    assert state.plan == [] and mon.plan_notes_markdown(state).startswith("- Исполнение плана мероприятий не внесено")
    assert mon.plan_dataframe(state).empty and mon.violations_dataframe(state).empty
    assert mon.summary_dataframe(state).iloc[-1].tolist()[1] == "—"
    assert monitoring_plots.plan_timeline_figure(state) is not None
    assert monitoring_plots.events_figure(state, run.organisation, run.catalogue) is not None


def test_the_calendar_is_written_only_with_out_dir(tmp_path, akimat):
    run, state = akimat
    assert "не задан" in mon.write_calendar(run, state)
    written = nb.NotebookRun(run.catalogue, run.organisation, run.evaluation, tmp_path, run.today)
    assert mon.write_calendar(written, state).startswith(f"Записан файл `{mon.CALENDAR_FILE}`")
    assert (tmp_path / mon.CALENDAR_FILE).read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_figures_are_byte_identical(akimat):
    run, state = akimat

    def png(fig) -> bytes:
        out = io.BytesIO()
        fig.savefig(out, format="png", metadata={"Software": None})
        return out.getvalue()

    for make in (lambda: monitoring_plots.plan_timeline_figure(state),
                 lambda: monitoring_plots.events_figure(state, run.organisation, run.catalogue)):
        assert png(make()) == png(make())


def test_state_defaults_to_the_current_date():
    run = nb.load(str(SPARSE), "", "")
    assert mon.state(run).today == dt.date.today()
