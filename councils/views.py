"""Pages of the councils app: generic declarations plus the meeting workflow and the calendar."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView, TemplateView

from cluster_portal.core.access import can_add, require
from cluster_portal.core.pdf import pdf_response, render_pdf
from cluster_portal.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView, PortalView

from . import filters, forms, ics, io, selectors, services, tables
from .choices import MeetingStatus, MinutesStatus
from .deadlines import MONTH_NAMES
from .models import AgendaItem, Decision, Meeting, Minutes, PlanReport, PlanSection

MEETINGS_CRUMB = ("Заседания", "councils:meeting_list")
PLANS_CRUMB = ("Планы работы", "councils:workplan_list")


def crumb(pair, url=None):
    label, name = pair
    return (label, url or reverse(name))


class ServiceEditView(ObjectEditView):
    """An edit view whose save calls a service; the service's refusals land on the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            forms.add_errors(form, exc)
            return self.form_invalid(form)


class ChildEditView(ServiceEditView):
    """Edit a row that lives on its parent's page (an agenda item on the meeting page)."""

    parent_field = ""

    def parent(self):
        if self.object is not None:
            return getattr(self.object, self.parent_field)
        form_class = self.get_form_class()
        field = form_class.base_fields[self.parent_field]
        pk = self.request.GET.get(self.parent_field) or self.request.POST.get(self.parent_field)
        if pk and str(pk).isdigit():
            return field.queryset.model._default_manager.filter(pk=pk).first()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.parent()
        if parent is not None:
            context["cancel_url"] = parent.get_absolute_url()
        return context

    def get_breadcrumbs(self):
        parent = self.parent()
        crumbs = list(self.parent_crumbs)
        if parent is not None:
            crumbs.append((str(parent), parent.get_absolute_url()))
        return crumbs


class ChildDeleteView(ObjectDeleteView):
    """Delete a child row and go back to its parent's page."""

    parent_field = ""

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        parent_url = getattr(obj, self.parent_field).get_absolute_url()
        response = super().post(request, *args, **kwargs)
        if self.object.pk is None:  # deleted
            return HttpResponseRedirect(parent_url)
        return response


# Councils --------------------------------------------------------------------------------------
class CouncilListView(ObjectListView):
    selector = selectors.council_list
    table_class = tables.CouncilTable
    filterset_class = filters.CouncilFilter
    export_columns = io.COUNCIL_COLUMNS
    export_name = "councils"


class CouncilDetailView(ObjectDetailView):
    selector = selectors.council_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["seats"] = (
            selectors.council_member_list(user=user)
            .filter(council=self.object)
            .order_by("order", "person__last_name", "person__first_name", "pk")
        )
        context["today"] = timezone.localdate()
        context["meetings"] = (
            selectors.meeting_list(user=user)
            .filter(council=self.object)
            .order_by("-academic_year", "-date", "-pk")[:20]
        )
        context["can_edit"] = bool(context["edit_url"])
        context["quorum_needed"] = self.object.quorum_needed(self.object.members_total)
        return context


class CouncilEditView(ServiceEditView):
    selector = selectors.council_list
    form_class = forms.CouncilForm

    def save(self, form):
        return services.council_save(council=form.instance)


class CouncilDeleteView(ObjectDeleteView):
    selector = selectors.council_list


class CouncilMemberListView(ObjectListView):
    selector = selectors.council_member_list
    table_class = tables.CouncilMemberTable
    filterset_class = filters.CouncilMemberFilter
    export_columns = io.COUNCIL_MEMBER_COLUMNS
    export_name = "council-members"
    title = "Члены советов"


class CouncilMemberEditView(ChildEditView):
    selector = selectors.council_member_list
    form_class = forms.CouncilMemberForm
    parent_field = "council"

    def save(self, form):
        return services.council_member_save(member=form.instance)


class CouncilMemberDeleteView(ChildDeleteView):
    selector = selectors.council_member_list
    parent_field = "council"


# Meetings --------------------------------------------------------------------------------------
class MeetingListView(ObjectListView):
    selector = selectors.meeting_list
    table_class = tables.MeetingTable
    filterset_class = filters.MeetingFilter
    export_columns = io.MEETING_COLUMNS
    export_name = "meetings"
    title = "Заседания советов"
    template_name = "councils/meeting_list.html"


class MeetingDetailView(ObjectDetailView):
    selector = selectors.meeting_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = self.object
        minutes = selectors.minutes_for(user=user, meeting=meeting)
        items = list(selectors.agenda_item_list(user=user).filter(meeting=meeting).order_by("order", "pk"))
        decisions = list(
            selectors.decision_list(user=user)
            .filter(agenda_item__meeting=meeting)
            .order_by("agenda_item__order", "number")
        )
        for item in items:
            item.visible_decisions = [d for d in decisions if d.agenda_item_id == item.pk]
        can_edit = bool(context["edit_url"])
        context.update(
            items=items,
            minutes=minutes,
            attendance=selectors.attendance_for(user=user, meeting=meeting),
            can_edit=can_edit,
            invitations=list(selectors.invitation_list(user=user, meeting=meeting)[:50]) if can_edit else [],
            is_cancelled=meeting.status == MeetingStatus.CANCELLED,
            can_invite=can_edit and meeting.status == MeetingStatus.PLANNED and meeting.date is not None,
        )
        return context


class MeetingEditView(ServiceEditView):
    selector = selectors.meeting_list
    form_class = forms.MeetingForm

    def save(self, form):
        return services.meeting_save(meeting=form.instance)


class MeetingDeleteView(ObjectDeleteView):
    selector = selectors.meeting_list


class MeetingActionMixin(PortalView):
    """A page acting on one meeting the user may change."""

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(selectors.meeting_list(user=request.user), pk=kwargs["pk"])
        require(request.user, self.meeting, "change")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [crumb(MEETINGS_CRUMB), (str(self.meeting), self.meeting.get_absolute_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        context["cancel_url"] = self.meeting.get_absolute_url()
        return context


class MeetingAttendanceView(MeetingActionMixin, FormView):
    template_name = "councils/meeting_attendance.html"
    form_class = forms.AttendanceForm

    def get_title(self):
        return f"Присутствие: {self.meeting}"

    def seats(self):
        return selectors.members_on(council=self.meeting.council, date=self.meeting.date)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["seats"] = self.seats()
        return kwargs

    def get_initial(self):
        present = list(self.meeting.attendance.filter(present=True).values_list("person_id", flat=True))
        return {"present": present, "guests": self.meeting.guests}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seats = self.seats()
        context["seats_count"] = len(seats)
        context["quorum_needed"] = self.meeting.council.quorum_needed(len(seats))
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                meeting = services.meeting_record_attendance(
                    meeting=self.meeting, present=form.cleaned_data["present"], guests=form.cleaned_data["guests"]
                )
        except ValidationError as exc:
            forms.add_errors(form, exc)
            messages.error(self.request, "Присутствие не сохранено.")
            return self.form_invalid(form)
        quorum = "кворум есть" if meeting.quorum_reached else "кворума нет"
        messages.success(
            self.request, f"Присутствие сохранено: {meeting.present_count} из {meeting.members_count}, {quorum}."
        )
        return HttpResponseRedirect(meeting.get_absolute_url() + "#attendance")


class MeetingMinutesView(MeetingActionMixin, TemplateView):
    """The protocol of a meeting in one form: header, and «слушали» and votes per agenda item."""

    template_name = "councils/meeting_minutes.html"

    def get_title(self):
        return f"Протокол: {self.meeting}"

    def get(self, request, *args, **kwargs):
        if self.meeting.status == MeetingStatus.CANCELLED:
            messages.error(request, services.CANCELLED_MINUTES)
            return HttpResponseRedirect(self.meeting.get_absolute_url())
        return self.render_to_response(self.get_context_data(**self.build_forms()))

    def build_forms(self, data=None, files=None):
        minutes = Minutes.objects.filter(meeting=self.meeting).first()
        seats = selectors.members_on(council=self.meeting.council, date=self.meeting.date)
        chair = next((s.person_id for s in seats if s.role == "chair"), None)
        secretary = next((s.person_id for s in seats if s.role == "secretary"), None)
        initial = {
            "number": minutes.number if minutes else "",
            "date": minutes.date if minutes else self.meeting.date,
            "chair": minutes.chair_id if minutes else chair,
            "secretary": minutes.secretary_id if minutes else secretary,
            "status": minutes.status if minutes else MinutesStatus.DRAFT,
        }
        people = self.meeting.council.members.values("person_id")
        from members.models import Person

        header = forms.MinutesForm(
            data=data, files=files, initial=initial, people=Person.objects.filter(pk__in=people), prefix="minutes"
        )
        items = list(AgendaItem.objects.filter(meeting=self.meeting).order_by("order", "pk"))
        item_forms = [
            (
                item,
                forms.MinutesItemForm(
                    data=data,
                    prefix=f"item-{item.pk}",
                    initial={
                        "item_id": item.pk,
                        "heard": item.heard,
                        "votes_for": item.votes_for,
                        "votes_against": item.votes_against,
                        "votes_abstained": item.votes_abstained,
                    },
                ),
            )
            for item in items
        ]
        return {"form": header, "item_forms": item_forms, "existing": minutes}

    def post(self, request, *args, **kwargs):
        built = self.build_forms(request.POST, request.FILES)
        header, item_forms = built["form"], built["item_forms"]
        valid = header.is_valid() & all([f.is_valid() for _item, f in item_forms])
        if valid:
            # An item whose fields were not posted (added meanwhile in another tab) keeps what it has.
            items = {
                item.pk: {k: f.cleaned_data[k] for k in ("heard", "votes_for", "votes_against", "votes_abstained")}
                for item, f in item_forms
                if f.add_prefix("heard") in request.POST
            }
            data = header.cleaned_data
            try:
                with transaction.atomic():
                    services.meeting_record_minutes(
                        meeting=self.meeting,
                        number=data["number"],
                        date=data["date"],
                        chair=data["chair"],
                        secretary=data["secretary"],
                        status=data["status"],
                        signed_scan=data.get("signed_scan"),
                        items=items,
                    )
            except ValidationError as exc:
                forms.add_errors(header, exc)
            else:
                messages.success(request, "Протокол сохранён.")
                return HttpResponseRedirect(self.meeting.get_absolute_url() + "#minutes")
        messages.error(request, "Проверьте поля, отмеченные ниже: протокол не сохранён.")
        return self.render_to_response(self.get_context_data(**built))


class MinutesDeleteView(MeetingActionMixin, View):
    def post(self, request, *args, **kwargs):
        minutes = get_object_or_404(Minutes, meeting=self.meeting)
        try:
            with transaction.atomic():
                services.minutes_delete(minutes=minutes)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Протокол удалён.")
        return HttpResponseRedirect(self.meeting.get_absolute_url())


class MeetingInviteView(MeetingActionMixin, FormView):
    template_name = "councils/meeting_invite.html"
    form_class = forms.InvitationForm

    def get_title(self):
        return f"Приглашения: {self.meeting}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seats"] = selectors.members_on(council=self.meeting.council, date=self.meeting.date)
        context["invitations"] = selectors.invitation_list(user=self.request.user, meeting=self.meeting)[:100]
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                sent, skipped = services.meeting_send_invitations(
                    meeting=self.meeting,
                    sender=self.request.user,
                    extra_emails=form.cleaned_data["extra_emails"],
                    message=form.cleaned_data["message"],
                )
        except ValidationError as exc:
            forms.add_errors(form, exc)
            return self.form_invalid(form)
        text = f"Приглашения отправлены: {len(sent)}."
        if skipped:
            text += " Без адреса электронной почты: " + ", ".join(p.short_name for p in skipped) + "."
        messages.success(self.request, text)
        return HttpResponseRedirect(self.meeting.get_absolute_url())


class MeetingIcsView(View):
    """One meeting as an .ics file, for anyone who may see the meeting."""

    def get(self, request, pk):
        meeting = get_object_or_404(selectors.meeting_list(user=request.user), pk=pk)
        if meeting.date is None:
            raise Http404("У заседания ещё нет даты.")
        body = ics.calendar([meeting], name=str(meeting.council))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"zasedanie-{meeting.date:%Y-%m-%d}.ics")
        return response


class ProtocolPdfView(View):
    """The protocol in the usual form, rendered from the record."""

    def get(self, request, pk):
        meeting = get_object_or_404(selectors.meeting_list(user=request.user), pk=pk)
        minutes = selectors.minutes_for(user=request.user, meeting=meeting)
        if minutes is None:
            raise Http404
        items = list(meeting.agenda_items.all())
        decisions = list(
            Decision.objects.filter(agenda_item__meeting=meeting)
            .select_related("responsible_person", "responsible_organization")
            .order_by("agenda_item__order", "number", "pk")
        )
        for item in items:
            item.protocol_decisions = [d for d in decisions if d.agenda_item_id == item.pk]
        attendance = list(
            meeting.attendance.select_related("person", "person__organization").order_by(
                "person__last_name", "person__first_name", "pk"
            )
        )
        context = {
            "title": str(minutes),
            "meeting": meeting,
            "minutes": minutes,
            "council": meeting.council,
            "cluster": meeting.council.cluster,
            "items": items,
            "present": [a for a in attendance if a.present],
            "absent": [a for a in attendance if not a.present],
            "guests": [line.strip() for line in meeting.guests.splitlines() if line.strip()],
            "quorum_needed": meeting.council.quorum_needed(meeting.members_count or 0),
        }
        pdf = render_pdf("councils/pdf/protocol.html", context)
        name = f"protokol-{minutes.number}-{minutes.date:%Y-%m-%d}.pdf".replace("/", "-")
        return pdf_response(pdf, name, inline=request.GET.get("inline") == "1")


# Agenda ----------------------------------------------------------------------------------------
class AgendaItemEditView(ChildEditView):
    selector = selectors.agenda_item_list
    form_class = forms.AgendaItemForm
    parent_field = "meeting"
    parent_crumbs = ()

    def get_breadcrumbs(self):
        return [crumb(MEETINGS_CRUMB), *super().get_breadcrumbs()]

    def save(self, form):
        return services.agenda_item_save(item=form.instance)


class AgendaItemDeleteView(ChildDeleteView):
    selector = selectors.agenda_item_list
    parent_field = "meeting"


class AgendaItemMoveView(View):
    def post(self, request, pk, direction):
        item = get_object_or_404(selectors.agenda_item_list(user=request.user), pk=pk)
        require(request.user, item, "change")
        if direction not in ("up", "down"):
            raise Http404
        services.agenda_item_move(item=item, direction=direction)
        return HttpResponseRedirect(reverse("councils:meeting_detail", args=[item.meeting_id]) + "#agenda")


# Decisions -------------------------------------------------------------------------------------
class DecisionListView(ObjectListView):
    selector = selectors.decision_list
    table_class = tables.DecisionTable
    filterset_class = filters.DecisionFilter
    export_columns = io.DECISION_COLUMNS
    export_name = "decisions"
    title = "Решения советов"


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

    def save(self, form):
        return services.decision_save(decision=form.instance)


class DecisionDeleteView(ObjectDeleteView):
    selector = selectors.decision_list

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        meeting_url = obj.agenda_item.meeting.get_absolute_url()
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(meeting_url) if self.object.pk is None else response


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
            forms.add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Решение связано с пунктом плана {item.display_number}")
        return HttpResponseRedirect(item.get_absolute_url())


# Work plans ------------------------------------------------------------------------------------
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
        for _section, items in structure:
            for item in items:
                item.held_meetings = held.get(item.council_id, []) if item.council_id else []
        context["structure"] = structure
        context["can_edit"] = bool(context["edit_url"])
        context["items_url"] = reverse("councils:planitem_list") + f"?plan={self.object.pk}"
        return context


class WorkPlanEditView(ServiceEditView):
    selector = selectors.workplan_list
    form_class = forms.WorkPlanForm


class WorkPlanDeleteView(ObjectDeleteView):
    selector = selectors.workplan_list


class PlanSectionEditView(ChildEditView):
    selector = selectors.plan_section_list
    form_class = forms.PlanSectionForm
    parent_field = "plan"

    def get_breadcrumbs(self):
        return [crumb(PLANS_CRUMB), *super().get_breadcrumbs()]


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


class PlanItemDetailView(ObjectDetailView):
    selector = selectors.plan_item_list

    def get_breadcrumbs(self):
        return [crumb(PLANS_CRUMB), (str(self.object.plan), self.object.plan.get_absolute_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["reports"] = list(self.object.reports.all())
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


class PlanItemEditView(ServiceEditView):
    selector = selectors.plan_item_list
    form_class = forms.PlanItemForm

    def get_breadcrumbs(self):
        crumbs = [crumb(PLANS_CRUMB)]
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


class PlanItemDeleteView(ObjectDeleteView):
    selector = selectors.plan_item_list

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        plan_url = obj.plan.get_absolute_url()
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(plan_url) if self.object.pk is None else response


class PlanReportEditView(ChildEditView):
    selector = selectors.plan_report_list
    form_class = forms.PlanReportForm
    parent_field = "item"

    def get_breadcrumbs(self):
        return [crumb(PLANS_CRUMB), *super().get_breadcrumbs()]

    def save(self, form):
        return services.plan_report_add(
            report=form.instance, author=self.request.user, mark_done=form.cleaned_data.get("mark_done", False)
        )


class PlanReportDeleteView(ChildDeleteView):
    selector = selectors.plan_report_list
    parent_field = "item"


# Calendar --------------------------------------------------------------------------------------
class CalendarView(PortalView, TemplateView):
    """A month of meetings; planned ones without a date appear in the months of their period."""

    template_name = "councils/calendar.html"

    def month(self) -> tuple[int, int]:
        raw = self.request.GET.get("month", "")
        try:
            year, month = (int(part) for part in raw.split("-"))
            dt.date(year, month, 1)
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            today = timezone.localdate()
            return today.year, today.month
        return year, month

    def get_title(self):
        year, month = self.month()
        return f"Календарь заседаний: {MONTH_NAMES[month]} {year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.month()
        dated, undated = selectors.meetings_of_month(user=self.request.user, year=year, month=month)
        by_day: dict[dt.date, list[Meeting]] = {}
        for meeting in dated:
            by_day.setdefault(meeting.date, []).append(meeting)
        weeks = [
            [(day, day.month == month, by_day.get(day, [])) for day in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        first = dt.date(year, month, 1)
        last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
        previous = first - dt.timedelta(days=1)
        following = last + dt.timedelta(days=1)
        context.update(
            weeks=weeks,
            weekdays=["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
            dated=dated,
            undated=undated,
            today=timezone.localdate(),
            prev_month=f"{previous:%Y-%m}",
            next_month=f"{following:%Y-%m}",
            this_month=f"{timezone.localdate():%Y-%m}",
            list_url=reverse("councils:meeting_list") + f"?date_after={first:%Y-%m-%d}&date_before={last:%Y-%m-%d}",
            add_url=reverse("councils:meeting_add") if can_add(self.request.user, Meeting) else "",
        )
        return context


class CalendarSubscribeView(PortalView, TemplateView):
    """The user's secret calendar address: create, renew or revoke it."""

    template_name = "councils/calendar_subscribe.html"
    title = "Подписка на календарь заседаний"

    def get_breadcrumbs(self):
        return [("Календарь", reverse("councils:calendar"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = selectors.feed_of(user=self.request.user)
        context["feed"] = feed
        if feed is not None:
            path = reverse("councils:calendar_feed", args=[feed.token])
            context["feed_url"] = self.request.build_absolute_uri(path)
            context["webcal_url"] = "webcal://" + context["feed_url"].split("://", 1)[1]
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "renew":
            services.calendar_feed_renew(user=request.user)
            messages.success(request, "Создан новый адрес календаря. Прежний адрес, если был, больше не работает.")
        elif action == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, "Адрес календаря отозван: подписки по нему больше не обновляются.")
        else:
            raise PermissionDenied
        return HttpResponseRedirect(reverse("councils:calendar_subscribe"))


@login_not_required
def calendar_feed(request, token: str):
    """The .ics feed a calendar app polls; the secret token stands for the user's login."""
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    meetings = selectors.feed_meetings(user=feed.user)
    body = ics.calendar(meetings, name="Заседания советов кластера")
    services.calendar_feed_touch(feed=feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
