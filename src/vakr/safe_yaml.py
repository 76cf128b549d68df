"""YAML from other people, read with limits: the safe loader only, no anchors or aliases (a few lines of nested
aliases — «billion laughs» — expand to billions of values), no tags, a bounded size and nesting, and no implicit
timestamps (dates stay text, so an impossible date such as 2025-02-31 becomes a message of the model, not a crash
of the YAML constructor).

Every refusal is a :class:`YamlRefused` with the 1-based line, for a message «файл, строка N: …».
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    _BASE = yaml.SafeLoader  # what the checker sees: the same safe constructors and resolver
else:
    # libyaml's safe loader when PyYAML has it: the same safe constructors, several times faster on batch runs
    _BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 10 * 1024 * 1024  # an organisation with hundreds of findings is well under 1 MB
MAX_DEPTH = 32  # the organisation format nests 4 levels deep
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
                  "tag:yaml.org,2002:seq"}


class SafeLoader(_BASE):
    """The safe loader without the implicit timestamp resolver: «2025-10-01» is read as text."""


SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}


class YamlRefused(Exception):
    """The text is not acceptable YAML for vakr; ``line`` and ``column`` are 1-based (None when unknown)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    @property
    def place(self) -> str:
        """«строка 3, позиция 1: » (or «строка 3: », or nothing), to put before the message."""
        if self.line is None:
            return ""
        return f"строка {self.line}" + (f", позиция {self.column}" if self.column else "") + ": "


def _place_of(error: yaml.YAMLError, text: str) -> tuple[int | None, int | None]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(error, "position", None)  # the reader's errors (a NUL byte) give a position
    if isinstance(position, int):
        if _BASE is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text, the Python reader characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line_start = text.rfind("\n", 0, position) + 1
        return text.count("\n", 0, position) + 1, position - line_start + 1
    return None, None


def _refusal(error: yaml.YAMLError, text: str) -> YamlRefused:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if "nesting depth" in problem:  # libyaml's own limit, met before ours
        return YamlRefused("слишком глубокая вложенность: это не файл данных vakr", *_place_of(error, text))
    return YamlRefused(f"ошибка синтаксиса YAML ({problem})", *_place_of(error, text))


def check_events(text: str) -> None:
    """Walk the event stream once (linear, nothing is built) and refuse anchors, aliases, tags and deep nesting."""
    loader = _BASE(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlRefused("якоря и ссылки YAML (&имя, *имя) не допускаются: запишите значения полностью",
                                  line)
            if getattr(event, "tag", None) not in _STANDARD_TAGS:
                raise YamlRefused(f"теги YAML («{event.tag}») не допускаются", line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlRefused(f"слишком глубокая вложенность (более {MAX_DEPTH} уровней): это не файл"
                                      " данных vakr", line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        raise _refusal(error, text) from None
    finally:
        loader.dispose()


def compose(text: str) -> tuple[yaml.Node | None, Any]:
    """The composed root node (its marks give line numbers) and the plain data, after :func:`check_events`."""
    check_events(text)
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    except yaml.YAMLError as error:
        raise _refusal(error, text) from None
    finally:
        loader.dispose()


def load_text(data: bytes) -> str:
    """The bytes of a YAML file as text: size limit, UTF-8 (with or without BOM)."""
    if len(data) > MAX_BYTES:
        raise YamlRefused(f"файл слишком большой ({len(data) / 1024 / 1024:.1f} МБ; допускается не более"
                          f" {MAX_BYTES // 1024 // 1024} МБ)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YamlRefused("файл не в кодировке UTF-8; сохраните его в UTF-8") from None
