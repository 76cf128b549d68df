"""One trainee's answers in the training course: the latest answer to each question, the score by topic and the
results as CSV for the trainer. Nothing about the trainee is kept — no name, no time, no address — only the
exercises, the answers and their verdicts.
"""

from __future__ import annotations

import csv
import io

from vakr.training.exercises import TOPICS
from vakr.training.grading import Feedback

CSV_COLUMNS = ["Тема", "Задание", "Вопрос", "Ответ", "Верно", "Правильный ответ", "Пояснение"]
SUMMARY_TITLE = "Итог по темам"
SUMMARY_COLUMNS = ["Тема", "Верно", "Всего"]


def _topic_title(topic: str) -> str:
    """A topic's title, also when the feedback names it by its key («deadlines»)."""
    return TOPICS.get(topic, topic)


class TrainingSession:
    """The answers given so far, in the order the questions were first answered; a later answer to the same
    question (the same topic, exercise and question) replaces the earlier one in its place."""

    def __init__(self) -> None:
        self._answers: list[Feedback] = []

    def record(self, feedback: Feedback) -> None:
        key = (_topic_title(feedback.topic), feedback.exercise, feedback.question)
        for i, earlier in enumerate(self._answers):
            if (_topic_title(earlier.topic), earlier.exercise, earlier.question) == key:
                self._answers[i] = feedback
                return
        self._answers.append(feedback)

    @property
    def answers(self) -> list[Feedback]:
        """The recorded answers (a copy)."""
        return list(self._answers)

    def clear(self) -> None:
        """Forget every answer (a new attempt at the course)."""
        self._answers.clear()

    def score_by_topic(self) -> dict[str, tuple[int, int]]:
        """Topic title → (correct, answered), in the order of :data:`~vakr.training.exercises.TOPICS`, for the
        topics with answers only (a topic unknown to the course comes last)."""
        order = list(TOPICS.values())
        scores: dict[str, tuple[int, int]] = {}
        for feedback in self._answers:
            title = _topic_title(feedback.topic)
            right, total = scores.get(title, (0, 0))
            scores[title] = (right + feedback.correct, total + 1)
        ranked = sorted(scores, key=lambda t: order.index(t) if t in order else len(order))
        return {title: scores[title] for title in ranked}

    def to_csv(self) -> bytes:
        """The answers as CSV for Excel: UTF-8 with BOM, «;» between fields; the columns «Тема», «Задание»,
        «Вопрос», «Ответ», «Верно» (да/нет), «Правильный ответ», «Пояснение»; then an empty line, «Итог по темам»
        and one row «Тема;Верно;Всего» per topic."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for f in self._answers:
            writer.writerow([_topic_title(f.topic), f.exercise, f.question, f.answer, "да" if f.correct else "нет",
                             f.expected, f.explanation])
        writer.writerow([])
        writer.writerow([SUMMARY_TITLE])
        writer.writerow(SUMMARY_COLUMNS)
        for title, (right, total) in self.score_by_topic().items():
            writer.writerow([title, right, total])
        return out.getvalue().encode("utf-8-sig")
