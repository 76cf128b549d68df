"""The ``vakr`` command line: parse arguments, call one library function, print. Errors become Russian messages.

Every :class:`~vakr.errors.VakrError` is caught once, here, and turned into its message and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

from . import __version__
from .errors import VakrError


class RussianArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors introduced in Russian and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка в аргументах команды: {message}\nСправка: {self.prog} --help\n")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- commands -----------------------------------------------------------------------------------------------


def cmd_catalogue(args: argparse.Namespace) -> int:
    from .catalogue import load_catalogue, summary_lines

    catalogue = load_catalogue(args.data)
    if args.json:
        _print_json(catalogue.to_json_dict())
    else:
        print("\n".join(summary_lines(catalogue)))
    return 0


# --- parser -------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="vakr",
        description="ВАКР — внутренний анализ коррупционных рисков: методика, сроки, чек-лист и документы.",
    )
    parser.add_argument("--version", action="version", version=f"vakr {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=RussianArgumentParser)

    p = sub.add_parser("catalogue", help="сводка каталога методики (или весь каталог в JSON)")
    p.add_argument("--json", action="store_true", help="вывести весь каталог в формате JSON")
    p.add_argument("--data", metavar="ПАПКА", help="другая папка каталога вместо data/methodology")
    p.set_defaults(func=cmd_catalogue)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except VakrError as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Прервано пользователем.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
