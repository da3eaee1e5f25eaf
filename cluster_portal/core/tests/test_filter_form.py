"""A list's filter form, rendered by crispy-forms: every field labelled, an invalid one marked and described."""

import re
from html.parser import HTMLParser

import pytest

from cluster_portal.core.roles import Role

_VOID = {"input", "br", "hr", "img", "meta", "link"}


class _Form(HTMLParser):
    """The controls of a form, the ids its labels point to, its legends and the text of each element with an id."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled, self.legends = [], set(), 0
        self.fieldset_described = []
        self.texts: dict[str, str] = {}
        self._open: list[str | None] = []  # the id of each element open here

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select") and attrs.get("type") != "hidden":
            self.controls.append({**attrs, "in_fieldset": bool(self.fieldset_described)})
        elif tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        elif tag == "fieldset":
            self.fieldset_described.append(attrs.get("aria-describedby"))
        elif tag == "legend":
            self.legends += 1
        if tag not in _VOID:
            self._open.append(attrs.get("id"))
            if attrs.get("id"):
                self.texts[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.fieldset_described.pop()
        if tag not in _VOID:
            self._open.pop()

    def handle_data(self, data):
        for element_id in filter(None, self._open):
            self.texts[element_id] += data


def _filter_form(response) -> _Form:
    html = response.content.decode()
    parser = _Form()
    parser.feed(re.search(r'<form[^>]*aria-label="Фильтр".*?</form>', html, re.S).group(0))
    return parser


@pytest.mark.django_db
def test_a_filter_with_errors_marks_and_describes_the_invalid_fields(client_as):
    response = client_as(Role.COORDINATOR).get("/councils/decisions/?due_date_after=не-дата&status=никакой")
    form = _filter_form(response)
    invalid = {control["name"]: control for control in form.controls if control.get("aria-invalid") == "true"}
    assert set(invalid) == {"status", "due_date_after", "due_date_before"}
    assert "корректный вариант" in form.texts[invalid["status"]["aria-describedby"]]
    assert "правильную дату" in form.texts["id_due_date_error"]  # named by the range's fieldset
    for control in form.controls:  # a label of its own, or the legend of its range
        assert control["id"] in form.labelled or control["in_fieldset"], control


@pytest.mark.django_db
def test_a_valid_filter_marks_nothing_invalid(client_as):
    form = _filter_form(client_as(Role.COORDINATOR).get("/councils/decisions/?status=open"))
    assert form.controls and not [c for c in form.controls if "aria-invalid" in c or "is-invalid" in c["class"]]
