"""Writing the workbook's `main.py`, the one Python module xlwings Lite keeps inside the workbook: a short loader
that installs the demarche-xl package kept in the hidden sheet `_outil` (see `wheel`), then one `@script` per step,
each a few lines calling `demarche_xl.lite.run.run` with the step's CLI name. No method logic lives here; the text
is French for a teacher who opens the editor, and each script sends Python only the sheets its step uses
(`sheets.selection`)."""
from __future__ import annotations

import textwrap

from demarche_xl.lite.catalogue import DOCUMENTS, MERGE, SCRIPTS, UPGRADE, VERIFY, LiteScript
from demarche_xl.lite.sheets import selection
from demarche_xl.schema.registry import HOME_SHEET, TOOL_SHEET

WIDTH = 110

HEADER = '''\
"""Boutons de la démarche « Impulser de nouveaux usages numériques pédagogiques dans mon collège ».

Chaque fonction marquée @script est un bouton du volet xlwings Lite : elle lance la même étape que la commande
« demarche-xl <étape> classeur.xlsx » et n'écrit que les feuilles de cette étape. Le calcul n'est pas ici : il est
dans l'outil demarche-xl (version {version}), gardé dans la feuille masquée « {sheet} » de ce classeur et installé
au premier clic (quelques secondes). Le compte rendu de chaque étape s'affiche dans la fenêtre « Output ».
Ce fichier est écrit par l'outil : « demarche-xl boutons classeur.xlsx » le remet à jour.
"""
import base64
import hashlib
import io
import sys
import zipfile

import xlwings as xw
from xlwings import script

VERSION = "{version}"
FEUILLE_OUTIL = "{sheet}"
EMPREINTE = "{digest}"  # empreinte SHA-256 du paquet gardé dans la feuille « {sheet} »


async def charger_outil(book):
    """L'outil demarche-xl de ce classeur, installé au premier clic de la session ; None s'il ne peut pas l'être."""
    try:
        import demarche_xl
    except ImportError:
        feuille = book.sheets[FEUILLE_OUTIL]
        await feuille.load(values=True)  # cette feuille n'est envoyée à Python qu'ici, une fois
        if not installer(feuille.used_range.options(ndim=2).value):
            return None
        import demarche_xl
    if demarche_xl.__version__ != VERSION:
        print(f"L'outil déjà chargé est la version {{demarche_xl.__version__}} ; ce classeur contient la version "
              f"{{VERSION}}. Redémarrez xlwings Lite (menu ☰ › Restart) puis recommencez.")
        return None
    from demarche_xl.lite import run
    return run


def installer(lignes, dossier="/tmp/demarche-xl-" + VERSION):
    """Décode le paquet Python gardé en base64 dans la feuille « {sheet} » et le rend importable."""
    paquet = base64.b64decode("".join(str(ligne[0]) for ligne in lignes[1:] if ligne and ligne[0]))
    if hashlib.sha256(paquet).hexdigest() != EMPREINTE:
        print("La feuille masquée « {sheet} » a été modifiée : l'outil ne peut pas être chargé. Remettez les boutons "
              "(« demarche-xl boutons classeur.xlsx ») ou repartez du classeur workbooks/demarche.xlsx.")
        return False
    zipfile.ZipFile(io.BytesIO(paquet)).extractall(dossier)
    sys.path.insert(0, dossier)
    return True
'''


def render(version: str, digest: str) -> str:
    """The text of main.py for the package `version` whose wheel has SHA-256 `digest`."""
    parts = [HEADER.format(version=version, sheet=TOOL_SHEET, digest=digest)]
    parts += [script_text(entry) for entry in SCRIPTS]
    return "".join(parts)


def script_text(entry: LiteScript) -> str:
    arguments = "".join(f", {c.argument}: bool = False" for c in entry.choices)
    passed = "".join(f", {c.argument}={c.argument}" for c in entry.choices)
    doc = textwrap.fill(entry.doc, WIDTH - 7, initial_indent="", subsequent_indent="    ")
    return (f"\n\n@script(name={entry.label!r},\n        {decorator_sheets(entry)})\n"
            f"async def {entry.function}(book: xw.Book{arguments}):\n"
            f'    """{doc}"""\n'
            f"    outil = await charger_outil(book)\n"
            f"    if outil:\n"
            f"        outil.run(book, {entry.step!r}{passed})\n")


def decorator_sheets(entry: LiteScript) -> str:
    """`include=[…]` (or `exclude=[…]`) wrapped to the file's width."""
    if entry.step in (DOCUMENTS, MERGE):
        chosen = {"include": [HOME_SHEET]}
    elif entry.step == UPGRADE:
        chosen = {"exclude": [TOOL_SHEET]}  # every sheet: an upgrade may touch any of them
    elif entry.step == VERIFY:
        chosen = selection(None)
    else:
        from demarche_xl.lite.run import step_spec

        chosen = selection(step_spec(entry.step))
    (key, sheets), = chosen.items()
    indent = " " * (len(key) + 10)  # under the first sheet name, in `        include=[`
    lines = [""]
    for item in (repr(s) for s in sheets):
        if lines[-1] and len(indent) + len(lines[-1]) + len(item) + 2 > WIDTH:
            lines.append("")
        lines[-1] += (", " if lines[-1] else "") + item
    return f"{key}=[" + (",\n" + indent).join(lines) + "]"
