"""The organisation model as YAML: the same field names as :mod:`vakr.organisation.model`, for tests and power users.

Layout::

    schema_version: 1
    profile: {name: …, slug: …, type: akimat, …, vakr_start: 2025-10-01, …}
    checklist: [{indicator: npa.legal_gap.1, answer: absent, comment: …}, …]
    findings: [{indicator: …, act: …, unit: …, description: …, likelihood: 3, impact: 4, …}, …]
    positions: [{title: …, unit: …, powers: …, risks: …}, …]
    year: {plan_execution: [{number: "1.1.1", measure: …, due: 2026-06-29, status: done, …}], events: […], …}

``year`` (the records of the year after the ВАКР, :mod:`vakr.organisation.year`) is optional and written only when
it holds records. Reading reports every problem of the file at once, each with its YAML path and line
(``akimat.yaml, findings[3].likelihood (строка 57): ожидается целое число от 1 до 5, указано «7»``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from vakr import safe_yaml
from vakr.errors import InputError
from vakr.evaluation.checklist import checklist_items
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.model import ANSWER_TITLES, SCHEMA_VERSION, Organisation, slugify
from vakr.organisation.values import pydantic_code, pydantic_message, salvage
from vakr.organisation.year import EXECUTION_STATUS_TITLES, ISO_STAGE_TITLES, TRAINING_KIND_TITLES, YearRecords
from vakr.organisation.year_titles import choice_titles, project_applies
from vakr.problems import Place, Problem, field_path

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # the type of ValidationError.errors() items

DATE_FORMAT = "ГГГГ-ММ-ДД"


def _header(name: str, count: int) -> str:
    return f"Файл {name}: найдено ошибок: {count}"


def yaml_path(key: tuple) -> str:
    """``("findings", 3, "indicator")`` → ``findings[3].indicator``."""
    text = ""
    for part in key:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# --- reading ----------------------------------------------------------------------------------------------


def _node_lines(node: yaml.Node, key: tuple, out: dict[tuple, int], duplicates: list[tuple[tuple, int]]) -> None:
    """The 1-based line of every value in the composed YAML tree, by its key path; repeated keys go to
    ``duplicates`` (YAML would silently keep the last one)."""
    out[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    duplicates.append((key + (k.value,), k.start_mark.line + 1))
                    continue
                seen.add(k.value)
                _node_lines(v, key + (k.value,), out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _node_lines(v, key + (i,), out, duplicates)


def _fail(path: Path, code: str, message: str, line: int | None = None) -> InputError:
    return InputError.single(code, message, Place(file=path.name, line=line))


def fill_empty(raw: dict[str, Any]) -> None:
    """A list written with nothing under it («findings:» with only comments, «year:») is an empty list."""
    for section in ("checklist", "findings", "positions"):
        if section in raw and raw[section] is None:
            raw[section] = []
    if "year" in raw and raw["year"] is None:
        raw["year"] = {}
    if isinstance(raw.get("year"), dict):
        raw["year"] = {name: [] if records is None else records for name, records in raw["year"].items()}


def read_yaml(path: str | Path) -> Organisation:
    """Read an organisation from YAML; raise :class:`InputError` listing every problem of the file."""
    path = Path(path)
    if not path.exists():
        raise _fail(path, "file.missing", f"файл не найден ({path})")
    if path.is_dir():
        raise _fail(path, "file.is_folder", "указана папка, а не файл")
    try:
        if path.stat().st_size > safe_yaml.MAX_BYTES:
            raise safe_yaml.YamlRefused(f"файл слишком большой ({path.stat().st_size / 1024 / 1024:.1f} МБ;"
                                        f" допускается не более {safe_yaml.MAX_BYTES // 1024 // 1024} МБ)")
        data = path.read_bytes()
        if not data.strip():
            raise _fail(path, "file.empty", "файл пуст")
        root, raw = safe_yaml.compose(safe_yaml.load_text(data))
    except OSError as exc:
        raise _fail(path, "file.unreadable", f"не удалось прочитать файл ({exc.strerror})") from None
    except safe_yaml.YamlRefused as exc:
        raise _fail(path, "yaml.refused", exc.place + exc.message, exc.line) from None
    if not isinstance(raw, dict):
        raise _fail(path, "yaml.not_mapping", "ожидается словарь с разделами profile, checklist, findings, positions")

    lines: dict[tuple, int] = {}
    duplicates: list[tuple[tuple, int]] = []
    if root is not None:
        _node_lines(root, (), lines, duplicates)

    def where(key: tuple) -> Place:
        return _place(path.name, lines, key)

    version = raw.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise InputError.single(
            "yaml.schema_version", f"версия формата «{version}» не поддерживается (ожидается {SCHEMA_VERSION});"
            " создайте новый файл командой `vakr new` и перенесите в него данные", where(("schema_version",)))
    fill_empty(raw)
    problems = [Problem(code="yaml.repeated_key", message=f"поле указано повторно (впервые — в строке {lines[key]})",
                        place=Place(file=path.name, path=yaml_path(key), line=line), field=field_path(*key))
                for key, line in duplicates]
    org = None
    errors: list[ErrorDetails] = []
    try:
        org = Organisation.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        problems += [Problem(code=pydantic_code(err), message=pydantic_message(err, DATE_FORMAT),
                             place=where(tuple(err["loc"])), field=field_path(*err["loc"])) for err in errors]
    if problems or org is None:
        partial, dates_replaced = salvage(raw, errors)
        if partial is not None:
            _set_locations(partial, path, lines)
        raise InputError(problems, header=_header(path.name, len(problems)), partial=partial,
                         reported=frozenset(where(tuple(err["loc"])) for err in errors),
                         dates_unreliable=dates_replaced)
    _set_locations(org, path, lines)
    return org


def _place(file: str, lines: dict[tuple, int], key: tuple) -> Place:
    """Where the value at ``key`` is: its YAML path, at its line or the line of its nearest parent in the file."""
    probe = key
    while probe and probe not in lines:
        probe = probe[:-1]
    return Place(file=file, path=yaml_path(key) or None, line=lines.get(probe) if key else None)


class _Places(Mapping[tuple, Place]):
    """The places of an organisation's values, each made when first asked for (an organisation has hundreds, and a
    run asks for the few of its warnings: making them all took a quarter of reading a file)."""

    def __init__(self, file: str, lines: dict[tuple, int], keys: set[tuple]):
        self._file, self._lines, self._keys = file, lines, keys
        self._made: dict[tuple, Place] = {}

    def __getitem__(self, key: tuple) -> Place:
        if key not in self._keys:
            raise KeyError(key)
        place = self._made.get(key)
        if place is None:
            place = self._made[key] = _place(self._file, self._lines, key)
        return place

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _set_locations(org: Organisation, path: Path, lines: dict[tuple, int]) -> None:
    keys = set(lines)
    # Fields left out of the file (optional ones) still get a place: the path, at the line of their parent.
    keys |= {("profile", name) for name in type(org.profile).model_fields}
    for section in ("checklist", "findings", "positions"):
        for i, item in enumerate(getattr(org, section)):
            keys |= {(section, i, name) for name in type(item).model_fields}
    for section in type(org.year).model_fields:
        for i, record in enumerate(getattr(org.year, section)):
            keys |= {("year", section, i, name) for name in type(record).model_fields}
    keys.discard(())
    org.set_locations(path.name, _Places(path.name, lines, keys))


# --- writing ----------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with multi-line text as ``|`` blocks and without anchors and aliases: one date object shared
    by two fields (a capped due date) would be written «&id001 … *id001», which vakr's own reader refuses."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_presenter)


def year_to_data(year: YearRecords) -> dict[str, list[dict[str, Any]]]:
    """The lists of the year that hold records, each record without its empty optional fields."""
    return {name: [r.model_dump(mode="python", exclude_none=True) for r in records]
            for name in type(year).model_fields if (records := getattr(year, name))}


def organisation_to_data(org: Organisation) -> dict[str, Any]:
    """The plain data written to YAML: the profile in full, list items without empty optional fields; the year's
    records only when there are some."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "profile": org.profile.model_dump(mode="python"),
        "checklist": [a.model_dump(mode="python", exclude_none=True) for a in org.checklist],
        "findings": [f.model_dump(mode="python", exclude_none=True) for f in org.findings],
        "positions": [p.model_dump(mode="python", exclude_none=True) for p in org.positions],
    }
    if not org.year.empty:
        data["year"] = year_to_data(org.year)
    return data


def dump_data(data: Any) -> str:
    """Plain data as vakr writes YAML: Unicode as is (Kazakh letters too), keys in order, multi-line text as
    ``|`` blocks."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def dump_yaml(org: Organisation) -> str:
    return dump_data(organisation_to_data(org))


def write_yaml(org: Organisation, path: str | Path) -> Path:
    """Write ``org`` to ``path`` as YAML, atomically (a temporary file in the same folder, then a rename)."""
    return write_atomic(path, dump_yaml(org))


def _q(value: Any) -> str:
    """A YAML scalar: JSON strings are valid YAML."""
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def template_yaml(catalogue: Catalogue, name: str, org_type: str = "state_body") -> str:
    """An empty YAML file to fill: every profile field, every checklist item (its title as a comment)."""
    answers = " | ".join(f"{code} ({title})" for code, title in ANSWER_TITLES.items())
    lines = [
        "# ВАКР: данные организации для vakr (формат YAML, версия 1).",
        "# Заполните поля; даты — в формате ГГГГ-ММ-ДД; списки — по одному элементу в строке через «- ».",
        f"# Ответы чек-листа: {answers}.",
        f"schema_version: {SCHEMA_VERSION}",
        "profile:",
        f"  name: {_q(name)}",
        "  name_kk: null  # все поля *_kk необязательны: тексты на казахском языке для `vakr report … --lang kk`"
        " (где пусто — русский текст)",
        f"  slug: {_q(slugify(name))}",
        f"  type: {org_type}",
        '  region: ""',
        '  head: {name: "", position: "", position_kk: null}',
        '  order: {number: "", date: null}',
        '  authorised_person: {name: "", position: "", position_kk: null}',
        "  working_group:",
        '    - {name: "", position: "", position_kk: null}',
        "  vakr_start: null",
        "  vakr_end: null",
        "  report_signed: null",
        "  plan_approved: null",
        "  work_week: 5",
        "  name_order: surname_first  # surname_first (Фамилия Имя Отчество) | given_first (Имя Отчество Фамилия)",
        "  units: []",
        "  units_kk: {}  # наименования на казахском языке: {Подразделение из units: Наименование на казахском}",
        "  staff_headcount: null",
        "  parent: null  # вышестоящий государственный орган или холдинг (необязательно)",
        "checklist:",
    ]
    for item in checklist_items(catalogue, org_type):
        lines.append(f"  # {item.label}: {' '.join(item.title.split())}")
        lines.append(f"  - {{indicator: {item.code}, answer: null}}")
    lines += [
        "findings:",
        "# Обязательны: indicator, unit, description, likelihood, impact (и act — для риска в НПА); остальное, если не"
        " указано, будет предложено по методике и помечено в документах.",
        "# - indicator: org.hr.02",
        "#   act: НПА или внутренний документ и его пункт, либо бизнес-процесс",
        "#   section: report.s5  # только для риска в НПА: раздел справки (report.s1 … report.s9)",
        "#   unit: Структурное подразделение (из profile.units)",
        "#   description: Описание риска",
        "#   functions: [Коррупциогенная функция]",
        "#   positions: [Должность (из positions)]",
        "#   measure: Рекомендуемая мера",
        "#   completion_form: Приказ",
        "#   responsible: [Подразделение (Фамилия И.О.)]",
        "#   due: 2026-03-31",
        "#   likelihood: 3  # 1–5",
        "#   impact: 3      # 1–5",
        "#   # Необязательно: тексты риска на казахском языке (списки — в том же порядке, что и русские)",
        "#   act_kk: НПА или документ и его пункт, либо бизнес-процесс — на казахском языке",
        "#   description_kk: Описание риска на казахском языке",
        "#   functions_kk: [Коррупциогенная функция на казахском языке]",
        "#   measure_kk: Рекомендуемая мера на казахском языке",
        "#   completion_form_kk: Бұйрық",
        "#   responsible_kk: [Ответственный исполнитель на казахском языке]",
        "positions:",
        "# - {title: Должность, unit: Подразделение, powers: Полномочия, risks: Коррупционные риски}",
        "# Необязательно, на казахском языке: title_kk, powers_kk, risks_kk, например:",
        "# - {title: Должность, unit: Подразделение, powers: Полномочия, risks: Коррупционные риски,"
        " title_kk: Лауазым, powers_kk: Өкілеттіктер, risks_kk: Сыбайлас жемқорлық тәуекелдері}",
        *year_template(catalogue, org_type),
    ]
    return "\n".join(lines) + "\n"


def _choices(titles: dict[str, str]) -> str:
    return " | ".join(f"{code} ({title})" for code, title in titles.items())


def year_template(catalogue: Catalogue, org_type: str) -> list[str]:
    """The commented example of ``year:`` at the end of the template: one record of every list (the lists of
    project 3 only for the organisation types it applies to), the codes of the choices explained."""
    duties = choice_titles(catalogue, org_type)
    lines = [
        "# Записи года после ВАКР (необязательно): исполнение плана мероприятий и обязанности проектов 2–4."
        " Чтобы заполнить, уберите «# » в начале строк.",
        "# Исполнение плана заполняет команда `vakr monitor init`: по строке на каждое мероприятие утверждённого плана.",
        f"# Статусы исполнения: {_choices(EXECUTION_STATUS_TITLES)}.",
        "# year:",
        "#   plan_execution:",
        '#     - number: "1.1.1"  # № п/п в плане',
        "#       measure: Мероприятие плана",
        "#       due: 2026-06-29",
        "#       responsible: [Подразделение (Фамилия И.О.)]",
        "#       status: done",
        "#       done_on: 2026-06-20",
        '#       proof_number: "15-ө"  # подтверждающий документ: номер, дата, ссылка',
        "#       proof_date: 2026-06-20",
        "#       proof_link: https://example.kz/documents/15",
        "#       comment: Комментарий",
        "#   offence_reports:  # сообщения о коррупционных правонарушениях (2.1.1)",
        '#     - {date: 2026-02-10, subject: О чём сообщено, sent_to: Куда направлено, document: "исх. № 12"}',
        "#   reconciliations:  # сверки коррупционных правонарушений (2.2.1)",
        "#     - {date: 2026-04-05, with_whom: С кем проведена, period: I квартал 2026 года, discrepancies: 0,"
        " result: Расхождений нет}",
        "#   manager_cases:  # ответственность руководителей за коррупцию подчинённых (2.3.1, 2.3.2)",
        "#     - {date: 2026-05-12, offence: Правонарушение подчинённого, manager: Должность руководителя,"
        " held_responsible: false, reason: Переведён на другую должность}",
        "#   hires:  # приём на работу лиц, ранее совершивших коррупционные правонарушения (2.4.1)",
        "#     - {date: 2026-03-01, position: Должность, prior_offence: false}",
        "#   restriction_checks:  # антикоррупционные ограничения:",
        *(f"#     # {code}: {title}" for code, title in duties["restriction"].items()),
        "#     - {date: 2026-06-30, restriction: p2.t5.s2, checked: 40, violations: 0}",
    ]
    if project_applies(catalogue, 3, org_type):
        lines += [
            "#   compliance_documents:  # документы антикоррупционного комплаенса:",
            *(f"#     # {code}: {title}" for code, title in duties["document"].items()),
            '#     - {document: p3.t2.s1, act: "Приказ № 10", adopted: 2026-01-20,'
            " link: https://example.kz/compliance, published: 2026-01-25}",
            f"#   iso:  # этап ISO 37001: {_choices(ISO_STAGE_TITLES)}",
            "#     - {date: 2026-03-31, stage: implementing, standard: ISO 37001}",
        ]
    lines += [
        f"#   trainings:  # {_choices(TRAINING_KIND_TITLES)}",
        "#     - {date: 2026-02-28, kind: course, people: 3}",
        "#   events:  # мероприятия и отчёты по обязанностям:",
        *(f"#     # {code}: {title}" for code, title in duties["duty"].items()),
        f"#     - {{duty: {next(iter(duties['duty']), 'p4.t3.s1')}, date: 2026-01-30, title: Наименование мероприятия,"
        " participants: 25}",
    ]
    return lines
