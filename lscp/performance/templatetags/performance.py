from django import template
from django.utils.safestring import SafeString

from lscp.performance import icons

register = template.Library()


@register.filter
def variation_icon(code: str) -> SafeString:
    return icons.variation_icon(code)


@register.filter
def assurance_icon(code: str | None) -> SafeString:
    return icons.assurance_icon(code)
