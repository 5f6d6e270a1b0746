"""Column widths of Word tables computed from their content (`documents.table_fit`): no word is cut, narrow
columns are not wrapped, the width left goes where it saves lines, same-header tables share their widths."""
from __future__ import annotations

from docx import Document
from docx.shared import Cm

from demarche_xl.documents.table_fit import PADDING, distribute, fit_tables, lines_at, measure, text_width, words
from demarche_xl.french import NBSP


def table(doc, rows):
    built = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            built.rows[r].cells[c].text = value
    return built


def widths_of(built) -> list[int]:
    return [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
            for c in built._tbl.tblGrid.gridCol_lst]


def test_pieces_break_at_spaces_and_after_hyphens_never_at_non_breaking_spaces():
    assert len(words(f"55{NBSP}/{NBSP}55 (100{NBSP}%)", 9, False)[0]) == 2
    assert len(words("co-intervention avec", 9, False)[0]) == 3
    piece = words("Accompagnement", 9, False)
    assert lines_at(piece, PADDING + text_width("Accompagnement", 9)) == 1
    assert lines_at(piece, PADDING + (text_width("Accompagnement", 9) + 1) // 2) == 2  # too narrow: cut in two


def test_no_column_narrower_than_its_longest_word_and_the_page_width_is_used():
    doc = Document()
    long_text = "Enseignants engagés dans des expérimentations (fiche de mise en pratique non abandonnée) " * 3
    built = table(doc, [["Rang", "Préoccupation", "Enseignants", "Retenue"],
                        ["1", long_text, "35", "Oui"], ["10", "Évaluer autrement", "1", "Non"]])
    section = doc.sections[0]
    section.page_width, section.left_margin, section.right_margin = Cm(21), Cm(2), Cm(2)
    fit_tables(doc)
    widths = widths_of(built)
    available = round(Cm(17).twips)
    assert abs(sum(widths) - available) <= 4
    for column, word in enumerate(("Rang", "expérimentations", "Enseignants", "Retenue")):
        assert widths[column] >= PADDING + text_width(word, 10.5, bold=True)
    assert widths[1] > max(widths[0], widths[2], widths[3])  # the long text gets the room


def test_width_goes_where_it_saves_lines():
    rows = measure_rows([["Indicateur", "Lecture"],
                         ["Enseignants mobilisés sur l'ensemble de la démarche", "Au-dessus"],
                         ["Enseignants engagés dans une mise en pratique", "Comparable"]])
    widths = distribute(rows, 5000)
    assert sum(widths) == 5000 and widths[0] > 2 * widths[1]  # the short column is not wrapped, the long one grows
    assert lines_at(rows[2][1], widths[1]) == 1
    assert all(lines_at(r[0], widths[0]) < lines_at(r[0], 2500) for r in rows[1:])  # better than an even split


def test_tables_with_the_same_header_share_their_widths():
    doc = Document()
    first = table(doc, [["Indicateur", "Valeur"], ["Court", "1"]])
    doc.add_paragraph("Rubrique suivante")
    second = table(doc, [["Indicateur", "Valeur"], ["Un indicateur au libellé bien plus long", "2 / 24 (8 %)"]])
    fit_tables(doc)
    assert widths_of(first) == widths_of(second)


def measure_rows(rows):
    doc = Document()
    return measure([table(doc, rows)._tbl])
