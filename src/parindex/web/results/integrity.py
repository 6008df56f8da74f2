"""Is a publication still what was published? Its stored parts against the hashes recorded
at publication, and the detached signature of its results.json.

The pages read ``summary``, ``page`` and ``lost_points``; the API, the appendix and every
document are made from ``results``; the recomputation reads ``inputs``. Each has its hash
(``sha256`` for the results, ``checksums`` for the others), so a part edited in the database
is named, whatever the recomputation says.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings

from parindex.io import signing

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from parindex.web.results.models import Publication

PARTS: tuple[tuple[str, str], ...] = (
    ("results", "kết quả results.json (API, phụ lục, báo cáo, phiếu kết quả)"),
    ("inputs", "dữ liệu đầu vào"),
    ("summary", "kết quả dùng cho các trang"),
    ("page", "trang xếp hạng dựng sẵn"),
    ("lost_points", "điểm bị mất theo tiêu chí (trang đơn vị)"),
)
CHECKSUMMED = tuple(name for name, _ in PARTS if name != "results")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checksums(parts: dict[str, str]) -> dict[str, str]:
    """The hashes recorded at publication of every stored part but the results."""
    return {name: digest(parts.get(name) or "") for name in CHECKSUMMED}


@dataclass(frozen=True)
class StoredCheck:
    """The stored parts against their recorded hashes."""

    altered: tuple[str, ...]
    """Labels of the parts that no longer match."""
    unchecked: tuple[str, ...]
    """Labels of the parts with no recorded hash (published before the hashes were kept)."""
    recorded: str
    """"publication", "migration" (recorded when the portal was upgraded), or ""."""

    @property
    def intact(self) -> bool:
        return not self.altered

    def outcome(self) -> str:
        """One line for the audit trail."""
        if self.altered:
            return "đã bị thay đổi: " + "; ".join(self.altered)
        if self.unchecked:
            return "khớp; chưa có dấu kiểm tra: " + "; ".join(self.unchecked)
        return "khớp mã băm lúc công bố"


def stored_check(publication: Publication) -> StoredCheck:
    """Read the stored parts afresh from the database and hash them."""
    from parindex.web.results.models import Publication

    row = (
        Publication.objects.filter(pk=publication.pk)
        .values("sha256", "checksums", "checksums_recorded", *(name for name, _ in PARTS))
        .get()
    )
    recorded = row["checksums"] or {}
    altered: list[str] = []
    unchecked: list[str] = []
    for name, label in PARTS:
        expected = row["sha256"] if name == "results" else recorded.get(name)
        if not expected:
            unchecked.append(label)
        elif digest(row[name] or "") != expected:
            altered.append(label)
    return StoredCheck(tuple(altered), tuple(unchecked), row["checksums_recorded"] or "")


# --- the signature ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _key(text: str) -> Ed25519PrivateKey:
    return signing.private_key(text)


def configured_key() -> Ed25519PrivateKey | None:
    """The signing key of this portal (PARINDEX_SIGNING_KEY), or None."""
    text = getattr(settings, "PARINDEX_SIGNING_KEY", "")
    return _key(text) if text else None


def public_key_pem() -> str:
    """This portal's public key as PEM, or "" when no signing key is configured."""
    key = configured_key()
    return signing.public_pem(key) if key is not None else ""


def sign_results(results: str) -> tuple[str, str]:
    """(base64 signature, public key PEM) of results.json's bytes; ("", "") without a key."""
    key = configured_key()
    if key is None:
        return "", ""
    signature = signing.sign(results.encode("utf-8"), key)
    return base64.b64encode(signature).decode("ascii"), signing.public_pem(key)


def signature_of(publication: Publication) -> tuple[bytes, str] | None:
    """The detached signature of the publication's results.json and the key that made it.

    The one recorded at publication; for one published before signatures (or without a key),
    signed now with this portal's key — only while its results still match their hash.
    None: no key, or the stored results no longer match what was published.
    """
    if publication.signature:
        return base64.b64decode(publication.signature), publication.signing_key
    if digest(publication.results) != publication.sha256:
        return None
    signature, pem = sign_results(publication.results)
    if not signature:
        return None
    return base64.b64decode(signature), pem
