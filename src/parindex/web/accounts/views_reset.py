"""«Quên mật khẩu»'s pages: the e-mail form, «check your mail», the new password, done."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from parindex.web.accounts.actions import do_set_password_by_mail
from parindex.web.accounts.reset import ResetMailForm, send_reset_mails
from parindex.web.accounts.throttle import client_address


@never_cache
@csrf_protect
def reset_mail(request: HttpRequest) -> HttpResponse:
    """The same answer for an address with an account, without one, or over the limit."""
    form = ResetMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_reset_mails(request, form.cleaned_data["email"])
        return redirect("accounts:password_reset_sent")
    return render(request, "registration/password_reset_form.html", {"form": form})


def reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_reset_done.html")


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's token check (one use; the token leaves the address bar at once); the new
    password through the validators, then audited."""

    template_name = "registration/password_reset_confirm.html"
    reset_url_token = "dat-mat-khau"  # the address after the token leaves it, in Vietnamese
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["min_length"] = settings.PASSWORD_MIN_LENGTH
        return context

    def form_valid(self, form: SetPasswordForm[Any]) -> HttpResponse:
        user = form.user
        do_set_password_by_mail(
            user, form.cleaned_data["new_password1"], client_address(self.request)
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(str(self.success_url))


def reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_reset_complete.html")
