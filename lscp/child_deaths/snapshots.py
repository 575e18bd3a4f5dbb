"""The analysis of a period, counted once and kept until a case or a review changes.

Counting ten years of reviews takes the database a tenth of a second or more; the figures change
only when the panel records something. Every change to what the analysis reads (a case, a panel
review, its domain scores or named factors, an import) gives `AnalysisVersion` a new random
token, and the cache keys carry the token, so an old figure is never served. A random token,
not a counter, so a rolled-back change (a failed import, a test) cannot bring a stale key back.
"""

import datetime as dt
import uuid

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from lscp.child_deaths.analysis import Analysis, analyse
from lscp.child_deaths.models import AnalysisVersion, ChildDeath, DomainScore, PanelReview

# Figures are kept a day at most even if nothing changes, so the cache cannot grow without bound.
KEEP_SECONDS = 24 * 60 * 60
VERSION_ROW = 1


def changed(**kwargs) -> None:
    """Something the analysis counts has changed: every kept analysis is now out of date."""
    AnalysisVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"token": uuid.uuid4().hex})


def _token() -> str | None:
    return AnalysisVersion.objects.filter(pk=VERSION_ROW).values_list("token", flat=True).first()


def analysis(start: dt.date, end: dt.date, *, suppressed: bool) -> Analysis:
    """The same as `analyse`, from the cache when nothing has changed since it was counted."""
    token = _token()
    if token is None:  # nothing recorded yet, or nothing since the version row was made
        return analyse(start, end, suppressed=suppressed)
    key = f"child-deaths:analysis:{token}:{start.isoformat()}:{end.isoformat()}:{int(suppressed)}"
    found = cache.get(key)
    if found is None:
        found = analyse(start, end, suppressed=suppressed)
        cache.set(key, found, KEEP_SECONDS)
    return found


def connect() -> None:
    """Called once from the app's ready()."""
    for model in (ChildDeath, PanelReview, DomainScore):
        uid = f"child-deaths-analysis-{model.__name__}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        changed, sender=PanelReview.factors.through, dispatch_uid="child-deaths-analysis-factors"
    )
