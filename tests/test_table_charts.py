"""Native charts declared with a table: drawn by the file store over the rows just written (right title and
references), replaced on rerun (never duplicated, the loss guard stays balanced), the team's charts elsewhere kept,
the file opens in LibreOffice; both stores name the charts alike, so xlwings' remote engine replaces the file store's
charts instead of stacking new ones."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.chart import BarChart, Reference
import pandas as pd

from demarche_xl.runner import run_step
from demarche_xl.schema.tables_temps1 import CONCERN_RANKING, PROFILE_MAP, VIEW_COMFORT, VIEW_PROFILE
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store import charts, guard
from demarche_xl.store.charts import chart_title
from demarche_xl.store.file_store import FileStore
from demarche_xl.store.live_store import CHART_PREFIX
from fixtures.lite_payload import chart_entries
from fixtures.lite_run import RemoteFileStore
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


def test_the_file_store_names_its_charts_as_the_live_store_does_and_keeps_the_names(new_workbook: Path):
    add_team_chart(new_workbook, CONCERN_RANKING.sheet)
    write(FileStore(new_workbook), "concern_ranking", RANKING)
    ours = CHART_PREFIX + CONCERN_RANKING.charts[0].title
    assert ours in [c["name"] for c in chart_entries(new_workbook)[CONCERN_RANKING.sheet]]
    write(FileStore(new_workbook), "profile_map", PROFILE)  # another sheet written: the charts are saved again
    named = {sheet: [c["name"] for c in found] for sheet, found in chart_entries(new_workbook).items()}
    assert ours in named[CONCERN_RANKING.sheet] and len(named[CONCERN_RANKING.sheet]) == 2
    assert named[PROFILE_MAP.sheet] == [CHART_PREFIX + c.title for c in PROFILE_MAP.charts
                                        if c.where[1] != "Envie de participer"]


def test_the_live_store_replaces_the_charts_the_file_store_drew(new_workbook: Path):
    """xlwings Lite's engine can only tell charts by their name: the file store's charts must carry it."""
    add_team_chart(new_workbook, CONCERN_RANKING.sheet)
    write(FileStore(new_workbook), "concern_ranking", RANKING)
    wb = openpyxl.load_workbook(new_workbook)
    moved = [c for c in wb[CONCERN_RANKING.sheet]._charts if chart_title(c) != "Notre graphique"][0]
    moved.anchor._from.col, moved.anchor._from.row = 12, 29  # the team moved it to M30
    charts.keep_names(wb)
    wb.save(new_workbook)
    for rows in (RANKING[:2], RANKING):
        store = RemoteFileStore(new_workbook)
        write(store, "concern_ranking", rows)
        assert [a["func"] for a in store.applied_actions if "Chart" in a["func"]].count("deleteChart") == 1
    found = chart_entries(new_workbook)[CONCERN_RANKING.sheet]
    assert len(found) == 2  # the team's and ours, never stacked
    [ours] = [c for c in charts_of(new_workbook, CONCERN_RANKING.sheet) if chart_title(c) != "Notre graphique"]
    assert chart_title(ours) == CONCERN_RANKING.charts[0].title and ours.type == "bar"
    assert references(ours) == ("'Préoccupations'!$A$2:$A$4", "'Préoccupations'!$D$2:$D$4")
    assert (ours.anchor._from.col, ours.anchor._from.row) == (12, 29)  # where the team put it
    store = RemoteFileStore(new_workbook)
    write(store, "profile_map", PROFILE)
    assert [c["name"] for c in chart_entries(new_workbook)[PROFILE_MAP.sheet]] == [
        CHART_PREFIX + c.title for c in PROFILE_MAP.charts if c.where[1] != "Envie de participer"]
