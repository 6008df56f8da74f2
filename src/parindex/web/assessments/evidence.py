"""Evidence files: type checked by content, size limited, name sanitised, hashed."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from parindex.core.numbers import format_file_size

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


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    extension: str
    size: int
    sha256: str
    safe_name: str
    data: bytes


def sniff(data: bytes) -> str | None:
    """The file's real type from its content, whatever its name says."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if (
                    "mimetype" in names
                    and archive.read("mimetype").strip()
                    == b"application/vnd.oasis.opendocument.text"
                ):
                    return "odt"
                if "[Content_Types].xml" in names:
                    if any(n.startswith("word/") for n in names):
                        return "docx"
                    if any(n.startswith("xl/") for n in names):
                        return "xlsx"
        except zipfile.BadZipFile:
            return None
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
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise EvidenceRejected(f"tệp lớn hơn giới hạn {format_file_size(max_bytes)}")
    if not data:
        raise EvidenceRejected("tệp rỗng")
    kind = sniff(data)
    if kind is None:
        raise EvidenceRejected(
            "chỉ nhận tệp PDF, DOCX, XLSX, ODT, JPEG hoặc PNG (kiểm tra theo nội dung tệp)"
        )
    content_type, extension = KINDS[kind]
    return CheckedFile(
        kind,
        content_type,
        extension,
        len(data),
        hashlib.sha256(data).hexdigest(),
        safe_name(name),
        data,
    )
