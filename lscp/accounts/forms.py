from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q

from lscp.accounts.models import User
from lscp.accounts.people import set_roles
from lscp.accounts.roles import Role
from lscp.accounts.rules import is_system_administrator
from lscp.core.models import Agency


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


class EnrolForm(forms.Form):
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows for this account",
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the security code from your authenticator app"},
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "")


PASSWORD_HINT = (
    "Use at least 12 characters. Avoid common passwords and anything like your name or email address"
)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's form (its validators, its save), in the words GOV.UK services use."""

    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Password"
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].label = "Confirm password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the password again"


class ChangePasswordForm(auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": "The new passwords do not match",
        "password_incorrect": "Your current password is not right",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class PasswordResetForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


# Who may give the roles that carry the most power: the rest any people manager may give.
GRANTED_ONLY_BY = {
    Role.SYSTEM_ADMINISTRATOR: (Role.SYSTEM_ADMINISTRATOR,),
    Role.BUSINESS_MANAGER: (Role.SYSTEM_ADMINISTRATOR, Role.BUSINESS_MANAGER),
}


def may_grant(granter, role: Role) -> bool:
    if role not in GRANTED_ONLY_BY:
        return True
    return is_system_administrator(granter) or granter.has_role(*GRANTED_ONLY_BY[role])


def role_choices(granter) -> list[tuple[str, str]]:
    """The roles `granter` may give: a business manager is made only by another (or an administrator)."""
    return [(role.value, role.value) for role in Role if may_grant(granter, role)]


class PersonDetailsForm(forms.ModelForm):
    """What the business unit records about a person, and the roles it gives them."""

    roles = forms.MultipleChoiceField(
        label="Roles",
        help_text="Select all that apply",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one role"},
    )

    class Meta:
        model = User
        fields = ["full_name", "job_title", "agency"]
        labels = {"full_name": "Full name", "job_title": "Job title", "agency": "Agency"}
        error_messages = {"full_name": {"required": "Enter the person's full name"}}
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})}

    def __init__(self, *args, granter, **kwargs):
        super().__init__(*args, **kwargs)
        # A person may stay with an agency that has since closed; nobody new joins one.
        self.fields["agency"].queryset = Agency.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.agency_id)
        )
        self.fields["agency"].empty_label = "No agency"
        offered = role_choices(granter)
        self.fields["roles"].choices = offered
        if self.instance.pk:
            self.initial.setdefault("roles", sorted(self.instance.roles))
            self._keep_ungrantable_roles(offered)

    def _keep_ungrantable_roles(self, offered: list[tuple[str, str]]) -> None:
        # A role the editor may not grant is shown and kept, but they cannot take it away.
        self.kept_roles = sorted(set(self.instance.roles) - {value for value, _ in offered})

    def save(self, commit: bool = True) -> User:
        person = super().save(commit=commit)
        if commit:
            set_roles(person, [*self.cleaned_data["roles"], *getattr(self, "kept_roles", [])])
        return person


class InviteForm(PersonDetailsForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The invitation is sent here; it is also how they sign in",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    field_order = ["full_name", "email", "job_title", "agency", "roles"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone already has an account with this email address")
        return email


class PeopleFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.all(), required=False, empty_label="All agencies"
    )
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "All roles"), *[(r.value, r.value) for r in Role]]
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("active", "Active"), ("deactivated", "Deactivated"), ("all", "All")],
    )
