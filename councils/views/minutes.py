"""The minutes of a meeting: the protocol form, its removal and the protocol PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from cluster_portal.core.pdf import pdf_response, render_pdf
from cluster_portal.core.views import add_errors

from .. import forms, selectors, services
from ..choices import MeetingStatus, MinutesStatus
from ..models import AgendaItem, Decision, Minutes
from .meetings import MeetingActionMixin


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
                    present=self.meeting.present_count,
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
            except services.AgendaItemInvalid as exc:
                add_errors(next(f for item, f in item_forms if item.pk == exc.item_pk), exc)
            except ValidationError as exc:
                add_errors(header, exc)
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
            "draft_mark": "ПРОЕКТ" if minutes.status == MinutesStatus.DRAFT else "",
        }
        pdf = render_pdf("councils/pdf/protocol.html", context)
        name = f"protokol-{minutes.number}-{minutes.date:%Y-%m-%d}.pdf".replace("/", "-")
        return pdf_response(pdf, name, inline=request.GET.get("inline") == "1")
