"""Breadcrumbs shared by the councils pages."""

from django.urls import reverse_lazy

MEETINGS_CRUMB = ("Заседания", reverse_lazy("councils:meeting_list"))
PLANS_CRUMB = ("Планы работы", reverse_lazy("councils:workplan_list"))
