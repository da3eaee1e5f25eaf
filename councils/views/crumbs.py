"""Breadcrumbs shared by the councils pages."""

from django.urls import reverse

MEETINGS_CRUMB = ("Заседания", "councils:meeting_list")
PLANS_CRUMB = ("Планы работы", "councils:workplan_list")


def crumb(pair, url=None):
    label, name = pair
    return (label, url or reverse(name))
