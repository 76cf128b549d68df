"""The ``vakr`` command line: parse arguments, call one library function, print. Errors become Russian messages.

Every error is caught once, here (:func:`main`): a :class:`~vakr.errors.VakrError` becomes its message and exit code
(2 bad input, 3 refused by ``--strict``), a file the system refused becomes a message naming it (2), anything else a
short «внутренняя ошибка» without a traceback (1; ``--debug`` shows the traceback). A batch with failed
organisations exits 1, Ctrl-C 130.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn

from vakr import __version__
from vakr.commands import (
    _use_local_calendar,
    cmd_calendar,
    cmd_catalogue,
    cmd_evaluate,
    cmd_monitor,
    cmd_new,
    cmd_notebooks,
    cmd_region,
    cmd_report,
    cmd_run,
    cmd_scan,
    cmd_schedule,
    cmd_train,
    cmd_validate,
)
from vakr.errors import VakrError
from vakr.formatting import LANGUAGE_OPTIONS

# argparse looks its messages up through the module-level gettext alias `_`; there is no Russian catalogue in the
# standard library, so the few strings a user can meet are translated here.
_ARGPARSE_RU = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение: %(value)r (допустимо: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "недопустимое значение (%(type)s): %(value)r",
    "expected one argument": "ожидается одно значение",
}


@contextlib.contextmanager
def _russian_argparse() -> Iterator[None]:
    """argparse's messages in Russian while vakr builds its parser and parses its own arguments only: the
    module-level alias is swapped for that time and restored, so no other user of argparse is affected."""
    # argparse's gettext alias is private, so typeshed does not declare it: hence the ignores
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: _ARGPARSE_RU.get(message, message)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


class RussianArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors introduced in Russian and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка в аргументах команды: {message}\nСправка: {self.prog} --help\n")

# --- parser -------------------------------------------------------------------------------------------------


LANG_HELP = ("язык документов: ru — на русском (по умолчанию), kk — на казахском (файлы *.kk.docx, *.kk.xlsx),"
             " ru+kk — обе версии")
STRICT_HELP = ("не записывать документы, пока остаются значения, предложенные по методике, или предупреждения"
               " (код завершения 3)")


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="vakr",
        description="ВАКР — внутренний анализ коррупционных рисков: методика, сроки, чек-лист и документы.",
    )
    parser.add_argument("--version", action="version", version=f"vakr {__version__}", help="показать версию и выйти")
    parser.add_argument("--debug", action="store_true",
                        help="при внутренней ошибке показать трассировку Python (для разработчиков)")
    parser.add_argument("--calendar", metavar="ФАЙЛ",
                        help="локальный файл календаря с актами о переносе дней отдыха, опубликованными после выпуска"
                             " программы (формат data/calendar/transfers.yaml; то же — переменная VAKR_CALENDAR)")
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=RussianArgumentParser)

    p = sub.add_parser("catalogue", help="сводка каталога методики (или весь каталог в JSON); шаблон и импорт"
                                         " официальных перечней индикаторов")
    p.add_argument("--json", action="store_true", help="вывести весь каталог (или --status) в формате JSON")
    p.add_argument("--data", metavar="ПАПКА", help="другая папка каталога вместо data/methodology (без импортированных"
                                                   " перечней)")
    p.add_argument("--status", action="store_true", help="откуда взят перечень индикаторов каждого фактора и сферы")
    p.set_defaults(func=cmd_catalogue)
    actions = p.add_subparsers(dest="catalogue_action", metavar="ДЕЙСТВИЕ", parser_class=RussianArgumentParser)
    q = actions.add_parser("template", help="записать книгу Excel для внесения официального перечня индикаторов")
    q.add_argument("directory", metavar="ПАПКА", help="куда положить книгу (или путь к файлу .xlsx)")
    q.add_argument("--force", action="store_true", help="перезаписать существующий файл")
    q = actions.add_parser("import", help="внести перечни индикаторов из заполненной книги Excel или файла YAML")
    q.add_argument("file", metavar="ФАЙЛ", help="книга из `vakr catalogue template` (.xlsx) или YAML")
    q.add_argument("--today", metavar="ДАТА", help="дата импорта для записи (по умолчанию сегодня)")

    p = sub.add_parser("calendar", help="рабочие дни Казахстана по месяцам, переносы и праздники; статус года")
    p.add_argument("year", metavar="ГОД", nargs="?")
    p.add_argument("--sources", action="store_true",
                   help="акты о переносе дней отдыха и статус каждого года (подтверждён или предварительный)")
    p.add_argument("--six-day", action="store_true", help="шестидневная рабочая неделя")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.set_defaults(func=cmd_calendar)

    p = sub.add_parser("schedule", help="график сроков ВАКР по датам начала и завершения")
    p.add_argument("--start", required=True, metavar="ДАТА", help="дата начала ВАКР (ГГГГ-ММ-ДД)")
    p.add_argument("--end", required=True, metavar="ДАТА", help="дата завершения ВАКР")
    p.add_argument("--order", metavar="ДАТА", help="дата приказа о проведении ВАКР, если известна")
    p.add_argument("--signed", metavar="ДАТА", help="дата подписания аналитической справки, если известна")
    p.add_argument("--approved", metavar="ДАТА", help="дата утверждения плана мероприятий, если известна")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять просроченные сроки")
    p.add_argument("--six-day", action="store_true", help="шестидневная рабочая неделя")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.add_argument("--ics", metavar="ФАЙЛ", help="сохранить сроки в календарь .ics (Outlook, Google Календарь)")
    p.add_argument("--chart", metavar="ФАЙЛ", help="сохранить диаграмму сроков в PNG")
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("new", help="создать файл организации для заполнения (Excel или YAML)")
    p.add_argument("name", metavar="НАЗВАНИЕ", help="название организации")
    p.add_argument("directory", metavar="ПАПКА", help="куда положить файл")
    p.add_argument("--type", default="state_body", choices=["state_body", "akimat", "quasi_public", "other"],
                   help="тип организации (по умолчанию state_body — государственный орган)")
    p.add_argument("--yaml", action="store_true", help="создать YAML вместо Excel")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("validate", help="проверить заполненный файл организации")
    p.add_argument("org", metavar="ФАЙЛ", help="файл организации (.xlsx или .yaml)")
    p.add_argument("--json", action="store_true", help="вывести результат и предупреждения в формате JSON")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("evaluate", help="оценить чек-лист: риски по направлениям, баллы, уровни")
    p.add_argument("org", metavar="ФАЙЛ")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять сроки")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("report", help="аналитическая справка, план мероприятий, перечень должностей, календарь")
    p.add_argument("org", metavar="ФАЙЛ")
    p.add_argument("--out", required=True, metavar="ПАПКА", help="папка для документов")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять сроки")
    p.add_argument("--strict", action="store_true", help=STRICT_HELP)
    p.add_argument("--lang", default="ru", choices=LANGUAGE_OPTIONS, help=LANG_HELP)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("run", help="полный прогон по организациям: блокноты, документы, сводка")
    p.add_argument("orgs", nargs="+", metavar="ФАЙЛ", help="файлы организаций (.xlsx или .yaml)")
    p.add_argument("--out", required=True, metavar="ПАПКА", help="папка результатов (по папке на организацию)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="сколько организаций обрабатывать параллельно")
    p.add_argument("--documents-only", action="store_true", help="без блокнотов: только документы (быстро)")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять сроки")
    p.add_argument("--quiet", action="store_true", help="без индикатора хода работы")
    p.add_argument("--resume", action="store_true",
                   help="продолжить прерванный прогон: пропустить организации, результаты которых в папке полны и"
                        " новее их файла (с теми же параметрами прогона)")
    p.add_argument("--strict", action="store_true", help=STRICT_HELP)
    p.add_argument("--lang", default="ru", choices=LANGUAGE_OPTIONS, help=LANG_HELP)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("scan", help="найти в актах (DOCX, TXT, PDF) места — кандидаты в коррупционные факторы")
    p.add_argument("acts", nargs="+", metavar="АКТ", help="файлы актов: .docx, .txt или .pdf")
    p.add_argument("--json", action="store_true", help="вывести кандидатов в формате JSON")
    p.add_argument("--out", metavar="ПАПКА",
                   help="записать для каждого акта копию с комментариями Word (ИМЯ.comments.docx) и таблицу"
                        " кандидатов (ИМЯ.candidates.xlsx)")
    p.add_argument("--into", metavar="КНИГА",
                   help="добавить кандидатов в книгу организации (лист «Кандидаты НПА») для проверки рабочей группой")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser(
        "monitor",
        help="мониторинг года после ВАКР: исполнение плана, периодические обязанности, показатели, нарушения",
        usage="vakr monitor ФАЙЛ [--today ДАТА] [--year ГОД] [--json] [--ics ФАЙЛ] [--out ПАПКА]\n"
              "       vakr monitor init ФАЙЛ [--plan ФАЙЛ] [--force]",
        description="Состояние года после ВАКР на дату: меры плана мероприятий, периодические обязанности проектов"
                    " 1–4, показатели и нарушения по записям проекта 2. `vakr monitor init ФАЙЛ` — подготовить в файле"
                    " организации лист исполнения плана.")
    p.add_argument("first", metavar="ФАЙЛ", help="файл организации (.xlsx или .yaml); либо init и файл организации")
    p.add_argument("org", metavar="ФАЙЛ_ДЛЯ_INIT", nargs="?", help=argparse.SUPPRESS)
    p.add_argument("--today", metavar="ДАТА", help="дата мониторинга (по умолчанию сегодня)")
    p.add_argument("--year", metavar="ГОД", help="календарный год периодических обязанностей и показателей (по"
                                                 " умолчанию год даты мониторинга; прошлый — чтобы подвести его итог)")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.add_argument("--ics", metavar="ФАЙЛ", help="сохранить сроки мер плана и обязанностей года в календарь .ics")
    p.add_argument("--out", metavar="ПАПКА",
                   help="записать в папку документы года: информацию об исполнении плана мероприятий"
                        " (execution.docx, execution.xlsx), справку о ходе исполнения направления № 4 за квартал"
                        " даты мониторинга (status-ГОД-qN.docx, .xlsx) и календарь year.ics")
    p.add_argument("--plan", metavar="ФАЙЛ",
                   help="для init: план мероприятий (plan.xlsx из `vakr report`), из которого взять меры")
    p.add_argument("--force", action="store_true", help="для init: заменить уже внесённое исполнение плана")
    p.set_defaults(func=cmd_monitor)

    p = sub.add_parser(
        "region", help="свод многих организаций: матрицы рисков, рейтинг, системные риски, исполнение планов,"
                       " нарушенные сроки; выгрузка картограммы",
        description="Свод оценённых организаций (записи evaluation.json из vakr run, книги Excel, YAML или папки с"
                    " ними): матрицы организаций × сфер и факторов, рейтинг, системные риски, исполнение планов,"
                    " нарушенные сроки ВАКР. В папку --out пишутся region.xlsx, тепловые карты PNG, region.html и"
                    " выгрузка картограммы (kartogramma.csv, kartogramma.xlsx).")
    p.add_argument("sources", nargs="+", metavar="ИСТОЧНИК",
                   help="папка результатов vakr run, папка с файлами организаций, файл .xlsx, .yaml или"
                        " evaluation.json")
    p.add_argument("--out", required=True, metavar="ПАПКА", help="папка для результатов свода")
    p.add_argument("--by", default="region", choices=["region", "type", "parent"],
                   help="группировка: region — по регионам (по умолчанию), type — по типам организаций, parent — по"
                        " вышестоящей организации")
    p.add_argument("--today", metavar="ДАТА", help="дата свода: на неё проверяются сроки и исполнение планов (по"
                                                   " умолчанию сегодня)")
    p.add_argument("--min-orgs", type=int, default=2, metavar="N",
                   help="системный риск — индикатор, встретившийся не менее чем в N организациях (по умолчанию 2)")
    p.add_argument("--json", action="store_true", help="вывести итоги в формате JSON")
    p.set_defaults(func=cmd_region)

    p = sub.add_parser("train", help="обучение в браузере: упражнения по методике для участников семинара")
    p.add_argument("--port", type=int, default=8866, metavar="ПОРТ", help="порт веб-приложения (по умолчанию 8866)")
    p.add_argument("--host", default="0.0.0.0", metavar="АДРЕС",
                   help="на каком адресе принимать подключения: 0.0.0.0 — из локальной сети (по умолчанию), "
                        "127.0.0.1 — только с этого компьютера")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("notebooks", help="перевыполнить блокноты репозитория на встроенном примере")
    p.add_argument("names", nargs="*", metavar="ИМЯ", help="только эти блокноты (например, schedule checklist)")
    p.set_defaults(func=cmd_notebooks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with _russian_argparse():
        parser = build_parser()
        args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        with _russian_argparse():
            parser.print_help()
        return 2
    try:
        if args.calendar:
            _use_local_calendar(args.calendar)
        return func(args)
    except VakrError as exc:
        if args.debug:
            raise
        if getattr(args, "json", False):  # a program reads stdout: the problems, in the same shape as warnings
            print(json.dumps({"ok": False, "exit_code": exc.exit_code, "problems": [p.to_json() for p in exc.problems]},
                             ensure_ascii=False, indent=2))
        print(f"Ошибка: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Прервано пользователем. Уже записанные результаты полны; незавершённые не записаны.", file=sys.stderr)
        return 130
    except OSError as exc:  # the system refused a file: named, in Russian
        if args.debug:
            raise
        where = f" {exc.filename}" if exc.filename else ""
        print(f"Ошибка: не удалось прочитать или записать файл{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a defect of vakr: a message, not a traceback (unless --debug)
        if args.debug:
            raise
        print(f"Ошибка: внутренняя ошибка vakr ({exc}). Ваши файлы не изменены. Повторите команду с --debug и"
              " сообщите разработчикам её вывод.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
