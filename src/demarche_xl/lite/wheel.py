"""The demarche-xl package as a wheel kept inside the workbook, for xlwings Lite to run without anything published:
built from the files of the installed package (installed from a wheel or in editable mode alike), byte for byte the
same for the same files (entries sorted, fixed dates), with no dependency declared (`requirements` lists for the
add-in what Pyodide must add). In the workbook it is base64 text in the hidden sheet `_outil`, one chunk per cell;
main.py checks its SHA-256 and unpacks it on the session's first click (a wheel is a zip of the package)."""
from __future__ import annotations

import base64
import functools
import hashlib
import io
import zipfile
from pathlib import Path

import demarche_xl

NAME = "demarche_xl"
CHUNK = 32_000  # characters per cell (Excel's limit is 32,767)
NOTE = ("Ne pas modifier : l'outil demarche-xl {version} (paquet Python encodé en base64) que les boutons xlwings Lite "
        "installent au premier clic ; « demarche-xl boutons classeur.xlsx » le remet à jour.")
DATE = (1980, 1, 1, 0, 0, 0)


def package_files() -> list[tuple[str, bytes]]:
    """(path in the wheel, content) of every file of the installed package, caches left out, sorted."""
    root = Path(demarche_xl.__file__).parent
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix not in (".pyc", ".pyo"))
    return [(f"{NAME}/{p.relative_to(root).as_posix()}", p.read_bytes()) for p in files]


@functools.lru_cache(maxsize=2)  # the installed files do not change while a process runs
def build(version: str | None = None) -> bytes:
    """The wheel `demarche_xl-<version>-py3-none-any.whl`, as bytes."""
    version = version or demarche_xl.__version__
    info = f"{NAME}-{version}.dist-info"
    entries = package_files()
    entries.append((f"{info}/METADATA", (
        f"Metadata-Version: 2.1\nName: demarche-xl\nVersion: {version}\nSummary: Outiller la démarche « Impulser de "
        "nouveaux usages numériques pédagogiques dans mon collège » depuis un classeur Excel\n").encode()))
    entries.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: demarche-xl\nRoot-Is-Purelib: true\n"
                                     b"Tag: py3-none-any\n"))
    record = "".join(f"{name},sha256={digest(data)},{len(data)}\n" for name, data in entries) + f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compresslevel=9)
    return buffer.getvalue()


def digest(data: bytes) -> str:
    """A wheel RECORD hash: urlsafe base64 of the SHA-256, without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sheet_rows(wheel: bytes, version: str | None = None) -> list[list[object]]:
    """The rows of the hidden sheet: a note, then the wheel in base64, one chunk per row (column A)."""
    text = base64.b64encode(wheel).decode()
    chunks = [text[start:start + CHUNK] for start in range(0, len(text), CHUNK)]
    if len(chunks) > 1 and chunks[-1].startswith("="):  # padding alone would be written as a formula
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    return [[NOTE.format(version=version or demarche_xl.__version__)], *[[chunk] for chunk in chunks]]


def from_rows(rows: list[list[object]]) -> bytes:
    """The wheel back from the sheet's rows (what main.py's `installer` does)."""
    return base64.b64decode("".join(str(row[0]) for row in rows[1:] if row and row[0]))
