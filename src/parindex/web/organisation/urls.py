"""The organisation's settings page, its logo, the favicon."""

from __future__ import annotations

from django.urls import path

from parindex.web.organisation import views as organisation

app_name = "organisation"

urlpatterns = [
    path("to-chuc/", organisation.settings_page, name="settings"),
    path("to-chuc/bieu-trung/", organisation.logo, name="logo"),
    path("favicon.ico", organisation.favicon, name="favicon"),
]
