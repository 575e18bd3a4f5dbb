"""Status tags for actions and recommendations, as filters: lists show one per row, and a filter
costs a fraction of an `{% include %}`."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

OVERDUE = '<strong class="govuk-tag govuk-tag--red lscp-tag--overdue">Overdue</strong>'


def _tags(record) -> SafeString:
    status = format_html(
        '<strong class="govuk-tag {}">{}</strong>', record.status_tag_class, record.get_status_display()
    )
    if record.is_overdue():
        return format_html("{} {}", status, SafeString(OVERDUE))
    return status


@register.filter
def action_status(action) -> SafeString:
    """The action's status, and "Overdue" when it is open past its due date."""
    return _tags(action)


@register.filter
def recommendation_status(recommendation) -> SafeString:
    """The recommendation's status, and "Overdue" when not implemented by its due date."""
    return _tags(recommendation)
