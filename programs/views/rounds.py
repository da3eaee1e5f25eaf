"""The rounds of admission targets (КЦП): the deadlines of a year, set by the coordinator."""

from __future__ import annotations

from cluster_portal.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

from .. import filters, forms, selectors, tables

ROUNDS_LABEL = "Сроки КЦП"


class AdmissionRoundListView(ObjectListView):
    list_reads = ("programs.AdmissionRound",)
    selector = selectors.admission_round_list
    table_class = tables.AdmissionRoundTable
    filterset_class = filters.AdmissionRoundFilter
    title = ROUNDS_LABEL


class AdmissionRoundDetailView(ObjectDetailView):
    selector = selectors.admission_round_list


class AdmissionRoundEditView(ObjectEditView):
    selector = selectors.admission_round_list
    form_class = forms.AdmissionRoundForm


class AdmissionRoundDeleteView(ObjectDeleteView):
    selector = selectors.admission_round_list
