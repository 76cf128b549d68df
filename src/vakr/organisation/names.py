"""Short name forms for signatures: «Ғ.Қ. Нұрпейісов» and «Нұрпейісов Ғ.Қ.».

The documents of a state body name people in two short forms, after the seed's sample plan:

* **initials, then surname** — «К. Бичунов»: under «УТВЕРЖДАЮ» (the head who approves the plan) and under the
  report's signature (the authorised person); :func:`initials_surname`;
* **surname, then initials** — «Грабенко А.Ю.»: in «СОГЛАСОВАНО:» (the working group under the plan) and in the
  lists of people responsible for a measure («Нурсейтова Б.К., Айтулова А.К.»); :func:`surname_initials`.

Analysts type full names in either order: «Нұрпейісов Ғалымжан Қасымұлы» (surname first, the usual order in
Kazakhstan's documents; the default) or «Ғалымжан Қасымұлы Нұрпейісов» (given name first, ``order="given_first"``).
Parsing rules:

* whitespace is normalised (NFC, non-breaking and other spaces, runs of spaces); letters are kept as typed,
  initials are the upper-case first letters («ә…» → «Ә.»; a Latin lookalike «I» typed in a Cyrillic word gives
  the Cyrillic «І.»);
* a patronymic is recognised by its form, wherever it stands: one word ending in -ұлы/-улы/-қызы/-кызы (also
  -уулу, -оглы, -гызы) or in the Russian -вич/-вна/-ична/-чна, or two words whose second is «ұлы», «улы»,
  «қызы», «кызы», «уулу», «оглы», «оглу», «гызы» («Қасым ұлы», «Тофик оглы»); its initial is that of the first
  word. **An explicit patronymic wins over the order argument**: in a three-part name with the patronymic in the
  middle, the part before it is the given name and the part after it the surname, whatever ``order`` says;
* two parts are surname and given name in the stated order — unless exactly one of them has a patronymic form:
  a given name never has one, so that part is the surname («Момышұлы Бауыржан», «Бауыржан Момышұлы» — Kazakh
  surnames made from the father's name); one part is a surname alone and comes back unchanged;
* lower-case particles («де», «фон», «ван дер», …) belong to the surname that follows them;
* a double surname with a hyphen stays whole; a double given name gives hyphenated initials («Анна-Мария» →
  «А.-М.»); a patronymic gives one initial;
* short forms are recognised and re-formed: «Бичунов К.», «К. Бичунов», «Грабенко А. Ю.», «А.Ю.Грабенко»;
* initials are written without spaces («А.Ю.»), and a plain space separates them from the surname (the
  documents make it non-breaking themselves).

Text that is not a recognised name (digits, punctuation, lower-case words such as «и.о. руководителя», more than
three name parts, a particle without a surname) is returned cleaned but otherwise unchanged; nothing here raises
for user text. :func:`parse_name` returns such text whole as the ``surname`` of a :class:`PersonName` with no
given name, so both forms give it back as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["NameOrder", "PersonName", "initials_surname", "parse_name", "surname_initials"]

NameOrder = Literal["surname_first", "given_first"]

# Second words of a two-word patronymic (Kazakh, Kyrgyz, Azerbaijani, Uzbek; Cyrillic and Latin spellings).
PATRONYMIC_WORDS = frozenset({
    "ұлы", "улы", "қызы", "кызы", "уулу", "оглы", "оглу", "гызы", "угли", "ўғли", "қизи", "кизи",
    "uly", "qyzy", "kyzy", "uulu", "ogly", "oglu", "gyzy", "ugli", "qizi", "kizi",
})  # fmt: skip
# Endings of a one-word patronymic.
PATRONYMIC_ENDINGS = (
    "ұлы", "улы", "қызы", "кызы", "уулу", "оглы", "оглу", "гызы",
    "вич", "вна", "чна",  # -ович/-евич/-ич, -овна/-евна, -ична/-инична
    "uly", "qyzy", "kyzy", "uulu", "ogly", "oglu", "gyzy", "ovich", "evich", "ovna", "evna", "ichna",
)  # fmt: skip
# Lower-case particles that belong to the surname after them.
SURNAME_PARTICLES = frozenset({
    "де", "дю", "да", "ди", "дель", "делла", "дос", "ла", "ле", "фон", "ван", "дер", "ден", "тер", "цу",
    "de", "du", "da", "di", "del", "della", "dos", "la", "le", "von", "van", "der", "den", "ter", "zu",
})  # fmt: skip

# A Latin letter typed for its Cyrillic lookalike (Kazakh «і» is often typed as Latin «i»).
_LATIN_TO_CYRILLIC = str.maketrans("ABCEHIKMOPTX", "АВСЕНІКМОРТХ")
_REMOVED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width characters
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

_L = r"[^\W\d_]"  # one letter
_WORD = re.compile(rf"{_L}+(?:['’ʼ]{_L}+)*(?:-{_L}+(?:['’ʼ]{_L}+)*)*")
_INITIALS = re.compile(rf"(?:{_L}\.-?)*{_L}\.?")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_GLUED = re.compile(rf"((?:{_L}\.-?)*{_L}\.)({_L}.+)")  # «А.Ю.Грабенко»


@dataclass(frozen=True)
class PersonName:
    """A person's name split into parts; ``given`` and ``patronymic`` may be initials («А.») or empty."""

    surname: str  # may be double: «Иванова-Петрова», or with a particle: «фон Штауфенберг»
    given: str = ""  # may be double: «Анна-Мария»
    patronymic: str = ""  # «Қасымұлы», «Қасым ұлы», «Сергеевна», «Тофик оглы»

    @property
    def initials(self) -> str:
        """«Ғ.Қ.», «А.-М.С.», «К.», or '' when only the surname is known."""
        if not self.given:
            return ""
        given = ".-".join(_letter(part, self.surname) for part in self.given.split("-") if part[:1].isupper())
        given = f"{given or _letter(self.given, self.surname)}."
        return given + (f"{_letter(self.patronymic, self.surname)}." if self.patronymic else "")

    def initials_surname(self) -> str:
        """«Ғ.Қ. Нұрпейісов»."""
        return f"{self.initials} {self.surname}" if self.initials else self.surname

    def surname_initials(self) -> str:
        """«Нұрпейісов Ғ.Қ.»."""
        return f"{self.surname} {self.initials}" if self.initials else self.surname


def parse_name(full: str, order: NameOrder = "surname_first") -> PersonName:
    """Split a full or short name into surname, given name and patronymic (see the module's rules).

    ``order`` is the order of a full name as typed; an explicit patronymic or a surname particle overrides it.
    Text that is not a recognised name comes back whole, cleaned, as the ``surname``.
    """
    text = _clean(full)
    tokens = _split_glued(text.split(" ")) if text else []
    if any(_initial_groups(t) is not None for t in tokens):
        name = _parse_short(tokens)
    else:
        name = _parse_full(tokens, order)
    return name or PersonName(text)


def initials_surname(full: str, order: NameOrder = "surname_first") -> str:
    """«Нұрпейісов Ғалымжан Қасымұлы» → «Ғ.Қ. Нұрпейісов» (for «УТВЕРЖДАЮ» and the report's signature)."""
    return parse_name(full, order).initials_surname()


def surname_initials(full: str, order: NameOrder = "surname_first") -> str:
    """«Нұрпейісов Ғалымжан Қасымұлы» → «Нұрпейісов Ғ.Қ.» (for «СОГЛАСОВАНО» and the lists of the responsible)."""
    return parse_name(full, order).surname_initials()


# --- parsing ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    text: str
    kind: Literal["word", "surname", "patronymic"]  # surname: has a particle; patronymic: two words

    @property
    def looks_patronymic(self) -> bool:
        if self.kind == "patronymic":
            return True
        word = self.text.casefold()
        return self.kind == "word" and any(
            word.endswith(end) and len(word) > len(end) + 1 for end in PATRONYMIC_ENDINGS
        )


def _clean(full: object) -> str:
    if not full:
        return ""
    text = unicodedata.normalize("NFC", str(full)).translate(_REMOVED).translate(_HYPHENS)
    return " ".join(text.split())


def _split_glued(tokens: list[str]) -> list[str]:
    """«А.Ю.Грабенко» → «А.Ю.», «Грабенко»."""
    out: list[str] = []
    for token in tokens:
        m = _GLUED.fullmatch(token)
        if m and _initial_groups(m[1]) is not None and _is_name_word(m[2]):
            out += [m[1], m[2]]
        else:
            out.append(token)
    return out


def _initial_groups(token: str) -> list[list[str]] | None:
    """«А.Ю.» → [[А], [Ю]]; «А.-М.» → [[А, М]]; ``None`` when the token is not initials."""
    if not _INITIALS.fullmatch(token) or not all(c.isupper() for c in token if c.isalpha()):
        return None
    groups: list[list[str]] = []
    joined = False
    for c in token:
        if c == "-":
            joined = True
        elif c.isalpha():
            if joined:
                groups[-1].append(c)
            else:
                groups.append([c])
            joined = False
    return groups


def _is_name_word(token: str) -> bool:
    return bool(_WORD.fullmatch(token)) and token[0].isupper()


def _parse_short(tokens: list[str]) -> PersonName | None:
    """«Грабенко А.Ю.», «Грабенко А. Ю.», «К. Бичунов»: initials on one side, the surname on the other."""
    flags = [_initial_groups(t) is not None for t in tokens]
    first = flags.index(True)
    count = flags.count(True)
    if flags[first : first + count] != [True] * count:
        return None  # initials not together
    if first == 0:
        initials, rest = tokens[:count], tokens[count:]
    elif first + count == len(tokens):
        initials, rest = tokens[first:], tokens[:first]
    else:
        return None
    if not rest or not _is_name_word(rest[-1]) or any(t not in SURNAME_PARTICLES for t in rest[:-1]):
        return None
    surname = " ".join(rest)
    groups = [g for t in initials for g in _initial_groups(t) or []]
    if len(groups) > 2:
        return None
    if _CYRILLIC.search(surname):
        groups = [[c.translate(_LATIN_TO_CYRILLIC) for c in g] for g in groups]
    parts = [".-".join(g) + "." for g in groups]
    return PersonName(surname, parts[0], parts[1] if len(parts) > 1 else "")


def _units(tokens: list[str]) -> list[_Part] | None:
    """Group the words: particles join the surname after them, «ұлы»/«оглы» join the word before them."""
    parts: list[_Part] = []
    particles: list[str] = []
    for token in tokens:
        if token in SURNAME_PARTICLES:
            particles.append(token)
        elif token.casefold() in PATRONYMIC_WORDS:
            if particles or not parts or parts[-1].kind != "word":
                return None
            parts[-1] = _Part(f"{parts[-1].text} {token}", "patronymic")
        elif _is_name_word(token):
            if particles:
                parts.append(_Part(" ".join([*particles, token]), "surname"))
                particles = []
            else:
                parts.append(_Part(token, "word"))
        else:
            return None
    return None if particles else parts


def _parse_full(tokens: list[str], order: NameOrder) -> PersonName | None:
    parts = _units(tokens)
    if not parts or len(parts) > 3:
        return None
    if len(parts) == 1:
        return PersonName(parts[0].text)
    marked = [i for i, p in enumerate(parts) if p.kind == "surname"]
    patronymic = {i for i, p in enumerate(parts) if p.looks_patronymic}
    if len(parts) == 2:
        if len(marked) > 1:
            return None
        if marked:
            s = marked[0]
        elif len(patronymic) == 1:
            s = patronymic.pop()  # a given name never has a patronymic's form: the other part is the surname
        else:
            s = 0 if order == "surname_first" else 1
        given = parts[1 - s]
        if given.kind != "word":
            return None
        return PersonName(parts[s].text, given.text)
    # Three parts: surname-given-patronymic or given-patronymic-surname.
    if marked:
        layout = {0: "surname_first", 2: "given_first"}.get(marked[0]) if len(marked) == 1 else None
        if layout is None:
            return None
    elif 1 in patronymic and 0 not in patronymic:
        layout = "given_first"  # the middle part is the patronymic, the first is not
    elif 2 in patronymic and 1 not in patronymic:
        layout = "surname_first"  # the last part is the patronymic, the middle (given name) is not
    else:
        layout = order
    s, g, p = (0, 1, 2) if layout == "surname_first" else (2, 0, 1)
    if parts[g].kind != "word" or parts[p].kind == "surname":
        return None
    return PersonName(parts[s].text, parts[g].text, parts[p].text)


def _letter(word: str, context: str) -> str:
    """The upper-case first letter; a Latin lookalike in a Cyrillic name becomes Cyrillic («Iсабек» → «І»)."""
    letter = word[:1].upper()
    if _CYRILLIC.search(word + context):
        letter = letter.translate(_LATIN_TO_CYRILLIC)
    return letter
