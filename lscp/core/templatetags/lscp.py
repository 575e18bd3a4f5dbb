"""Template helpers that render Django forms as GOV.UK Design System components."""

import datetime as dt
import html as stdlib_html
from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from lscp.core import richtext
from lscp.core.widgets import render_fast

register = template.Library()


def widget_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    # CheckboxSelectMultiple is a subclass of RadioSelect in Django: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.simple_tag
def field(bound: forms.BoundField, classes: str = "", label_class: str = "govuk-label") -> SafeString:
    """One field in GOV.UK markup: label, hint, error message, control."""
    kind = widget_kind(bound)
    if kind in {"radios", "checkboxes"}:
        return _choice_group(bound, kind)
    return mark_safe(
        get_template("core/forms/field.html").render(_field_context(bound, kind, classes, label_class))
    )  # noqa: S308 (a rendered template)


def _field_context(bound: forms.BoundField, kind: str, classes: str, label_class: str) -> dict:
    attrs = dict(bound.field.widget.attrs)
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}-hint")
    if bound.errors:
        described.append(f"{bound.auto_id}-error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    css = {
        "input": "govuk-input",
        "select": "govuk-select",
        "textarea": "govuk-textarea",
        "file": "govuk-file-upload",
    }.get(kind, "")
    if bound.errors and css:
        css += f" {css}--error"
    if classes:
        css = f"{css} {classes}".strip()
    if css:
        attrs["class"] = css
    return {
        "field": bound,
        "kind": kind,
        "label_class": label_class,
        "control": render_fast(bound, attrs) or bound.as_widget(attrs=attrs),
    }


def _choice_group(bound: forms.BoundField, kind: str) -> SafeString:
    """Radios or checkboxes in their fieldset, built in Python: a register of 150 people is 150
    of these, and the template's tags for each cost more than the rest of the page together."""
    errors = bound.errors
    hint_id, error_id = f"{bound.auto_id}-hint", f"{bound.auto_id}-error"
    described = ""
    if bound.help_text or errors:
        ids = (hint_id if bound.help_text else "") + (f" {error_id}" if errors else "")
        described = f' aria-describedby="{ids}"'
    hint = f'<div id="{hint_id}" class="govuk-hint">{text(bound.help_text)}</div>' if bound.help_text else ""
    shown = "".join(
        f'<p id="{error_id}" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
        f"{text(error)}</p>"
        for error in errors
    )
    part, kind_of_input = ("radios", "radio") if kind == "radios" else ("checkboxes", "checkbox")
    items = "\n".join(
        _item(part, kind_of_input, stdlib_html.escape(bound.html_name), choice) for choice in _choices(bound)
    )
    group = " govuk-form-group--error" if errors else ""
    html = (
        f'<div class="govuk-form-group{group}"><fieldset class="govuk-fieldset"{described}>'
        f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{text(bound.label)}</legend>'
        f'{hint}{shown}<div class="govuk-{part} govuk-{part}--small" data-module="govuk-{part}">{items}</div>'
        "</fieldset></div>"
    )
    return mark_safe(html)  # noqa: S308  (every value escaped above)


def _item(part: str, kind_of_input: str, name: str, choice: dict) -> str:
    key, checked = stdlib_html.escape(choice["id"]), " checked" if choice["checked"] else ""
    return (
        f'<div class="govuk-{part}__item"><input class="govuk-{part}__input" id="{key}" name="{name}" '
        f'type="{kind_of_input}" value="{stdlib_html.escape(choice["value"])}"{checked}>'
        f'<label class="govuk-label govuk-{part}__label" for="{key}">{text(choice["label"])}</label></div>'
    )


def text(value) -> str:
    """As the template would print it: escaped, unless marked safe. The standard library's escape
    is Django's without its lazy-string wrapper, which cost a fifth of a long register's page."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return stdlib_html.escape(str(value))


def _choices(bound: forms.BoundField) -> list[dict]:
    field = bound.field
    assert isinstance(field, forms.ChoiceField)  # radios and checkboxes are only used for choices
    # django-stubs types the getter as the setter's input; Django normalises choices to pairs on set.
    choices: Iterable[tuple[Any, str]] = field.choices  # type: ignore[assignment]
    value = bound.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return [
        {"id": f"{bound.auto_id}-{i}", "value": str(v), "label": label, "checked": str(v) in chosen}
        for i, (v, label) in enumerate(choices)
        if str(v) != ""
    ]


@register.inclusion_tag("core/forms/error_summary.html")
def error_summary(*forms_with_errors: forms.Form):
    """The GOV.UK error summary: every error, each linking to its field."""
    errors = []
    for form in forms_with_errors:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            errors.append({"href": "#main-content", "message": message})
        for name, messages in form.errors.items():
            if name == "__all__":
                continue
            anchor = form[name].auto_id
            if widget_kind(form[name]) in {"radios", "checkboxes"}:
                anchor = f"{anchor}-0"
            errors.extend({"href": f"#{anchor}", "message": m} for m in messages)
    return {"errors": errors}


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters changed (for filters, sorting, pages)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    return "?" + urlencode(sorted(params.items()))


@register.filter
def govuk_time(value) -> str:
    """A time as GOV.UK writes it: 10am, 5:30pm, midday, midnight (in the local time zone)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def govuk_datetime(value) -> str:
    """Thursday 10 December 2026, 10am."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%A} {local.day} {local:%B %Y}, {govuk_time(local)}"


@register.inclusion_tag("core/_pagination.html", takes_context=True)
def pagination(context, page, label: str = "Pages of results"):
    """GOV.UK pagination for a Django Page, links keeping the current filters and sort."""
    return {
        "request": context["request"],
        "page": page,
        "label": label,
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }


@register.filter
def narrative(value: str) -> SafeString:
    """Narrative written in the app (lscp.core.richtext), cleaned again on the way out."""
    return richtext.render(value or "")


@register.filter
def narrative_inline(value: str) -> SafeString:
    """Short narrative inside a list item or a sentence: one line, emphasis and links kept."""
    return richtext.inline(value or "")
