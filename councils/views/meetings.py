"""Meetings: the generic pages, attendance, invitations, the .ics file and the agenda."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView

from cluster_portal.core.access import require
from cluster_portal.core.audit import history_for
from cluster_portal.core.views import (
    ChildDeleteView,
    ChildEditView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PortalView,
    add_errors,
)

from .. import filters, forms, ics, io, selectors, services, signing, tables
from ..choices import MeetingStatus, MinutesStatus
from .crumbs import MEETINGS_CRUMB


class MeetingListView(ObjectListView):
    list_reads = ("councils", "members")
    filter_reads = ("councils.Council", "members.Cluster")
    selector = selectors.meeting_list
    table_class = tables.MeetingTable
    filterset_class = filters.MeetingFilter
    export_columns = io.MEETING_COLUMNS
    export_name = "meetings"
    title = "Заседания советов"
    template_name = "councils/meeting_list.html"
    list_select_related = ("council", "minutes")
    list_prefetch_related = (selectors.agenda_titles(),)


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
        revisions = selectors.protocol_revisions(user=user, minutes=minutes)
        signed = minutes is not None and minutes.status == MinutesStatus.SIGNED
        if revisions and "history" in context:  # signings and «внести изменения» belong to the meeting's story
            entries = [entry for revision in revisions for entry in history_for(revision, user)]
            context["history"] = sorted([*context["history"], *entries], key=lambda e: e.timestamp, reverse=True)
        context.update(
            items=items,
            minutes=minutes,
            revisions=revisions,
            signed=signed,
            can_edit_protocol=can_edit and not signed,
            attendance=selectors.attendance_for(user=user, meeting=meeting),
            can_edit=can_edit,
            invitations=list(selectors.invitation_list(user=user, meeting=meeting)[:50]) if can_edit else [],
            is_cancelled=meeting.status == MeetingStatus.CANCELLED,
            can_invite=can_edit and meeting.status == MeetingStatus.PLANNED and meeting.date is not None,
            can_mark_held=can_edit
            and meeting.status == MeetingStatus.PLANNED
            and meeting.date is not None
            and meeting.date <= timezone.localdate(),
        )
        return context


class MeetingEditView(ObjectEditView):
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
        return [MEETINGS_CRUMB, (str(self.meeting), self.meeting.get_absolute_url())]

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
            add_errors(form, exc)
            messages.error(self.request, "Присутствие не сохранено.")
            return self.form_invalid(form)
        quorum = "кворум есть" if meeting.quorum_reached else "кворума нет"
        messages.success(
            self.request, f"Присутствие сохранено: {meeting.present_count} из {meeting.members_count}, {quorum}."
        )
        return HttpResponseRedirect(meeting.get_absolute_url() + "#attendance")


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
            add_errors(form, exc)
            return self.form_invalid(form)
        text = f"Приглашения отправлены: {len(sent)}."
        if skipped:
            text += " Без адреса электронной почты: " + ", ".join(p.short_name for p in skipped).rstrip(".") + "."
        messages.success(self.request, text)
        return HttpResponseRedirect(self.meeting.get_absolute_url())


class MeetingHeldView(MeetingActionMixin, View):
    """The explicit act that makes a meeting held (on or after its date)."""

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                services.meeting_mark_held(meeting=self.meeting)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Заседание отмечено проведённым.")
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


# Agenda ----------------------------------------------------------------------------------------
class AgendaItemEditView(ChildEditView):
    selector = selectors.agenda_item_list
    form_class = forms.AgendaItemForm
    parent_field = "meeting"
    parent_crumbs = (MEETINGS_CRUMB,)

    def save(self, form):
        return services.agenda_item_save(item=form.instance)


class AgendaItemDeleteView(ChildDeleteView):
    selector = selectors.agenda_item_list
    parent_field = "meeting"

    def delete_object(self, obj):
        signing.ensure_open(obj.meeting_id)
        super().delete_object(obj)


class AgendaItemMoveView(View):
    def post(self, request, pk, direction):
        item = get_object_or_404(selectors.agenda_item_list(user=request.user), pk=pk)
        require(request.user, item, "change")
        if direction not in ("up", "down"):
            raise Http404
        try:
            services.agenda_item_move(item=item, direction=direction)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("councils:meeting_detail", args=[item.meeting_id]) + "#agenda")
