from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Email and password. The field keeps Django's name `username` (django-axes reads it)."""

    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been deactivated",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].lower()


class TwoFactorForm(forms.Form):
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={"required": "Enter your security code"},
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "").strip()
