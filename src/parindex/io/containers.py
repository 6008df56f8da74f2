"""Is this ZIP container (XLSX, DOCX, ODT) safe to open? Checked before openpyxl or anyone
else unpacks it: by its central directory first (member count, declared sizes, compression
ratio, encryption, compression method), then, if asked, by unpacking every member in small
chunks with a bounded decompressor so that a broken member is named before a reader trips
on it. Memory stays bounded whatever the archive says; pure Python, no Django.

>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w") as archive:
...     archive.writestr("a.txt", "xin chào")
>>> check_zip(buffer, name="a.zip")
['a.txt']
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from parindex.core.numbers import format_count, format_file_size
from parindex.core.problems import InputError, Problem

CHUNK = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """What a sane office document stays under (an XLSX of 3,000 units' scores unpacks to a
    few MB; a DOCX with photos to tens of MB, barely compressed)."""

    max_members: int = 10_000
    max_total: int = 200 * 1024 * 1024  # declared uncompressed bytes, all members together
    max_ratio: int = 100  # uncompressed / compressed, for a member larger than ratio_from
    ratio_from: int = 1024 * 1024
    verify: bool = True  # unpack every member in chunks and check its CRC


DEFAULT_LIMITS = ZipLimits()
SUPPORTED = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
BROKEN = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
    RuntimeError,
    IndexError,
    KeyError,
    OverflowError,
)
"""What zipfile and its decompressors raise for a damaged archive (a cut, a bad CRC, a broken
deflate stream, an unknown method, a header that points outside the file)."""


def is_zip(head: bytes) -> bool:
    """The first bytes are those of a ZIP archive (an empty one included)."""
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        return "dữ liệu bên trong sai mã kiểm tra (CRC), tệp bị hỏng"
    if isinstance(exc, (EOFError, zlib.error)):
        return "dữ liệu nén bị cắt cụt hoặc hỏng"
    if isinstance(exc, NotImplementedError):
        return "dùng kiểu nén không được hỗ trợ"
    return "không đọc được tệp: tệp nén (ZIP) bị cắt cụt hoặc hỏng"


def _refuse(name: str, reason: str, member: str = "") -> InputError:
    shown = "".join(c if c.isprintable() else "?" for c in member[:80])
    where = f"phần «{shown}»" if member else ""
    return InputError([Problem(reason, where=where, file=name)])


def _check_directory(infos: list[zipfile.ZipInfo], name: str, limits: ZipLimits) -> None:
    if len(infos) > limits.max_members:
        raise _refuse(
            name,
            f"tệp nén có {format_count(len(infos))} phần, quá giới hạn "
            f"{format_count(limits.max_members)} phần",
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(
                name,
                "được mã hoá bằng mật khẩu; hãy gửi tệp không đặt mật khẩu",
                info.filename,
            )
        if info.compress_type not in SUPPORTED:
            raise _refuse(name, "dùng kiểu nén không được hỗ trợ", info.filename)
        total += info.file_size
        ratio_too_high = info.file_size > limits.max_ratio * max(info.compress_size, 1)
        if info.file_size > limits.ratio_from and ratio_too_high:
            raise _refuse(
                name,
                f"giải nén ra {format_file_size(info.file_size)} từ "
                f"{format_file_size(info.compress_size)}, gấp hơn {format_count(limits.max_ratio)} "
                "lần — nghi là bom nén nên không mở",
                info.filename,
            )
    if total > limits.max_total:
        raise _refuse(
            name,
            f"tệp nén giải nén ra {format_file_size(total)}, quá giới hạn "
            f"{format_file_size(limits.max_total)} — nghi là bom nén nên không mở",
        )


def _verify(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Unpack one member in chunks (its CRC is checked at its end); the bytes it gave."""
    given = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            given += len(chunk)
            if given > budget:  # declared sizes are enforced by zipfile; this is a backstop
                raise zipfile.BadZipFile("member larger than declared")
    return given


def check_zip(
    source: IO[bytes] | Path | str, *, name: str, limits: ZipLimits = DEFAULT_LIMITS
) -> list[str]:
    """The names of the members of a ZIP archive that is safe to open, or InputError naming
    the file (and the member) and the reason. A stream is left where it was."""
    stream = None if isinstance(source, (Path, str)) else source
    start = stream.tell() if stream is not None else 0
    member = ""
    try:
        with zipfile.ZipFile(source if stream is None else stream) as archive:
            infos = archive.infolist()
            _check_directory(infos, name, limits)
            if limits.verify:
                budget = limits.max_total
                for info in infos:
                    member = info.filename
                    budget -= _verify(archive, info, budget)
            return [info.filename for info in infos]
    except InputError:
        raise
    except BROKEN as exc:
        raise _refuse(name, _reason(exc), member) from None
    finally:
        if stream is not None:
            stream.seek(start)


def read_member_head(source: IO[bytes], member: str, *, name: str, size: int = 4096) -> bytes:
    """At most ``size`` bytes of one member (a bounded read, whatever the member unpacks to);
    empty if there is no such member."""
    start = source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            if member not in archive.namelist():
                return b""
            with archive.open(member) as opened:
                return opened.read(size)
    except BROKEN as exc:
        raise _refuse(name, _reason(exc), member) from None
    finally:
        source.seek(start)


def check_workbook(path: Path, name: str = "") -> None:
    """Before a spreadsheet reader opens ``path``: a ZIP (XLSX) is checked as above; anything
    else is left to the reader, which says it is not a workbook."""
    try:
        with open(path, "rb") as file:
            head = file.read(4)
    except OSError:
        return  # the reader reports a missing file its own way
    if is_zip(head):
        check_zip(path, name=name or path.name)
