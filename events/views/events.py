"""Pages of events: the list, a card with its files and competition, proposal and publication."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView, View

from cluster_portal.core.access import can, can_add
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

from .. import filters, forms, io, selectors, services, tables
from ..choices import EventStatus
from ..models import CompetitionExpert, EventFile, Participant
from .personal import PersonalListMixin, log_personal

EVENTS_CRUMB = ("Мероприятия", reverse_lazy("events:event_list"))


# Kinds ------------------------------------------------------------------------------------------
class EventKindListView(ObjectListView):
    selector = selectors.event_kind_list
    table_class = tables.EventKindTable
    filterset_class = filters.EventKindFilter
    export_columns = io.EVENT_KIND_COLUMNS
    export_name = "event-kinds"
    parent_crumbs = [EVENTS_CRUMB]


class EventKindDetailView(ObjectDetailView):
    selector = selectors.event_kind_list


class EventKindEditView(ObjectEditView):
    selector = selectors.event_kind_list
    form_class = forms.EventKindForm


class EventKindDeleteView(ObjectDeleteView):
    selector = selectors.event_kind_list


# Events -----------------------------------------------------------------------------------------
class EventListView(ObjectListView):
    selector = selectors.event_list
    table_class = tables.EventTable
    filterset_class = filters.EventFilter
    export_columns = io.EVENT_COLUMNS
    export_name = "events"
    import_kind = "events"
    template_name = "events/event_list.html"


class EventDetailView(ObjectDetailView):
    selector = selectors.event_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        context["photos"], context["documents"] = selectors.event_files(event=event, user=user)
        context["can_publish"] = services.can_publish(user, event)
        context["can_return"] = services.can_return(user, event)
        context["can_change"] = bool(context["edit_url"])
        context["file_add_url"] = (
            reverse("events:eventfile_add") + f"?event={event.pk}"
            if can_add(user, EventFile) and can(user, event, "change")
            else ""
        )
        if event.kind.is_competition:
            self.competition_context(context)
        return context

    def competition_context(self, context):
        event, user = self.object, self.request.user
        participants = list(
            selectors.participant_list(user=user).filter(event=event).order_by("competence", "place", "pk")
        )
        log_personal(self.request, "Участники конкурса", shown=bool(participants))
        context.update(
            participants=participants,
            experts=list(selectors.competition_expert_list(user=user).filter(event=event).order_by("competence", "pk")),
            summary=selectors.competition_summary(event),
            participant_add_url=(
                reverse("events:participant_add") + f"?event={event.pk}" if can_add(user, Participant) else ""
            ),
            expert_add_url=(
                reverse("events:competitionexpert_add") + f"?event={event.pk}"
                if can_add(user, CompetitionExpert) and can(user, event, "change")
                else ""
            ),
        )


class EventEditView(ObjectEditView):
    selector = selectors.event_list
    form_class = forms.EventForm

    def get_success_message(self):
        if self.object.status == EventStatus.PROPOSED:
            return f"Сохранено: «{self.object.title}». Мероприятие ждёт публикации координатором."
        return super().get_success_message()

    def save(self, form):
        return services.event_save(event=form.instance, user=self.request.user, relations=form.relations())


class EventDeleteView(ObjectDeleteView):
    selector = selectors.event_list


class EventPublishView(View):
    """POST: the coordinator publishes the event."""

    def post(self, request, pk):
        event = get_object_or_404(selectors.event_list(user=request.user), pk=pk)
        if not services.can_publish(request.user, event):
            raise PermissionDenied
        services.event_publish(event=event, user=request.user)
        messages.success(request, f"Опубликовано: «{event.title}».")
        return HttpResponseRedirect(event.get_absolute_url())


class EventReturnView(PortalView, FormView):
    """The coordinator returns an event to its proposer with a comment."""

    form_class = forms.EventReturnForm
    template_name = "events/event_return.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(selectors.event_list(user=request.user), pk=kwargs["pk"])
        if not services.can_return(request.user, self.event):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Вернуть на доработку: {self.event.title}"

    def get_breadcrumbs(self):
        return [EVENTS_CRUMB, (str(self.event), self.event.get_absolute_url())]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event}

    def form_valid(self, form):
        try:
            services.event_return(event=self.event, user=self.request.user, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Мероприятие «{self.event.title}» возвращено на доработку.")
        return HttpResponseRedirect(self.event.get_absolute_url())


# Files and photos -------------------------------------------------------------------------------
class EventChildEditView(ChildEditView):
    """A row kept on an event's page by those who may change the event (files, experts)."""

    parent_field = "event"
    parent_crumbs = [EVENTS_CRUMB]

    def get_object(self, queryset=None):
        self.object = super().get_object(queryset)
        parent = self.parent() if self.object is None else None
        if parent is not None and not can(self.request.user, parent, "change"):
            raise PermissionDenied
        return self.object


class EventFileEditView(EventChildEditView):
    selector = selectors.event_file_list
    form_class = forms.EventFileForm

    def save(self, form):
        return services.event_file_save(row=form.instance, user=self.request.user)


class EventFileDeleteView(ChildDeleteView):
    selector = selectors.event_file_list
    parent_field = "event"


# Competitions -----------------------------------------------------------------------------------
class ParticipantListView(PersonalListMixin, ObjectListView):
    selector = selectors.participant_list
    table_class = tables.ParticipantTable
    filterset_class = filters.ParticipantFilter
    export_columns = io.PARTICIPANT_COLUMNS
    export_name = "competition-participants"
    import_kind = "competition-participants"
    log_label = "Участники конкурсов"
    parent_crumbs = [EVENTS_CRUMB]


class ParticipantEditView(ChildEditView):
    selector = selectors.participant_list
    form_class = forms.ParticipantForm
    parent_field = "event"
    parent_crumbs = [EVENTS_CRUMB]


class ParticipantDeleteView(ChildDeleteView):
    selector = selectors.participant_list
    parent_field = "event"


class CompetitionExpertListView(ObjectListView):
    selector = selectors.competition_expert_list
    table_class = tables.CompetitionExpertTable
    filterset_class = filters.CompetitionExpertFilter
    export_columns = io.COMPETITION_EXPERT_COLUMNS
    export_name = "competition-experts"
    parent_crumbs = [EVENTS_CRUMB]


class CompetitionExpertEditView(EventChildEditView):
    selector = selectors.competition_expert_list
    form_class = forms.CompetitionExpertForm


class CompetitionExpertDeleteView(ChildDeleteView):
    selector = selectors.competition_expert_list
    parent_field = "event"
