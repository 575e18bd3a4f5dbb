import datetime as dt

from django import template

register = template.Library()


@register.filter
def duration(value: dt.timedelta) -> str:
    """A lockout's length in words: "1 hour", "90 minutes"."""
    minutes = int(value.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
