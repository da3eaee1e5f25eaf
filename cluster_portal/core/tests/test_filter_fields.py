"""The filter form printed in Python is the markup crispy-forms' Bootstrap 5 pack prints."""

import io
import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cluster_portal.core.roles import Role
from cluster_portal.core.templatetags.portal_forms import filter_fields
from cluster_portal.core.testing.pages import list_page_urls


def _widget_names(form) -> set[str]:
    names = set()
    for field in form:
        widget = field.field.widget
        for one in [widget, *getattr(widget, "widgets", ())]:
            names.add(type(one).__name__.lower())
    return names


def _normalized(html: str, form) -> str:
    """Whitespace squeezed, and without the widget-type classes («select», «textinput») crispy adds."""
    dropped = _widget_names(form) | {"textinput"}

    def classes(match):
        kept = [c for c in match.group(1).split() if c not in dropped]
        return f'class="{" ".join(kept)}"'

    html = re.sub(r'class="([^"]*)"', classes, html)
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).replace(" >", ">").strip()


@pytest.mark.django_db
def test_every_filter_form_prints_what_crispy_prints(client):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="coordinator"))
    compared = 0
    for url in list_page_urls():
        response = client.get(url)
        if response.status_code != 200 or not response.context.get("filter"):
            continue
        form = response.context["filter"].form
        assert _normalized(filter_fields(form), form) == _normalized(as_crispy_form(form), form), url
        compared += 1
    assert compared >= 25


@pytest.mark.django_db
def test_errors_are_printed_at_their_field_as_crispy_prints_them(client_as):
    response = client_as(Role.COORDINATOR).get("/councils/decisions/?due_date_after=не-дата&status=никакой")
    form = response.context["filter"].form
    ours = filter_fields(form)
    assert ours.count('class="invalid-feedback"') == 2 and "is-invalid" in ours
    assert _normalized(ours, form) == _normalized(as_crispy_form(form), form)


def test_check_boxes_are_left_to_crispy_forms():
    class _Form(forms.Form):
        archived = forms.BooleanField(label="В архиве", required=False)
        kinds = forms.MultipleChoiceField(
            label="Виды", choices=[("a", "А"), ("b", "Б")], widget=forms.CheckboxSelectMultiple, required=False
        )

    form = _Form()
    assert filter_fields(form) == as_crispy_field(form["archived"]) + as_crispy_field(form["kinds"])
