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
            "ADMINS",
            "SECRET_KEY_FALLBACKS",
            "CSP_REPORT_ONLY",
            "CSP_REPORT_URI",
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


PRODUCTION = {
    "SECRET_KEY": "k7Qv-x9Lm_2Rt8Zp" * 4,
    "DEBUG": "0",
    "ALLOWED_HOSTS": "cchc.example.gov.vn",
}
SHOW = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'csp': s.CONTENT_SECURITY_POLICY, 'middleware': s.MIDDLEWARE,"
    "'session_cookie': s.SESSION_COOKIE_NAME, 'csrf_cookie': s.CSRF_COOKIE_NAME,"
    "'csrf_httponly': s.CSRF_COOKIE_HTTPONLY, 'referrer': s.SECURE_REFERRER_POLICY,"
    "'coop': s.SECURE_CROSS_ORIGIN_OPENER_POLICY, 'permissions': s.PERMISSIONS_POLICY,"
    "'file_mode': s.FILE_UPLOAD_PERMISSIONS, 'dir_mode': s.FILE_UPLOAD_DIRECTORY_PERMISSIONS,"
    "'fallbacks': s.SECRET_KEY_FALLBACKS, 'admins': s.ADMINS,"
    "'mail_errors': s.LOGGING['loggers']['django.request']['handlers']}))"
)


def shown_settings(tmp_path, **env: str) -> dict:
    import json

    result = run_manage("shell", "-c", SHOW, PARINDEX_VAR=str(tmp_path), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_the_security_headers(tmp_path):
    shown = shown_settings(
        tmp_path,
        **PRODUCTION,
        SECRET_KEY_FALLBACKS="old-key-" * 8,
        ADMINS="it@sonoivu.example.gov.vn",
    )
    directives = shown["csp"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert "csp.middleware.CSPMiddleware" in shown["middleware"]
    assert "parindex.web.middleware.SecurityHeadersMiddleware" in shown["middleware"]
    assert "camera=()" in shown["permissions"] and "geolocation=()" in shown["permissions"]
    assert (shown["referrer"], shown["coop"]) == ("same-origin", "same-origin")
    # cookies only over HTTPS, for this host only, the CSRF token out of scripts' reach
    assert shown["session_cookie"] == "__Host-sessionid"
    assert shown["csrf_cookie"] == "__Host-csrftoken"
    assert shown["csrf_httponly"] is True
    assert (shown["file_mode"], shown["dir_mode"]) == (0o640, 0o750)
    assert shown["fallbacks"] == ["old-key-" * 8]  # a rotated key keeps sessions meanwhile
    assert shown["admins"] == [["it@sonoivu.example.gov.vn", "it@sonoivu.example.gov.vn"]]
    assert shown["mail_errors"] == ["stderr", "mail_admins"]


def test_make_run_still_works_over_plain_http(tmp_path):
    shown = shown_settings(tmp_path, DEBUG="1")
    assert shown["session_cookie"] == "sessionid"  # a __Host- cookie needs HTTPS
    assert shown["mail_errors"] == ["stderr"]
    assert shown["csp"]["DIRECTIVES"]["script-src"] == ["'self'"]
