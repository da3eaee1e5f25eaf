"""The widgets printed in Python are the HTML Django's template renderer prints."""

import datetime as dt
from types import SimpleNamespace

import django_filters.widgets as filter_widgets
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from cluster_portal.core.form_renderer import PortalFormRenderer

CHOICES = [
    ("", "все"),
    ("a&b", "А & Б"),
    (3, gettext_lazy("Да")),
    ("Группа «1»", [("g1", "Первый"), ("g2", mark_safe("<b>второй</b>"))]),
]

WIDGETS = [
    ("select", forms.Select(choices=CHOICES), "a&b"),
    ("select-int", forms.Select(choices=CHOICES), 3),
    ("select-none", forms.Select(choices=CHOICES), None),
    ("select-group", forms.Select(choices=CHOICES, attrs={"class": "form-select", "data-x": mark_safe("&amp;")}), "g2"),
    ("multiple", forms.SelectMultiple(choices=CHOICES), ["a&b", "g1"]),
    ("null-boolean", forms.NullBooleanSelect(), True),
    ("text", forms.TextInput(attrs={"placeholder": 'ФИО "полностью"', "autofocus": True, "hidden": False}), "О'Нил"),
    ("text-empty", forms.TextInput(), None),
    ("text-zero", forms.NumberInput(attrs={"min": 0, "step": 0.5}), 0),
    ("date", forms.DateInput(attrs={"type": "date"}), dt.date(2022, 6, 30)),
    ("email", forms.EmailInput(), "a&b@b.ru"),
    ("hidden", forms.HiddenInput(), 42),
    ("date-range", filter_widgets.DateRangeWidget(attrs={"type": "date"}), [dt.date(2021, 9, 1), None]),
    ("range", filter_widgets.RangeWidget(), ["1", "10"]),
]


@pytest.mark.parametrize(("name", "widget", "value"), WIDGETS, ids=[w[0] for w in WIDGETS])
def test_a_widget_is_printed_as_django_prints_it(name, widget, value):
    attrs = {"id": f"id_{name}", "required": True}
    ours = widget.render(name, value, attrs=attrs, renderer=PortalFormRenderer())
    theirs = widget.render(name, value, attrs=attrs, renderer=DjangoTemplates())
    assert ours == theirs


def test_the_printers_are_used_and_other_templates_go_to_django(monkeypatch):
    renderer = PortalFormRenderer()
    printed = forms.Select(choices=CHOICES).render("s", "a&b", renderer=renderer)
    assert 'value="a&amp;b" selected>А &amp; Б</option>' in printed
    assert '<optgroup label="Группа «1»">' in printed and "<b>второй</b>" in printed

    def no_templates(*args, **kwargs):
        raise AssertionError("a printed widget must not reach the template engine")

    monkeypatch.setattr(DjangoTemplates, "render", no_templates)
    assert renderer.render("django/forms/widgets/text.html", {"widget": _text_context()}) == (
        '<input type="text" name="q" value="Томск">'
    )
    with pytest.raises(AssertionError):  # a template without a printer: Django's renderer
        forms.Textarea().render("t", "x", renderer=renderer)


def test_an_option_of_another_template_sends_the_select_to_django():
    class _Select(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    widget = _Select(choices=[("a", "А")])
    assert widget.render("s", "a", renderer=PortalFormRenderer()) == widget.render("s", "a", renderer=DjangoTemplates())


def test_an_overridden_template_turns_the_printers_off(monkeypatch):
    renderer = PortalFormRenderer()
    original = renderer.get_template

    def get_template(name):
        if name.endswith("/select.html"):  # a project's own copy of the template
            return SimpleNamespace(origin=SimpleNamespace(name="/srv/portal/templates/" + name))
        return original(name)

    monkeypatch.setattr(renderer, "get_template", get_template)
    assert renderer.prints is False


def _text_context() -> dict:
    return forms.TextInput().get_context("q", "Томск", {})["widget"]
