"""Test helpers for searchable selects: what a source answers, what a page's select carries."""

import re

from django.urls import reverse


def found(client, name, **params) -> list[str]:
    """The labels the autocomplete source ``name`` answers to ``client`` (which must be allowed)."""
    response = client.get(reverse("core:autocomplete", args=[name]), params)
    assert response.status_code == 200, response.status_code
    return [row["text"] for row in response.json()["results"]]


def options(html: str, name: str) -> list[str]:
    """The option labels of the ``<select name="…">`` in ``html`` (only the chosen ones for a searchable select)."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))
