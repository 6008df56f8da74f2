"""Two-factor login's pages (namespace ``two_factor``)."""

from __future__ import annotations

from django.urls import path

from parindex.web.accounts import two_factor_views as views

app_name = "two_factor"

urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/thiet-lap/", views.enrol, name="enrol"),
    path("xac-thuc/ma-khoi-phuc/", views.codes, name="codes"),
    path("xac-thuc/ma-khoi-phuc/tai-ve/", views.codes_download, name="codes_download"),
    path("tai-khoan/bao-mat/", views.security, name="security"),
    path("tai-khoan/bao-mat/tat/", views.disable, name="disable"),
    path("nguoi-dung/<int:account_id>/xac-thuc-hai-buoc/dat-lai/", views.reset, name="reset"),
]
