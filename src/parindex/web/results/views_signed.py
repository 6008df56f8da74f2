"""A publication's results.json for download with its SHA-256 and detached signature, and the
portal's public key: what the press needs to check a download (docs/formats.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from parindex.web.access import access_publication
from parindex.web.results.integrity import public_key_pem, signature_of

NAME = "results.json"


def _attachment(body: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def results_file(request: HttpRequest, publication_id: int) -> HttpResponse:
    """results.json byte for byte as published (the API's body), as a file."""
    publication = access_publication(request.user, publication_id)
    return _attachment(publication.results_bytes(), "application/json; charset=utf-8", NAME)


def results_sha256(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The hash recorded at publication, in ``sha256sum -c`` form: a file edited since, in the
    database or on the way, does not match it."""
    publication = access_publication(request.user, publication_id)
    line = f"{publication.sha256}  {NAME}\n"
    return _attachment(line, "text/plain; charset=utf-8", f"{NAME}.sha256")


def results_signature(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The detached Ed25519 signature (64 raw bytes); none when no key is configured."""
    publication = access_publication(request.user, publication_id, full=True)
    signed = signature_of(publication)
    if signed is None:
        raise Http404("Kết quả này không có chữ ký số")
    return _attachment(signed[0], "application/octet-stream", f"{NAME}.sig")


def public_key(request: HttpRequest) -> HttpResponse:
    """The portal's public key (PEM) that checks the signatures."""
    pem = public_key_pem()
    if not pem:
        raise Http404("Cổng chưa cấu hình khóa ký")
    return _attachment(pem, "application/x-pem-file", "khoa-cong-khai.pem")
