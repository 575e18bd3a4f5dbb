"""Form widgets that render fast where Django's are slow."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A <select> for long lists (every agency, every group) rendered in Python.

    Django renders each <option> through its own template include; with a few hundred agencies
    that dominated the action log's render time. Same markup, no per-option template.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # Not get_context(): it walks the choices once more, a second query for a model field.
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in chosen else "", label)
                for option_value, label in self.choices
            ),
        )
        attributes = format_html_join("", ' {}="{}"', sorted(self.build_attrs(self.attrs, attrs).items()))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)
