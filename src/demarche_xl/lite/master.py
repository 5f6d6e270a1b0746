"""The ready-to-email master workbook, `workbooks/demarche.xlsx`: a new, empty démarche workbook with its xlwings
Lite buttons, made by one command run from the repository's root:

    python -m demarche_xl.lite.master            (or: python -m demarche_xl.lite.master autre/dossier/demarche.xlsx)

`differences` tells whether a master is current: it compares its content with a fresh one (every part of the
package, the cells, the door's settings, the files of the package kept in `_outil`), leaving out only what changes at
each creation: row ids and generations (random), the creation time, the document properties, the fingerprints of
`_empreintes` (made from the random ids) and the way the kept package is compressed."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from demarche_xl.lite import door, parts, wheel
from demarche_xl.problems import Report
from demarche_xl.schema.registry import META_SHEET, TOOL_SHEET
from demarche_xl.share.history import FINGERPRINT_SHEET
from demarche_xl.share.ids import ALPHABET
from demarche_xl.store import safety
from demarche_xl.store.guard import sheet_parts

MASTER = Path("workbooks") / "demarche.xlsx"
RANDOM_ID = re.compile(rb"\b[LG][" + ALPHABET.encode() + rb"]{7}\b")
STAMP = re.compile(rb"\d\d/\d\d/\d{4} \d\d:\d\d")
CONTENT = re.compile(rb"\b(G[" + ALPHABET.encode() + rb"]{7}) [0-9a-f]{32}\b")  # `history.CONTENT_KEY`: of random ids
DIGEST = re.compile(r'EMPREINTE = "[0-9a-f]{64}"')


def build(target: Path = MASTER) -> Report:
    """Write a fresh master workbook at `target` (no backup folder is left next to it)."""
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.create import create_workbook

    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / target.name
        report = create_workbook(FileStore(made, must_exist=False), into_existing=False, identity=False)
        report.extend(door.install(made))
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            safety.refuse_if_open(target)
        shutil.copyfile(made, target)
    report.info(f"classeur maître écrit : {target}")
    return report


def content(path: Path) -> dict[str, object]:
    """What must be the same in two masters of the same version, part by part."""
    out: dict[str, object] = {}
    with zipfile.ZipFile(path) as package:
        sheets = {part: name for name, part in sheet_parts(package).items()}
        for name in sorted(package.namelist()):
            data = package.read(name)
            sheet = sheets.get(name)
            if name.startswith("docProps/") or sheet == FINGERPRINT_SHEET:
                continue
            if sheet == TOOL_SHEET:
                continue  # compared below, file by file of the package it keeps
            if name.startswith("xl/webextensions/webextension"):
                settings = {k: DIGEST.sub('EMPREINTE = "…"', v) if isinstance(v, str) else v
                            for k, v in (parts.read(path) or {}).items()}
                out[name] = json.dumps(settings, sort_keys=True, ensure_ascii=False)
                continue
            if sheet == META_SHEET:
                data = CONTENT.sub(rb"\1 <contenu>", STAMP.sub(b"<date>", data))
            out[name] = RANDOM_ID.sub(b"<id>", data)
    from demarche_xl.store.file_store import FileStore

    kept = wheel.from_rows(FileStore(path).read_rows(TOOL_SHEET))
    with zipfile.ZipFile(io.BytesIO(kept)) as archive:
        out[TOOL_SHEET] = {member: hashlib.sha256(archive.read(member)).hexdigest() for member in archive.namelist()}
    return out


def differences(path: Path) -> list[str]:
    """The parts of the master `path` that differ from a fresh one (empty when it is current)."""
    if not path.is_file():
        return [f"« {path} » n'existe pas"]
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / path.name
        build(fresh)
        expected = content(fresh)
    found = content(path)
    return sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))


if __name__ == "__main__":
    written = build(Path(sys.argv[1]) if len(sys.argv) > 1 else MASTER)
    print("\n".join(written.lines))
