from html.parser import HTMLParser
from pathlib import Path

from django import forms

from lscp.core.widgets import LongSelect


class Options(HTMLParser):
    def __init__(self):
        super().__init__()
        self.select: dict = {}
        self.options: list[tuple[str, bool, str]] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs
        if tag == "option":
            self._open = [attrs.get("value"), "selected" in attrs, ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._open is not None:
            self.options.append(tuple(self._open))
            self._open = None


def parsed(widget, value):
    parser = Options()
    widget.choices = [("", "All agencies"), ("1", "Police & <Fire>"), ("2", "Council")]
    attrs = {"id": "id_agency", "class": "govuk-select", "required": True, "disabled": False}
    parser.feed(str(widget.render("agency", value, attrs=attrs)))
    return parser.select, parser.options


def test_long_select_renders_what_djangos_select_renders():
    for value in ["", "1", "2"]:
        assert parsed(LongSelect(), value) == parsed(forms.Select(), value)


def test_long_select_escapes_labels():
    html = str(LongSelect(choices=[("1", "<script>")]).render("x", None))
    assert "<script>" not in html and "&lt;script&gt;" in html


class AgencyFilter(forms.Form):
    from lscp.core.widgets import LongChoiceField

    agency = LongChoiceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "All agencies"), (1, "Police"), (2, "Council")]


def test_long_choice_field_accepts_listed_values_as_ints():
    form = AgencyFilter({"agency": "2"})
    assert form.is_valid()
    assert form.cleaned_data["agency"] == 2
    assert 'value="2" selected' in str(form["agency"])


def test_long_choice_field_refuses_values_not_listed():
    form = AgencyFilter({"agency": "99"})
    assert not form.is_valid()
    assert "agency" in form.errors


def test_long_choice_field_choices_are_per_form():
    first, second = AgencyFilter(), AgencyFilter()
    first.fields["agency"].choices = [("", "All")]
    assert len(second.fields["agency"].choices) == 3


class Choices(forms.Form):
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_several_choices_are_checkboxes_and_one_choice_is_radios():
    from django.template import engines

    html = (
        engines["django"]
        .from_string("{% field form.several %}{% field form.one %}")
        .render({"form": Choices()})
    )
    assert html.count('type="checkbox"') == 2
    assert html.count('type="radio"') == 2


# --- render_fast: the {% field %} tag's controls, as Django's widgets render them -------------------


class Everything(forms.Form):
    name = forms.CharField(help_text="Your name")
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    count = forms.IntegerField(min_value=0)
    amount = forms.DecimalField(required=False)
    link = forms.URLField(required=False, assume_scheme="https")
    kind = forms.ChoiceField(choices=[("", "Choose"), ("a", "A & <b>"), ("b", "B"), ("a", "A again")])
    optional = forms.ChoiceField(required=False, choices=[("x", "X"), ("y", "Y")])
    grouped = forms.ChoiceField(choices=[("Group", [("1", "One")]), ("2", "Two")])


def test_render_fast_matches_django_for_every_plain_widget():
    from django.test import SimpleTestCase

    from lscp.core.widgets import render_fast

    same = SimpleTestCase()
    for data in (
        None,
        {"name": 'Jo "Q" <x>', "count": "3", "amount": "2.50", "kind": "a", "link": "http://e.org"},
    ):
        form = Everything(data)
        form.is_valid()
        for bound in form:
            attrs = {"class": "govuk-input", "aria-describedby": f"{bound.auto_id}-hint"}
            fast = render_fast(bound, attrs)
            if bound.name == "grouped":
                assert fast is None  # option groups are Django's to render
                continue
            assert fast is not None, bound.name
            same.assertHTMLEqual(str(fast), str(bound.as_widget(attrs=attrs)))


# --- radios and checkboxes: built in Python, the markup the template made ------------------------

OLD_TEMPLATE = Path(__file__).parent / "data" / "field_template_radios.html"


class Marks(forms.Form):
    mark = forms.ChoiceField(
        label="Jo <Bloggs>, Agency & Co",
        choices=[("", "None"), ("attended", "Attended"), ("absent", "Did <not> attend")],
        widget=forms.RadioSelect,
        help_text="Choose one",
    )
    plain = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, required=False)
    many = forms.MultipleChoiceField(
        choices=[("x", "X & Y"), ("z", "Z")], widget=forms.CheckboxSelectMultiple, help_text="Any"
    )


def test_radios_and_checkboxes_match_the_template_they_replace():
    from django.template import Context, Template
    from django.test import SimpleTestCase

    from lscp.core.templatetags.lscp import _choices, field

    old = Template(OLD_TEMPLATE.read_text())
    same = SimpleTestCase()
    for data in (None, {"mark": "absent", "many": ["x", "z"]}, {"mark": "nonsense"}):
        form = Marks(data)
        form.is_valid()
        for bound in form:
            kind = "checkboxes" if bound.name == "many" else "radios"
            expected = old.render(Context({"field": bound, "kind": kind, "choices": _choices(bound)}))
            same.assertHTMLEqual(str(field(bound)), expected)
