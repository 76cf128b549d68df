"""Benchmark: quality and speed of the act scanner (vakr.scan) on the labelled corpus tests/data/npa_corpus.yaml.

    .venv/bin/python benchmarks/bench_scan.py [--details] [--no-speed] [--paragraphs 2000] [--repeats 3]

1. Quality. Every corpus item is scanned with ``scan_text`` (the items of one ``group`` together, as one act, so that
   the act-level collision check sees them); a paragraph counts as predicted for a factor if any candidate of that
   factor is in it. Per factor: precision, recall (all labelled paragraphs and those where the factor is plainly
   signalled by wording — ``strong``), F1; the overall line is micro-averaged over (paragraph, factor) pairs.
   ``--details`` lists every miss and false alarm with the rule that fired.
2. Speed. An act of about 100 pages (``--paragraphs`` paragraphs: the corpus repeated, renumbered, with chapter
   headings) is written as TXT and DOCX; ``read_act`` + ``scan_act`` are timed (best of ``--repeats``).

The quality functions are shared with tests/test_scan_quality.py, which asserts floors on the same numbers.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.paths import project_root

CORPUS = project_root() / "tests" / "data" / "npa_corpus.yaml"
ITEM_KEYS = {"id", "text", "factors", "strong", "note", "group"}
REQUIRED_KEYS = ITEM_KEYS - {"group"}
# The act's own numbering at the start of a paragraph: «7. », «2.4. », «3.2. ».
POINT_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.\s+")


@dataclass(frozen=True)
class Item:
    """One labelled paragraph of the corpus."""

    id: str
    text: str
    factors: frozenset[str]
    strong: frozenset[str]  # the factors of the item that its wording plainly signals
    note: str
    group: str | None = None


class CorpusError(ValueError):
    """The corpus file breaks its own format (a message naming the item)."""


def _strong_of(raw: Any, factors: frozenset[str], where: str) -> frozenset[str]:
    if raw is True:
        return factors
    if raw is False:
        return frozenset()
    if isinstance(raw, list) and all(isinstance(code, str) for code in raw):
        extra = set(raw) - factors
        if extra:
            raise CorpusError(f"{where}: в strong указаны факторы, которых нет в factors: {sorted(extra)}")
        if not raw:
            raise CorpusError(f"{where}: strong — пустой список (пишите false)")
        return frozenset(raw)
    raise CorpusError(f"{where}: strong должно быть true, false или списком кодов факторов, а не {raw!r}")


def load_corpus(path: Path = CORPUS, catalogue: Catalogue | None = None) -> list[Item]:
    """The corpus items, checked: known keys, unique ids, one-line texts, factor codes of the catalogue."""
    catalogue = catalogue or load_catalogue()
    codes = {factor.code for factor in catalogue.npa_factors}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise CorpusError(f"{path.name}: нужен словарь с ключом items (список абзацев)")
    items: list[Item] = []
    seen: set[str] = set()
    for number, raw in enumerate(data["items"], 1):
        where = f"{path.name}, элемент {number}"
        if not isinstance(raw, dict):
            raise CorpusError(f"{where}: элемент должен быть словарём")
        where = f"{path.name}, элемент {raw.get('id', number)}"
        unknown, missing = set(raw) - ITEM_KEYS, REQUIRED_KEYS - set(raw)
        if unknown or missing:
            raise CorpusError(f"{where}: лишние ключи {sorted(unknown)}, недостающие {sorted(missing)}")
        if not isinstance(raw["id"], str) or raw["id"] in seen:
            raise CorpusError(f"{where}: id должен быть строкой и не повторяться")
        seen.add(raw["id"])
        text = raw["text"]
        if not isinstance(text, str) or not text.strip() or "\n" in text:
            raise CorpusError(f"{where}: text — непустой абзац в одну строку")
        if not isinstance(raw["factors"], list) or len(set(raw["factors"])) != len(raw["factors"]):
            raise CorpusError(f"{where}: factors — список кодов без повторов")
        unknown_codes = set(raw["factors"]) - codes
        if unknown_codes:
            raise CorpusError(f"{where}: коды не из каталога факторов: {sorted(unknown_codes)}")
        factors = frozenset(raw["factors"])
        strong = _strong_of(raw["strong"], factors, where)
        if not factors and raw["strong"] is not False:
            raise CorpusError(f"{where}: у чистого абзаца strong: false")
        if not isinstance(raw["note"], str) or not raw["note"].strip():
            raise CorpusError(f"{where}: note — пояснение разметки")
        group = raw.get("group")
        if group is not None and not isinstance(group, str):
            raise CorpusError(f"{where}: group — имя группы (строка)")
        items.append(Item(raw["id"], text, factors, strong, raw["note"], group))
    return items


def units(items: Sequence[Item]) -> list[list[Item]]:
    """What is scanned at once: a single item, or all the items of a group (in file order) as one act."""
    result: list[list[Item]] = []
    groups: dict[str, list[Item]] = {}
    for item in items:
        if item.group is None:
            result.append([item])
        elif item.group in groups:
            groups[item.group].append(item)
        else:
            groups[item.group] = [item]
            result.append(groups[item.group])
    return result


@dataclass
class Prediction:
    """The factors predicted for each item, and the rules behind them (for --details)."""

    factors: dict[str, set[str]] = field(default_factory=dict)
    rules: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (item id, factor) → «rule: quote»


def predict(items: Sequence[Item], catalogue: Catalogue | None = None, rules: Any = None) -> Prediction:
    """Scan every unit with ``scan_text`` and collect, per item, the factors of the candidates in its paragraph."""
    from vakr.scan.scan import scan_text

    prediction = Prediction({item.id: set() for item in items})
    for unit in units(items):
        candidates = scan_text("\n".join(item.text for item in unit), catalogue=catalogue, rules=rules)
        for candidate in candidates:
            if not 0 <= candidate.paragraph < len(unit):
                raise AssertionError(f"кандидат вне текста: абзац {candidate.paragraph} из {len(unit)}")
            item = unit[candidate.paragraph]
            prediction.factors[item.id].add(candidate.factor)
            prediction.rules.setdefault((item.id, candidate.factor), []).append(
                f"{candidate.rule}: «{candidate.quote}»")
    return prediction


@dataclass(frozen=True)
class Score:
    """Counts over (paragraph, factor) pairs and the measures derived from them."""

    labelled: int  # paragraphs labelled with the factor
    strong: int  # of them, the factor plainly signalled by wording
    tp: int
    fp: int
    fn: int
    tp_strong: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.labelled if self.labelled else 1.0

    @property
    def recall_strong(self) -> float:
        return self.tp_strong / self.strong if self.strong else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(items: Sequence[Item], predicted: dict[str, set[str]], factors: Iterable[str]) -> dict[str, Score]:
    """Per factor code, and under the key "" the micro-average over all the factors."""
    result: dict[str, Score] = {}
    for code in factors:
        labelled = [item for item in items if code in item.factors]
        tp = sum(code in predicted[item.id] for item in labelled)
        result[code] = Score(
            labelled=len(labelled),
            strong=sum(code in item.strong for item in labelled),
            tp=tp,
            fp=sum(code in predicted[item.id] and code not in item.factors for item in items),
            fn=len(labelled) - tp,
            tp_strong=sum(code in predicted[item.id] for item in labelled if code in item.strong),
        )
    scores = list(result.values())
    result[""] = Score(*(sum(getattr(s, name) for s in scores) for name in ("labelled", "strong", "tp", "fp", "fn",
                                                                             "tp_strong")))
    return result


def measure(catalogue: Catalogue | None = None) -> tuple[list[Item], Prediction, dict[str, Score]]:
    """Load the corpus, scan it and score it against the catalogue's factors (in the catalogue's order)."""
    catalogue = catalogue or load_catalogue()
    items = load_corpus(catalogue=catalogue)
    prediction = predict(items, catalogue=catalogue)
    return items, prediction, score(items, prediction.factors, [f.code for f in catalogue.npa_factors])


# ---------------------------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------------------------

HEADERS = ["Фактор", "Абзацев", "Из них явных", "Найдено верно", "Ложных", "Пропущено", "Точность", "Полнота",
           "Полнота (явные)", "F1"]


def table_rows(scores: dict[str, Score], titles: dict[str, str]) -> list[list[str]]:
    rows = []
    for code, s in scores.items():
        rows.append([titles[code] if code else "Все факторы (микросреднее)", str(s.labelled), str(s.strong),
                     str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.2f}", f"{s.recall:.2f}",
                     f"{s.recall_strong:.2f}", f"{s.f1:.2f}"])
    return rows


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [HEADERS, *rows]) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in [HEADERS, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join([":---"] + ["---:"] * (len(HEADERS) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def print_details(items: Sequence[Item], prediction: Prediction, titles: dict[str, str]) -> None:
    print("\nПропуски (фактор размечен, кандидата нет):")
    for item in items:
        for code in sorted(item.factors - prediction.factors[item.id]):
            mark = "явный" if code in item.strong else "неявный"
            print(f"  {item.id} [{titles[code]}; {mark}]: {item.text}")
    print("\nЛожные срабатывания (кандидат есть, фактор не размечен):")
    for item in items:
        for code in sorted(prediction.factors[item.id] - item.factors):
            print(f"  {item.id} [{titles[code]}] {'; '.join(prediction.rules[(item.id, code)])}: {item.text}")


# ---------------------------------------------------------------------------------------------------------------
# Speed
# ---------------------------------------------------------------------------------------------------------------

CHAPTER_EVERY = 40


def act_lines(items: Sequence[Item], paragraphs: int) -> list[str]:
    """The title, chapter headings and ``paragraphs`` corpus paragraphs renumbered 1, 2, 3… across the act."""
    lines = ["Правила оказания государственной услуги «Выдача разрешения» (сводный текст для замера скорости)"]
    for number in range(1, paragraphs + 1):
        if number % CHAPTER_EVERY == 1:
            lines.append(f"Глава {number // CHAPTER_EVERY + 1}. Порядок оказания государственной услуги")
        text = POINT_NUMBER.sub("", items[(number - 1) % len(items)].text)
        lines.append(f"{number}. {text}")
    return lines


def write_txt(lines: list[str], path: Path) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_docx(lines: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        if line.startswith("Глава "):
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[Any, float]:
    """Result and best wall time of several runs (the minimum is the least noisy)."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return result, min(times)


Timing = tuple[str, int, int, float, float]


def speed(items: Sequence[Item], paragraphs: int, repeats: int, catalogue: Catalogue) -> list[Timing]:
    """(format, paragraphs read, candidates, seconds of read_act, seconds of read_act + scan_act) per format."""
    from vakr.scan.reader import read_act
    from vakr.scan.rules import load_rules
    from vakr.scan.scan import scan_act

    rules = load_rules(catalogue=catalogue)
    lines = act_lines(items, paragraphs)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, write in (("TXT", write_txt), ("DOCX", write_docx)):
            path = write(lines, Path(tmp) / f"act.{kind.lower()}")
            scan_act(read_act(path), catalogue=catalogue, rules=rules)  # warm-up: morphology caches, imports

            def read(path: Path = path) -> Any:
                return read_act(path)

            def both(path: Path = path) -> Any:
                return scan_act(read_act(path), catalogue=catalogue, rules=rules)

            act, read_time = best_of(repeats, read)
            candidates, total = best_of(repeats, both)
            results.append((kind, len(act.paragraphs), len(candidates), read_time, total))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Качество и скорость поиска коррупционных факторов (vakr.scan)")
    parser.add_argument("--details", action="store_true", help="перечислить пропуски и ложные срабатывания")
    parser.add_argument("--paragraphs", type=int, default=2000, help="абзацев в акте для замера скорости")
    parser.add_argument("--repeats", type=int, default=3, help="прогонов замера скорости (берётся лучший)")
    parser.add_argument("--no-speed", action="store_true", help="только качество, без замера скорости")
    args = parser.parse_args()

    catalogue = load_catalogue()
    titles = {factor.code: factor.title for factor in catalogue.npa_factors}
    items, prediction, scores = measure(catalogue)
    clean = [item for item in items if not item.factors]
    clean_hit = sum(bool(prediction.factors[item.id]) for item in clean)
    groups = {item.group for item in items if item.group}
    print(f"Корпус {CORPUS.name}: абзацев {len(items)}, с фактором {len(items) - len(clean)}, чистых {len(clean)}, "
          f"групп абзацев одного акта {len(groups)}")
    rows = table_rows(scores, titles)
    print("\nКачество (абзац считается найденным по фактору, если в нём есть кандидат этого фактора):\n")
    print(text_table(rows))
    print(f"\nЧистых абзацев с кандидатами: {clean_hit} из {len(clean)}")
    if args.details:
        print_details(items, prediction, titles)

    timings = [] if args.no_speed else speed(items, args.paragraphs, args.repeats, catalogue)
    if timings:
        print(f"\nСкорость: акт из {args.paragraphs} абзацев (около {args.paragraphs // 20} страниц), "
              f"лучшее из {args.repeats} прогонов")
    for kind, read, found, read_time, total in timings:
        print(f"  {kind:<4}  абзацев прочитано {read:5d}, кандидатов {found:5d}: read_act {read_time:6.2f} с, "
              f"read_act + scan_act {total:6.2f} с")

    print("\nТаблица для README (Markdown):\n")
    print(markdown_table(rows))
    if timings:
        print("\n| Формат | Абзацев | Кандидатов | read_act, с | read_act + scan_act, с |")
        print("|:---|---:|---:|---:|---:|")
    for kind, read, found, read_time, total in timings:
        print(f"| {kind} | {read} | {found} | {read_time:.2f} | {total:.2f} |")


if __name__ == "__main__":
    main()
