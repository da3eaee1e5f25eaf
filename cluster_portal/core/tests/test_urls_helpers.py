"""Object URLs reversed once per route are the URLs Django reverses."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from cluster_portal.core.urls_helpers import object_url


@pytest.mark.parametrize(
    "viewname",
    ["members:organization_detail", "councils:decision_detail", "expertise:review_fill", "practice:placement_detail"],
)
@pytest.mark.parametrize("pk", [1, 42, 1234567])
def test_object_url_is_what_reverse_gives(viewname, pk):
    assert object_url(viewname, pk) == reverse(viewname, args=[pk])


def test_object_url_follows_the_script_prefix():
    try:
        set_script_prefix("/portal/")
        assert object_url("councils:decision_detail", 7) == "/portal/councils/decisions/7/"
    finally:
        set_script_prefix("/")
    assert object_url("councils:decision_detail", 7) == "/councils/decisions/7/"


def test_a_route_without_an_integer_argument_is_reversed_as_usual():
    assert object_url("reports:annual", "2021-2022") == reverse("reports:annual", args=["2021-2022"])
    with pytest.raises(NoReverseMatch):
        object_url("councils:decision_detail", "не число")
