"""Building blocks for the shipped Word templates (python-docx): styles, header and footer naming the collège, the
year and the date with page numbers as Word fields, headings, docxtpl loops over paragraphs and table rows.

Used only by `templates_build`, the script that regenerates `templates/*.docx`.
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TABLE_STYLE = "Light Grid Accent 1"
BLUE = RGBColor(0x1F, 0x5F, 0x8B)
GREY = RGBColor(0x80, 0x80, 0x80)


def new_document(landscape: bool = False, header_text: str = "{{ college }} — année scolaire {{ annee }}"):
    """A document with French styles, margins, and the header/footer every template shares."""
    doc = Document()
    doc.core_properties.language = "fr-FR"
    doc.core_properties.author = "demarche-xl"
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Calibri")
    set_language(normal)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), BLUE
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].paragraph_format.keep_with_next = True
    section = doc.sections[0]
    orient(section, landscape)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.8)
    header_and_footer(section, header_text)
    return doc


def orient(section, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)


def annex_section(doc, heading: str, introduction: str = "", landscape: bool = True):
    """A new section on a new page (the same header and footer; landscape by default) for detailed tables."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    orient(section, landscape)
    doc.add_heading(heading, level=1)
    if introduction:
        doc.add_paragraph(introduction)
    return section


def set_language(style) -> None:
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    style.element.get_or_add_rPr().append(lang)


def header_and_footer(section, header_text: str) -> None:
    head = section.header.paragraphs[0]
    head.text = header_text
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    style_runs(head, 8.5, GREY)
    foot = section.footer.paragraphs[0]
    foot.text = "{{ titre }} — document établi le {{ date }} — page "
    add_field(foot, "PAGE")
    foot.add_run(" sur ")
    add_field(foot, "NUMPAGES")
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style_runs(foot, 8.5, GREY)


def style_runs(paragraph, size: float, colour: RGBColor) -> None:
    for run in paragraph.runs:
        run.font.size, run.font.color.rgb = Pt(size), colour


def add_field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / shown value / end runs."""
    def fld(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(fld("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(fld("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(fld("end"))


def title(doc, text: str, subtitle: str = "{{ college }} — année scolaire {{ annee }} — {{ date }}") -> None:
    doc.add_paragraph(text, style="Title")
    if subtitle:
        paragraph = doc.add_paragraph(subtitle, style="Subtitle")
        style_runs(paragraph, 11, GREY)


def tag(doc, statement: str) -> None:
    """A docxtpl paragraph tag (`{%p … %}`): the whole paragraph disappears when rendered."""
    doc.add_paragraph("{%p " + statement + " %}")


def bullets(doc, items: str, var: str = "x", shown: str = "{{ x }}") -> None:
    tag(doc, f"for {var} in {items}")
    doc.add_paragraph(shown, style="List Bullet")
    tag(doc, "endfor")


def static_bullets(doc, lines: tuple[str, ...]) -> None:
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")


def labelled(doc, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label} : ").bold = True
    paragraph.add_run(value)


def loop_table(doc, items: str, var: str, columns: tuple[tuple[str, str, float], ...], spaced: bool = True,
               together: bool = False) -> None:
    """A table with a header row and one row per item (`{%tr for %}` rows vanish when rendered); no row is split
    across two pages and the header row repeats on each page.

    `columns`: (header, field of the item, width in cm: a starting point, the rendered document's widths are
    computed from the content by `table_fit`). `spaced`: an empty paragraph after the table. `together`: the whole
    table on one page, with what follows it (a short table and its chart).
    """
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles[TABLE_STYLE]
    plain_first_column(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for grid, (_, _, width) in zip(table._tbl.tblGrid.gridCol_lst, columns):
        grid.w = Cm(width)
    for index, (heading, field, width) in enumerate(columns):
        table.rows[0].cells[index].text = heading
        table.rows[2].cells[index].text = "{{ " + f"{var}.{field}" + " }}"
        for row in table.rows:
            row.cells[index].width = Cm(width)
    table.rows[1].cells[0].text = "{%tr for " + f"{var} in {items}" + " %}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    repeat_header(table.rows[0])
    for index, row in enumerate(table.rows):
        row_property(row, "w:cantSplit")
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(1)
                paragraph.paragraph_format.keep_with_next = index == 0 or together
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    if spaced:
        doc.add_paragraph()


def plain_first_column(table) -> None:
    """Only the header row is bold: long texts in the first column read better in regular type."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:val"), "0420")


def repeat_header(row) -> None:
    row_property(row, "w:tblHeader")


def row_property(row, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def chart(doc, variable: str) -> None:
    paragraph = doc.add_paragraph("{{ " + variable + " }}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def writing_lines(doc, count: int = 3) -> None:
    for _ in range(count):
        paragraph = doc.add_paragraph("_" * 86)
        style_runs(paragraph, 10.5, GREY)


def page_break_between(doc) -> None:
    """Inside a `{%p for %}` over several entries: a page break after every entry but the last."""
    tag(doc, "if not loop.last")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    tag(doc, "endif")


def typeset(doc):
    """French typography on every text of the template (body, tables, headers, footers): non-breaking spaces
    before « : ; ! ? », inside « », before « % ». Jinja tags hold none of these, so they are left intact."""
    from demarche_xl.french import typography

    parts = [doc.element.body] + [s.header._element for s in doc.sections] + [s.footer._element for s in doc.sections]
    for part in parts:
        for node in part.iter(qn("w:t")):
            if node.text:
                node.text = typography(node.text)
    return doc
