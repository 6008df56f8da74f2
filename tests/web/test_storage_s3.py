"""Evidence on S3-compatible object storage (issue 17): an upload through the officer's page
lands in the bucket and comes back through the app; the settings switch the default storage
(and the PostgreSQL connection pooling) from the environment alone."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from parindex.web.assessments.models import Evidence
from tests.web.test_settings_and_deploy import run_manage

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")
pytest.importorskip("storages")

BUCKET = "parindex-evidence"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
S3 = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "default_acl": "private",
            "file_overwrite": False,
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture
def bucket():
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        with override_settings(STORAGES=S3):
            yield s3


def test_an_evidence_upload_lands_in_the_bucket_and_downloads_through_the_app(
    client, world, bucket
):
    score = world.score(world.unit_a, "1.1")
    client.force_login(world.officer_a)
    upload = SimpleUploadedFile("Kế hoạch.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/diem/{score.pk}/tai-lieu/", {"uploads": [upload]})
    assert response.status_code == 302
    evidence = Evidence.objects.get(score=score)
    assert type(storages["default"]).__name__ == "S3Storage"
    stored = bucket.get_object(Bucket=BUCKET, Key=evidence.file.name)
    assert stored["Body"].read() == PDF  # in the bucket, not on this machine's disk
    downloaded = client.get(f"/tai-lieu/{evidence.pk}/")
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == PDF
    assert downloaded["Content-Disposition"].startswith("attachment")
    client.force_login(world.officer_b)  # another unit's officer: still no access
    assert client.get(f"/tai-lieu/{evidence.pk}/").status_code == 404


SHOW = (
    "from django.conf import settings as s; import json; d = s.DATABASES['default'];"
    "print(json.dumps({'storage': s.STORAGES['default'], 'conn_max_age': d.get('CONN_MAX_AGE'),"
    "'health': d.get('CONN_HEALTH_CHECKS'), 'pool': d.get('OPTIONS', {}).get('pool'),"
    "'cursors': d.get('DISABLE_SERVER_SIDE_CURSORS', False)}))"
)


def shown(tmp_path, **env: str) -> dict:
    result = run_manage("shell", "-c", SHOW, DEBUG="1", PARINDEX_VAR=str(tmp_path), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_evidence_stays_on_the_local_disk(tmp_path):
    storage = shown(tmp_path)["storage"]
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storage["OPTIONS"]["location"] == str(tmp_path / "evidence")


def test_a_bucket_switches_the_default_storage_to_s3(tmp_path):
    storage = shown(
        tmp_path,
        EVIDENCE_BUCKET=BUCKET,
        EVIDENCE_ENDPOINT_URL="https://s3.example.gov.vn",
        EVIDENCE_REGION="hn-1",
        EVIDENCE_ACCESS_KEY="khoa",
        EVIDENCE_SECRET_KEY="bi-mat",
        EVIDENCE_ADDRESSING_STYLE="path",
    )["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        BUCKET,
        "https://s3.example.gov.vn",
        "hn-1",
    )
    assert (options["access_key"], options["secret_key"]) == ("khoa", "bi-mat")
    assert options["addressing_style"] == "path" and options["default_acl"] == "private"


def test_s3_without_a_bucket_is_refused_by_name(tmp_path):
    result = run_manage("check", DEBUG="1", PARINDEX_VAR=str(tmp_path), EVIDENCE_STORAGE="s3")
    assert result.returncode != 0
    assert "EVIDENCE_BUCKET" in result.stderr


POSTGRES = "postgres://parindex:x@db.example:5432/parindex"


def test_postgresql_keeps_connections_by_default(tmp_path):
    found = shown(tmp_path, DATABASE_URL=POSTGRES)
    assert (found["conn_max_age"], found["health"], found["pool"]) == (60, True, None)


def test_database_pool_switches_to_psycopgs_pool(tmp_path):
    found = shown(tmp_path, DATABASE_URL=POSTGRES, DATABASE_POOL="20", DATABASE_POOL_MIN="4")
    assert found["pool"] == {"min_size": 4, "max_size": 20, "timeout": 10}
    assert found["conn_max_age"] == 0  # Django refuses persistent connections with a pool


def test_behind_pgbouncer_no_server_side_cursors_nor_kept_connections(tmp_path):
    found = shown(tmp_path, DATABASE_URL=POSTGRES, DATABASE_PGBOUNCER="1")
    assert (found["conn_max_age"], found["cursors"], found["pool"]) == (0, True, None)
    both = run_manage(
        "check",
        DEBUG="1",
        PARINDEX_VAR=str(tmp_path),
        DATABASE_URL=POSTGRES,
        DATABASE_POOL="5",
        DATABASE_PGBOUNCER="1",
    )
    assert both.returncode != 0 and "DATABASE_PGBOUNCER" in both.stderr
