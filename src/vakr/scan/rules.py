"""The scanner's rules as data: ``data/methodology/npa_markers/<factor>.yaml``, one file per corruption factor, and
``lexicon.yaml`` with the word lists the rules share (``@official``, ``@citizen``, ``@reference`` …) and the names
of one action (``actions:``, «рассмотрение» = «рассматривать» = «рассмотреть», for the act-level check
``different_terms``).

A factor's file::

    version: 1
    factor: npa.discretion
    rules:
      - code: discretion.vprave            # unique across the files
        factor: npa.discretion             # the file's factor
        indicator: npa.discretion.1        # optional: an indicator of that factor in the catalogue
        strength: strong                   # strong | possible
        patterns: ["вправе", "мочь <INFN>"]   # see vakr.scan.matcher; or `check:` for an act-level check
        subject: official                  # optional: the actor of the sentence must be an official or a body
        unless_near: [{words: ["@reference"], after: 5}]   # optional: these words nearby cancel the match
        requires_near: [{words: ["представлять"], before: 8}]  # optional: each needs one of its words nearby
        unless_in_point: ["@term"]         # optional: these words anywhere in the point cancel it
        overridden_by: [right_not_duty.vprave_duty]        # optional: a rule that says more about the same words
        why: "…"                           # why it may be a corruption factor
        fix: "…"                           # a suggested wording
        examples: ["…"]                    # texts that must produce this rule (tests/test_scan_rules.py)
        counter_examples: ["…"]            # texts that must not
        source: {doc: seed, at: "…"}       # seed | methodology_vakr | assumption (a rule of the project)

Everything is validated when loaded (unknown fields, codes, the catalogue's factors and indicators, the patterns and
the word lists they name); the errors are a :class:`~vakr.errors.CatalogueError` in Russian naming the file and the
rule.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, TypeAdapter, ValidationError, model_validator

from vakr.errors import CatalogueError
from vakr.methodology.loader import _describe_validation_error, _read_yaml, default_catalogue
from vakr.paths import methodology_dir
from vakr.scan.matcher import Pattern, PatternError, Phrase, compile_list, compile_pattern, compile_words

if TYPE_CHECKING:
    from vakr.methodology.catalogue import Catalogue

FOLDER = "npa_markers"
LEXICON = "lexicon.yaml"
CHECKS = ("different_terms",)  # act-level checks implemented in vakr.scan.scan
_CODE = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSource(_Model):
    doc: Literal["seed", "methodology_vakr", "assumption"]
    at: str = Field(min_length=1)


class Near(_Model):
    """Words within ``before`` words before the match or ``after`` words after it, in the same sentence."""

    words: list[str] = Field(min_length=1)
    before: int = Field(default=0, ge=0, le=30)
    after: int = Field(default=0, ge=0, le=30)

    @model_validator(mode="after")
    def _has_window(self) -> Near:
        if not self.before and not self.after:
            raise ValueError("укажите before и/или after (сколько слов до или после совпадения)")
        return self


class RuleSpec(_Model):
    code: str = Field(pattern=_CODE)
    factor: str
    indicator: str | None = None
    strength: Literal["strong", "possible"]
    patterns: list[str] = []
    check: Literal["different_terms"] | None = None
    subject: Literal["official"] | None = None
    unless_near: list[Near] = []
    requires_near: list[Near] = []
    unless_in_point: list[str] = []
    overridden_by: list[str] = []
    why: str = Field(min_length=1)
    fix: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)
    counter_examples: list[str] = []
    source: RuleSource

    @model_validator(mode="after")
    def _patterns_or_check(self) -> RuleSpec:
        if bool(self.patterns) == bool(self.check):
            raise ValueError("у правила должны быть либо шаблоны (patterns), либо проверка акта (check), но не оба")
        return self


class FactorFile(_Model):
    version: PositiveInt
    factor: str
    rules: list[RuleSpec] = Field(min_length=1)


class LexiconFile(_Model):
    version: PositiveInt
    lists: dict[str, list[str]]
    # An action → the words that name it: the noun and the verbs of both aspects («рассмотрение»: [рассмотрение,
    # рассматривать, рассмотреть]); a verb's reflexive form («рассматривается») is the same action.
    actions: dict[str, list[str]] = {}


@dataclass(frozen=True)
class Rule:
    """A validated rule with its patterns and conditions compiled (see :mod:`vakr.scan.matcher`)."""

    code: str
    factor: str
    indicator: str | None
    strength: str
    why: str
    fix: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    source: RuleSource
    file: str  # the YAML file, for messages
    patterns: tuple[Pattern, ...]
    check: str | None
    # (officials, citizens, verbs in «-ся» whose instrumental is not the agent: «является руководителем»)
    subject: tuple[tuple[Phrase, ...], tuple[Phrase, ...], tuple[Phrase, ...]] | None
    unless_near: tuple[tuple[tuple[Phrase, ...], int, int], ...]  # (phrases, before, after)
    requires_near: tuple[tuple[tuple[Phrase, ...], int, int], ...]
    unless_in_point: tuple[Phrase, ...]
    overridden_by: tuple[str, ...]
    lists: Mapping[str, tuple[Phrase, ...]]  # the lexicon, for act-level checks
    actions: Mapping[str, tuple[Phrase, ...]]  # the lexicon's actions, for different_terms


def markers_dir() -> Path:
    return methodology_dir() / FOLDER


def load_rules(folder: Path | None = None, catalogue: Catalogue | None = None) -> list[Rule]:
    """Every rule of ``folder`` (default ``data/methodology/npa_markers``), validated against ``catalogue`` (default:
    the bundled one), in the order of the catalogue's factors, then of the files."""
    folder = Path(folder) if folder is not None else markers_dir()
    rules = _load_compiled(str(folder), _signature(folder))
    catalogue = default_catalogue(catalogue)
    _check_catalogue(rules, catalogue)
    order = {f.code: f.number for f in catalogue.npa_factors}
    return sorted(rules, key=lambda r: order[r.factor])  # stable: within a factor, the file's order


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The files' names, modification times and sizes: a changed file is read again, not served from the cache."""
    if not folder.is_dir():
        raise CatalogueError(f"Папка правил поиска коррупционных факторов не найдена: {folder}")
    found = []
    for path in sorted(folder.glob("*.yaml")):
        stat = path.stat()
        found.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@functools.lru_cache(maxsize=4)
def _load_compiled(folder_name: str, signature: tuple[tuple[str, int, int], ...]) -> tuple[Rule, ...]:
    folder = Path(folder_name)
    problems: list[str] = []
    lists, actions = _load_lexicon(folder, problems)
    specs: list[tuple[str, RuleSpec]] = []
    files = [name for name, _, _ in signature if name != LEXICON]
    if not files:
        problems.append(f"{FOLDER}: нет ни одного файла правил (*.yaml)")
    for name in files:
        shown = f"{FOLDER}/{name}"
        try:
            raw = _read_yaml(folder / name)
        except CatalogueError as exc:
            problems.append(f"{FOLDER}/{exc}")
            continue
        if not isinstance(raw, dict):
            problems.append(f"{shown}: файл пуст или не является словарём YAML")
            continue
        try:
            parsed = TypeAdapter(FactorFile).validate_python(raw)
        except ValidationError as exc:
            problems.extend(_describe_validation_error(shown, raw, exc))
            continue
        expected = f"npa.{Path(name).stem}"
        if parsed.factor != expected:
            problems.append(f"{shown}: factor: {parsed.factor} — файл фактора {parsed.factor} должен называться"
                            f" {parsed.factor.removeprefix('npa.')}.yaml")
        for spec in parsed.rules:
            if spec.factor != parsed.factor:
                problems.append(f"{shown}: правило {spec.code}: factor: {spec.factor}, а файл — о факторе"
                                f" {parsed.factor}")
            specs.append((shown, spec))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for shown, spec in specs:
        if spec.code in seen:
            problems.append(f"{shown}: правило {spec.code}: код уже занят (в {seen[spec.code]})")
            continue
        seen[spec.code] = shown
        try:
            rules.append(_compile(spec, shown, lists, actions))
        except PatternError as exc:
            problems.append(f"{shown}: правило {spec.code}: {exc}")
    for rule in rules:
        for other in rule.overridden_by:
            if other not in seen:
                problems.append(f"{rule.file}: правило {rule.code}: overridden_by: нет правила {other}")
    if problems:
        raise CatalogueError.listing(problems)
    return tuple(rules)


_Lists = dict[str, tuple[Phrase, ...]]


def _load_lexicon(folder: Path, problems: list[str]) -> tuple[_Lists, _Lists]:
    """The lexicon's word lists and its actions (each compiled to phrases)."""
    shown = f"{FOLDER}/{LEXICON}"
    path = folder / LEXICON
    if not path.exists():
        problems.append(f"{shown}: файл списков слов отсутствует в {folder}")
        return {}, {}
    try:
        raw = _read_yaml(path)
    except CatalogueError as exc:
        problems.append(f"{FOLDER}/{exc}")
        return {}, {}
    try:
        parsed = TypeAdapter(LexiconFile).validate_python(raw)
    except ValidationError as exc:
        problems.extend(_describe_validation_error(shown, raw, exc))
        return {}, {}
    lists: dict[str, tuple[Phrase, ...]] = {}
    for name, items in parsed.lists.items():
        try:
            lists[name] = compile_list(items)
        except PatternError as exc:
            problems.append(f"{shown}: список {name}: {exc}")
    for needed in ("official", "citizen"):
        if needed not in lists:
            problems.append(f"{shown}: нет списка {needed} (нужен для условия subject: official)")
    actions: dict[str, tuple[Phrase, ...]] = {}
    owner: dict[Phrase, str] = {}
    for name, items in parsed.actions.items():
        if not items:
            problems.append(f"{shown}: действие «{name}»: нет ни одного слова")
            continue
        try:
            phrases = compile_list(items)
        except PatternError as exc:
            problems.append(f"{shown}: действие «{name}»: {exc}")
            continue
        for item, phrase in zip(items, phrases, strict=True):
            if phrase in owner and owner[phrase] != name:
                problems.append(f"{shown}: действие «{name}»: «{item}» уже названо действием «{owner[phrase]}»")
            owner.setdefault(phrase, name)
        actions[name] = phrases
    return lists, actions


def _compile(spec: RuleSpec, shown: str, lists: Mapping[str, tuple[Phrase, ...]],
             actions: Mapping[str, tuple[Phrase, ...]]) -> Rule:
    patterns = []
    for text in spec.patterns:
        try:
            patterns.append(compile_pattern(text, lists))
        except PatternError as exc:
            raise PatternError(f"шаблон «{text}»: {exc}") from None
    subject = ((lists.get("official", ()), lists.get("citizen", ()), lists.get("not_passive_verb", ()))
               if spec.subject == "official" else None)
    try:
        near = tuple((compile_words(n.words, lists), n.before, n.after) for n in spec.unless_near)
        required = tuple((compile_words(n.words, lists), n.before, n.after) for n in spec.requires_near)
        in_point = compile_words(spec.unless_in_point, lists)
    except PatternError as exc:
        raise PatternError(f"условие: {exc}") from None
    return Rule(code=spec.code, factor=spec.factor, indicator=spec.indicator, strength=spec.strength, why=spec.why,
                fix=spec.fix, examples=tuple(spec.examples), counter_examples=tuple(spec.counter_examples),
                source=spec.source, file=shown, patterns=tuple(patterns), check=spec.check, subject=subject,
                unless_near=near, requires_near=required, unless_in_point=in_point,
                overridden_by=tuple(spec.overridden_by), lists=lists, actions=MappingProxyType(dict(actions)))


def _check_catalogue(rules: tuple[Rule, ...], catalogue: Catalogue) -> None:
    factors = {f.code: f for f in catalogue.npa_factors}
    problems = []
    for rule in rules:
        factor = factors.get(rule.factor)
        if factor is None:
            problems.append(f"{rule.file}: правило {rule.code}: фактора {rule.factor} нет в каталоге"
                            f" (npa_factors.yaml: {', '.join(factors)})")
            continue
        if rule.indicator is not None and rule.indicator not in {i.code for i in factor.indicators}:
            known = ", ".join(i.code for i in factor.indicators) or "индикаторы фактора ещё не внесены"
            problems.append(f"{rule.file}: правило {rule.code}: индикатора {rule.indicator} нет у фактора"
                            f" {rule.factor} ({known})")
    if problems:
        raise CatalogueError.listing(problems)


def rules_by_factor(rules: list[Rule]) -> dict[str, list[Rule]]:
    found: dict[str, list[Rule]] = {}
    for rule in rules:
        found.setdefault(rule.factor, []).append(rule)
    return found


def describe(rule: Rule) -> dict[str, Any]:
    """A rule as plain data (for a listing of the rules)."""
    return {"code": rule.code, "factor": rule.factor, "indicator": rule.indicator, "strength": rule.strength,
            "patterns": [p.text for p in rule.patterns], "check": rule.check, "why": rule.why, "fix": rule.fix,
            "source": rule.source.model_dump()}
