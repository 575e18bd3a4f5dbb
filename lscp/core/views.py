from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django_tasks_db.models import DBTaskResult

from lscp.core.permissions import public

# A worker that has claimed nothing for this long while work waits is reported as stalled.
WORKER_STALL_SECONDS = 300


@public
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database reachable? Background work flowing? For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001  (any failure means the database is not usable)
        return JsonResponse({"database": "unavailable", "worker": "unknown"}, status=503)
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waiting_seconds = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    worker = "stalled" if waiting_seconds > WORKER_STALL_SECONDS else "ok"
    return JsonResponse(
        {
            "database": database,
            "worker": worker,
            "tasks_waiting": ready.count(),
            "oldest_wait_seconds": waiting_seconds,
        },
        status=200 if worker == "ok" else 503,
    )


@public
@cache_control(max_age=300)
def brand_css(request: HttpRequest) -> HttpResponse:
    """The partnership's colour from settings, as CSS custom properties (no inline styles under CSP)."""
    css = f":root{{--lscp-brand:{settings.PARTNERSHIP_BRAND_COLOUR};}}\n"
    return HttpResponse(css, content_type="text/css")
