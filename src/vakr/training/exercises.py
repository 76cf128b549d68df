"""The exercises of the training course, read from ``data/training`` (one YAML file per topic) and validated.

Each file holds ``version: 1`` and a list ``exercises``; each exercise has a stable ``code``, a Russian ``title`` and
the texts of its topic. Besides its model, every exercise is checked against the methodology (the codes it cites
exist) and, for a deadline exercise, against the calendar (its ВАКР can be scheduled and every deadline falls in a
year whose calendar is confirmed). All problems of all files are reported at once, in Russian, naming the file, the
exercise and its line (:class:`~vakr.errors.CatalogueError`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from vakr import safe_yaml
from vakr.calendar.deadlines import vakr_schedule
from vakr.errors import CatalogueError, VakrError
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import _PYDANTIC_MESSAGES, default_catalogue
from vakr.methodology.models import NpaFactor
from vakr.paths import training_dir
from vakr.problems import Place, Problem

# The topics of the course in the order the application shows them: the key names the file (``<key>.yaml``) and the
# field of :class:`Course`, the value is the topic's title.
TOPICS: dict[str, str] = {
    "deadlines": "Сроки ВАКР",
    "indicators": "Индикаторы",
    "scoring": "Оценка риска",
    "npa": "Коррупционные факторы в НПА",
    "plan": "План мероприятий",
}

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Level = Annotated[int, Field(ge=1, le=5)]


class Exercise(BaseModel):
    """What every exercise has: a stable code (it names the exercise in the trainee's results) and a title."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code
    title: Text


class DeadlineExercise(Exercise):
    """A ВАКР from ``vakr_start`` to ``vakr_end``: the trainee counts the deadline of every event of its schedule."""

    vakr_start: date
    vakr_end: date
    six_day_week: bool = False
    lesson: Text  # what the case teaches (Наурыз, a transferred day off, a working Saturday, …)


class IndicatorExercise(Exercise):
    """A situation → the indicator it shows (or the factor's or area's code for «иные признаки»)."""

    situation: Text
    answer: Code
    explanation: Text


class ScoringExercise(Exercise):
    """A situation → its likelihood and impact (1–5); the level of risk follows from them."""

    situation: Text
    likelihood: Level
    impact: Level
    explanation: Text


class NpaExercise(Exercise):
    """A provision of an act (quoted) → the corruption factors (NPA factor codes) it contains."""

    provision: Text
    factors: list[Code] = Field(min_length=1)
    explanation: Text

    @field_validator("factors")
    @classmethod
    def _no_repeats(cls, factors: list[str]) -> list[str]:
        repeated = sorted({f for f in factors if factors.count(f) > 1})
        if repeated:
            raise ValueError(f"фактор указан дважды: {', '.join(repeated)}")
        return factors


class PlanExercise(Exercise):
    """A finding (indicator, description, likelihood, impact) → the measure, its completion form and its term."""

    finding: Text  # the description of the risk, as the analyst wrote it (it chooses among a code's measures)
    indicator: Code
    likelihood: Level
    impact: Level
    explanation: Text


class Course(BaseModel):
    """The whole course: the exercises of every topic, in file order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    deadlines: list[DeadlineExercise]
    indicators: list[IndicatorExercise]
    scoring: list[ScoringExercise]
    npa: list[NpaExercise]
    plan: list[PlanExercise]

    def exercises(self, topic: str) -> list[Exercise]:
        """The exercises of a topic (a key of :data:`TOPICS`)."""
        if topic not in TOPICS:
            raise KeyError(topic)
        return list(getattr(self, topic))

    def get(self, code: str) -> Exercise:
        """The exercise with this code, of any topic; ``KeyError`` if there is none."""
        for topic in TOPICS:
            for exercise in getattr(self, topic):
                if exercise.code == code:
                    return exercise
        raise KeyError(code)


MODELS: dict[str, type[Exercise]] = {
    "deadlines": DeadlineExercise,
    "indicators": IndicatorExercise,
    "scoring": ScoringExercise,
    "npa": NpaExercise,
    "plan": PlanExercise,
}
VERSION = 1

# --- reading -------------------------------------------------------------------------------------------------------

_MESSAGES = {
    **_PYDANTIC_MESSAGES,
    "string_pattern_mismatch": "недопустимый код (латиница в нижнем регистре, цифры, «_», части через точку)",
    "bool_parsing": "ожидается true или false",
    "too_short": "список не должен быть пустым",
    "date_from_datetime_inexact": "ожидается дата ГГГГ-ММ-ДД",
}


def _what(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"число должно быть не меньше {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"число должно быть не больше {ctx.get('le')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return _MESSAGES.get(kind, err["msg"])


class _Problems:
    """The problems found so far, each «file, line: exercise: message»."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.lines: list[str] = []

    def add(self, file: str, message: str, *, case: str | None = None, line: int | None = None,
            index: int | None = None) -> None:
        where = file + (f", строка {line}" if line else "")
        text = f"задание {case}: {message}" if case else message
        self.lines.append(f"{where}: {text}")
        path = f"exercises[{index}]" if index is not None else None
        self.items.append(Problem(code="training", message=text, place=Place(file=file, path=path, line=line or None)))


def _case_name(raw: Any, index: int) -> str:
    code = raw.get("code") if isinstance(raw, dict) else None
    return str(code) if isinstance(code, str) and code else f"№ {index + 1}"


def _item_lines(root: yaml.Node | None) -> list[int]:
    """The 1-based line of each item of ``exercises``, for the messages."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "exercises" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _case_near(text: str, line: int | None) -> str | None:
    """The code of the exercise a syntax error is in: the last «code:» at or above its line."""
    if not line:
        return None
    for row in reversed(text.splitlines()[:line]):
        key, sep, value = row.strip().lstrip("- ").partition(":")
        if sep and key.strip() == "code" and value.strip():
            return value.strip().strip("\"'")
    return None


def _read(path: Path, problems: _Problems) -> tuple[list[Any], list[int]] | None:
    """The raw exercises of a file and their lines, or None (the problem is recorded)."""
    name = path.name
    if not path.is_file():
        problems.add(name, f"файл отсутствует в {path.parent}")
        return None
    text = ""
    try:
        text = safe_yaml.load_text(path.read_bytes())
        root, raw = safe_yaml.compose(text)
    except safe_yaml.YamlRefused as exc:
        case = _case_near(text, exc.line)
        problems.add(name, exc.message + (f" (в задании {case} или рядом с ним)" if case else ""), line=exc.line)
        return None
    except OSError as exc:
        problems.add(name, f"файл не удаётся прочитать: {exc.strerror}")
        return None
    if not isinstance(raw, dict):
        problems.add(name, "файл пуст или не является словарём YAML (ожидаются поля version и exercises)")
        return None
    unknown = sorted(str(k) for k in raw if k not in ("version", "exercises"))
    if unknown:
        problems.add(name, f"лишние поля: {', '.join(unknown)} (ожидаются version и exercises)")
    if raw.get("version") != VERSION:
        problems.add(name, f"поле version: ожидается {VERSION}, указано {raw.get('version')!r}")
    items = raw.get("exercises")
    if not isinstance(items, list) or not items:
        problems.add(name, "поле exercises: ожидается непустой список заданий")
        return None
    lines = _item_lines(root)
    return items, lines + [0] * (len(items) - len(lines))


def _validate(model: type[Exercise], raw: Any, file: str, case: str, line: int, index: int,
              problems: _Problems) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "—"
            problems.add(file, f"поле «{field}»: {_what(err)}", case=case, line=line, index=index)
        return None


# --- checks against the methodology and the calendar -----------------------------------------------------------


def _finding_code_problem(catalogue: Catalogue, code: str, field: str) -> str | None:
    try:
        catalogue.group_of(code)
    except KeyError:
        return (f"поле «{field}»: в каталоге методики нет индикатора, фактора или сферы с кодом «{code}»")
    return None


def _check_deadlines(ex: DeadlineExercise, catalogue: Catalogue) -> list[str]:
    try:
        schedule = vakr_schedule(ex.vakr_start, ex.vakr_end, six_day_week=ex.six_day_week, catalogue=catalogue)
    except VakrError as exc:
        return [f"сроки ВАКР не рассчитываются: {exc}"]
    problems = [w.message for w in schedule.errors]
    provisional = next((e for e in schedule.events if e.provisional), None)
    if provisional is not None:
        problems.append(f"срок «{provisional.title}» ({provisional.deadline:%d.%m.%Y}) предварительный —"
                        f" {provisional.provisional_reason}; выберите даты, все сроки которых приходятся на годы с"
                        " подтверждённым календарём")
    return problems


def _check_indicator(ex: IndicatorExercise, catalogue: Catalogue) -> list[str]:
    problem = _finding_code_problem(catalogue, ex.answer, "answer")
    return [problem] if problem else []


def _check_npa(ex: NpaExercise, catalogue: Catalogue) -> list[str]:
    factors = {f.code: f for f in catalogue.npa_factors}
    problems = []
    for code in ex.factors:
        if code in factors:
            continue
        try:
            group = catalogue.group_of(code)
        except KeyError:
            group = None
        if isinstance(group, NpaFactor):
            problems.append(f"поле «factors»: «{code}» — индикатор фактора «{group.title}»; укажите код самого"
                            f" фактора: {group.code}")
        else:
            problems.append(f"поле «factors»: в каталоге нет коррупционного фактора в НПА с кодом «{code}»"
                            f" (допустимы: {', '.join(factors)})")
    return problems


def _check_plan(ex: PlanExercise, catalogue: Catalogue) -> list[str]:
    problem = _finding_code_problem(catalogue, ex.indicator, "indicator")
    if problem:
        return [problem]
    group = catalogue.group_of(ex.indicator)
    if not (catalogue.recommended_for(ex.indicator) or catalogue.recommended_for(group.code)):
        return [f"поле «indicator»: для «{ex.indicator}» в перечне рекомендуемых мер нет ни одной меры"]
    return []


_CHECKS: dict[str, Any] = {
    "deadlines": _check_deadlines,
    "indicators": _check_indicator,
    "scoring": lambda ex, catalogue: [],
    "npa": _check_npa,
    "plan": _check_plan,
}

def load_course(folder: Path | None = None, catalogue: Catalogue | None = None) -> Course:
    """Read and validate every topic's file of ``folder`` (default: the package's ``data/training``) against
    ``catalogue`` (default: the bundled methodology with the user's imported lists); raise
    :class:`~vakr.errors.CatalogueError` listing every problem, each naming the file and the exercise."""
    folder = Path(folder) if folder is not None else training_dir()
    catalogue = default_catalogue(catalogue)
    problems = _Problems()
    if not folder.is_dir():
        raise CatalogueError(f"Папка заданий учебного курса не найдена: {folder}")
    parts: dict[str, list[Exercise]] = {}
    codes: dict[str, str] = {}
    for topic, model in MODELS.items():
        name = f"{topic}.yaml"
        read = _read(folder / name, problems)
        parts[topic] = []
        if read is None:
            continue
        titles: dict[str, str] = {}
        for index, (raw, line) in enumerate(zip(*read)):
            case = _case_name(raw, index)

            def report(message: str) -> None:
                problems.add(name, message, case=case, line=line, index=index)  # noqa: B023 - called in this pass

            code = raw.get("code") if isinstance(raw, dict) else None
            if isinstance(code, str) and code in codes:
                report(f"код уже занят другим заданием ({codes[code]})")
            elif isinstance(code, str):
                codes[code] = name + (f", строка {line}" if line else "")
            exercise = _validate(model, raw, name, case, line, index, problems)
            if exercise is None:
                continue
            if exercise.title in titles:
                report(f"название «{exercise.title}» уже есть у задания {titles[exercise.title]}")
            titles.setdefault(exercise.title, exercise.code)
            for message in _CHECKS[topic](exercise, catalogue):
                report(message)
            parts[topic].append(exercise)
    if problems.lines:
        text = f"Ошибки в заданиях учебного курса ({folder}):\n" + "\n".join(f"  • {p}" for p in problems.lines)
        raise CatalogueError(text, problems.items)
    return Course.model_validate(parts)
