"""Signing in and out, the second factor, and the person's own account."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from lscp.accounts import two_factor as factors
from lscp.accounts.forms import ChangePasswordForm, EnrolForm, SignInForm, TwoFactorForm
from lscp.core.audit import record_event
from lscp.core.models import AccessKind
from lscp.core.permissions import public, signed_in


class SignIn(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


sign_in = public(SignIn.as_view())


@public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _with_next(url_name: str, request: HttpRequest) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': _safe_next(request)})}"


@signed_in
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: a code from the person's authenticator, or a backup code."""
    user = request.user
    if factors.is_verified(user):
        return redirect(_safe_next(request))
    if not factors.has_second_factor(user):
        return redirect(_with_next("accounts:two-factor-set-up", request))
    form = TwoFactorForm(request.POST or None)
    if form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        record_event(AccessKind.TWO_FACTOR_FAILED, request, user)
        form.add_error("token", "The security code is not right. Check your app and try again")
    return render(request, "accounts/two_factor.html", {"form": form, "next": _safe_next(request)})


@signed_in
@never_cache
def set_up_two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the code, type what the app shows, get backup codes."""
    user = request.user
    if not factors.may_enrol(user):
        return redirect(
            _safe_next(request) if factors.is_verified(user) else _with_next("accounts:two-factor", request)
        )
    device = factors.pending_authenticator(user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        if factors.confirm_authenticator(device, form.cleaned_data["token"]):
            otp_login(request, device)
            return _show_backup_codes(request, factors.issue_backup_codes(user), _safe_next(request))
        record_event(AccessKind.TWO_FACTOR_FAILED, request, user)
        form.add_error("token", "The security code is not right. Check the time on your phone and try again")
    context = {
        "form": form,
        "next": _safe_next(request),
        "qr_code": factors.qr_code_svg(device),
        "secret": factors.readable_secret(device),
    }
    return render(request, "accounts/set_up_two_factor.html", context)


def _show_backup_codes(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    # Shown in the response to the POST that made them (never cached), never stored to show again.
    return render(request, "accounts/new_backup_codes.html", {"codes": codes, "next": next_url})


@signed_in
@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    """How many backup codes are left, and a fresh set on request (the old ones stop working)."""
    user = request.user
    if not factors.is_verified(user):
        # Fresh codes are a second factor: only someone who has passed one may make them.
        return redirect(_with_next("accounts:two-factor", request))
    if request.method == "POST":
        return _show_backup_codes(request, factors.issue_backup_codes(user), reverse("accounts:profile"))
    return render(request, "accounts/backup_codes.html", {"codes_left": factors.backup_codes_left(user)})


@signed_in
def profile(request: HttpRequest) -> HttpResponse:
    context = {"person": request.user, "has_authenticator": factors.has_authenticator(request.user)}
    return render(request, "accounts/profile.html", context)


class ChangePassword(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/change_password.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)


change_password = signed_in(ChangePassword.as_view())
