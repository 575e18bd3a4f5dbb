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
        options = "".join(_option(str(v), str(label), str(v) in chosen) for v, label in self.choices)
        attributes = "".join(
            _attribute(key, val) for key, val in sorted(self.build_attrs(self.attrs, attrs).items())
        )
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308  (escaped above)


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
