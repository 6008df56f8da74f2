"""Signing in and out, one's own password; the admin's users pages."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from parindex.web.accounts import views, views_reset

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="/dang-nhap/"), name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("quen-mat-khau/", views_reset.reset_mail, name="password_reset_mail"),
    path("quen-mat-khau/da-gui/", views_reset.reset_sent, name="password_reset_sent"),
    path(
        "quen-mat-khau/<uidb64>/<token>/",
        views_reset.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("quen-mat-khau/xong/", views_reset.reset_complete, name="password_reset_complete"),
    path("nguoi-dung/", views.users, name="users"),
    path("nguoi-dung/nhap/", views.user_import, name="user_import"),
    path("nguoi-dung/nhap/xac-nhan/", views.user_import_confirm, name="user_import_confirm"),
    path("nguoi-dung/tao-cho-don-vi/", views.unit_accounts, name="unit_accounts"),
    path("nguoi-dung/mat-khau/", views.passwords, name="passwords"),
    path("nguoi-dung/mat-khau/tai-ve/", views.password_sheet, name="password_sheet"),
    path("nguoi-dung/<int:account_id>/sua/", views.user_edit, name="user_edit"),
    path("nguoi-dung/<int:account_id>/khoa/", views.user_active, name="user_active"),
    path(
        "nguoi-dung/<int:account_id>/cap-lai-mat-khau/", views.password_reset, name="password_reset"
    ),
]
