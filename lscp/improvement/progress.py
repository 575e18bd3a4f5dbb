"""Raising an action and moving it on: the only two ways an action's state changes."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from lscp.improvement.models import Action, ActionStatus, ActionUpdate


def raise_action(
    *,
    source: models.Model | None,
    source_kind: str,
    title: str,
    owner,
    agency,
    due_date: dt.date,
    detail: str = "",
    group=None,
    created_by=None,
    recommendation=None,
) -> Action:
    """A new action on the log, linked to what raised it (a meeting, a review, an audit)."""
    return Action.objects.create(
        title=title,
        detail=detail,
        owner=owner,
        agency=agency,
        group=group,
        due_date=due_date,
        source_kind=source_kind,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        created_by=created_by,
        recommendation=recommendation,
    )


def completion_date(old_status: str, new_status: str, completed_on: dt.date | None, today: dt.date):
    """Completing stamps today's date; reopening clears it; anything else keeps what was there."""
    if new_status == ActionStatus.COMPLETED:
        return completed_on if old_status == ActionStatus.COMPLETED and completed_on else today
    return None


@transaction.atomic
def record_update(action: Action, *, author, text: str, status: str, rag: str, today=None) -> ActionUpdate:
    """Add a progress update and carry its status and RAG onto the action."""
    today = today or timezone.localdate()
    update = ActionUpdate.objects.create(action=action, author=author, text=text, status=status, rag=rag)
    action.completed_on = completion_date(action.status, status, action.completed_on, today)
    action.status = status
    action.rag = rag
    action.save(update_fields=["status", "rag", "completed_on"])
    return update
