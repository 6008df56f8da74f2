"""ZIP archives as an attacker or a broken disk makes them, built small: a bomb written by
streaming (300 MB of zeros packed into about 300 KB), too many members, an encrypted member,
an unknown compression method, and damage of several kinds to a real document.

``DAMAGED`` maps a kind of damage to (the bytes, the words the refusal must contain)."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from pathlib import Path

MB = 1024 * 1024


def docx(text: str = "Báo cáo CCHC năm 2026 " * 200) -> bytes:
    """A minimal DOCX: the parts a type check looks for, the document deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document>{text}</w:document>")
    return out.getvalue()


def write_bomb(
    target: Path | io.BytesIO, *, member: str = "mimetype", megabytes: int = 300
) -> None:
    """An ODT-looking archive whose one member unpacks to ``megabytes`` MB of zeros, written
    1 MB at a time so that building it never holds more than that."""
    zeros = bytes(MB)
    with (
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as out,
    ):
        for _ in range(megabytes):
            out.write(zeros)


@functools.cache
def bomb() -> bytes:
    """The ODT of the report: a "mimetype" member of 300 MB of zeros, about 300 KB packed
    (built once per test run; it takes a few seconds)."""
    out = io.BytesIO()
    write_bomb(out)
    return out.getvalue()


def many_members(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(count - 1):
            archive.writestr(f"word/m{number}.xml", "")
    return out.getvalue()


def _central(data: bytes, member: str) -> int:
    """Where the central directory entry of ``member`` starts."""
    at = struct.unpack_from("<I", data, data.rindex(b"PK\x05\x06") + 16)[0]  # the first entry
    while True:
        name_length, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46 : at + 46 + name_length].decode() == member:
            return at
        at += 46 + name_length + extra + comment


def _local(data: bytes, member: str) -> int:
    return struct.unpack_from("<I", data, _central(data, member) + 42)[0]


def _patch(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    patched = bytearray(data)
    struct.pack_into(fmt, patched, offset, value)
    return bytes(patched)


def encrypted(data: bytes, member: str = "word/document.xml") -> bytes:
    """The member flagged as encrypted (bit 0), as a password-protected archive has it."""
    data = _patch(data, _central(data, member) + 8, "<H", 1)
    return _patch(data, _local(data, member) + 6, "<H", 1)


def unknown_method(data: bytes, member: str = "word/document.xml") -> bytes:
    """The member's compression method set to 99 (AES), which zipfile cannot unpack."""
    data = _patch(data, _central(data, member) + 10, "<H", 99)
    return _patch(data, _local(data, member) + 8, "<H", 99)


def bad_crc(data: bytes, member: str = "word/document.xml") -> bytes:
    """The member's recorded CRC changed: its content no longer matches it."""
    at = _central(data, member) + 16
    crc = struct.unpack_from("<I", data, at)[0] ^ 0xFFFF
    data = _patch(data, at, "<I", crc)
    return _patch(data, _local(data, member) + 14, "<I", crc)


def bad_deflate(data: bytes, member: str = "word/document.xml") -> bytes:
    """The member's deflate stream overwritten with bytes no inflater accepts (zlib.error)."""
    local = _local(data, member)
    name_length, extra = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_length + extra
    return data[:start] + b"\xff" * 16 + data[start + 16 :]


def cut_stream(data: bytes, member: str = "word/document.xml") -> bytes:
    """The member's packed size recorded as 8 bytes: its deflate stream ends early, which its
    CRC shows."""
    return _patch(data, _central(data, member) + 20, "<I", 8)


def outside_offset(data: bytes, member: str = "word/document.xml") -> bytes:
    """The member's local header said to lie beyond the end of the file."""
    return _patch(data, _central(data, member) + 42, "<I", len(data) + 1000)


DOC = docx()
DAMAGED = {
    "truncated": (DOC[: len(DOC) // 2], "bị cắt cụt hoặc hỏng"),
    "bad CRC": (bad_crc(DOC), "CRC"),
    "bad deflate stream": (bad_deflate(DOC), "dữ liệu nén bị cắt cụt hoặc hỏng"),
    "deflate stream cut short": (cut_stream(DOC), "CRC"),
    "unknown compression": (unknown_method(DOC), "kiểu nén không được hỗ trợ"),
    "header outside the file": (outside_offset(DOC), "bị cắt cụt hoặc hỏng"),
    "encrypted member": (encrypted(DOC), "mã hoá bằng mật khẩu"),
}
