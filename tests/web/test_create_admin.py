"""A new installation starts with one command: the first admin; everything else is in the app."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from parindex.web.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_first_admin_is_made_from_the_command_line_and_can_sign_in(client, monkeypatch):
    monkeypatch.setenv("PARINDEX_ADMIN_PASSWORD", "Cải cách 2026!")
    call_command("create_admin", "snv.quantri", email="cchc@snv.quangngai.gov.vn")
    admin = User.objects.get(username="snv.quantri")
    assert admin.role == "admin" and admin.email == "cchc@snv.quangngai.gov.vn"
    assert client.login(username="snv.quantri", password="Cải cách 2026!")
    with pytest.raises(CommandError, match="đã có"):
        call_command("create_admin", "snv.quantri")
