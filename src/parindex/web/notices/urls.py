"""The bell's page: the user's notices, opening one, all read, the e-mail choice."""

from __future__ import annotations

from django.urls import path

from parindex.web.notices import views as notices

app_name = "notices"

urlpatterns = [
    path("thong-bao/", notices.notice_list, name="list"),
    path("thong-bao/<int:notice_id>/", notices.open_notice, name="open"),
    path("thong-bao/da-doc-tat-ca/", notices.mark_all_read, name="read_all"),
    path("thong-bao/thu-dien-tu/", notices.email_choice, name="email_choice"),
]
