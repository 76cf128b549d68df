"""The training widgets: the views they show, and the widgets reacting to their controls."""

from __future__ import annotations

import datetime as dt

from vakr.site.training import area_view, checklist_explorer, deadline_calculator, schedule_view

D = dt.date


def test_schedule_view_for_autumn_2025():
    text, fig = schedule_view(D(2025, 10, 1), D(2025, 11, 28))
    assert "| 1 | Анонсирование на интернет-ресурсе, в СМИ и социальных сетях начала проведения ВАКР | За 10 рабочих дней до начала ВАКР | 17.09.2025 |" in text
    assert "| 5 | Подписание аналитической справки по результатам ВАКР | Не позднее 10 рабочих дней со дня завершения ВАКР | 12.12.2025 |" in text
    assert fig is not None


def test_schedule_view_explains_bad_dates():
    text, fig = schedule_view(D(2025, 11, 28), D(2025, 10, 1))
    assert fig is None and "раньше даты начала" in text
    text, fig = schedule_view(D(2019, 1, 10), D(2019, 2, 10))
    assert fig is None and text.startswith("**Ошибка:** Календарь рабочих дней Казахстана известен на 2020–2035")
    assert schedule_view(None, D(2025, 1, 1)) == ("Укажите даты начала и завершения ВАКР.", None)


def test_area_view_lists_indicators_and_typical_situations(catalogue):
    hr = area_view("org.hr", catalogue=catalogue)
    assert "2. Назначение на должность без проведения конкурсного отбора" in hr
    assert "Раздел аналитической справки: 1." in hr
    control = area_view("org.control", catalogue=catalogue)
    assert "- Проведение проверки — Возможность сокрытия нарушений" in control
    assert "индикаторы ещё не внесены" in control


def test_widgets_update_when_controls_change():
    calc = deadline_calculator()
    start, end = calc.children[0].children
    out = calc.children[2]
    assert len(out.outputs) == 2  # the table and the chart for the initial dates
    end.value = D(2025, 9, 1)  # before the start
    assert len(out.outputs) == 1 and "раньше даты начала" in out.outputs[0]["data"]["text/markdown"]

    explorer = checklist_explorer()
    picker, out = explorer.children
    assert "Управление персоналом" in out.outputs[0]["data"]["text/markdown"]
    picker.value = "npa.discretion"
    assert "Использование формулировок «вправе», «могут»" in out.outputs[0]["data"]["text/markdown"]
