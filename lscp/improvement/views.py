from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lscp.core.audit import record_event
from lscp.core.exports import export_response
from lscp.core.models import AccessKind
from lscp.core.pagination import KeysFirstPaginator
from lscp.core.permissions import rule
from lscp.improvement.forms import ActionFilterForm, ActionForm, ActionUpdateForm
from lscp.improvement.log import PAGE_SIZE, export_columns, select_actions, sort_headers
from lscp.improvement.models import Action
from lscp.improvement.progress import record_update
from lscp.improvement.sources import label_for


def get_action(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(Action.objects.select_related("owner", "agency", "group", "source_type"), pk=pk)


@rule("improvement.view_actions")
def actions(request: HttpRequest) -> HttpResponse:
    """Every action in the partnership, filtered, sorted and a page at a time."""
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None)
    filters = form.filters()
    sort = request.GET.get("sort")
    page = KeysFirstPaginator(select_actions(filters, request.user, sort, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "improvement/actions.html",
        {
            "filter_form": form,
            "filters": filters,
            "page": page,
            "headers": sort_headers(sort),
            "today": today,
            "export_query": request.GET.urlencode(),
        },
    )


@rule("improvement.export_actions")
def export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The filtered log as a spreadsheet (every page, not only the one on screen)."""
    today = timezone.localdate()
    filters = ActionFilterForm(request.GET or None).filters()
    rows = select_actions(filters, request.user, request.GET.get("sort"), today).iterator(chunk_size=500)
    record_event(AccessKind.EXPORTED, request, request.user)
    return export_response(rows, export_columns(today), f"actions-{today.isoformat()}", fmt)


def _action_page(request: HttpRequest, action: Action, update_form: ActionUpdateForm) -> HttpResponse:
    source = action.source if action.source_id else None
    return render(
        request,
        "improvement/action.html",
        {
            "action": action,
            "source": source,
            "source_label": label_for(action.source_kind),
            "updates": action.updates.select_related("author"),
            "form": update_form,
            "can_update": request.user.has_perm("improvement.update_action", action),
            "can_edit": request.user.has_perm("improvement.change_action", action),
            "is_overdue": action.is_overdue(),
        },
    )


@rule("improvement.view_action", get_action)
def action(request: HttpRequest, pk: int, obj: Action) -> HttpResponse:
    form = ActionUpdateForm(initial={"status": obj.status, "rag": obj.rag})
    return _action_page(request, obj, form)


@require_POST
@rule("improvement.update_action", get_action)
def add_update(request: HttpRequest, pk: int, obj: Action) -> HttpResponse:
    form = ActionUpdateForm(request.POST)
    if not form.is_valid():
        return _action_page(request, obj, form)
    record_update(obj, author=request.user, **form.cleaned_data)
    messages.success(request, "Update added")
    return redirect(obj)


@rule("improvement.change_action", get_action)
def edit(request: HttpRequest, pk: int, obj: Action) -> HttpResponse:
    form = ActionForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Action changed")
        return redirect(obj)
    return render(request, "improvement/action_form.html", {"form": form, "action": obj})
