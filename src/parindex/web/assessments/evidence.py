"""Evidence files: type checked by content, size limited, name sanitised, hashed."""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import IO

from parindex.core.numbers import format_file_size
from parindex.core.problems import InputError
from parindex.io.containers import ZipLimits, check_zip, read_member_head

KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
}


class EvidenceRejected(ValueError):
    pass


SPOOL_IN_MEMORY = 1024 * 1024
"""An upload up to this size is held in memory while it is checked; a larger one on disk."""
CHUNK = 64 * 1024
OFFICE_LIMITS = ZipLimits()
"""An evidence DOCX, XLSX or ODT: at most 10.000 members, 200 MB unpacked, no member over
1 MB that unpacks to more than 100 times its packed size, nothing encrypted, every member's
CRC checked (see docs/decisions.md)."""


@dataclass(frozen=True)
class CheckedFile:
    """An upload whose type is known from its content; ``content`` is a copy of its bytes
    (in memory up to 1 MB, on disk beyond), read from the start; close it when done."""

    kind: str
    content_type: str
    extension: str
    size: int
    sha256: str
    safe_name: str
    content: IO[bytes]


def _sniff_zip(stream: IO[bytes], name: str) -> str | None:
    try:
        names = set(check_zip(stream, name=name, limits=OFFICE_LIMITS))
        mimetype = read_member_head(stream, "mimetype", name=name, size=128)
    except InputError as exc:
        problem = exc.problems[0]
        where = f"{problem.where}: " if problem.where else ""
        raise EvidenceRejected(f"{where}{problem.message}") from None
    if mimetype.strip() == b"application/vnd.oasis.opendocument.text":
        return "odt"
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return None


def sniff(data: bytes | IO[bytes], name: str = "") -> str | None:
    """The file's real type from its content, whatever its name says; a ZIP container is
    opened only after its directory is found sane (EvidenceRejected says why not)."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    start = stream.tell()
    head = stream.read(16)
    stream.seek(start)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(stream, name or "tệp")
    return None


def safe_name(name: str) -> str:
    """A display name without paths or odd characters (the stored name is random anyway).

    >>> safe_name("../../etc/Quyết định 12.pdf")
    'Quyết định 12.pdf'
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    name = re.sub(r"[^\w\s.\-()]", "_", name).strip(" .")
    return (name or "tai-lieu")[:150]


def check(stream: IO[bytes], name: str, max_bytes: int) -> CheckedFile:
    """Read the upload once in chunks (hashed as it streams, copied to a spool file), never
    more than ``max_bytes`` + 1 of it, then find its type from the copy."""
    digest = hashlib.sha256()
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (returned)
    size = 0
    try:
        while chunk := stream.read(min(CHUNK, max_bytes + 1 - size)):
            size += len(chunk)
            if size > max_bytes:
                raise EvidenceRejected(f"tệp lớn hơn giới hạn {format_file_size(max_bytes)}")
            digest.update(chunk)
            spool.write(chunk)
        if not size:
            raise EvidenceRejected("tệp rỗng")
        spool.seek(0)
        kind = sniff(spool, name)
        if kind is None:
            raise EvidenceRejected(
                "chỉ nhận tệp PDF, DOCX, XLSX, ODT, JPEG hoặc PNG (kiểm tra theo nội dung tệp)"
            )
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    content_type, extension = KINDS[kind]
    return CheckedFile(
        kind, content_type, extension, size, digest.hexdigest(), safe_name(name), spool
    )


def kind_of(content_type: str) -> str | None:
    """The kind whose content type this is (as stored beside an evidence file)."""
    return next((k for k, (t, _) in KINDS.items() if t == content_type), None)


def served_name(original_name: str, content_type: str) -> str:
    """The name a download is given: the display name with the extension of the type verified
    at upload, whatever extension it was sent with.

    >>> served_name("bao-cao.html", "application/pdf")
    'bao-cao.pdf'
    >>> served_name("Quyết định.PDF", "application/pdf")
    'Quyết định.PDF'
    >>> served_name("", "image/png")
    'tai-lieu.png'
    """
    kind = kind_of(content_type)
    name = original_name or "tai-lieu"
    if kind is None:
        return name
    extension = KINDS[kind][1]
    accepted = {extension, ".jpeg"} if kind == "jpeg" else {extension}
    stem, dot, suffix = name.rpartition(".")
    if dot and f".{suffix.lower()}" in accepted:
        return name
    return f"{stem if dot and stem else name}{extension}"
