"""The Russian phrases the documents share: cleaned user text, indicator wording, periods, the opening sentence."""

from __future__ import annotations

import functools
import re
from typing import Any

from vakr.evaluation.evaluate import Evaluation, Risk
from vakr.evaluation.recommendations import morph_analyzer
from vakr.formatting import long_date, plural, plural_form
from vakr.organisation.model import Person, Profile
from vakr.organisation.names import initials_surname, surname_initials

# Characters XML 1.0 (and so Word and Excel) cannot hold; they are dropped from user text.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_END_PUNCTUATION = (".", "!", "?", "…")


def clean(text: object) -> str:
    """User text safe for a document: no control characters, no surrounding spaces; ``None`` → ''."""
    if text is None:
        return ""
    return _INVALID_XML.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n").strip()


# Words before the organisation's proper name that name its legal form («Государственное учреждение»), and the
# head noun after them, take the genitive after «в деятельности»; an abbreviation («ГУ», «АО») and the name in
# quotes stay as written.
_FORM_WORDS = re.compile(r"^([^«\"]*?)(?=\s*[«\"]|$)")


def _genitive_word(word: str, analyzer: Any) -> tuple[str, bool] | None:
    """The genitive of one word of the legal form and whether it is a noun; None where inflecting stops."""
    if not word.isalpha() or word.isupper():
        return None
    parse = next((p for p in analyzer.parse(word)
                  if p.tag.case == "nomn" and p.tag.POS in ("ADJF", "PRTF", "NOUN")), None)
    if parse is None or (inflected := parse.inflect({"gent"})) is None:
        return None
    text = inflected.word
    return (text[:1].upper() + text[1:] if word[:1].isupper() else text), parse.tag.POS == "NOUN"


@functools.lru_cache(maxsize=256)  # one organisation's name, asked for by each of its documents
def name_in_genitive(name: str) -> str:
    """«Государственное учреждение «Управление …»» → «Государственного учреждения «Управление …»», for «в
    деятельности …»: the adjectives of the legal form and its head noun are inflected, the rest stays; a name that
    starts with an abbreviation («ГУ «…»», «АО «…»») or with anything else stays as written."""
    name = clean(name)
    form = _FORM_WORDS.match(name)
    words = (form.group(1) if form else "").split()
    if not words or not words[0].isalpha() or words[0].isupper():  # «ГУ «…»», «АО «…»»: no dictionary needed
        return name
    analyzer = morph_analyzer()
    out: list[str] = []
    for word in words:
        result = _genitive_word(word, analyzer)
        if result is None:
            break
        out.append(result[0])
        if result[1]:  # the head noun ends the legal form
            return " ".join(out + name.split(maxsplit=len(out))[len(out):])
    return name


# Core properties of Word and Excel files (title, subject) hold at most 255 characters.
METADATA_LIMIT = 255


def metadata_text(text: object, limit: int = METADATA_LIMIT) -> str:
    """User text for a file's properties: shortened with «…» past the limit (the document body keeps it whole)."""
    value = " ".join(clean(text).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def lower_first(text: str) -> str:
    """«Оказание услуг» → «оказание услуг»; abbreviations («НПА …») stay as they are."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """Text ending with a full stop (unless it already ends a sentence)."""
    text = clean(text)
    if not text or text.endswith(_END_PUNCTUATION):
        return text
    return text.rstrip(";:,") + "."


def indicator_title(risk: Risk) -> str:
    """The indicator's wording for a signed document. Group-level findings («иные признаки») lose the checklist's
    working notes («не перечисленные выше», «индикаторы ещё не внесены в каталог»)."""
    title = clean(risk.indicator_title)
    if risk.indicator_number is None:
        title = re.sub(r"\s*\([^()]*каталог[^()]*\)\s*$", "", title)
        title = re.sub(r",\s*не перечисленные выше\s*$", "", title)
    return title


def indicator_phrase(risk: Risk) -> str:
    """«2) назначение на должность без проведения конкурсного отбора» — as the indicator is cited in the report."""
    title = lower_first(indicator_title(risk))
    return f"{risk.indicator_number}) {title}" if risk.indicator_number is not None else title


def plan_indicator_text(risk: Risk) -> str:
    """The indicator row of the plan (level «1.1.»): the factor or area and the indicator."""
    if risk.indicator_number is None:
        return upper_first(indicator_title(risk))
    return f"{clean(risk.group_title)}: {lower_first(indicator_title(risk))}"


def finding_heading(template: str, risk: Risk) -> str:
    """«По направлению – управление персоналом, по индикатору:» from the catalogue's wording."""
    return template.format(direction=lower_first(clean(risk.group_title)))


def responsible_lines(risk: Risk) -> list[str]:
    """Who carries the measure out: the analyst's list, else the structural unit."""
    people = [clean(r) for r in risk.responsible if clean(r)]
    return people or [clean(risk.unit)]


# --- suggested values ---------------------------------------------------------------------------------------

SUGGESTED_MARK = "◊"
SUGGESTED_LEGEND = (f"{SUGGESTED_MARK} — предложено по методике — проверьте: значение не указано аналитиком и"
                    " подставлено программой (мера и форма завершения — по индикатору, фактору или сфере риска, срок —"
                    " по уровню риска, ответственный — подразделение); замените его или подтвердите перед подписанием.")


# --- signatures ---------------------------------------------------------------------------------------------

NBSP = "\u00a0"


def signature(person: Person, profile: Profile) -> str:
    """«К.А. Бичунов»: the short form under a signature (the one typed by the analyst, if any); the space after
    the initials does not break."""
    short = clean(person.signature) or initials_surname(clean(person.name), profile.name_order)
    return re.sub(r"(?<=\.) (?=\S+$)", NBSP, short)


def agreed_name(person: Person, profile: Profile) -> str:
    """«Грабенко А.Ю.»: how the seed lists those who agree the plan («СОГЛАСОВАНО»)."""
    short = surname_initials(clean(person.name), profile.name_order)
    return re.sub(r" (?=[^ ]+\.$)", NBSP, short)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[^\W\d_]{5,}", text.lower().replace("ё", "е"))}


# Words of an organisation's name that say what kind of body it is, not which one (Russian and Kazakh).
_GENERIC = _stems("государственное учреждение коммунальное акционерное общество товарищество ограниченной "
                  "ответственностью республиканское предприятие государственного мемлекеттік мекемесі мекеме "
                  "коммуналдық акционерлік қоғамы серіктестігі шектеулі жауапкершілігі республикалық кәсіпорны")


def position_names_organisation(position: str, name: str) -> bool:
    """Whether the head's position already names the organisation («Руководитель аппарата акима … области» for «ГУ
    «Аппарат акима … области»»): most of the name's distinctive words occur in it."""
    distinctive = _stems(name) - _GENERIC
    return name in position or bool(distinctive and len(distinctive & _stems(position)) * 2 >= len(distinctive))


def approval_lines(profile: Profile) -> list[str]:
    """The lines of «УТВЕРЖДАЮ» between the word and the signature: the head's position, and the organisation only
    when the position does not already name it (the seed: «Исполняющий обязанности руководителя ГУ «Аппарат акима
    Восточно-Казахстанской области»» — one statement, no repetition)."""
    position, name = clean(profile.head.position), clean(profile.name)
    if position_names_organisation(position, name):
        return [position]
    return [position, name_in_genitive(name)]  # «Руководитель управления» + «Государственного учреждения «…»»


def period_phrase(profile: Profile) -> str:
    """«с 1 октября 2025 года по 28 ноября 2025 года»."""
    return f"с {long_date(profile.vakr_start)} по {long_date(profile.vakr_end)}"


def years_phrase(profile: Profile) -> str:
    """The period the plan covers, as in «… за 2025 год» / «… за 2025–2026 годы»."""
    first, last = profile.vakr_start.year, profile.vakr_end.year
    return f"{first} год" if first == last else f"{first}–{last} годы"


def order_phrase(profile: Profile) -> str:
    """«от 20 сентября 2025 года № 17-ө»."""
    return f"от {long_date(profile.order.date)} № {clean(profile.order.number)}"


def risks_count(n: int) -> str:
    return plural(n, "коррупционный риск", "коррупционных риска", "коррупционных рисков")


def found_phrase(n: int) -> str:
    """«выявлен 1 коррупционный риск», «выявлено 3 коррупционных риска», «коррупционные риски не выявлены»."""
    if n == 0:
        return "коррупционные риски не выявлены"
    verb = plural_form(n, "выявлен", "выявлено", "выявлено")
    return f"{verb} {risks_count(n)}"


def opening_sentence(evaluation: Evaluation) -> str:
    """«В ходе проведения ВАКР в … было выявлено N следующих коррупционных рисков.» with Russian agreement."""
    return opening_text(clean(evaluation.profile.name), len(evaluation.risks), len(evaluation.npa_risks))


def opening_text(org: str, n: int, npa: int) -> str:
    """The opening sentence for ``n`` risks, ``npa`` of them in normative legal acts."""
    if n == 0:
        return f"В ходе проведения ВАКР в {org} коррупционные риски не выявлены."
    if n == 1:
        text = f"В ходе проведения ВАКР в {org} был выявлен следующий коррупционный риск"
    else:
        found = plural_form(n, f"был выявлен {n} коррупционный риск", f"было выявлено {n} следующих коррупционных риска",
                            f"было выявлено {n} следующих коррупционных рисков")
        text = f"В ходе проведения ВАКР в {org} {found}"
    if npa and npa < n:
        text += f" (в нормативных правовых актах – {npa}, в организационно-управленческой деятельности – {n - npa})"
    elif npa == n:
        text += " в нормативных правовых актах"
    return text + "."
