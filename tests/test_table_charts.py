"""Native charts declared with a table: drawn by the file store over the rows just written (right title and
references), replaced on rerun (never duplicated, the loss guard stays balanced), the team's charts elsewhere kept,
the file opens in LibreOffice; the live store names its charts so a rerun replaces them."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.chart import BarChart, Reference
import pandas as pd

from demarche_xl.runner import run_step
from demarche_xl.schema.tables_temps1 import CONCERN_RANKING, PROFILE_MAP, VIEW_COMFORT, VIEW_PROFILE
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store import guard
from demarche_xl.store.charts import chart_title
from demarche_xl.store.file_store import FileStore
from demarche_xl.store.live_store import CHART_PREFIX, LiveStore
from fixtures.fake_xlwings import FakeBook
from fixtures.rich_content import USER_SHEET, add_user_content

from conftest import soffice_convert

RANKING = [{"concern": c, "teachers": t, "share": t / 10, "score": s, "disciplines": 2, "rank": r, "retained": r <= 2}
           for r, (c, t, s) in enumerate([("Évaluer autrement", 6, 15.0), ("=Différencier", 5, 11.0),
                                          ("Motiver et engager les élèves", 2, 4.0)], start=1)]
PROFILE = [
    {"category": "Discipline", "label": "Français", "count": 4, "share": 0.4, "detail": ""},
    *[{"category": VIEW_COMFORT, "label": label, "count": n, "share": n / 10, "detail": ""}
      for label, n in (("Pas à l'aise", 1), ("Peu à l'aise", 3), ("À l'aise", 4), ("Très à l'aise", 2))],
    *[{"category": VIEW_PROFILE, "label": label, "count": n, "share": n / 10, "detail": "Règle : …"}
      for label, n in (("Pionniers", 5), ("Volontaires", 2), ("Prudents", 2), ("Éloignés", 1))],
    {"category": "Recommandation", "label": "Groupes à former", "count": 2, "share": None, "detail": "…"},
]


def write(store, key: str, rows: list[dict]) -> None:
    spec = StepSpec("consolider", "Consolider", reads=(), writes=(key,),
                    run=lambda step_input: StepOutput(tables={key: pd.DataFrame(rows)}))
    run_step(store, spec)


def charts_of(path: Path, sheet: str) -> list:
    return openpyxl.load_workbook(path)[sheet]._charts


def references(chart) -> tuple[str, str]:
    series = chart.series[0]
    return series.cat.strRef.f if series.cat.strRef else series.cat.numRef.f, series.val.numRef.f


def test_new_workbook_has_no_empty_chart(new_workbook: Path):
    assert charts_of(new_workbook, CONCERN_RANKING.sheet) == []
    assert guard.census(new_workbook)[("", "graphique")] == 0


def add_team_chart(path: Path, sheet: str) -> None:
    wb = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.title = "Notre graphique"
    chart.add_data(Reference(wb[sheet], min_col=2, min_row=2, max_row=3))
    wb[sheet].add_chart(chart, "P20")
    wb.save(path)


def test_ranking_chart_is_drawn_over_the_written_rows_and_replaced_on_rerun(new_workbook: Path):
    add_user_content(new_workbook)  # the team's chart on « Ma synthèse »
    write(FileStore(new_workbook), "concern_ranking", RANKING)
    add_team_chart(new_workbook, CONCERN_RANKING.sheet)  # and one the team drew on the step's sheet
    write(FileStore(new_workbook), "concern_ranking", RANKING)
    chart, team = charts_of(new_workbook, CONCERN_RANKING.sheet)
    if chart_title(chart) == "Notre graphique":
        chart, team = team, chart
    assert chart_title(team) == "Notre graphique"
    assert chart_title(chart) == CONCERN_RANKING.charts[0].title
    assert references(chart) == ("'Préoccupations'!$A$2:$A$4", "'Préoccupations'!$D$2:$D$4")
    assert chart.type == "bar"
    ws = openpyxl.load_workbook(new_workbook)[CONCERN_RANKING.sheet]
    assert [ws.cell(row=r, column=4).value for r in (2, 3, 4)] == [15, 11, 4]
    write(FileStore(new_workbook), "concern_ranking", RANKING[:2])  # rerun: one chart, over the new rows
    ours = [c for c in charts_of(new_workbook, CONCERN_RANKING.sheet) if chart_title(c) != "Notre graphique"]
    assert len(ours) == 1 and references(ours[0])[1] == "'Préoccupations'!$D$2:$D$3"
    assert (ours[0].anchor._from.col, ours[0].anchor._from.row) == (8, 1)  # I2, as declared
    assert len(charts_of(new_workbook, USER_SHEET)) == 1
    assert guard.census(new_workbook)[("", "graphique")] == 3  # the team's two charts and ours
    write(FileStore(new_workbook), "concern_ranking", [])  # no row: the chart stays (the guard must not refuse)
    assert len(charts_of(new_workbook, CONCERN_RANKING.sheet)) == 2
    assert charts_of(new_workbook, USER_SHEET)[0] is not None
    soffice_convert(new_workbook, "pdf")


def test_a_chart_the_team_moved_stays_where_they_put_it(new_workbook: Path):
    write(FileStore(new_workbook), "concern_ranking", RANKING)
    wb = openpyxl.load_workbook(new_workbook)
    [chart] = wb[CONCERN_RANKING.sheet]._charts
    chart.anchor._from.col, chart.anchor._from.row = 12, 29  # moved to M30
    wb.save(new_workbook)
    write(FileStore(new_workbook), "concern_ranking", RANKING[:1])
    [chart] = charts_of(new_workbook, CONCERN_RANKING.sheet)
    assert (chart.anchor._from.col, chart.anchor._from.row) == (12, 29)
    assert references(chart)[1] == "'Préoccupations'!$D$2"


def test_profile_charts_select_their_view(new_workbook: Path):
    write(FileStore(new_workbook), "profile_map", PROFILE)
    charts = {chart_title(c): c for c in charts_of(new_workbook, PROFILE_MAP.sheet)}
    assert set(charts) == {"Aisance numérique des répondants", "Profils des enseignants"}  # no willingness row
    comfort = charts["Aisance numérique des répondants"]
    assert references(comfort) == ("'Cartographie'!$B$3:$B$6", "'Cartographie'!$C$3:$C$6")
    assert comfort.type == "col"
    assert references(charts["Profils des enseignants"])[1] == "'Cartographie'!$C$7:$C$10"
    willing = [{"category": "Envie de participer", "label": label, "count": 1, "share": 0.1, "detail": ""}
               for label in ("Oui, certainement", "Non")]
    for _ in range(2):
        write(FileStore(new_workbook), "profile_map", PROFILE[:1] + willing + PROFILE[1:])
    charts = {chart_title(c): c for c in charts_of(new_workbook, PROFILE_MAP.sheet)}
    assert len(charts_of(new_workbook, PROFILE_MAP.sheet)) == len(PROFILE_MAP.charts) == 3
    assert references(charts["Envie de participer aux ateliers"])[1] == "'Cartographie'!$C$3:$C$4"
    assert references(charts["Aisance numérique des répondants"])[1] == "'Cartographie'!$C$5:$C$8"
    converted = soffice_convert(new_workbook, "xlsx:Calc MS Excel 2007 XML")
    assert len(openpyxl.load_workbook(converted)[PROFILE_MAP.sheet]._charts) == 3


def test_live_store_names_its_chart_and_replaces_it(new_workbook: Path):
    book = FakeBook(new_workbook)
    user_chart = book.sheets[CONCERN_RANKING.sheet].charts.add(0, 0)
    write(LiveStore(book), "concern_ranking", RANKING)
    write(LiveStore(book), "concern_ranking", RANKING[:2])
    charts = book.sheets[CONCERN_RANKING.sheet].charts
    assert [c.name for c in charts] == [user_chart.name, CHART_PREFIX + CONCERN_RANKING.charts[0].title]
    ours = charts[1]
    assert ours.source == "$A$2:$A$3,$D$2:$D$3" and ours.chart_type == "bar_clustered"
    assert ours.top == 15.0 and ours.left > 0  # anchored at I2
    ours.left, ours.top = 600.0, 450.0  # the team moved it
    write(LiveStore(book), "concern_ranking", RANKING)
    [moved] = [c for c in book.sheets[CONCERN_RANKING.sheet].charts if c.name.startswith(CHART_PREFIX)]
    assert (moved.left, moved.top, moved.source) == (600.0, 450.0, "$A$2:$A$4,$D$2:$D$4")
    write(LiveStore(book), "profile_map", PROFILE)
    names = [c.name for c in book.sheets[PROFILE_MAP.sheet].charts]
    assert names == [CHART_PREFIX + c.title for c in PROFILE_MAP.charts if c.where[1] != "Envie de participer"]
