"""The minutes of a meeting: the protocol form with its decisions, signing, «внести изменения», the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views import View
from django.views.generic import FormView, TemplateView

from cluster_portal.core.pdf import pdf_response
from cluster_portal.core.views import add_errors

from .. import forms, selectors, services, signing
from ..choices import MeetingStatus, MinutesStatus
from ..models import AgendaItem, Minutes, PlanItem
from ..protocol import file_name, render_protocol
from .meetings import MeetingActionMixin

DECISIONS_PREFIX = "item-{pk}-d"


class MeetingMinutesView(MeetingActionMixin, TemplateView):
    """The protocol of a meeting in one form: header, and per agenda item «слушали», votes and decisions."""

    template_name = "councils/meeting_minutes.html"

    def get_title(self):
        return f"Протокол: {self.meeting}"

    def refused(self):
        """Why the protocol cannot be edited now (cancelled meeting, signed protocol), or None."""
        if self.meeting.status == MeetingStatus.CANCELLED:
            return services.CANCELLED_MINUTES
        if signing.is_signed(self.meeting.pk):
            return signing.SIGNED_MINUTES
        return None

    def get(self, request, *args, **kwargs):
        reason = self.refused()
        if reason:
            messages.error(request, reason)
            return HttpResponseRedirect(self.meeting.get_absolute_url() + "#minutes")
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
        plan_items = plan_items_for(self.meeting)
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
                decision_formset(item, data, plan_items, user=self.request.user),
            )
            for item in items
        ]
        return {"form": header, "item_forms": item_forms, "existing": minutes}

    def post(self, request, *args, **kwargs):
        # A refused protocol (cancelled meeting, signed protocol) is refused by the service, on the form.
        built = self.build_forms(request.POST, request.FILES)
        header, item_forms = built["form"], built["item_forms"]
        # A formset not posted (an item added meanwhile in another tab) leaves the item's decisions as they are.
        valid = header.is_valid() & all([f.is_valid() & (d.is_valid() or not d.is_bound) for _item, f, d in item_forms])
        if valid:
            self.save(request, header, item_forms)
            if not (
                header.errors or any(f.errors or (d.is_bound and d.total_error_count()) for _i, f, d in item_forms)
            ):
                messages.success(
                    request,
                    "Протокол подписан, его PDF сохранён."
                    if header.cleaned_data["status"] == MinutesStatus.SIGNED
                    else "Протокол сохранён.",
                )
                return HttpResponseRedirect(self.meeting.get_absolute_url() + "#minutes")
        messages.error(request, "Проверьте поля, отмеченные ниже: протокол не сохранён.")
        return self.render_to_response(self.get_context_data(**built))

    def save(self, request, header, item_forms):
        """Write everything in one transaction; a refusal lands on the form (or row) it concerns."""
        # An item whose fields were not posted (added meanwhile in another tab) keeps what it has.
        posted = [(item, f, d) for item, f, d in item_forms if f.add_prefix("heard") in request.POST]
        items = {
            item.pk: {k: f.cleaned_data[k] for k in ("heard", "votes_for", "votes_against", "votes_abstained")}
            for item, f, _d in posted
        }
        decisions, removed = [], []
        for _item, _f, formset in posted:
            for form in formset.forms if formset.is_bound else ():
                if form in formset.deleted_forms:
                    if form.instance.pk:
                        removed.append(form.instance)
                elif form.has_changed():
                    decisions.append(form.instance)
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
                    decisions=decisions,
                    removed_decisions=removed,
                    user=request.user,
                )
        except services.AgendaItemInvalid as exc:
            add_errors(next(f for item, f, _d in item_forms if item.pk == exc.item_pk), exc)
        except services.DecisionInvalid as exc:
            forms_ = [form for _i, _f, d in item_forms for form in d.forms if form.instance is exc.decision]
            add_errors(forms_[0] if forms_ else header, exc)
        except ValidationError as exc:
            add_errors(header, exc)


def plan_items_for(meeting):
    """The work-plan items a decision of the meeting may fulfil: the plans of its academic year."""
    year = meeting.academic_year
    return (
        PlanItem.objects.filter(plan__cluster_id=meeting.council.cluster_id, plan__year__in=(year, year + 1))
        .select_related("plan")
        .order_by("plan__year", "position")
    )


def decision_formset(item, data, plan_items, *, user, **kwargs):
    prefix = DECISIONS_PREFIX.format(pk=item.pk)
    return forms.MinutesDecisionFormSet(
        data=data if data is not None and f"{prefix}-TOTAL_FORMS" in data else None,
        instance=item,
        prefix=prefix,
        queryset=item.decisions.select_related("responsible_person", "responsible_organization").order_by("number"),
        form_kwargs={"plan_items": plan_items, "user": user},
        **kwargs,
    )


class DecisionRowView(MeetingActionMixin, View):
    """«Добавить решение» (htmx): one more blank decision row for an agenda item of the minutes form."""

    def get(self, request, *args, **kwargs):
        item = get_object_or_404(AgendaItem, meeting=self.meeting, pk=request.GET.get("item") or 0)
        try:
            index = int(request.GET.get("index", ""))
        except ValueError:
            raise Http404 from None
        if not 0 <= index < 200:
            raise Http404
        formset = decision_formset(item, None, plan_items_for(self.meeting), user=request.user)
        # The row as the formset would build it at ``index`` (its public prefix and form kwargs), blank.
        form = formset.form(
            auto_id=formset.auto_id,
            prefix=formset.add_prefix(index),
            use_required_attribute=False,
            empty_permitted=True,
            renderer=formset.renderer,
            **formset.get_form_kwargs(index),
        )
        context = {"meeting": self.meeting, "item": item, "form": form, "formset": formset, "next_index": index + 1}
        return TemplateResponse(request, "councils/partials/_decision_row_added.html", context)


class MinutesAmendView(MeetingActionMixin, FormView):
    """«Внести изменения»: reopen a signed protocol with a reason; the signed PDF stays kept."""

    template_name = "councils/minutes_amend.html"
    form_class = forms.AmendForm

    def get_title(self):
        return f"Внесение изменений в протокол: {self.meeting}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["minutes"] = Minutes.objects.filter(meeting=self.meeting).first()
        return context

    def form_valid(self, form):
        minutes = Minutes.objects.filter(meeting=self.meeting).first()
        if minutes is None:
            raise Http404
        try:
            signing.minutes_amend(minutes=minutes, user=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Протокол открыт для изменений как новая редакция; "
            "подписанная редакция сохранена и доступна для скачивания.",
        )
        return HttpResponseRedirect(self.meeting.get_absolute_url() + "#minutes")


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
    """The protocol: a signed one as the PDF kept when it was signed, a draft rendered from the record."""

    def get(self, request, pk):
        meeting = get_object_or_404(selectors.meeting_list(user=request.user), pk=pk)
        minutes = selectors.minutes_for(user=request.user, meeting=meeting)
        if minutes is None:
            raise Http404
        inline = request.GET.get("inline") == "1"
        if minutes.status != MinutesStatus.SIGNED:
            return pdf_response(render_protocol(meeting, minutes), file_name(minutes), inline=inline)
        revision = minutes.revisions.order_by("-number").first()
        if revision is None:  # signed before signed protocols were kept: kept now, once
            with transaction.atomic():
                Minutes.objects.select_for_update().get(pk=minutes.pk)
                revision = minutes.revisions.order_by("-number").first() or signing.keep_signed(
                    minutes=minutes, user=None
                )
        with revision.pdf.open("rb") as handle:
            kept = handle.read()
        return pdf_response(kept, file_name(minutes), inline=inline)
