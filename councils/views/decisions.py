"""Decisions of the meetings and their link to the work plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import FormView

from cluster_portal.core.access import require
from cluster_portal.core.views import (
    ChildDeleteView,
    ChildEditView,
    ObjectDetailView,
    ObjectListView,
    PortalView,
    add_errors,
)

from .. import filters, forms, io, selectors, services, signing, tables


class DecisionListView(ObjectListView):
    list_reads = ("councils", "members")
    filter_reads = ("councils.Council", "members.Cluster")
    selector = selectors.decision_list
    table_class = tables.DecisionTable
    filterset_class = filters.DecisionFilter
    export_columns = io.DECISION_COLUMNS
    export_name = "decisions"
    title = "Решения советов"
    # The rows are kept (``DecisionTable.rows_kept``): the related rows are fetched for the rows printed afresh.
    list_select_related = ()
    list_prefetch_related = selectors.decision_row_prefetches()
    list_only = selectors.DECISION_ROW_FIELDS


class DecisionDetailView(ObjectDetailView):
    selector = selectors.decision_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.object.agenda_item.meeting
        context["plan_url"] = reverse("councils:decision_plan", args=[self.object.pk]) if context["edit_url"] else ""
        return context


class DecisionEditView(ChildEditView):
    selector = selectors.decision_list
    form_class = forms.DecisionForm
    parent_field = "agenda_item"

    def get_breadcrumbs(self):
        return [("Решения", reverse("councils:decision_list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.parent()
        if parent is not None:
            context["cancel_url"] = parent.meeting.get_absolute_url()
        return context

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        parent = self.parent()
        if parent is not None and signing.is_signed(parent.meeting_id):
            for name in ("text", "responsible_person", "responsible_organization", "responsible_text", "deadline_text"):
                form.fields[name].help_text = "Протокол подписан: меняется только через «Внести изменения»"
        return form

    def save(self, form):
        return services.decision_save(decision=form.instance)

    def get_success_url(self):
        """Back to the meeting, at the agenda item the decision belongs to."""
        return self.object.agenda_item.get_absolute_url()


class DecisionDeleteView(ChildDeleteView):
    selector = selectors.decision_list
    parent_field = "agenda_item.meeting"

    def delete_object(self, obj):
        signing.ensure_open(obj.agenda_item.meeting_id)
        super().delete_object(obj)


class DecisionPlanView(PortalView, FormView):
    """Put a decision into the work plan: create an item, or update and link an existing one."""

    template_name = "councils/decision_plan.html"
    form_class = forms.DecisionPlanForm
    title = "Решение в плане работы"

    def dispatch(self, request, *args, **kwargs):
        self.decision = get_object_or_404(selectors.decision_list(user=request.user), pk=kwargs["pk"])
        require(request.user, self.decision, "change")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [("Решения", reverse("councils:decision_list")), (str(self.decision), self.decision.get_absolute_url())]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        cluster_id = self.decision.agenda_item.meeting.council.cluster_id
        kwargs["items"] = (
            selectors.plan_item_list(user=user, action="change")
            .filter(plan__cluster_id=cluster_id)
            .order_by("-plan__year", "position")
        )
        kwargs["sections"] = (
            selectors.plan_section_list(user=user, action="change")
            .filter(plan__cluster_id=cluster_id)
            .order_by("-plan__year", "number")
        )
        return kwargs

    def get_initial(self):
        return {"plan_item": self.decision.plan_item_id}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision"] = self.decision
        context["cancel_url"] = self.decision.get_absolute_url()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                item = services.decision_to_plan_item(
                    decision=self.decision,
                    plan_item=data.get("plan_item"),
                    section=data.get("section"),
                    number=data.get("number") or "",
                    update_deadline=data.get("update_deadline", False),
                )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Решение связано с пунктом плана {item.display_number}")
        return HttpResponseRedirect(item.get_absolute_url())
