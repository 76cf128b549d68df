"""The documents' wording in Kazakh.

Published forms (seen in Kazakh acts and in bodies' published ВАКР documents): «Сыбайлас жемқорлық
тәуекелдеріне ішкі талдау», «Кіріспе бөлімі» / «Сипаттама бөлімі», «БЕКІТЕМІН» / «КЕЛІСІЛДІ», «Жұмыс тобы»,
«Ұсынымдар», «Бұйрық»; they are listed with their sources in :data:`PUBLISHED_TERMS`. Every other sentence here
is the project's translation. Grammar: a noun after a numeral stays singular («3 сыбайлас жемқорлық
тәуекелі»); dates inside a sentence take the case the sentence needs («2025 жылғы 20 қыркүйектегі № 17-ө
бұйрық», «1 қазаннан бастап … 28 қарашаға дейін», :func:`vakr.formatting.kazakh_date`); the organisation's name
needs no inflection («… қызметінде»).
"""

from __future__ import annotations

import datetime as dt

from vakr.calendar.ics import KAZAKH_ICS, reason_years
from vakr.documents.texts import clean, lower_first, position_names_organisation
from vakr.documents.wording import Wording
from vakr.evaluation.kazakh import UNNAMED_ACT, process_name
from vakr.formatting import kazakh_date, long_date
from vakr.organisation.model import Profile

# The Kazakh forms of the documents' terms found in published texts (Russian → Kazakh), as the handbook lists them.
PUBLISHED_TERMS: tuple[tuple[str, str], ...] = (
    ("Внутренний анализ коррупционных рисков (ВАКР)", "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау"),
    ("Аналитическая справка по результатам внутреннего анализа коррупционных рисков",
     "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері бойынша талдамалық анықтама"),
    ("Вводная часть", "Кіріспе бөлімі"),
    ("Описательная часть", "Сипаттама бөлімі"),
    ("План по устранению причин и условий, способствующих совершению коррупционных правонарушений",
     "…анықталған сыбайлас жемқорлық құқық бұзушылықтар жасауға ықпал ететін себептер мен жағдайларды жою бойынша "
     "іс-шаралар жоспары"),
    ("Мероприятие", "Іс-шараның атауы"),
    ("Срок исполнения", "Орындау мерзімі"),
    ("Форма завершения", "Аяқтау нысаны"),
    ("Ответственные исполнители", "Жауапты орындаушылар"),
    ("УТВЕРЖДАЮ", "БЕКІТЕМІН"),
    ("СОГЛАСОВАНО", "КЕЛІСІЛДІ"),
    ("Рабочая группа", "Жұмыс тобы"),
    ("Рекомендации", "Ұсынымдар"),
    ("Уполномоченный по этике", "Әдеп жөніндегі уәкіл"),
    ("Приказ", "Бұйрық"),
    ("Типовые правила проведения внутреннего анализа коррупционных рисков",
     "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидалары"),
    ("Направление № 4 «Предупреждение и противодействие коррупции»",
     "«Сыбайлас жемқорлыққа қарсы іс-қимыл және алдын алу» № 4 үлгілік базалық бағыты"),
)

RISK = "сыбайлас жемқорлық тәуекелі"
RISKS_NONE = "сыбайлас жемқорлық тәуекелдері анықталған жоқ"


# Words after a place name that begin a Kazakh position («Сарыарқа облысы әкімі аппаратының басшысы»): the name
# keeps its capital letter inside a sentence.
_PLACE_WORDS = ("облысы", "ауданы", "қаласы", "облыстық", "аудандық", "қалалық", "ауылының", "ауылдық")


def _position_in_sentence(position: str) -> str:
    """«Бас маман» → «бас маман»; a position that starts with a place name or a quoted name keeps its capital."""
    words = position.split()
    if position.startswith(("«", '"')) or (len(words) > 1 and words[1].lower().startswith(_PLACE_WORDS)):
        return position
    return lower_first(position)


def _found(n: int) -> str:
    return RISKS_NONE if n == 0 else f"{n} {RISK} анықталды"


def _due_text(day: dt.date, provisional: bool) -> str:
    return long_date(day, "kk") + (" (алдын ала)" if provisional else "")


def _provisional_legend(reason: str) -> str:
    years = reason_years(reason)
    which = f"{', '.join(years)} {'жылдардың' if len(years) > 1 else 'жылдың'} " if years else ""
    return (f"«Алдын ала» – мерзім {which}әлі расталмаған күнтізбесі бойынша есептелген: демалыс және белгілі мереке "
            "күндері ескерілген; демалыс күндерін ауыстыру туралы акт жарияланғаннан кейін мұндай мерзімдерді "
            "тексеріңіз.")


def _approval_lines(profile: Profile) -> list[str]:
    """«БЕКІТЕМІН»: the organisation, then the head's position (as Kazakh stamps read: «"…" ММ басшысы»), or the
    position alone when it names the organisation."""
    position = clean(profile.head.position)
    name = clean(profile.name)
    return [position] if position_names_organisation(position, name) else [name, position]


def _order(profile: Profile) -> str:
    return f"{kazakh_date(profile.order.date, 'attributive')} № {clean(profile.order.number)} бұйрық"


def _period(profile: Profile) -> str:
    return f"{kazakh_date(profile.vakr_start, 'ablative')} бастап {kazakh_date(profile.vakr_end, 'dative')} дейін"


def _years(profile: Profile) -> str:
    first, last = profile.vakr_start.year, profile.vakr_end.year
    return f"{first} жылға арналған" if first == last else f"{first}–{last} жылдарға арналған"


def _opening(org: str, n: int, npa: int) -> str:
    lead = f"{org} қызметінде ішкі талдау жүргізу барысында"
    if n == 0:
        return f"{lead} {RISKS_NONE}."
    text = f"{lead} мынадай {RISK} анықталды" if n == 1 else f"{lead} мынадай {n} {RISK} анықталды"
    if npa and npa < n:
        text += f" (нормативтік құқықтық актілерде – {npa}, ұйымдастырушылық-басқарушылық қызметте – {n - npa})"
    elif npa == n:
        text += " (нормативтік құқықтық актілерде)"
    return text + "."


def _npa_intro(factors: int, n: int) -> str:
    return (f"Талдау объектісінің қызметін қозғайтын нормативтік құқықтық актілер мен ішкі құжаттар сыбайлас "
            f"жемқорлық факторларының ({factors} түрі) болуына талданды; {_found(n)}."
            + (" Әрбір тәуекел сипаттама бөлімінің өзі жататын бөлімінде баяндалған." if n else ""))


def _summary_found(n: int, npa: int) -> str:
    return (f"Ішкі талдау қорытындысы бойынша барлығы {n} {RISK} анықталды: нормативтік құқықтық актілерде – {npa}, "
            f"ұйымдастырушылық-басқарушылық қызметте – {n - npa}. Тәуекелдердің анықтама бөлімдері мен деңгейлері "
            f"бойынша бөлінуі кестелерде келтірілген.")


def _band_rule(bands: list[tuple[str, int, int]]) -> str:
    ranges = ", ".join(f"{title} – {low}–{high}" for title, low, high in bands)
    return (f"Тәуекел деңгейі ықтималдық пен салдар бағаларының (әрқайсысы 1-ден 5-ке дейін) көбейтіндісі бойынша "
            f"айқындалды: {ranges} балл.")


def _attachments(positions: int, n: int) -> str:
    plan = "Анықталған тәуекелдерді жою үшін іс-шаралар жоспары әзірленді (қоса беріледі)."
    if positions:
        return (f"{plan} Сыбайлас жемқорлық тәуекелдеріне бейім лауазымдар тізбесіне {positions} лауазым енгізілді "
                f"(қоса беріледі).")
    return plan if n else ""


def _plan_title(organisation: str, years: str) -> list[str]:
    return [f"{organisation} қызметінде сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу нәтижелері бойынша "
            f"анықталған сыбайлас жемқорлық құқық бұзушылықтар жасауға ықпал ететін себептер мен жағдайларды жою "
            f"бойынша {years}", "ІС-ШАРАЛАР ЖОСПАРЫ"]


KAZAKH = Wording(
    lang="kk",
    file_suffix=".kk",
    ics=KAZAKH_ICS,
    docx_language="kk-KZ",
    date=lambda day: long_date(day, "kk"),
    due_text=_due_text,
    provisional_legend=_provisional_legend,
    suggested_legend=("◊ — әдістеме бойынша ұсынылған, тексеріңіз: мәнді талдаушы көрсетпеген, оны бағдарлама "
                      "қойған (іс-шара мен аяқтау нысаны – индикатор, фактор немесе тәуекел саласы бойынша, мерзім – "
                      "тәуекел деңгейі бойынша, жауапты орындаушы – құрылымдық бөлімше); қол қойылғанға дейін оны "
                      "ауыстырыңыз немесе растаңыз."),
    suggested_legend_xlsx=("Белгіленген мәндерді бағдарлама әдістеме бойынша ұсынған (іс-шара мен аяқтау нысаны – "
                           "индикатор, фактор немесе тәуекел саласы бойынша, мерзім – тәуекел деңгейі бойынша, "
                           "жауапты орындаушы – құрылымдық бөлімше): жоспар бекітілгенге дейін оларды тексеріп, "
                           "қажет болса ауыстырыңыз."),
    suggested_header="Әдістеме бойынша ұсынылған – тексеріңіз",
    suggestion_kinds={"act": "тәуекелдің атауы", "section": "анықтама бөлімі", "measure": "іс-шара",
                      "completion_form": "аяқтау нысаны", "responsible": "жауапты орындаушылар", "due": "мерзім"},
    total="Барлығы",
    organisation=lambda name: clean(name),
    position_in_sentence=_position_in_sentence,
    approval_lines=_approval_lines,
    approval_word="БЕКІТЕМІН",
    agreed_word="КЕЛІСІЛДІ:",
    signature_date="20__ жылғы «___» ____________",
    authorised_title="Уәкілетті тұлға",
    order=_order,
    period=_period,
    years=_years,
    opening=_opening,
    found=_found,
    process_name=process_name,
    unnamed_act=UNNAMED_ACT,
    no_risks_section=f"Осы бөлім бойынша {RISKS_NONE}.",
    recommendations_label="Ұсынымдар:",
    unit_label="Құрылымдық бөлімше: ",
    level_label=" Тәуекел деңгейі: ",
    level_detail=lambda band, likelihood, impact, score: (
        f"{band} (ықтималдығы – {likelihood}, салдары – {impact}, қорытынды бағасы – {score} балл)."),
    section_functions=lambda title: f"{title} (бөлім бойынша): ",
    no_unit_positions=lambda unit: (f"тізбеде «{unit}» бөлімшесінің лауазымдары жоқ; осы "
                                    "тәуекелге бейім лауазымдарды айқындаңыз"),
    positions_lead=("Ішкі талдау қорытындысы бойынша сыбайлас жемқорлық тәуекелдеріне бейім лауазымдар айқындалды "
                    "(тізбе қоса беріледі):"),
    npa_intro=_npa_intro,
    npa_header=("№", "Сыбайлас жемқорлық факторы", "Анықталған тәуекелдер", "Сипаттама бөлімінің бөлімдері"),
    summary_found=_summary_found,
    summary_none=f"Ішкі талдау қорытындысы бойынша {RISKS_NONE}.",
    band_rule=_band_rule,
    sections_caption="Сыбайлас жемқорлық тәуекелдерінің анықтама бөлімдері бойынша бөлінуі",
    sections_header=("Анықтама бөлімі", "Анықталған тәуекелдер саны"),
    npa_row="оның ішінде нормативтік құқықтық актілерде",
    levels_caption="Сыбайлас жемқорлық тәуекелдерінің деңгейлер бойынша бөлінуі",
    levels_header=("Тәуекел деңгейі", "Балл", "Анықталған тәуекелдер саны"),
    attachments=_attachments,
    no_risks_row=(f"Ішкі талдау нәтижелері бойынша {RISKS_NONE}; оларды жою жөніндегі іс-шаралар талап "
                  "етілмейді."),
    plan_sheet="Іс-шаралар жоспары",
    plan_title=_plan_title,
    no_positions="Ішкі талдау қорытындысы бойынша сыбайлас жемқорлық тәуекелдеріне бейім лауазымдар айқындалған жоқ.",
    no_types=("Сыбайлас жемқорлық тудыратын функциялар жататын салаларда (бақылау және қадағалау, мемлекеттік "
              "мүлікті басқару, мемлекеттік қызметтер көрсету және рұқсат беру функциялары, персоналды іріктеу және "
              f"басқару) {RISKS_NONE}."),
    types_lead=("Сыбайлас жемқорлық тәуекелдері анықталған салаларды ескере отырып, талдау объектісінің қызметіне "
                "мыналар жатады:"),
    no_functions="Үлгілік тізбеде сыбайлас жемқорлық тәуекелдері анықталған салаларға жататын функциялар жоқ.",
    object_label="Сыбайлас жемқорлық тәуекелдеріне ішкі талдау объектісінің атауы",
    positions_sheet="Лауазымдар тізбесі",
    functions_sheet="Үлгілік функциялар тізбесі",
)
