"""`vakr train` in a real browser: Voilà serves the course, Debian's Chromium (driven by Playwright) works through
every exercise as a trainee would, and the feedback, the score and the downloaded CSV are the library's.

Skipped with its reason where Chromium is not installed (`make test` installs it where it can). The screenshots
of the handbook's chapter «Обучение» are taken here: `VAKR_SCREENSHOTS=handbook/images/training pytest
tests/test_training_browser.py` writes them into the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chromium import launch, needs_chromium

from vakr.formatting import date_with_weekday
from vakr.training.exercises import TOPICS, load_course
from vakr.training.grading import (
    check_deadline,
    check_indicator,
    check_npa,
    check_plan,
    check_scoring,
    deadline_questions,
    indicator_choices,
    npa_choices,
    plan_options,
)

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright не установлен (pip install playwright)")
pytestmark = needs_chromium
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
TIMEOUT = 60_000  # ms: the first page of a session starts a kernel


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    from vakr.training.server import voila_server

    port = _free_port()
    with voila_server("127.0.0.1", port) as process:
        yield f"http://127.0.0.1:{port}/"
    assert process.poll() is not None  # stopped with the block, kernels with it


@pytest.fixture(scope="module")
def browser():
    yield from launch(playwright_api)


@pytest.fixture
def page(browser, server):
    """A trainee's tab: its own session; every request it makes is recorded."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
    page.goto(server, wait_until="networkidle")
    page.locator(".vakr-topic-deadlines").wait_for()
    yield page
    outside = [url for url in page.requests if not url.startswith(LOCAL)]  # type: ignore[attr-defined]
    context.close()
    assert outside == [], f"запросы за пределы сервера обучения: {outside}"


@pytest.fixture(scope="module")
def course():
    return load_course()


def _tab(page, topic: str):
    """Open a topic's tab; its content."""
    page.get_by_role("tab", name={**TOPICS, "results": "Итоги"}[topic], exact=True).click()
    box = page.locator(f".vakr-topic-{topic}")
    box.wait_for(state="visible")
    return box


def _feedback(box, index: int = 0):
    return box.locator(".vakr-feedback").nth(index)


def _select_case(box, index: int, shown: str | None = None) -> None:
    """Choose a case; wait until the page shows it (``shown``: a text of the case), not the previous one."""
    box.locator(".vakr-case select").select_option(index=index)
    if shown:
        box.get_by_text(shown, exact=False).first.wait_for()


def test_the_course_opens_with_every_topic_and_no_request_leaves_the_server(page):
    tabs = [t.inner_text().strip() for t in page.get_by_role("tab").all()]
    assert tabs == [*TOPICS.values(), "Итоги"]
    assert "Пока нет ответов." in page.locator(".vakr-results").inner_text()


def test_deadlines_are_checked_date_by_date_with_the_rule_explained(page, course):
    box = _tab(page, "deadlines")
    for index, case in enumerate(course.deadlines):
        _select_case(box, index, date_with_weekday(case.vakr_start))
        questions = deadline_questions(case)
        # The first deadline right, the second a day late, the third in a wrong format, the rest empty.
        box.locator(f".vakr-deadline-{questions[0].event} input").fill(questions[0].expected.strftime("%d.%m.%Y"))
        wrong = questions[1].expected + dt.timedelta(days=1)
        box.locator(f".vakr-deadline-{questions[1].event} input").fill(wrong.strftime("%d.%m.%Y"))
        box.locator(f".vakr-deadline-{questions[2].event} input").fill("30.02.2025")
        box.locator(".vakr-check").click()
        right = check_deadline(case, questions[0].event, questions[0].expected)
        miss = check_deadline(case, questions[1].event, wrong)
        assert right.correct and not miss.correct
        first, second, third = (_feedback(box, i) for i in range(3))
        first.locator(".vakr-correct").wait_for()
        assert first.inner_text().startswith("✓ Верно.")
        assert right.explanation.split("\n")[0] in first.inner_text()
        assert second.inner_text().startswith(f"✗ Неверно. Правильный ответ: {miss.expected}.")
        assert "«30.02.2025» — не дата" in third.inner_text()
        assert _feedback(box, 3).inner_text() == "Срок не указан."


@pytest.mark.parametrize("topic", ["indicators", "scoring", "npa", "plan"])
def test_each_case_gives_the_librarys_feedback_for_a_right_and_a_wrong_answer(page, course, topic):
    box = _tab(page, topic)
    for index, case in enumerate(getattr(course, topic)):
        _select_case(box, index, _case_text(topic, case))
        for right in (False, True):
            feedback = _answer(box, topic, case, right)
            shown = _feedback(box)
            shown.locator(".vakr-correct" if right else ".vakr-wrong").wait_for()
            text = shown.inner_text()
            assert feedback.correct is right
            assert text.startswith("✓ Верно." if right else f"✗ Неверно. Правильный ответ: {feedback.expected}.")
            assert feedback.explanation.split("\n")[0] in text


def _case_text(topic: str, case) -> str:
    """A piece of the case's text the page shows once the case is chosen."""
    text = {"indicators": case.situation if topic == "indicators" else "", "scoring": getattr(case, "situation", ""),
            "npa": getattr(case, "provision", ""), "plan": getattr(case, "finding", "")}[topic]
    return " ".join(text.split())[:40]


def _answer(box, topic: str, case, right: bool):
    """Answer a case right or wrong in the page; the library's feedback for the same answer."""
    if topic == "indicators":
        codes = [code for code, _ in indicator_choices()]
        chosen = case.answer if right else next(c for c in codes if c != case.answer)
        box.locator(".vakr-answer select").select_option(label=dict(indicator_choices())[chosen])
        box.locator(".vakr-check").click()
        return check_indicator(case, chosen)
    if topic == "scoring":
        likelihood = case.likelihood if right else 6 - case.likelihood if case.likelihood != 3 else 1
        from vakr.methodology.loader import load_catalogue

        level = load_catalogue().risk_matrix.band_for(case.likelihood * case.impact).code
        box.locator(".vakr-answer-likelihood select").select_option(index=likelihood)
        box.locator(".vakr-answer-impact select").select_option(index=case.impact)
        bands = [b.code for b in load_catalogue().risk_matrix.bands]
        box.locator(".vakr-answer-level select").select_option(index=bands.index(level) + 1)
        box.locator(".vakr-check").click()
        return check_scoring(case, likelihood, case.impact, level)
    if topic == "npa":
        labels = dict(npa_choices())
        chosen = set(case.factors) if right else {next(c for c in labels if c not in case.factors)}
        for code, label in labels.items():
            box.get_by_role("checkbox", name=label, exact=True).set_checked(code in chosen)
        box.locator(".vakr-check").click()
        return check_npa(case, chosen)
    options = plan_options(case)
    measures = [code for code, _ in options.measures]
    right_feedback = None
    for measure in measures:  # the right measure is the one the library accepts with the right form and term
        for form, _ in options.forms:
            for term, _ in options.terms:
                feedback = check_plan(case, measure, form, term)
                if feedback.correct:
                    right_feedback = (measure, form, term)
                    break
            if right_feedback:
                break
        if right_feedback:
            break
    assert right_feedback is not None, case.code
    measure, form, term = right_feedback
    if not right:
        term = next(t for t, _ in options.terms if t != term)
    box.locator(".vakr-answer-measure select").select_option(index=1 + measures.index(measure))
    box.locator(".vakr-answer-form select").select_option(index=1 + [c for c, _ in options.forms].index(form))
    box.locator(".vakr-answer-term select").select_option(index=1 + [c for c, _ in options.terms].index(term))
    box.locator(".vakr-check").click()
    return check_plan(case, measure, form, term)


def test_the_summary_counts_the_answers_and_downloads_as_csv(page, course, tmp_path):
    box = _tab(page, "indicators")
    _answer(box, "indicators", course.indicators[0], True)
    _feedback(box).locator(".vakr-correct").wait_for()
    box = _tab(page, "npa")
    _answer(box, "npa", course.npa[0], False)
    _feedback(box).locator(".vakr-wrong").wait_for()
    results = _tab(page, "results")
    table = results.locator("table.vakr-score")
    rows = [[c.inner_text() for c in row.locator("td, th").all()] for row in table.locator("tr").all()]
    assert rows == [["Тема", "Верно", "Всего ответов"], [TOPICS["indicators"], "1", "1"], [TOPICS["npa"], "0", "1"],
                    ["Итого", "1", "2"]]
    with page.expect_download() as download:
        results.locator("a.vakr-download").click()
    path = tmp_path / "itogi.csv"
    download.value.save_as(path)
    assert download.value.suggested_filename == "итоги-обучения-vakr.csv"
    text = path.read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ","))
    assert lines[0][:2] == ["Тема", "Задание"]
    answered = lines[1:3]
    assert [row[0] for row in answered] == [TOPICS["indicators"], TOPICS["npa"]]
    assert [row[4] for row in answered] == ["да", "нет"]


def test_two_tabs_are_two_sessions(page, browser, server, course):
    box = _tab(page, "indicators")
    _answer(box, "indicators", course.indicators[0], True)
    _feedback(box).locator(".vakr-correct").wait_for()
    other = browser.new_context().new_page()
    other.set_default_timeout(TIMEOUT)
    other.goto(server, wait_until="networkidle")
    other.locator(".vakr-topic-deadlines").wait_for()
    other.get_by_role("tab", name="Итоги").click()
    assert "Пока нет ответов." in other.locator(".vakr-results").inner_text()
    other.context.close()


def test_screenshots_of_the_exercises(page, course, tmp_path):
    """The pictures of the handbook's chapter «Обучение» (into the repository with VAKR_SCREENSHOTS)."""
    folder = Path(os.environ.get("VAKR_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shots = {}
    box = _tab(page, "deadlines")
    questions = deadline_questions(course.deadlines[0])
    box.locator(f".vakr-deadline-{questions[0].event} input").fill(questions[0].expected.strftime("%d.%m.%Y"))
    box.locator(".vakr-check").click()
    _feedback(box).locator(".vakr-correct").wait_for()
    shots["deadlines"] = box
    for topic in ("indicators", "scoring", "npa", "plan"):
        box = _tab(page, topic)
        _answer(box, topic, getattr(course, topic)[0], topic != "npa")
        _feedback(box).locator(".vakr-correct, .vakr-wrong").first.wait_for()
        shots[topic] = box
    for topic in shots:
        _tab(page, topic)
        page.screenshot(path=str(folder / f"{topic}.png"), full_page=False)
    _tab(page, "results")
    page.screenshot(path=str(folder / "results.png"))
    for name in [*shots, "results"]:
        data = (folder / f"{name}.png").read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000, name


def test_vakr_train_prints_the_address_and_stops_on_ctrl_c(tmp_path):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "vakr", "train", "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any("Ctrl-C" in line for line in lines):
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
        assert lines[:2] == ["Обучение запущено. Участники открывают в браузере:\n", f"  http://127.0.0.1:{port}/\n"]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        os.killpg(process.pid, 2)  # Ctrl-C in the terminal reaches the whole process group
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
    assert process.returncode == 0, err
    assert "Обучение остановлено." in out and "Traceback" not in err
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_a_taken_port_is_a_clear_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "vakr", "train", "--host", "127.0.0.1", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"Порт {port} уже занят" in result.stderr and "Traceback" not in result.stderr
