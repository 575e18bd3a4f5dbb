"""Learning products: the public list, a resource with its versions, adding and changing them, the
current file, and the list of resources past their review date.

Anyone may read a public resource, signed in or not; the rest are for people who have signed in.
Files are private: they leave only through `resource_file`, which checks the same permission.
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from pathlib import PurePath
from typing import cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.rules import reads_partnership
from lscp.core.permissions import public, rule
from lscp.improvement.models import LearningTheme
from lscp.improvement.uploads import ALLOWED
from lscp.learning.models import Resource, ResourceVersion
from lscp.learning.resource_forms import (
    ResourceAddForm,
    ResourceEditForm,
    ResourceFilterForm,
    VersionForm,
    safe_name,
)

PER_PAGE = 25
# "Due soon": the review list also shows what comes up in the next few weeks.
DUE_SOON_DAYS = 30


def get_resource(request: HttpRequest, slug: str, **kwargs) -> Resource:
    return get_object_or_404(Resource.objects.select_related("owner"), slug=slug)


def open_to_anyone_with(perm: str, get_object: Callable[..., Resource]):
    """Like core's `rule`, but someone not signed in is let through when the rule allows them (a
    public resource); otherwise they are sent to sign in, and a signed-in person is refused.

    A resource's owner may always see their own (a draft, say), as they may change it."""

    def decorator(view):
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs):
            obj = get_object(request, *args, **kwargs)
            user = request.user
            if not (user.has_perm(perm, obj) or user.has_perm("learning.change_resource", obj)):
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, obj=obj, **kwargs)

        checked.lscp_rule = perm  # type: ignore[attr-defined]
        return checked

    return decorator


def visible_resources(user) -> QuerySet[Resource]:
    """What the list shows: public published ones to everyone; every published one to people who
    have signed in, with their own drafts; everything to the business unit."""
    resources = Resource.objects.all()
    if not user.is_authenticated:
        return resources.filter(is_public=True, published_on__isnull=False)
    if reads_partnership(user):
        return resources
    return resources.filter(Q(published_on__isnull=False) | Q(owner=user))


@public  # anyone, signed in or not: what it lists depends on who is asking
def resources(request: HttpRequest) -> HttpResponse:
    form = ResourceFilterForm(request.GET or None)
    filters = form.filters()
    found = visible_resources(request.user)
    if kind := filters.get("kind"):
        found = found.filter(kind=kind)
    if theme := filters.get("theme"):
        found = found.filter(themes__slug=theme)
    found = (
        found.annotate(updated_at=Max("versions__added_at"))
        .prefetch_related(Prefetch("themes", queryset=LearningTheme.objects.order_by("name")))
        .order_by("title", "pk")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    user = request.user
    return render(
        request,
        "learning/resources/list.html",
        {
            "filter_form": form,
            "filtered": bool(filters),
            "page": page,
            "can_manage": user.is_authenticated and user.has_perm("learning.manage_resources"),
            "signed_in": user.is_authenticated,
        },
    )


@open_to_anyone_with("learning.view_resource", get_resource)
def resource(request: HttpRequest, slug: str, obj: Resource) -> HttpResponse:
    versions = list(obj.versions.select_related("added_by").order_by("-number"))
    can_change = request.user.has_perm("learning.change_resource", obj)
    return render(
        request,
        "learning/resources/resource.html",
        {
            "resource": obj,
            "current": versions[0] if versions else None,
            "versions": versions if can_change else [],
            "themes": obj.themes.order_by("name"),
            "can_change": can_change,
            "past_review": obj.review_on < timezone.localdate(),
        },
    )


@rule("learning.manage_resources")
def resource_add(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ResourceAddForm(request.POST or None, request.FILES or None, initial={"owner": user.pk})
    if request.method == "POST" and form.is_valid():
        resource = form.save_new(added_by=user)
        messages.success(request, f"‘{resource.title}’ added")
        return redirect(resource)
    return _form_page(
        request,
        form,
        title="Add a resource",
        back=reverse("learning:resources"),
        button="Add the resource",
        multipart=True,
    )


@rule("learning.change_resource", get_resource)
def resource_edit(request: HttpRequest, slug: str, obj: Resource) -> HttpResponse:
    form = ResourceEditForm(
        request.POST or None,
        instance=obj,
        can_choose_owner=request.user.has_perm("learning.manage_resources"),
    )
    if request.method == "POST" and form.is_valid():
        form.save_changes()
        messages.success(request, "Changes saved")
        return redirect(obj)
    return _form_page(
        request, form, title=f"Change ‘{obj.title}’", back=obj.get_absolute_url(), button="Save changes"
    )


@rule("learning.change_resource", get_resource)
def version_add(request: HttpRequest, slug: str, obj: Resource) -> HttpResponse:
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = form.save_for(obj, cast(User, request.user))
        messages.success(request, f"Version {version.number} added: it is now the one people get")
        return redirect(obj)
    return _form_page(
        request,
        form,
        title=f"Add a new version of ‘{obj.title}’",
        back=obj.get_absolute_url(),
        button="Add the version",
        multipart=True,
    )


def _form_page(request, form, *, title: str, back: str, button: str, multipart: bool = False):
    return render(
        request,
        "learning/resources/form.html",
        {"form": form, "title": title, "back": back, "button": button, "multipart": multipart},
    )


@open_to_anyone_with("learning.view_resource", get_resource)
def resource_file(request: HttpRequest, slug: str, obj: Resource) -> FileResponse:
    """The current version's file; an older one (?version=N) only for those who may change it."""
    versions = obj.versions.order_by("-number")
    current = versions.first()
    if current is None:
        raise Http404("This resource has no versions")
    asked = request.GET.get("version")
    version: ResourceVersion = current
    if asked is not None:
        found = versions.filter(number=int(asked)).first() if asked.isdigit() else None
        if found is None:
            raise Http404("No such version")
        version = found
        if version.pk != current.pk and not request.user.has_perm("learning.change_resource", obj):
            raise PermissionDenied
    if not version.file:
        raise Http404("This version is a link, not a file")
    name = safe_name(version.original_name or PurePath(version.file.name or "").name)
    file_type = ALLOWED.get(PurePath(version.file.name or "").suffix.lower().lstrip("."))
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=file_type.content_type if file_type else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@rule("learning.manage_resources")
def resources_due(request: HttpRequest) -> HttpResponse:
    """Past their review date first (the oldest first), then those due in the next few weeks."""
    today = timezone.localdate()
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    due = Resource.objects.filter(review_on__lte=soon).select_related("owner").order_by("review_on", "title")
    rows = list(due)
    return render(
        request,
        "learning/resources/due.html",
        {
            "past": [r for r in rows if r.review_on < today],
            "soon": [r for r in rows if r.review_on >= today],
            "today": today,
            "soon_days": DUE_SOON_DAYS,
        },
    )
