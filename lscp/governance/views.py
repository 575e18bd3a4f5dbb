"""The partnership's home page, its groups and their meetings. Each view parses, authorises
(with the rule it is wrapped in), calls a function and renders."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lscp.core.navigation import home_links_for
from lscp.core.permissions import rule, signed_in
from lscp.governance import forms
from lscp.governance.attendance import attendees, record_attendance
from lscp.governance.models import MEETING_SOURCE, Group, Meeting
from lscp.governance.overview import dashboard_for, group_overview, meeting_overview
from lscp.improvement.progress import raise_action


def get_group(request: HttpRequest, slug: str, **kwargs) -> Group:
    return get_object_or_404(Group, slug=slug)


def get_meeting(request: HttpRequest, pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("group"), pk=pk)


def _form_page(request: HttpRequest, template: str, form, **context) -> HttpResponse:
    return render(request, template, {"form": form, **context})


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    links = home_links_for(request)
    if not request.user.has_perm("governance.view_groups"):
        # Practitioners book training and refer cases; governance is not theirs to see.
        return render(request, "governance/dashboard.html", {"governance": False, "links": links})
    board = dashboard_for(request.user)
    return render(request, "governance/dashboard.html", {"governance": True, "board": board, "links": links})


@rule("governance.view_groups")
def groups(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/groups.html",
        {
            "groups": Group.objects.executive_first(),
            "can_manage": request.user.has_perm("governance.manage_group"),
        },
    )


@rule("governance.manage_group")
def group_add(request: HttpRequest) -> HttpResponse:
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, f"{group.name} added")
        return redirect(group)
    return _form_page(request, "governance/group_form.html", form)


@rule("governance.view_group", get_group)
def group(request: HttpRequest, slug: str, obj: Group) -> HttpResponse:
    user = request.user
    return render(
        request,
        "governance/group.html",
        {
            "overview": group_overview(obj),
            "can_manage_group": user.has_perm("governance.manage_group", obj),
            "can_manage_meetings": user.has_perm("governance.manage_meeting", obj),
        },
    )


@rule("governance.manage_group", get_group)
def group_edit(request: HttpRequest, slug: str, obj: Group) -> HttpResponse:
    form = forms.GroupForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{obj.name} changed")
        return redirect(obj)
    return _form_page(request, "governance/group_form.html", form, group=obj)


@rule("governance.manage_group", get_group)
def membership_add(request: HttpRequest, slug: str, obj: Group) -> HttpResponse:
    form = forms.MembershipForm(request.POST or None, group=obj)
    if request.method == "POST" and form.is_valid():
        membership = form.save()
        messages.success(request, f"{membership.person} added to {obj.short_name}")
        return redirect(obj)
    return _form_page(request, "governance/membership_form.html", form, group=obj)


@rule("governance.manage_group", get_group)
def membership_end(request: HttpRequest, slug: str, pk: int, obj: Group) -> HttpResponse:
    membership = get_object_or_404(obj.memberships.select_related("person"), pk=pk)
    form = forms.EndMembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{membership.person}'s membership of {obj.short_name} ended")
        return redirect(obj)
    return _form_page(request, "governance/membership_end.html", form, group=obj, membership=membership)


@rule("governance.manage_meeting", get_group)
def meeting_add(request: HttpRequest, slug: str, obj: Group) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None, instance=Meeting(group=obj))
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, "Meeting scheduled")
        return redirect(meeting)
    return _form_page(request, "governance/meeting_form.html", form, group=obj)


@rule("governance.view_meeting", get_meeting)
def meeting(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    return render(
        request,
        "governance/meeting.html",
        {
            "overview": meeting_overview(obj),
            "can_manage": request.user.has_perm("governance.manage_meeting", obj),
            "performance_report": _performance_report_url(request, obj),
        },
    )


def _performance_report_url(request: HttpRequest, meeting: Meeting) -> str:
    """The group's performance report with the figures to the month before the meeting, when the
    performance app is installed and the group watches KPIs (named by URL, not imported)."""
    indicators = getattr(meeting.group, "indicators", None)
    if indicators is None or not request.user.has_perm("performance.view_reports") or not indicators.exists():
        return ""
    month_before = meeting.local_date.replace(day=1) - dt.timedelta(days=1)
    return f"{reverse('performance:group-report', args=[meeting.group.slug])}?until={month_before:%Y-%m}"


@rule("governance.manage_meeting", get_meeting)
def meeting_edit(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Meeting changed")
        return redirect(obj)
    return _form_page(request, "governance/meeting_form.html", form, group=obj.group, meeting=obj)


@rule("governance.manage_meeting", get_meeting)
def agenda_item(request: HttpRequest, pk: int, obj: Meeting, item_pk: int | None = None) -> HttpResponse:
    """Add an agenda item, or change one (with item_pk)."""
    item = get_object_or_404(obj.agenda_items, pk=item_pk) if item_pk else None
    if item is None:
        next_number = max((i.order for i in obj.agenda_items.all()), default=0) + 1
        form = forms.AgendaItemForm(request.POST or None, initial={"order": next_number})
    else:
        form = forms.AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.meeting = obj
        saved.save()
        messages.success(request, "Agenda item saved")
        return redirect(obj)
    return _form_page(request, "governance/agenda_item_form.html", form, meeting=obj, item=item)


@rule("governance.manage_meeting", get_meeting)
def agenda_item_remove(request: HttpRequest, pk: int, item_pk: int, obj: Meeting) -> HttpResponse:
    item = get_object_or_404(obj.agenda_items, pk=item_pk)
    if request.method == "POST":
        item.delete()
        messages.success(request, "Agenda item removed")
        return redirect(obj)
    return render(request, "governance/agenda_item_remove.html", {"meeting": obj, "item": item})


@rule("governance.manage_meeting", get_meeting)
def attendance(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    form = forms.AttendanceForm(request.POST or None, attendees=attendees(obj))
    if request.method == "POST" and form.is_valid():
        record_attendance(obj, form.statuses())
        messages.success(request, "Attendance saved")
        return redirect(obj)
    return _form_page(request, "governance/attendance_form.html", form, meeting=obj)


@rule("governance.manage_meeting", get_meeting)
def minutes(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    form = forms.MinutesForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Minutes saved")
        return redirect(obj)
    return _form_page(request, "governance/minutes_form.html", form, meeting=obj)


@rule("governance.manage_meeting", get_meeting)
def decision_add(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    form = forms.DecisionForm(request.POST or None, meeting=obj)
    if request.method == "POST" and form.is_valid():
        decision = form.save(commit=False)
        decision.meeting = obj
        decision.save()
        messages.success(request, "Decision recorded")
        return redirect(obj)
    return _form_page(request, "governance/decision_form.html", form, meeting=obj)


@rule("governance.manage_meeting", get_meeting)
def action_add(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    form = forms.MeetingActionForm(request.POST or None, meeting=obj)
    if request.method == "POST" and form.is_valid():
        action = raise_action(
            source=obj,
            source_kind=MEETING_SOURCE,
            group=obj.group,
            created_by=request.user,
            **form.cleaned_data,
        )
        messages.success(request, f"Action {action.reference} added")
        return redirect(obj)
    return _form_page(request, "governance/action_form.html", form, meeting=obj)
