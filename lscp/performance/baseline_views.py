"""The page of new SPC baselines: the list, adding one with its reason, and removing one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lscp.core.permissions import rule
from lscp.performance import baselines
from lscp.performance.baselines import BaselineForm
from lscp.performance.models import Rebase


@rule("performance.manage_baselines")
def baseline_list(request: HttpRequest) -> HttpResponse:
    form = BaselineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rebase = baselines.add(data["indicator"], data["area"], data["period_start"], data["reason"])
        messages.success(request, f"{_described(rebase)}: a new baseline starts there")
        return redirect("performance:baselines")
    rows = Rebase.objects.select_related("indicator", "area").order_by(
        "indicator__name", "period_start", "area__name"
    )
    return render(
        request,
        "performance/baselines.html",
        {"form": form, "rows": [(rebase, baselines.period_of(rebase)) for rebase in rows]},
    )


def get_rebase(request, pk: int, **kwargs) -> Rebase:
    return get_object_or_404(Rebase.objects.select_related("indicator", "area"), pk=pk)


@require_POST
@rule("performance.manage_baselines", get_rebase)
def remove_baseline(request: HttpRequest, pk: int, obj: Rebase) -> HttpResponse:
    described = _described(obj)
    obj.delete()
    messages.success(request, f"{described}: the baseline was removed, so the values either side share one")
    return redirect("performance:baselines")


def _described(rebase: Rebase) -> str:
    where = rebase.area.name if rebase.area else "every area"
    return f"{rebase.indicator.name}, {where}, from {baselines.period_of(rebase).label}"
