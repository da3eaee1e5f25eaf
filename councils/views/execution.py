"""«Исполнение плана»: every item of a year's plan with its evidence and computed status; Excel export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View

from cluster_portal.core.views import ObjectDetailView, ObjectEditView
from cluster_portal.core.xlsx import Column, export_filename, workbook_response

from .. import evidence, execution, forms, selectors, services
from .crumbs import PLANS_CRUMB


def how_determined(run: execution.Execution) -> str:
    if run.overridden:
        return f"Вручную: {run.item.status_override_reason} (по подтверждениям: {run.computed_label.lower()})"
    return "По подтверждениям и сроку"


@dataclass(frozen=True)
class Proof:
    """One line of the «Подтверждения» sheet: a record that speaks for an item, with its full address."""

    item: object
    evidence: evidence.Evidence
    url: str


# The sheets read a plan item (with ``execution`` and ``shown`` attached) and a ``Proof``.
ITEM_COLUMNS = [
    Column("Раздел", "section", getter=lambda i: str(i.section), width=40),
    Column("№ п/п", "display_number", width=8),
    Column("Наименование мероприятия", "title", width=60),
    Column("Срок исполнения", "deadline_text", width=22),
    Column("Срок для контроля", "due_date", width=14),
    Column("Статус", "status", getter=lambda i: i.execution.label, width=16),
    Column("Как определён", "how", getter=lambda i: how_determined(i.execution), width=45),
    Column("Периоды без подтверждения", "gaps", getter=lambda i: ", ".join(i.execution.gap_labels), width=30),
    Column("Подтверждений", "count", getter=lambda i: len(i.shown), width=14),
]
EVIDENCE_COLUMNS = [
    Column("№ п/п", "item__display_number", width=8),
    Column("Вид записи", "evidence__kind", width=28),
    Column(
        "Запись",
        "title",
        getter=lambda p: p.evidence.title + (" (демонстрационные данные)" if p.evidence.is_demo else ""),
        width=70,
    ),
    Column("Дата", "evidence__date", width=12),
    Column("Дата или период, как в записи", "evidence__when_text", width=22),
    Column("Подтверждает выполнение", "evidence__fulfils", width=14),
    Column("Примечание", "evidence__note", width=30),
    Column("Ссылка", "url", width=60),
]


def parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class PlanExecutionView(ObjectDetailView):
    """The plan's items with the evidence the viewer may open and the status on a day (today by default)."""

    selector = selectors.workplan_list
    template_name = "councils/plan_execution.html"
    show_history = False

    def get_template_names(self):
        return [self.template_name]

    def get_title(self):
        return f"Исполнение плана работы на {self.object.year} год"

    def get_breadcrumbs(self):
        return [PLANS_CRUMB, (str(self.object), self.object.get_absolute_url())]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.on = parse_day(request.GET.get("on")) or timezone.localdate()
        self.structure = self.build()
        if request.GET.get("export") == "xlsx":
            return self.export()
        return self.render_to_response(self.get_context_data(object=self.object))

    def build(self):
        """[(section, [item])], each item with ``execution`` and ``shown`` (the evidence the viewer may open)."""
        structure = selectors.plan_structure(plan=self.object, user=self.request.user)
        items = [item for _section, rows in structure for item in rows]
        for item in items:
            item.plan = self.object  # one plan: its year and demo mark are read once
        execution.attach(items, on=self.on)
        shown = set(evidence.visible((e for i in items for e in i.execution.evidence), self.request.user))
        for item in items:
            item.shown = [e for e in item.execution.evidence if e in shown]
            item.hidden = len(item.execution.evidence) - len(item.shown)
        return structure

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = [item for _section, rows in self.structure for item in rows]
        context["structure"] = self.structure
        context["on"] = self.on
        context["today"] = timezone.localdate()
        context["totals"] = {
            label: sum(1 for i in items if i.execution.label == label)
            for label in dict.fromkeys(i.execution.label for i in items)
        }
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        context["export_query"] = query.urlencode()
        context["can_edit"] = bool(context["edit_url"])
        return context

    def export(self):
        items = []
        for section, rows in self.structure:
            for item in rows:
                item.section = section  # read once per section, not once per row
                items.append(item)
        address = self.request.build_absolute_uri
        proofs = [Proof(item, e, address(e.url) if e.url else "") for item in items for e in item.shown]
        title = f"Исполнение на {self.on:%d.%m.%Y}"
        return workbook_response(
            [(title, ITEM_COLUMNS, items), ("Подтверждения", EVIDENCE_COLUMNS, proofs)],
            export_filename(f"plan-{self.object.year}-execution"),
        )


class CurrentPlanExecutionView(View):
    """The menu's «Исполнение плана»: the plan of this year, or the latest one the user may see."""

    def get(self, request):
        plans = selectors.workplan_list(user=request.user)
        year = timezone.localdate().year
        plan = plans.filter(year__lte=year).order_by("-year", "pk").first() or plans.order_by("year", "pk").first()
        if plan is None:
            raise Http404("Планов работы пока нет.")
        return redirect("councils:workplan_execution", plan.pk)


class PlanItemStatusView(ObjectEditView):
    """Set a plan item's status by hand, with the reason; or return it to the computed status."""

    selector = selectors.plan_item_list
    form_class = forms.PlanItemStatusForm

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs:
            raise Http404
        return super().get_object(queryset)

    def get_title(self):
        return f"Статус пункта {self.object.display_number} плана на {self.object.plan.year} год"

    def get_breadcrumbs(self):
        return [PLANS_CRUMB, (str(self.object.plan), self.object.plan.get_absolute_url())]

    def save(self, form):
        data = form.cleaned_data
        return services.plan_item_set_status(
            item=form.instance,
            status=data["status_override"],
            reason=data.get("status_override_reason") or "",
            user=self.request.user,
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


def evidence_backlinks(request, obj=None, **values):
    """The plan items a record's page links back to (the fragment «plan.evidence»), or None."""
    from cluster_portal.core.fragments import Fragment

    found = evidence.items_of(obj) if obj is not None else None
    if found is None:
        return None
    items = list(selectors.plan_item_list(user=request.user).filter(pk__in=found).order_by("-plan__year", "position"))
    if not items:
        return None
    return Fragment("councils/partials/_evidence_backlinks.html", {"items": items}, order=50)
