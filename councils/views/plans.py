"""The work plan: plans, sections, items and the reports on them."""

from __future__ import annotations

from django.urls import reverse

from cluster_portal.core.access import can_add
from cluster_portal.core.views import (
    ChildDeleteView,
    ChildEditView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from cluster_portal.core.xlsx import export_filename, workbook_response

from .. import evidence, execution, filters, forms, io, selectors, services, tables
from ..choices import PlanItemStatus
from ..models import PlanReport, PlanSection
from .crumbs import PLANS_CRUMB


class WorkPlanListView(ObjectListView):
    selector = selectors.workplan_list
    table_class = tables.WorkPlanTable
    filterset_class = filters.WorkPlanFilter
    export_columns = io.WORKPLAN_COLUMNS
    export_name = "work-plans"
    import_kind = "work-plan"


class WorkPlanDetailView(ObjectDetailView):
    selector = selectors.workplan_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        structure = selectors.plan_structure(plan=self.object, user=user)
        councils = {item.council_id for _s, items in structure for item in items if item.council_id}
        held = selectors.held_meetings_by_council(councils=councils, year=self.object.year)
        items = [item for _s, rows in structure for item in rows]
        for item in items:
            item.held_meetings = held.get(item.council_id, []) if item.council_id else []
            item.plan = self.object
        execution.attach(items)
        context["structure"] = structure
        context["items_done"] = sum(item.execution.status == PlanItemStatus.DONE for item in items)
        context["can_edit"] = bool(context["edit_url"])
        context["items_url"] = reverse("councils:planitem_list") + f"?plan={self.object.pk}"
        return context


class WorkPlanEditView(ObjectEditView):
    selector = selectors.workplan_list
    form_class = forms.WorkPlanForm


class WorkPlanDeleteView(ObjectDeleteView):
    selector = selectors.workplan_list


class PlanSectionEditView(ChildEditView):
    selector = selectors.plan_section_list
    form_class = forms.PlanSectionForm
    parent_field = "plan"
    parent_crumbs = (PLANS_CRUMB,)


class PlanSectionDeleteView(ChildDeleteView):
    selector = selectors.plan_section_list
    parent_field = "plan"


class PlanItemListView(ObjectListView):
    selector = selectors.plan_item_list
    table_class = tables.PlanItemTable
    filterset_class = filters.PlanItemFilter
    export_columns = io.PLAN_ITEM_EXPORT_COLUMNS
    export_name = "work-plan"
    import_kind = "work-plan"
    title = "Пункты планов работы"
    list_select_related = ("plan",)
    filter_reads = ("councils.WorkPlan", "members.Cluster")

    @property
    def list_reads(self):
        # The status column reads the records of every app that gives plan items evidence (and
        # their specialties).
        return evidence.read_labels()

    def export(self):
        # The status column is computed from the evidence: worked out for all rows at once.
        items = execution.attach(self.filtered_queryset().select_related("plan"))
        return workbook_response(
            [(str(self.get_title()), self.export_columns, items)], export_filename(self.export_name)
        )


class PlanItemDetailView(ObjectDetailView):
    selector = selectors.plan_item_list

    def get_breadcrumbs(self):
        return [PLANS_CRUMB, (str(self.object.plan), self.object.plan.get_absolute_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["reports"] = self.object.report_list
        execution.attach([self.object])
        shown = evidence.visible(self.object.execution.evidence, user)
        context["evidence_shown"] = shown
        context["evidence_hidden"] = len(self.object.execution.evidence) - len(shown)
        context["evidence_source_label"] = evidence.source_label(self.object.evidence_source)
        context["decisions"] = selectors.decision_list(user=user).filter(plan_item=self.object)
        context["held_meetings"] = (
            selectors.held_meetings_by_council(councils={self.object.council_id}, year=self.object.plan.year)[
                self.object.council_id
            ]
            if self.object.council_id
            else []
        )
        context["can_edit"] = bool(context["edit_url"])
        context["report_add_url"] = (
            reverse("councils:planreport_add") + f"?item={self.object.pk}" if can_add(user, PlanReport) else ""
        )
        return context


class PlanItemEditView(ObjectEditView):
    selector = selectors.plan_item_list
    form_class = forms.PlanItemForm

    def get_breadcrumbs(self):
        crumbs = [PLANS_CRUMB]
        if self.object is not None:
            crumbs.append((str(self.object.plan), self.object.plan.get_absolute_url()))
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object is None:
            section = self.request.GET.get("section")
            plan_id = (
                PlanSection.objects.filter(pk=section).values_list("plan_id", flat=True).first()
                if section and section.isdigit()
                else None
            )
            if plan_id:
                context["cancel_url"] = reverse("councils:workplan_detail", args=[plan_id])
        return context

    def save(self, form):
        return services.plan_item_save(item=form.instance)


class PlanItemDeleteView(ChildDeleteView):
    selector = selectors.plan_item_list
    parent_field = "plan"


class PlanReportEditView(ChildEditView):
    selector = selectors.plan_report_list
    form_class = forms.PlanReportForm
    parent_field = "item"
    parent_crumbs = (PLANS_CRUMB,)

    def save(self, form):
        return services.plan_report_add(report=form.instance, author=self.request.user)


class PlanReportDeleteView(ChildDeleteView):
    selector = selectors.plan_report_list
    parent_field = "item"
