"""Settings for the test suite: the production module with test-only environment."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
# Two-factor login is off for the suite's personas; tests/web/test_security_two_factor.py turns
# it on (override_settings) and asserts that production requires it of admins and appraisers.
os.environ.setdefault("PARINDEX_TWO_FACTOR_ROLES", "")
os.environ.setdefault("PARINDEX_VAR", tempfile.mkdtemp(prefix="parindex-test-"))

from parindex.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 - no connection may outlive a test database

# Background tasks run at once, inside the request that queues them, so tests are deterministic;
# tests/web/test_scorecard_archives.py also runs the database queue and its db_worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
