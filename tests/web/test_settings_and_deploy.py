"""Configuration: production settings pass Django's deployment checks; secrets are required."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SECURE_COOKIES",
        )
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k7Qv-x9Lm_2Rt8Zp" * 4,
        DEBUG="0",
        ALLOWED_HOSTS="cchc.example.gov.vn",
        PARINDEX_VAR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_production_refuses_to_start(tmp_path):
    result = run_manage("check", DEBUG="0", PARINDEX_VAR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_misspelt_setting_stops_the_start_and_names_the_variable(tmp_path):
    result = run_manage("check", DEBUG="ture", PARINDEX_VAR=str(tmp_path))
    assert result.returncode != 0
    assert "Biến môi trường DEBUG='ture' không hợp lệ" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_number_setting_that_is_not_a_number_is_refused(tmp_path):
    result = run_manage("check", DEBUG="1", EVIDENCE_MAX_MB="20MB", PARINDEX_VAR=str(tmp_path))
    assert result.returncode != 0
    assert "EVIDENCE_MAX_MB='20MB' không hợp lệ: cần một số nguyên ≥ 1" in result.stderr


def test_the_interface_speaks_vietnamese_in_asia_ho_chi_minh():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
