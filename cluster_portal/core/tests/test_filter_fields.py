"""The filter form printed in Python is the markup crispy-forms' Bootstrap 5 pack prints."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms

from cluster_portal.core.roles import Role
from cluster_portal.core.templatetags.portal_forms import filter_fields
from cluster_portal.core.testing.html import crispy_normalized


@pytest.mark.django_db
def test_errors_are_printed_at_their_field_as_crispy_prints_them(client_as):
    response = client_as(Role.COORDINATOR).get("/councils/decisions/?due_date_after=не-дата&status=никакой")
    form = response.context["filter"].form
    ours = filter_fields(form)
    assert ours.count('class="invalid-feedback"') == 2 and "is-invalid" in ours
    assert crispy_normalized(ours, form) == crispy_normalized(as_crispy_form(form), form)


def test_check_boxes_are_left_to_crispy_forms():
    class _Form(forms.Form):
        archived = forms.BooleanField(label="В архиве", required=False)
        kinds = forms.MultipleChoiceField(
            label="Виды", choices=[("a", "А"), ("b", "Б")], widget=forms.CheckboxSelectMultiple, required=False
        )

    form = _Form()
    assert filter_fields(form) == as_crispy_field(form["archived"]) + as_crispy_field(form["kinds"])
