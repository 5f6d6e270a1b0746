"""A workbook package read once per save, and parts copied into a new package without being compressed again.

A save goes over the original package several times: the loss guard's survey, setting the untouched cells aside,
putting them back. `Package` inflates each part once and hands the same bytes to all of them. When a part of the
new package is byte for byte the original part (the cells of a sheet the step does not write, put back in the same
sheet XML), `copy_compressed` writes the original's compressed bytes and checksum instead of deflating the part
again: the new package holds exactly what the original held, at no cost. The loss guard still reads the new
package from disk and compares it (see `loss_guard`).
"""
from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip entry's local header (zipfile.structFileHeader)
_NAME_LENGTH, _EXTRA_LENGTH = 10, 11  # their places in the unpacked local header
_WRITER_STATE = ("fp", "start_dir", "filelist", "NameToInfo", "_didModify", "_lock", "_writecheck", "_seekable",
                 "_writing")


class Package:
    """The zip package at `path`, open for reading until `close`; each part inflated at most once."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._file = open(self.path, "rb")  # one file for the parts and their compressed bytes: if the workbook
        try:  # were replaced meanwhile, both would still come from the package surveyed
            self.zip = zipfile.ZipFile(self._file)
        except BaseException:
            self._file.close()
            raise
        self._parts: dict[str, bytes] = {}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()
        self._file.close()
        self._parts.clear()

    def namelist(self) -> list[str]:
        return self.zip.namelist()

    def identity(self) -> tuple[int, int, int, int]:
        """The opened file's device, inode, size and modification time (see `read_ahead`)."""
        found = os.fstat(self._file.fileno())
        return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns

    def adopt(self, parts: dict[str, bytes]) -> None:
        """Take parts already inflated from this very file (`read_ahead`, after comparing `identity`)."""
        self._parts.update(parts)

    def infolist(self) -> list[zipfile.ZipInfo]:
        return self.zip.infolist()

    def read(self, name: str) -> bytes:
        if name not in self._parts:
            self._parts[name] = self.zip.read(name)  # the checksum is verified on the way
        return self._parts[name]

    def compressed(self, name: str) -> tuple[zipfile.ZipInfo, bytes] | None:
        """The entry of part `name` and its compressed bytes as stored, when deflated, unencrypted and small enough
        for a plain (not zip64) entry; else None."""
        info = self.zip.getinfo(name)
        if (info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1
                or max(info.compress_size, info.file_size * 1.05, info.header_offset) >= zipfile.ZIP64_LIMIT):
            return None
        raw = self._file  # zipfile seeks to its own place before each of its reads: sharing the file is safe
        raw.seek(info.header_offset)
        header = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
        if header[0] != zipfile.stringFileHeader:
            return None
        raw.seek(header[_NAME_LENGTH] + header[_EXTRA_LENGTH], 1)
        data = raw.read(info.compress_size)
        return (info, data) if len(data) == info.compress_size else None


def can_copy_into(out: zipfile.ZipFile) -> bool:
    """Whether this Python's zip writer has what `copy_compressed` relies on (it does from 3.11 to 3.13)."""
    return all(hasattr(out, name) for name in _WRITER_STATE)


def copy_compressed(out: zipfile.ZipFile, entry: zipfile.ZipInfo, source: zipfile.ZipInfo, data: bytes) -> None:
    """Write `entry` (name, date) into `out` with the compressed bytes `data` of the deflated part `source`."""
    write_deflated(out, entry, data, source.CRC, source.file_size)


def write_deflated(out: zipfile.ZipFile, entry: zipfile.ZipInfo, data: bytes, crc: int, size: int) -> None:
    """Write `entry` (name, date) into `out` with `data`, a part already deflated (raw deflate), whose content has
    checksum `crc` and `size` bytes: the same steps as `ZipFile.mkdir`, with the part's checksum and sizes."""
    entry.compress_type, entry.flag_bits = zipfile.ZIP_DEFLATED, 0
    entry.external_attr = entry.external_attr or 0o600 << 16  # as `ZipFile.writestr` gives a new entry
    entry.CRC, entry.compress_size, entry.file_size = crc, len(data), size
    with out._lock:
        if out._writing:
            raise ValueError("another part is being written")
        if out._seekable:
            out.fp.seek(out.start_dir)
        entry.header_offset = out.fp.tell()
        out._writecheck(entry)
        out._didModify = True
        out.filelist.append(entry)
        out.NameToInfo[entry.filename] = entry
        out.fp.write(entry.FileHeader(False))
        out.fp.write(data)
        out.start_dir = out.fp.tell()
