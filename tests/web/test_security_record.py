"""The published record cannot be changed quietly: a result edited in the database is named on
the publication's page and in the audit trail, and a download carries its SHA-256 and a
signature the press can check with the portal's public key."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from parindex.cli import main as cli
from parindex.io.signing import public_pem, signature_holds
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.results.models import Publication
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"
SEED = bytes(range(32))
BANNER = "Kết quả lưu trữ đã bị thay đổi sau khi công bố"


@pytest.fixture
def signing_key(settings):
    settings.PARINDEX_SIGNING_KEY = base64.b64encode(SEED).decode()
    return Ed25519PrivateKey.from_private_bytes(SEED)


def published(world):
    scored_world(world)
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def _index_of_first_unit_raised(text: str) -> str:
    data = json.loads(text)
    data["units"][0]["index"] = 99.99
    return json.dumps(data, ensure_ascii=False)


def test_an_untouched_publication_checks_out_and_the_check_is_audited(client, world):
    publication = published(world)
    page = client.get(f"/cong-khai/{publication.pk}/?kiem-tra=1").content.decode()
    assert "khớp đến từng chữ số" in page and BANNER not in page
    entry = AuditEntry.objects.filter(action=AuditAction.PUBLICATION_VERIFY).get()
    assert entry.actor is None and entry.cycle == world.cycle
    assert entry.new == "tính lại khớp; khớp mã băm lúc công bố"


def test_a_result_edited_in_the_database_is_named_by_the_check(client, world):
    publication = published(world)
    tampered = _index_of_first_unit_raised(publication.results)
    Publication.objects.filter(pk=publication.pk).update(results=tampered)
    client.force_login(world.admin)
    page = client.get(f"/cong-khai/{publication.pk}/?kiem-tra=1").content.decode()
    assert BANNER in page and "kết quả results.json" in page
    assert "khớp đến từng chữ số" not in page
    entry = AuditEntry.objects.filter(action=AuditAction.PUBLICATION_VERIFY).get()
    assert entry.actor == world.admin and entry.new.startswith("tính lại khớp; đã bị thay đổi")
    # the admin sees it without asking for the check
    assert BANNER in client.get(f"/cong-khai/{publication.pk}/").content.decode()


@pytest.mark.parametrize(
    ("part", "label"),
    [
        ("page", "trang xếp hạng dựng sẵn"),
        ("summary", "kết quả dùng cho các trang"),
        ("lost_points", "điểm bị mất theo tiêu chí"),
        ("inputs", "dữ liệu đầu vào"),
    ],
)
def test_a_pre_rendered_part_edited_in_the_database_is_named(client, world, part, label):
    publication = published(world)
    original = getattr(publication, part)
    Publication.objects.filter(pk=publication.pk).update(**{part: original + " "})
    page = client.get(f"/cong-khai/{publication.pk}/?kiem-tra=1").content.decode()
    assert BANNER in page and label in page


def test_a_publication_made_before_the_hashes_says_so_honestly(client, world):
    publication = published(world)
    Publication.objects.filter(pk=publication.pk).update(checksums={}, checksums_recorded="")
    page = client.get(f"/cong-khai/{publication.pk}/?kiem-tra=1").content.decode()
    assert "Chưa có dấu kiểm tra" in page and "trang xếp hạng dựng sẵn" in page
    assert BANNER not in page and "khớp đến từng chữ số" in page


def test_the_download_carries_its_sha256_and_a_signature_the_public_key_checks(
    client, world, signing_key
):
    publication = published(world)
    body = client.get(f"/cong-khai/{publication.pk}/results.json").content
    assert body == publication.results.encode("utf-8")
    line = client.get(f"/cong-khai/{publication.pk}/results.json.sha256").content.decode()
    assert line == f"{hashlib.sha256(body).hexdigest()}  results.json\n"
    signature = client.get(f"/cong-khai/{publication.pk}/results.json.sig").content
    pem = client.get("/cong-khai/khoa-cong-khai.pem").content.decode()
    assert pem == public_pem(signing_key)
    assert signature_holds(body, signature, pem)
    assert not signature_holds(body.replace(b"Ti", b"Tj", 1), signature, pem)
    index = client.get("/cong-khai/").content.decode()
    assert pem.splitlines()[1] in index
    # the key's fingerprint is what `sha256sum khoa-cong-khai.pem` prints for the download
    assert hashlib.sha256(pem.encode("ascii")).hexdigest() in index


def test_a_tampered_result_no_longer_matches_the_signature_made_at_publication(
    client, world, signing_key
):
    publication = published(world)
    tampered = _index_of_first_unit_raised(publication.results)
    Publication.objects.filter(pk=publication.pk).update(results=tampered)
    body = client.get(f"/cong-khai/{publication.pk}/results.json").content
    signature = client.get(f"/cong-khai/{publication.pk}/results.json.sig").content
    assert not signature_holds(body, signature, public_pem(signing_key))


def test_without_a_key_the_sha256_is_offered_and_the_page_says_there_is_no_signature(
    client, world, settings
):
    settings.PARINDEX_SIGNING_KEY = ""
    publication = published(world)
    assert client.get(f"/cong-khai/{publication.pk}/results.json.sig").status_code == 404
    assert client.get("/cong-khai/khoa-cong-khai.pem").status_code == 404
    assert client.get(f"/cong-khai/{publication.pk}/results.json.sha256").status_code == 200
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Cổng chưa cấu hình khóa ký" in page


def test_the_cli_says_whether_a_download_carries_the_portals_signature(
    client, world, signing_key, tmp_path, capsys
):
    publication = published(world)
    for name, url in (
        ("results.json", "results.json"),
        ("results.json.sig", "results.json.sig"),
    ):
        (tmp_path / name).write_bytes(client.get(f"/cong-khai/{publication.pk}/{url}").content)
    (tmp_path / "key.pem").write_bytes(client.get("/cong-khai/khoa-cong-khai.pem").content)
    args = [
        "verify",
        str(tmp_path / "results.json"),
        "--signature",
        str(tmp_path / "results.json.sig"),
        "--public-key",
        str(tmp_path / "key.pem"),
    ]
    assert cli(args) == 0
    assert "Chữ ký hợp lệ" in capsys.readouterr().out
    (tmp_path / "results.json").write_bytes(
        _index_of_first_unit_raised(publication.results).encode()
    )
    assert cli(args) == 1
    assert "Chữ ký KHÔNG hợp lệ" in capsys.readouterr().err
    (tmp_path / "key.pem").write_text("không phải khóa")
    assert cli(args) == 2
    assert "key.pem" in capsys.readouterr().err


def test_visitors_share_one_recomputation_but_see_a_later_edit_at_once(client, world):
    """A crawler asking for the check on every request makes one recomputation and one audit
    row per publication in five minutes; the stored parts are hashed afresh on every visit."""
    publication = published(world)
    url = f"/cong-khai/{publication.pk}/?kiem-tra=1"
    for _ in range(3):
        assert "khớp đến từng chữ số" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.PUBLICATION_VERIFY).count() == 1
    tampered = _index_of_first_unit_raised(publication.results)
    Publication.objects.filter(pk=publication.pk).update(results=tampered)
    page = client.get(url).content.decode()
    assert BANNER in page and "khớp đến từng chữ số" not in page
    client.force_login(world.admin)  # a signed-in person always recomputes, audited
    client.get(url)
    assert AuditEntry.objects.filter(action=AuditAction.PUBLICATION_VERIFY).count() == 2
