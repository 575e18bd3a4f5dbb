"""Form widgets that render fast where Django's are slow."""

from html import escape

from django import forms
from django.utils.safestring import SafeString, mark_safe


def _option(value: str, label: str, selected: bool) -> str:
    return f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'


def _attribute(key: str, value) -> str:
    """As Django writes attributes: True as a bare name, False and None left out."""
    if value is True:
        return f" {key}"
    if value is False or value is None:
        return ""
    return f' {key}="{escape(str(value))}"'


def _attributes(attrs: dict) -> str:
    return "".join(_attribute(key, val) for key, val in sorted(attrs.items()))


def _options(choices, chosen: set[str], *, first_only: bool = False) -> str:
    """The options, those chosen marked selected (Django's Select marks only the first match)."""
    parts, marked = [], False
    for value, label in choices:
        selected = str(value) in chosen and not (first_only and marked)
        marked = marked or selected
        parts.append(_option(str(value), str(label), selected))
    return "".join(parts)


def _select(name: str, attrs: dict, options: str) -> SafeString:
    return mark_safe(f'<select name="{escape(name)}"{_attributes(attrs)}>{options}</select>')  # noqa: S308  (escaped)


# Widgets whose markup is one element: rendered in Python by `render_fast`.
PLAIN_INPUTS = (forms.TextInput, forms.EmailInput, forms.NumberInput, forms.URLInput)


def render_fast(bound: forms.BoundField, attrs: dict) -> SafeString | None:
    """The field's control as Django's widget would render it, for plain inputs and single
    selects without option groups; None for any other widget (Django renders those). Each
    widget Django renders goes through its template engine, about a quarter of a millisecond
    apiece, which on a filter form is a good part of a list page's time."""
    widget = bound.field.widget
    built = bound.build_widget_attrs(widget.build_attrs(widget.attrs, attrs), widget)
    if bound.auto_id and "id" not in built:
        built["id"] = bound.auto_id
    if type(widget) in PLAIN_INPUTS:
        value = widget.format_value(bound.value())
        shown = "" if value is None else f' value="{escape(str(value))}"'
        kind = escape(widget.input_type)  # type: ignore[attr-defined]
        html = f'<input type="{kind}" name="{escape(bound.html_name)}"{shown}{_attributes(built)}>'
        return mark_safe(html)  # noqa: S308  (escaped)
    if type(widget) is forms.Select:
        choices = list(widget.choices)  # type: ignore[attr-defined]
        if any(isinstance(label, list | tuple) for _, label in choices):
            return None
        chosen = {str(v) for v in widget.format_value(bound.value())}
        return _select(bound.html_name, built, _options(choices, chosen, first_only=True))
    return None


class LongSelect(forms.Select):
    """A <select> for long lists (every agency, every group) rendered in Python.

    Django renders each <option> through its own template include; with a few hundred agencies
    that dominated the action log's render time. Same markup, no per-option template.
    """

    _choices: list  # set by LongChoiceField as plain pairs, unnormalised

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # Not get_context(): it walks the choices once more, a second query for a model field.
        chosen = {str(v) for v in self.format_value(value)}
        # The standard library's escape, straight into one string: format_html per option cost
        # more than a millisecond for a few hundred agencies.
        return _select(name, self.build_attrs(self.attrs, attrs), _options(self.choices, chosen))


class LongChoiceField(forms.TypedChoiceField):
    """A choice of one from a long list of plain (value, label) pairs, e.g. every agency.

    Django normalises choices item by item, twice (field and widget), which cost more than the
    rest of the action log's filter form together; pairs from values_list() need none of it.
    """

    widget = LongSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, pairs) -> None:
        self._choices = list(pairs)
        self.widget._choices = self._choices  # the widget reads the same list, unnormalised
