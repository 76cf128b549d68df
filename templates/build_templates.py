"""Build the Word templates of the ВАКР documents (report.docx, plan.docx, positions.docx) and of the year after it
(execution.docx, status.docx) reproducibly.

    .venv/bin/python templates/build_templates.py

The templates carry everything a user may restyle in Word — page size and orientation, margins, fonts, paragraph
and table styles, page numbers — and the fixed text with docxtpl tags (``{{ organisation }}``), each tag in one
run. The tables and the descriptive part are filled in by ``vakr.documents`` with these styles. Running the script
twice gives byte-identical files (fixed core properties, normalised ZIP).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from vakr.documents import docx_common as style_names  # noqa: E402
from vakr.documents.package import normalise_package  # noqa: E402

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
INDENT = Mm(12.5)  # first-line indent of body text
TEMPLATE_STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

# Style names shown in Word (Russian) and their stable ids used in the XML.
STYLE_TITLE = (style_names.STYLE_TITLE, "VakrTitle")
STYLE_PLAIN = (style_names.STYLE_PLAIN, "VakrPlain")
STYLE_APPROVAL = ("ВАКР Гриф утверждения", "VakrApproval")  # used only here, in the template's fixed text
STYLE_TABLE_TEXT = (style_names.STYLE_TABLE_TEXT, "VakrTableText")
STYLE_TABLE_HEADER = (style_names.STYLE_TABLE_HEADER, "VakrTableHeader")
STYLE_TABLE = (style_names.STYLE_TABLE, "VakrTable")
STYLE_LAYOUT = (style_names.STYLE_LAYOUT, "VakrLayout")
# The «№ п/п» of the plan: Word numbers these paragraphs 1. → 1.1. → 1.1.1. itself, so a row added by hand in
# Word renumbers the rest.
STYLE_PLAN_NUMBERS = tuple((name, f"VakrPlanNumber{level}") for level, name in style_names.STYLE_PLAN_NUMBERS.items())
PLAN_NUMBERING_ID = 90

SIGNATURE_DATE = "«___» ____________ 20__ г."

# The fixed text of the templates in each language. Kazakh: the forms seen in published documents («Кіріспе
# бөлімі», «Сипаттама бөлімі», «БЕКІТЕМІН», «КЕЛІСІЛДІ», the titles of the report and the plan) and the project's
# translation elsewhere (see vakr.documents.wording.kazakh).
TEXTS: dict[str, dict] = {
    "ru": {
        "language": "ru-RU",
        "subject": "Внутренний анализ коррупционных рисков",
        "authorised": "Уполномоченное лицо",
        "signature_date": SIGNATURE_DATE,
        "report_title": "Аналитическая справка по результатам внутреннего анализа коррупционных рисков",
        "report_heading": [("Аналитическая справка", True),
                           ("по результатам внутреннего анализа коррупционных рисков", False),
                           ("в деятельности {{ organisation }}", False)],
        "intro": "Вводная часть",
        "intro_order": "Внутренний анализ коррупционных рисков (далее – ВАКР) в деятельности {{ organisation }} "
                       "проведён на основании приказа {{ order }}.",
        "intro_period": "Срок проведения ВАКР: {{ period }}.",
        "intro_authorised": "Уполномоченное лицо – {{ authorised }}",
        "intro_group": "Состав рабочей группы:",
        "descriptive": "Описательная часть",
        "npa_heading": "Результаты анализа нормативных правовых актов, затрагивающих деятельность объекта анализа",
        "conclusion": "Заключение",
        "plan_title": "План по устранению причин и условий, способствующих совершению коррупционных правонарушений",
        "approval": "УТВЕРЖДАЮ",
        "plan_heading": ["П Л А Н",
                         "по устранению причин и условий, способствующих совершению коррупционных правонарушений, "
                         "выявленных по результатам проведения внутреннего анализа коррупционных рисков в "
                         "деятельности {{ organisation }} за {{ period }}"],
        "agreed": "СОГЛАСОВАНО:",
        "positions_title": "Перечень должностей, подверженных коррупционным рискам",
        "positions_heading": "Перечень должностей, подверженных коррупционным рискам, определённых по итогам ВАКР",
        "object": "Наименование объекта внутреннего анализа коррупционных рисков: ",
        "functions_heading": "Примерный перечень коррупциогенных функций",
    },
    "kk": {
        "language": "kk-KZ",
        "subject": "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау",
        "authorised": "Уәкілетті тұлға",
        "signature_date": "20__ жылғы «___» ____________",
        "report_title": "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері бойынша талдамалық анықтама",
        "report_heading": [("{{ organisation }} қызметінде жүргізілген", False),
                           ("сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері бойынша", False),
                           ("талдамалық анықтама", True)],
        "intro": "Кіріспе бөлімі",
        "intro_order": "{{ organisation }} қызметінде сыбайлас жемқорлық тәуекелдеріне ішкі талдау (бұдан әрі – "
                       "ішкі талдау) {{ order }} негізінде жүргізілді.",
        "intro_period": "Ішкі талдау жүргізу мерзімі: {{ period }}.",
        "intro_authorised": "Уәкілетті тұлға – {{ authorised }}",
        "intro_group": "Жұмыс тобының құрамы:",
        "descriptive": "Сипаттама бөлімі",
        "npa_heading": "Талдау объектісінің қызметін қозғайтын нормативтік құқықтық актілерді талдау нәтижелері",
        "conclusion": "Қорытынды",
        "plan_title": "Сыбайлас жемқорлық құқық бұзушылықтар жасауға ықпал ететін себептер мен жағдайларды жою бойынша "
                      "іс-шаралар жоспары",
        "approval": "БЕКІТЕМІН",
        "plan_heading": ["{{ organisation }} қызметінде сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу "
                         "нәтижелері бойынша анықталған сыбайлас жемқорлық құқық бұзушылықтар жасауға ықпал ететін "
                         "себептер мен жағдайларды жою бойынша {{ period }}",
                         "ІС-ШАРАЛАР ЖОСПАРЫ"],
        "agreed": "КЕЛІСІЛДІ:",
        "positions_title": "Сыбайлас жемқорлық тәуекелдеріне бейім лауазымдар тізбесі",
        "positions_heading": "Ішкі талдау қорытындысы бойынша айқындалған сыбайлас жемқорлық тәуекелдеріне бейім "
                             "лауазымдар тізбесі",
        "object": "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау объектісінің атауы: ",
        "functions_heading": "Сыбайлас жемқорлық тудыратын функциялардың үлгілік тізбесі",
    },
}


# --- XML helpers ----------------------------------------------------------------------------------------------


def _child(parent, tag: str):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def _set_fonts(rpr, size_pt: float | None = None) -> None:
    """Times New Roman for every script (no theme fonts), optionally the size."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            _child(rpr, tag).set(qn("w:val"), str(int(size_pt * 2)))


def _borders(parent_tag: str, value: str, size: int = 4):
    borders = OxmlElement(parent_tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), value)
        el.set(qn("w:sz"), str(size if value != "nil" else 0))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000" if value != "nil" else "auto")
        borders.append(el)
    return borders


def _cell_margins(left_right_twips: int, top_bottom_twips: int = 0):
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("top", top_bottom_twips), ("left", left_right_twips), ("bottom", top_bottom_twips),
                        ("right", left_right_twips)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    return mar


# --- styles ---------------------------------------------------------------------------------------------------


def _paragraph_style(doc, names: tuple[str, str], base: str = "Normal"):
    style = doc.styles.add_style(names[0], WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = names[1]
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def _reset(style) -> None:
    """Drop a built-in style's formatting (theme fonts, colours, spacing) before restyling it."""
    for tag in ("w:pPr", "w:rPr"):
        el = style.element.find(qn(tag))
        if el is not None:
            style.element.remove(el)


def setup_styles(doc) -> None:
    styles = doc.styles
    # Document defaults: Times New Roman 14, Russian proofing, no spacing between paragraphs.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for el in list(rpr):
        rpr.remove(el)
    _set_fonts(rpr, BODY_PT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for el in list(ppr):
        ppr.remove(el)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)

    normal = styles["Normal"]
    _reset(normal)
    _set_fonts(normal.element.get_or_add_rPr(), BODY_PT)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = INDENT
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.widow_control = True

    for level, name in ((0, "Heading 1"), (1, "Heading 2")):
        style = styles[name]
        _reset(style)
        _set_fonts(style.element.get_or_add_rPr(), BODY_PT)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        pf = style.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 0 else WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.first_line_indent = Mm(0) if level == 0 else INDENT
        pf.space_before = Pt(12 if level == 0 else 12)
        pf.space_after = Pt(6)
        pf.keep_with_next = True
        pf.keep_together = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level))
        style.element.get_or_add_pPr().append(outline)

    for name in ("Header", "Footer"):
        style = styles[name]
        _reset(style)
        _set_fonts(style.element.get_or_add_rPr(), TABLE_PT)
        style.paragraph_format.first_line_indent = Mm(0)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    title = _paragraph_style(doc, STYLE_TITLE)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Mm(0)
    title.paragraph_format.keep_with_next = True

    plain = _paragraph_style(doc, STYLE_PLAIN)
    plain.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    plain.paragraph_format.first_line_indent = Mm(0)

    approval = _paragraph_style(doc, STYLE_APPROVAL, base=STYLE_PLAIN[0])
    approval.paragraph_format.keep_with_next = True

    table_text = _paragraph_style(doc, STYLE_TABLE_TEXT, base=STYLE_PLAIN[0])
    table_text.font.size = Pt(TABLE_PT)
    table_header = _paragraph_style(doc, STYLE_TABLE_HEADER, base=STYLE_TABLE_TEXT[0])
    table_header.font.bold = True
    table_header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for table_names, bordered in ((STYLE_TABLE, True), (STYLE_LAYOUT, False)):
        style = styles.add_style(table_names[0], WD_STYLE_TYPE.TABLE)
        style.style_id = table_names[1]
        style.base_style = styles["Normal Table"]
        style.quick_style = True
        if bordered:
            style.font.size = Pt(TABLE_PT)
            style.paragraph_format.first_line_indent = Mm(0)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        tblpr = OxmlElement("w:tblPr")
        tblpr.append(_borders("w:tblBorders", "single" if bordered else "nil"))
        tblpr.append(_cell_margins(85 if bordered else 0))
        style.element.append(tblpr)

    # Russian proofing and separators in Word's settings.
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "ru-RU")
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        el = settings.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), value)


def setup_plan_numbering(doc) -> None:
    """A multi-level list «1.», «1.1.», «1.1.1.» (bold, italic, plain) tied to three paragraph styles."""
    levels = []
    for level, (_name, style_id) in enumerate(STYLE_PLAN_NUMBERS):
        text = "".join(f"%{i + 1}." for i in range(level + 1))
        run = {0: "<w:b/><w:bCs/>", 1: "<w:i/><w:iCs/>"}.get(level, "")
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="{style_id}"/><w:suff w:val="nothing"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
            f'<w:rPr>{run}</w:rPr></w:lvl>'
        )
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{PLAN_NUMBERING_ID}">'
        f'<w:multiLevelType w:val="multilevel"/><w:name w:val="ВАКР Нумерация плана"/>{"".join(levels)}'
        f"</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))  # every abstractNum precedes the num elements (schema order)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{PLAN_NUMBERING_ID}"><w:abstractNumId w:val="{PLAN_NUMBERING_ID}"/></w:num>'
    ))
    for level, level_names in enumerate(STYLE_PLAN_NUMBERS):
        style = _paragraph_style(doc, level_names, base=STYLE_TABLE_TEXT[0])
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = PLAN_NUMBERING_ID


# --- page setup -----------------------------------------------------------------------------------------------


def setup_page(doc, landscape: bool) -> None:
    """A4, margins of Kazakhstan office work (left 30 mm, right 10 mm, top and bottom 20 mm), page numbers at
    the top centre from the second page."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    section.gutter = Mm(0)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    header._p.append(field)


def text_width(doc) -> float:
    """Width of the text area in millimetres."""
    section = doc.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


# --- content helpers ------------------------------------------------------------------------------------------


def para(doc, text: str = "", style: str | None = None, bold: bool = False):
    p = doc.add_paragraph(style=style)
    if text:
        p.add_run(text).bold = bold or None
    return p


def title_lines(doc, lines: list[tuple[str, bool]]):
    """One centred title paragraph, lines separated by line breaks; (text, all caps) per line."""
    p = doc.add_paragraph(style=STYLE_TITLE[0])
    for i, (text, caps) in enumerate(lines):
        run = p.add_run(text)
        if caps:
            run.font.all_caps = True
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)
    return p


def layout_table(doc, widths_mm: list[float], rows: list[list[list[tuple[str, bool]]]], aligns=None):
    """A borderless table for signature and agreement blocks. ``rows`` → cells → paragraphs (text, bold)."""
    table = doc.add_table(rows=len(rows), cols=len(widths_mm))
    table.style = doc.styles[STYLE_LAYOUT[0]]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for r, row in enumerate(rows):
        for c, paragraphs in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Mm(widths_mm[c])
            first = cell.paragraphs[0]
            for i, (text, bold) in enumerate(paragraphs):
                p = first if i == 0 else cell.add_paragraph()
                p.style = doc.styles[STYLE_PLAIN[0]]
                if aligns and aligns[c]:
                    p.alignment = aligns[c]
                if text:
                    p.add_run(text).bold = bold or None
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    return table


def signature_block(doc, width_mm: float, lang: str = "ru") -> None:
    """The authorised person's signature: position on the left, signature line and name on the right."""
    texts = TEXTS[lang]
    para(doc)
    table = layout_table(
        doc,
        [width_mm * 0.40, width_mm * 0.16, width_mm * 0.44],
        [[
            [(texts["authorised"], False), ("{{ signer_position }}", False)],
            [("__________", False)],
            [("{{ signer_name }}", False)],
        ]],
        aligns=[None, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT],
    )
    for cell in table.rows[0].cells[1:]:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    para(doc)
    para(doc, texts["signature_date"], STYLE_PLAIN[0])


def new_document(landscape: bool, title: str, lang: str = "ru"):
    doc = Document()
    setup_styles(doc)
    setup_page(doc, landscape)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    props = doc.core_properties
    props.title = title
    props.subject = TEXTS[lang]["subject"]
    props.language = TEXTS[lang]["language"]
    props.comments = "Шаблон vakr: поля в двойных фигурных скобках заполняются программой, остальное можно править в Word."
    if lang != "ru":  # proofing language of the whole document
        for el in doc.styles.element.iter(qn("w:lang")):
            el.set(qn("w:val"), TEXTS[lang]["language"])
            el.set(qn("w:eastAsia"), TEXTS[lang]["language"])
    return doc


def save(doc, path: Path) -> None:
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(normalise_package(buffer.getvalue(), TEMPLATE_STAMP))


# --- the templates ---------------------------------------------------------------------------------------------


def build_report(path: Path, lang: str = "ru") -> None:
    t = TEXTS[lang]
    doc = new_document(False, t["report_title"], lang)
    width = text_width(doc)
    title_lines(doc, t["report_heading"])
    para(doc)
    para(doc, t["intro"], "Heading 1")
    para(doc, t["intro_order"])
    para(doc, t["intro_period"])
    para(doc, t["intro_authorised"])
    para(doc, t["intro_group"])
    para(doc, "{%p for member in working_group %}")
    para(doc, "{{ member.name }} – {{ member.position }}{{ member.end }}")
    para(doc, "{%p endfor %}")
    para(doc, t["descriptive"], "Heading 1")
    para(doc, "{{ opening }}")
    para(doc, "{{p sections }}")
    para(doc, t["npa_heading"], "Heading 1")
    para(doc, "{{p npa }}")
    para(doc, t["conclusion"], "Heading 1")
    para(doc, "{{p summary }}")
    signature_block(doc, width, lang)
    save(doc, path)


def build_plan(path: Path, lang: str = "ru") -> None:
    t = TEXTS[lang]
    doc = new_document(True, t["plan_title"], lang)
    setup_plan_numbering(doc)
    width = text_width(doc)
    # The seed's form: the position (naming the organisation once), the short name, the date.
    approval = [(t["approval"], True), ("{%p for line in approval_lines %}", False), ("{{ line }}", False),
                ("{%p endfor %}", False), ("____________ {{ head_signature }}", False), (t["signature_date"], False)]
    for text, bold in approval:
        p = para(doc, text, STYLE_APPROVAL[0], bold=bold)
        p.paragraph_format.left_indent = Mm(width - 100)
    para(doc)
    for i, line in enumerate(t["plan_heading"]):
        if i == 0 and lang == "ru":
            title_lines(doc, [(line, False)])
        else:
            p = para(doc, line, STYLE_TITLE[0])
            p.paragraph_format.keep_with_next = i < len(t["plan_heading"]) - 1
    para(doc)
    para(doc, "{{p plan_table }}")
    para(doc)
    para(doc, t["agreed"], STYLE_PLAIN[0], bold=True)
    para(doc)
    half = width / 2
    layout_table(
        doc,
        [half, half],
        [
            [[("{%tr for row in agreed %}", False)], [("", False)]],
            [[("{{ row.left }} ______________", False)],
             [("{% if row.right %}{{ row.right }} ______________{% endif %}", False)]],
            [[("{%tr endfor %}", False)], [("", False)]],
        ],
    )
    save(doc, path)


def build_positions(path: Path, lang: str = "ru") -> None:
    t = TEXTS[lang]
    doc = new_document(False, t["positions_title"], lang)
    width = text_width(doc)
    title_lines(doc, [(t["positions_heading"], False)])
    para(doc)
    p = doc.add_paragraph(style=STYLE_PLAIN[0])
    p.add_run(t["object"]).bold = True
    p.add_run("{{ organisation }}")
    para(doc)
    para(doc, "{{p positions_table }}")
    para(doc, t["functions_heading"], "Heading 1")
    para(doc, "{{p functions }}")
    signature_block(doc, width, lang)
    save(doc, path)


def build_execution(path: Path) -> None:
    """The information on the execution of the plan (p1.t3.s3), landscape like the plan it reports on."""
    title = "Информация об исполнении плана мероприятий по устранению причин и условий, выявленных по результатам ВАКР"
    doc = new_document(True, title)
    width = text_width(doc)
    title_lines(doc, [
        ("Информация", True),
        ("об исполнении плана мероприятий по устранению причин и условий, выявленных по результатам ВАКР", False),
        ("в деятельности {{ organisation }}", False),
        ("по состоянию на {{ as_of }}", False),
    ])
    para(doc)
    para(doc, "{{p execution_table }}")
    para(doc)
    para(doc, "{{p summary }}")
    signature_block(doc, width)
    save(doc, path)


def build_status(path: Path) -> None:
    """The quarterly report on direction No. 4: the duties, KPIs and violations of each project."""
    doc = new_document(False, "Справка о ходе исполнения направления № 4")
    width = text_width(doc)
    title_lines(doc, [
        ("Справка", True),
        ("о ходе исполнения направления № 4 за {{ quarter }}", False),
        ("в деятельности {{ organisation }}", False),
        ("по состоянию на {{ as_of }}", False),
    ])
    para(doc)
    para(doc, "По каждому проекту направления № 4 «Предупреждение и противодействие коррупции», относящемуся к "
              "организации, приведены: периодические обязанности со сроком исполнения в квартале и их выполнение по "
              "записям организации, показатели {{ year }} года на дату справки, нарушения антикоррупционного "
              "законодательства, выявленные за квартал; по проекту 1 — мероприятия плана по устранению причин и "
              "условий, выявленных по результатам ВАКР, со сроком исполнения в квартале и просроченные ранее.")
    para(doc, "{{p projects }}")
    signature_block(doc, width)
    save(doc, path)


TEMPLATES = {"report.docx": build_report, "plan.docx": build_plan, "positions.docx": build_positions,
             "execution.docx": build_execution, "status.docx": build_status,
             "report.kk.docx": functools.partial(build_report, lang="kk"),
             "plan.kk.docx": functools.partial(build_plan, lang="kk"),
             "positions.kk.docx": functools.partial(build_positions, lang="kk")}


def main(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in TEMPLATES.items():
        build(folder / name)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
