"""Forgotten passwords and invitations: both end on the same set-password page."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from lscp.accounts.forms import PasswordResetForm, SetPasswordForm
from lscp.accounts.invitations import send_password_reset
from lscp.core.permissions import public


@public
@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetForm(request.POST or None)
    if form.is_valid():
        send_password_reset(form.cleaned_data["email"])
        # The same page whether or not the address has an account: no way to learn who does.
        return redirect("accounts:password-reset-sent")
    return render(request, "accounts/password_reset.html", {"form": form})


@public
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class SetPassword(auth_views.PasswordResetConfirmView):
    """Django's one-time link handling (the token leaves the URL before the form is shown)."""

    form_class = SetPasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:sign-in")

    def get_user(self, uidb64):
        person = super().get_user(uidb64)
        # A deactivated account keeps its old links, but they no longer open anything.
        return person if person is not None and person.is_active else None

    def form_valid(self, form):
        messages.success(self.request, "Your password has been set. You can now sign in")
        return super().form_valid(form)


set_password = public(SetPassword.as_view())
