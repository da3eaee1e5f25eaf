"""The expert pool: experts with their certificates."""

from __future__ import annotations

from cluster_portal.core.views import FormsetsMixin, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

from .. import filters, forms, io, selectors, services, tables
from ..models import EXPIRY_WARNING_DAYS, Expert


class ExpertListView(ObjectListView):
    list_reads = ("expertise", "members")
    filter_reads = ("members.Cluster", "members.Sector")
    selector = selectors.expert_list
    table_class = tables.ExpertTable
    filterset_class = filters.ExpertFilter
    export_columns = io.EXPERT_COLUMNS
    export_name = "experts"
    title = "Эксперты"
    import_kind = "expert-certificates"
    template_name = "expertise/expert_list.html"
    # The rows are kept (``ExpertTable.rows_kept``): the related rows are fetched for the rows printed afresh.
    list_select_related = ()
    list_prefetch_related = selectors.expert_row_prefetches()
    list_only = selectors.EXPERT_ROW_FIELDS

    expiring_shown = 5  # the soonest; the filter «Сертификат истекает» lists every expert concerned

    def table_parts(self):
        expiring = selectors.expiring_certificates(user=self.request.user)
        return {"expiring": lambda: list(expiring[: self.expiring_shown]), "expiring_total": expiring.count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expiry_days"] = EXPIRY_WARNING_DAYS
        return context


class ExpertDetailView(ObjectDetailView):
    selector = selectors.expert_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["reviews"] = list(
            selectors.review_list(user=user).filter(expert=self.object).order_by("-created_at", "-pk")[:50]
        )
        return context


class ExpertEditView(FormsetsMixin, ObjectEditView):
    selector = selectors.expert_list
    form_class = forms.ExpertForm
    template_name = "expertise/expert_form.html"

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        return {"certificates": forms.CertificateFormSet(data, instance=self.object or Expert(), prefix="cert")}

    def save(self, form):
        certificates = self.formsets["certificates"]
        changed = certificates.save(commit=False)  # the rows as typed; the service writes them
        return services.expert_save(
            expert=form.instance,
            sectors=form.cleaned_data["sectors"],
            affiliations=form.cleaned_data["affiliations"],
            certificates=changed,
            removed=certificates.deleted_objects,
        )


class ExpertDeleteView(ObjectDeleteView):
    selector = selectors.expert_list
