"""Short name forms for signatures: «Ғ.Қ. Нұрпейісов» (УТВЕРЖДАЮ) and «Нұрпейісов Ғ.Қ.» (СОГЛАСОВАНО)."""

from __future__ import annotations

import pytest

from vakr.organisation.names import PersonName, initials_surname, parse_name, surname_initials

NBSP = "\u00a0"
KAZAKH_CAPITALS = "ӘҒҚҢӨҰҮҺІ"

# (typed name, order, initials then surname, surname then initials)
CASES = [
    # Kazakh names, surname first (the default order)
    ("Нұрпейісов Ғалымжан Қасымұлы", "surname_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("Нұрпейісов Ғалымжан Қасым ұлы", "surname_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("Нурпеисов Галымжан Касым улы", "surname_first", "Г.К. Нурпеисов", "Нурпеисов Г.К."),
    ("Тәжібаева Әсел Серікқызы", "surname_first", "Ә.С. Тәжібаева", "Тәжібаева Ә.С."),
    ("Тәжібаева Әсел Серік қызы", "surname_first", "Ә.С. Тәжібаева", "Тәжібаева Ә.С."),
    ("Тажибаева Асель Серик кызы", "surname_first", "А.С. Тажибаева", "Тажибаева А.С."),
    ("Өмірзақов Ұлан", "surname_first", "Ұ. Өмірзақов", "Өмірзақов Ұ."),
    ("Ұлан Өмірзақов", "given_first", "Ұ. Өмірзақов", "Өмірзақов Ұ."),
    # given name first
    ("Ғалымжан Қасымұлы Нұрпейісов", "given_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("Ғалымжан Қасым ұлы Нұрпейісов", "given_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("Вячеслав Игоревич Ли", "given_first", "В.И. Ли", "Ли В.И."),
    # an explicit patronymic wins over the order argument
    ("Ғалымжан Қасымұлы Нұрпейісов", "surname_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("Нұрпейісов Ғалымжан Қасымұлы", "given_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("Анна Сергеевна Иванова", "surname_first", "А.С. Иванова", "Иванова А.С."),
    # a surname that looks like a patronymic: the other patronymic decides
    ("Абрамович Роман Аркадьевич", "surname_first", "Р.А. Абрамович", "Абрамович Р.А."),
    ("Роман Аркадьевич Абрамович", "surname_first", "Р.А. Абрамович", "Абрамович Р.А."),
    # two words: surname and given name in the stated order, unless one has a patronymic's form
    ("Бичунов Кирилл", "surname_first", "К. Бичунов", "Бичунов К."),
    ("Кирилл Бичунов", "given_first", "К. Бичунов", "Бичунов К."),
    ("Момышұлы Бауыржан", "surname_first", "Б. Момышұлы", "Момышұлы Б."),
    ("Бауыржан Момышұлы", "surname_first", "Б. Момышұлы", "Момышұлы Б."),
    ("Бауыржан Момыш ұлы", "surname_first", "Б. Момыш ұлы", "Момыш ұлы Б."),
    # Russian and other names
    ("Ли Вячеслав Игоревич", "surname_first", "В.И. Ли", "Ли В.И."),
    ("Иванова-Петрова Анна-Мария Сергеевна", "surname_first", "А.-М.С. Иванова-Петрова", "Иванова-Петрова А.-М.С."),
    ("Анна-Мария Сергеевна Иванова-Петрова", "given_first", "А.-М.С. Иванова-Петрова", "Иванова-Петрова А.-М.С."),
    ("Кузьмина Ольга Ильинична", "surname_first", "О.И. Кузьмина", "Кузьмина О.И."),
    ("Мамедов Эльдар Тофик оглы", "surname_first", "Э.Т. Мамедов", "Мамедов Э.Т."),
    ("Эльдар Тофик оглы Мамедов", "surname_first", "Э.Т. Мамедов", "Мамедов Э.Т."),
    ("Алиева Лейла Тофик кызы", "surname_first", "Л.Т. Алиева", "Алиева Л.Т."),
    ("Асанов Бакыт Марат уулу", "surname_first", "Б.М. Асанов", "Асанов Б.М."),
    ("Мамедов Эльдар Тофикоглы", "surname_first", "Э.Т. Мамедов", "Мамедов Э.Т."),
    # particles belong to the surname
    ("фон Штауфенберг Клаус", "surname_first", "К. фон Штауфенберг", "фон Штауфенберг К."),
    ("Клаус фон Штауфенберг", "surname_first", "К. фон Штауфенберг", "фон Штауфенберг К."),
    ("Людвиг ван дер Берг", "surname_first", "Л. ван дер Берг", "ван дер Берг Л."),
    ("Шарль Андре де Голль", "given_first", "Ш.А. де Голль", "де Голль Ш.А."),
    # short forms are re-formed, not mangled
    ("Бичунов К.", "surname_first", "К. Бичунов", "Бичунов К."),
    ("К. Бичунов", "surname_first", "К. Бичунов", "Бичунов К."),
    ("Грабенко А.Ю.", "surname_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    ("А.Ю. Грабенко", "surname_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    ("Грабенко А. Ю.", "surname_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    ("А. Ю. Грабенко", "given_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    ("А.Ю.Грабенко", "surname_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    ("Грабенко А.Ю", "surname_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    ("Нурсейтова Б.К.", "surname_first", "Б.К. Нурсейтова", "Нурсейтова Б.К."),
    ("Иванова-Петрова А.-М.С.", "surname_first", "А.-М.С. Иванова-Петрова", "Иванова-Петрова А.-М.С."),
    ("Ғ.Қ. Нұрпейісов", "surname_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    ("де Голль Ш.", "surname_first", "Ш. де Голль", "де Голль Ш."),
    # whitespace: runs of spaces, non-breaking and narrow spaces, tabs, zero-width characters
    ("  Нұрпейісов   Ғалымжан  Қасымұлы ", "surname_first", "Ғ.Қ. Нұрпейісов", "Нұрпейісов Ғ.Қ."),
    (f"Грабенко{NBSP}А.Ю.", "surname_first", "А.Ю. Грабенко", "Грабенко А.Ю."),
    (f"К.{NBSP}Бичунов", "surname_first", "К. Бичунов", "Бичунов К."),
    ("Ли\u202fВячеслав\tИгоревич\u200b", "surname_first", "В.И. Ли", "Ли В.И."),
    ("Иванова\u2011Петрова Анна Сергеевна", "surname_first", "А.С. Иванова-Петрова", "Иванова-Петрова А.С."),
    # a Latin «I» typed for the Kazakh «І» gives a Cyrillic initial
    ("Нұрпейісов Iсабек", "surname_first", "І. Нұрпейісов", "Нұрпейісов І."),
    # one word: the surname alone, unchanged
    ("Бичунов", "surname_first", "Бичунов", "Бичунов"),
    ("Тәжібаев", "given_first", "Тәжібаев", "Тәжібаев"),
    ("Иванова-Петрова", "surname_first", "Иванова-Петрова", "Иванова-Петрова"),
    (f"{NBSP}Бичунов{NBSP}", "surname_first", "Бичунов", "Бичунов"),
    # empty
    ("", "surname_first", "", ""),
    ("   ", "given_first", "", ""),
]  # fmt: skip


@pytest.mark.parametrize(("full", "order", "approve", "agree"), CASES, ids=[f"{c[0]!r}-{c[1]}" for c in CASES])
def test_short_forms(full: str, order: str, approve: str, agree: str) -> None:
    assert initials_surname(full, order) == approve
    assert surname_initials(full, order) == agree


# Not a name: returned cleaned (spaces normalised), otherwise unchanged, by both forms and in both orders.
NOT_NAMES = [
    ("и.о. руководителя", "и.о. руководителя"),
    (f"и.о.{NBSP} руководителя ", "и.о. руководителя"),
    ("Начальник отдела кадров", "Начальник отдела кадров"),
    ("Иванов Иван 2", "Иванов Иван 2"),
    ("Иванов  Иван Иванович Петров", "Иванов Иван Иванович Петров"),  # four parts
    ("Нурсейтова Б.К., Айтулова А.К.", "Нурсейтова Б.К., Айтулова А.К."),  # a list, not one name
    ("А.Б.В. Иванов", "А.Б.В. Иванов"),  # three initials
    ("Иванов А. Петров", "Иванов А. Петров"),  # initials between two words
    ("оглы Мамедов", "оглы Мамедов"),  # «оглы» after nothing
    ("Клаус фон", "Клаус фон"),  # a particle without a surname
    ("ИП «Ромашка»", "ИП «Ромашка»"),
]


@pytest.mark.parametrize(("text", "cleaned"), NOT_NAMES)
@pytest.mark.parametrize("order", ["surname_first", "given_first"])
def test_not_a_name_is_returned_unchanged(text: str, cleaned: str, order: str) -> None:
    assert initials_surname(text, order) == cleaned
    assert surname_initials(text, order) == cleaned
    assert parse_name(text, order) == PersonName(cleaned)


@pytest.mark.parametrize(
    ("full", "order", "expected"),
    [
        ("Нұрпейісов Ғалымжан Қасымұлы", "surname_first", PersonName("Нұрпейісов", "Ғалымжан", "Қасымұлы")),
        ("Ғалымжан Қасымұлы Нұрпейісов", "surname_first", PersonName("Нұрпейісов", "Ғалымжан", "Қасымұлы")),
        ("Нұрпейісов Ғалымжан Қасым ұлы", "surname_first", PersonName("Нұрпейісов", "Ғалымжан", "Қасым ұлы")),
        ("Мамедов Эльдар Тофик оглы", "surname_first", PersonName("Мамедов", "Эльдар", "Тофик оглы")),
        ("Иванова-Петрова Анна-Мария Сергеевна", "surname_first",
         PersonName("Иванова-Петрова", "Анна-Мария", "Сергеевна")),
        ("Өмірзақов Ұлан", "surname_first", PersonName("Өмірзақов", "Ұлан")),
        ("Ұлан Өмірзақов", "given_first", PersonName("Өмірзақов", "Ұлан")),
        ("Грабенко А. Ю.", "surname_first", PersonName("Грабенко", "А.", "Ю.")),
        ("К. Бичунов", "surname_first", PersonName("Бичунов", "К.")),
        ("Клаус фон Штауфенберг", "surname_first", PersonName("фон Штауфенберг", "Клаус")),
        ("Тәжібаев", "surname_first", PersonName("Тәжібаев")),
        ("и.о. руководителя", "surname_first", PersonName("и.о. руководителя")),
        ("", "surname_first", PersonName("")),
    ],
)  # fmt: skip
def test_parse_name(full: str, order: str, expected: PersonName) -> None:
    assert parse_name(full, order) == expected


def test_kazakh_letters_survive_nfc() -> None:
    """Decomposed input («и» + combining breve) is composed to «й»; Kazakh letters are kept as typed."""
    decomposed = "Қаи\u0306ырбеков Ерлан"
    assert surname_initials(decomposed) == "Қайырбеков Е."
    assert "\u0306" not in parse_name(decomposed).surname
    assert initials_surname("Әбілқайыр Ғабит Һадиұлы") == "Ғ.Һ. Әбілқайыр"


@pytest.mark.parametrize("capital", list(KAZAKH_CAPITALS))
def test_every_kazakh_capital_initial_survives(capital: str) -> None:
    given, patronymic = f"{capital}лан", f"{capital}сенұлы"
    assert initials_surname(f"Абаев {given} {patronymic}") == f"{capital}.{capital}. Абаев"
    assert surname_initials(f"{given} {patronymic} Абаев", "given_first") == f"Абаев {capital}.{capital}."
    # in short forms too, and the letter is the same code point (not a Latin or Russian lookalike)
    result = surname_initials(f"{capital}. Абаев")
    assert result == f"Абаев {capital}."
    assert [ord(c) for c in result[-2]] == [ord(capital)]


@pytest.mark.parametrize(("lower", "upper"), list(zip("әғқңөұүһі", KAZAKH_CAPITALS, strict=True)))
def test_initials_of_kazakh_letters_are_kazakh_capitals(lower: str, upper: str) -> None:
    """A part typed in lower case still gives the Kazakh capital initial; «і» → Cyrillic «І», not Latin «I»."""
    assert PersonName("Абаев", f"{lower}лан").initials == f"{upper}."
    assert PersonName("Абаев", "Ерлан", f"{lower}сенұлы").initials == f"Е.{upper}."


def test_no_non_breaking_space_inserted() -> None:
    for result in (initials_surname("Грабенко Алексей Юрьевич"), surname_initials("Грабенко Алексей Юрьевич")):
        assert NBSP not in result and "\u202f" not in result
        assert " " in result


@pytest.mark.parametrize("text", [None, 0, "   ", "\u200b", "12345", "...", "-", "А.", "Ұ"])
def test_never_raises(text: object) -> None:
    assert isinstance(initials_surname(text), str)  # type: ignore[arg-type]
    assert isinstance(surname_initials(text, "given_first"), str)  # type: ignore[arg-type]
