"""The business unit's pages for people: find, invite, change, deactivate. Never delete."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lscp.accounts import invitations
from lscp.accounts.forms import InviteForm, PeopleFilterForm, PersonDetailsForm
from lscp.accounts.models import User
from lscp.accounts.people import find_people
from lscp.accounts.roles import DESCRIPTIONS
from lscp.core.permissions import rule

PEOPLE_PER_PAGE = 25


def _person(request: HttpRequest, pk: int) -> User:
    return get_object_or_404(User.objects.select_related("agency"), pk=pk)


def _descriptions() -> list[tuple[str, str]]:
    return [(role.value, description) for role, description in DESCRIPTIONS.items()]


@rule("accounts.view_people")
def people(request: HttpRequest) -> HttpResponse:
    filters = PeopleFilterForm(request.GET or {"status": "active"})
    chosen = filters.cleaned_data if filters.is_valid() else {"status": "active"}
    found = find_people(
        agency=chosen.get("agency"), role=chosen.get("role", ""), status=chosen.get("status") or "active"
    )
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_invite": request.user.has_perm("accounts.manage_people"),
    }
    return render(request, "accounts/people/list.html", context)


@rule("accounts.view_people", _person)
def person(request: HttpRequest, pk: int, obj: User) -> HttpResponse:
    context = {
        "person": obj,
        "roles": sorted(obj.roles),
        "can_change": request.user.has_perm("accounts.change_person", obj),
        "can_deactivate": request.user.has_perm("accounts.deactivate_person", obj),
    }
    return render(request, "accounts/people/person.html", context)


@rule("accounts.manage_people")
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, granter=request.user)
    if form.is_valid():
        details = form.cleaned_data
        invited = invitations.invite(
            full_name=details["full_name"],
            email=details["email"],
            job_title=details["job_title"],
            agency=details["agency"],
            roles=details["roles"],
        )
        messages.success(request, f"Invitation sent to {invited.email}")
        return redirect("accounts:person", pk=invited.pk)
    return render(
        request, "accounts/people/invite.html", {"form": form, "role_descriptions": _descriptions()}
    )


@rule("accounts.change_person", _person)
def edit_person(request: HttpRequest, pk: int, obj: User) -> HttpResponse:
    form = PersonDetailsForm(request.POST or None, instance=obj, granter=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"{obj.full_name}'s details have been updated")
        return redirect("accounts:person", pk=obj.pk)
    context = {"form": form, "person": obj, "role_descriptions": _descriptions()}
    return render(request, "accounts/people/edit.html", context)


@require_POST
@rule("accounts.change_person", _person)
def resend_invitation(request: HttpRequest, pk: int, obj: User) -> HttpResponse:
    if obj.is_active and obj.is_invited:
        invitations.send_invitation(obj)
        messages.success(request, f"Invitation sent again to {obj.email}")
    return redirect("accounts:person", pk=obj.pk)


@rule("accounts.deactivate_person", _person)
def deactivate(request: HttpRequest, pk: int, obj: User) -> HttpResponse:
    """Ends their access at once (their sessions stop working) and keeps the account for the record."""
    if not obj.is_active:
        return redirect("accounts:person", pk=obj.pk)
    if request.method == "POST":
        obj.deactivate()
        messages.success(request, f"{obj.full_name}'s account has been deactivated")
        return redirect("accounts:person", pk=obj.pk)
    return render(request, "accounts/people/deactivate.html", {"person": obj})


@rule("accounts.deactivate_person", _person)
def reactivate(request: HttpRequest, pk: int, obj: User) -> HttpResponse:
    if obj.is_active:
        return redirect("accounts:person", pk=obj.pk)
    if request.method == "POST":
        obj.reactivate()
        messages.success(request, f"{obj.full_name}'s account has been reactivated")
        return redirect("accounts:person", pk=obj.pk)
    return render(request, "accounts/people/reactivate.html", {"person": obj, "roles": sorted(obj.roles)})
