"""Deflating a large generated sheet while openpyxl saves the rest of the workbook: the rows `bulk_rows` makes
(most of a save's bytes: 14 MB of XML for 10,000 answers) are compressed in a second thread as soon as they exist,
zlib working without Python's lock, while the main thread goes on with openpyxl. The sheet's part is then the
deflated start of the sheet (openpyxl's header), those rows, and its deflated end, joined as one deflate stream:
each piece but the last ends on a full flush (byte-aligned, not final), so the pieces follow one another as any
zip reader expects; the checksum runs over the three pieces in order. The loss guard reads the part back from
the new package, checksum verified, before it replaces the workbook (see `loss_guard`).
"""
from __future__ import annotations

import os
import threading
import zipfile
import zlib

from demarche_xl.store.package import can_copy_into, write_deflated

WORTH_IT = 2 * 2**20  # below this, deflating in line costs a few milliseconds
LEVEL = zlib.Z_DEFAULT_COMPRESSION  # what `zipfile` uses for ZIP_DEFLATED


class Deflating:
    """Bytes being deflated in a second thread, into raw deflate blocks ending on a full flush."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._deflated: bytes | None = None
        self._thread = threading.Thread(target=self._run, name="compression", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._deflated = _blocks(self.data, zlib.Z_FULL_FLUSH)

    def deflated(self) -> bytes | None:
        self._thread.join()
        return self._deflated


def start(data: bytes) -> Deflating | None:
    """Deflate `data` in a second thread when it is large and the computer has a second core."""
    if len(data) < WORTH_IT or (os.cpu_count() or 1) < 2:
        return None
    return Deflating(data)


def write(out: zipfile.ZipFile, entry: zipfile.ZipInfo, before: bytes, middle: Deflating, after: bytes) -> bool:
    """Write the part `before + middle.data + after` as `entry` into `out`, `middle` deflated already; False (nothing
    written) when this Python's zip writer cannot take deflated bytes."""
    rows = middle.deflated()
    if rows is None or not can_copy_into(out):
        return False
    data = _blocks(before, zlib.Z_FULL_FLUSH) + rows + _blocks(after, zlib.Z_FINISH)
    crc = zlib.crc32(after, zlib.crc32(middle.data, zlib.crc32(before)))
    write_deflated(out, entry, data, crc, len(before) + len(middle.data) + len(after))
    return True


def _blocks(data: bytes, ending: int) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(ending)
