from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login

from lscp.accounts.forms import SignInForm, TwoFactorForm
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


@signed_in
def two_factor(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: a code from the person's authenticator, or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_safe_next(request))
    if not any(devices_for_user(user, confirmed=True)):
        return redirect(f"/account/two-factor/set-up/?next={_safe_next(request)}")
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
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"person": request.user})
