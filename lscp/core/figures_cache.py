"""Figures counted once and kept until a record they count changes.

Counting a year of half a million bookings takes the database a good part of a second, and a
report's chart takes matplotlib tens of milliseconds; the figures change only when someone records
something. Each set of figures has a name and a `FiguresVersion` row whose token changes whenever
a record it counts is saved or deleted; the cache keys carry the token, so an
old figure is never served. A random token, not a counter, so a rolled-back change cannot bring a
stale key back. The token row is read once per request that needs it: one indexed query.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from lscp.core.models import FiguresVersion

T = TypeVar("T")
# Kept a day at most even if nothing changes, so the cache cannot grow without bound.
KEEP_SECONDS = 24 * 60 * 60


def bump(name: str) -> None:
    """Every kept figure of `name` is out of date. Written in the caller's transaction, so a change
    that rolls back takes its new token with it (and the old figures are still right)."""
    _new_token(name)


def _new_token(name: str) -> None:
    FiguresVersion.objects.update_or_create(name=name, defaults={"token": uuid.uuid4().hex})


def kept(name: str, key: str, compute: Callable[[], T]) -> T:
    """compute(), from the cache when nothing `name` counts has changed since it was computed."""
    token = FiguresVersion.objects.filter(name=name).values_list("token", flat=True).first()
    if token is None:  # nothing recorded since the row was made: make it, and count afresh
        _new_token(name)
        return compute()
    full_key = f"figures:{name}:{token}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, KEEP_SECONDS)
    return found


def watch(name: str, models: Iterable[type[Model]], counts: Callable[[Model], bool] | None = None) -> None:
    """Bump `name` whenever one of `models` is saved or deleted (called from an app's ready());
    with `counts`, only when counts(the record) says the figures count it."""

    def changed(instance: Model, **kwargs) -> None:
        if counts is None or counts(instance):
            bump(name)

    for model in models:
        uid = f"figures-{name}-{model._meta.label_lower}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
