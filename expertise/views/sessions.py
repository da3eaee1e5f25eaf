"""Expert sessions: the generic pages and the bulk assignment of experts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from cluster_portal.core.access import can, readable
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.urls_helpers import url_for
from cluster_portal.core.views import (
    FormsetsMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PortalView,
)

from .. import filters, forms, io, selectors, services, tables
from ..models import Review

SESSIONS_CRUMB = ("Экспертные сессии", "expertise:expertsession_list")


class SessionPageMixin(PortalView):
    """A page about one session the user may see; ``check_access`` adds what else it needs."""

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(selectors.session_list(user=request.user), pk=kwargs["pk"])
        self.check_access(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, user) -> None:
        """Raise PermissionDenied when the user may not open this page of the session."""

    def get_breadcrumbs(self):
        label, name = SESSIONS_CRUMB
        return [(label, reverse(name)), (str(self.session), self.session.get_absolute_url())]


class SessionListView(ObjectListView):
    list_reads = ("expertise", "programs", "members")
    filter_reads = ()
    selector = selectors.session_list
    table_class = tables.SessionTable
    filterset_class = filters.SessionFilter
    export_columns = io.SESSION_COLUMNS
    export_name = "expert-sessions"
    title = "Экспертные сессии"
    template_name = "expertise/expertsession_list.html"
    list_select_related = ("template",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["my_counts"] = selectors.my_review_counts(user=self.request.user) if self.is_expert() else None
        return context

    def is_expert(self):
        return role_of(self.request.user) == Role.EXPERT


class SessionDetailView(ObjectDetailView):
    selector = selectors.session_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        participants = selectors.session_participants(session=self.object, user=user)
        visible = set(
            selectors.session_program_list(user=user)
            .filter(participant__session=self.object)
            .values_list("pk", flat=True)
        )
        for participant in participants:
            for item in participant.programs.all():
                item.program_url = url_for(item.program, "detail")
                item.results_visible = item.pk in visible
        context["participants"] = participants
        context["program_total"] = sum(len(p.programs.all()) for p in participants)
        context["is_coordinator"] = can(user, self.object, "change")
        context["show_names"] = readable(user, Review, "expert")
        context["results_visible"] = bool(visible)
        if context["is_coordinator"] and self.object.checklist_deadline:
            context["extend_form"] = forms.ExtendDeadlineForm(session=self.object)
        return context


class SessionExtendView(SessionDetailView):
    """The coordinator extends the checklist deadline for every expert of the session or for one."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = session = self.get_object()
        if not can(request.user, session, "change"):
            raise PermissionDenied
        form = forms.ExtendDeadlineForm(request.POST, session=session)
        if form.is_valid():
            until, expert = form.cleaned_data["until"], form.cleaned_data["expert"]
            try:
                count = services.checklist_deadline_extend(session=session, until=until, expert=expert)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                whom = f"эксперту {expert}" if expert else "всем экспертам сессии"
                messages.success(request, f"Срок продлён {whom} до {until:%d.%m.%Y}; листов: {count}.")
        else:
            messages.error(request, "Укажите новый срок.")
        return HttpResponseRedirect(session.get_absolute_url())


class SessionEditView(FormsetsMixin, ObjectEditView):
    selector = selectors.session_list
    form_class = forms.SessionForm
    template_name = "expertise/expertsession_form.html"

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            from members.selectors import default_cluster

            initial["cluster"] = default_cluster(user=self.request.user)
            initial["template"] = selectors.current_template()
        return initial

    def get_formsets(self):
        if self.request.method == "POST":
            return {"participants": forms.ParticipantFormSet(self.request.POST, prefix="p")}
        initial = []
        if self.object is not None:
            for participant in (
                self.object.participants.select_related("college")
                .prefetch_related("enterprises", "programs")
                .order_by("order", "pk")
            ):
                initial.append(
                    {
                        "college": participant.college_id,
                        "enterprises": [o.pk for o in participant.enterprises.all()],
                        "programs": [sp.program_id for sp in participant.programs.all()],
                        "order": participant.order,
                    }
                )
        formset = forms.ParticipantFormSet(
            initial=initial, prefix="p", form_kwargs={"choices": forms.participant_choices(initial)}
        )
        return {"participants": formset}

    def save(self, form):
        rows = (
            f.cleaned_data
            for f in self.formsets["participants"].forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        specs = [
            services.ParticipantSpec(
                college=row["college"],
                enterprises=list(row.get("enterprises") or ()),
                programs=list(row.get("programs") or ()),
                order=row.get("order") if row.get("order") is not None else index,
            )
            for index, row in enumerate(rows, start=1)
        ]
        return services.session_save(session=form.save(commit=False), participants=specs)


class SessionDeleteView(ObjectDeleteView):
    selector = selectors.session_list


class SessionAssignView(SessionPageMixin, TemplateView):
    """Bulk assignment: a grid of the session's programs × experts."""

    template_name = "expertise/session_assign.html"

    def check_access(self, user):
        if not can(user, self.session, "change"):
            raise PermissionDenied

    def get_title(self):
        return f"Назначение экспертов: {self.session}"

    def grid(self, wanted=None):
        participants = selectors.session_participants(session=self.session, user=self.request.user)
        programs = [sp for p in participants for sp in p.programs.all()]
        enterprise_ids = {o.pk for p in participants for o in p.enterprises.all()}
        experts = list(
            selectors.expert_list(user=self.request.user)
            .prefetch_related("affiliations")
            .filter(is_active=True)
            .order_by("person__organization__short_name", "person__last_name", "pk")
        )
        # Experts of the session's enterprises first: those are the ones the table names.
        experts.sort(key=lambda e: e.person.organization_id not in enterprise_ids)
        reviews = {(r.session_program_id, r.expert_id): r for sp in programs for r in sp.reviews.all()}
        rows = []
        for sp in programs:
            cells = []
            for expert in experts:
                review = reviews.get((sp.pk, expert.pk))
                key = (sp.pk, expert.pk)
                cells.append(
                    {
                        "name": f"a-{sp.pk}-{expert.pk}",
                        "checked": key in wanted if wanted is not None else review is not None,
                        "locked": review is not None and review.status != "assigned",
                        "review": review,
                        "conflict": expert.works_for(sp.program.college_id, {o.pk for o in expert.affiliations.all()}),
                        # A grid of identical checkboxes is unusable by ear: each one names its pair.
                        "label": f"{expert.person.short_name} — {sp.program.specialty}",
                    }
                )
            rows.append({"program": sp, "cells": cells})
        return experts, rows, enterprise_ids

    def get_context_data(self, wanted=None, conflicts=None, **kwargs):
        context = super().get_context_data(**kwargs)
        experts, rows, enterprise_ids = self.grid(wanted)
        context.update(
            session=self.session,
            experts=experts,
            rows=rows,
            enterprise_ids=enterprise_ids,
            conflicts=conflicts or [],
        )
        return context

    def post(self, request, *args, **kwargs):
        wanted = set()
        for key in request.POST:
            if key.startswith("a-"):
                try:
                    _a, sp_id, expert_id = key.split("-")
                    wanted.add((int(sp_id), int(expert_id)))
                except ValueError:
                    continue
        try:
            result = services.reviews_assign(
                session=self.session,
                wanted=wanted,
                user=request.user,
                confirm_conflicts=bool(request.POST.get("confirm")),
            )
        except services.ConflictOfInterest as exc:
            messages.warning(request, "Есть назначения с конфликтом интересов: подтвердите их или снимите.")
            return self.render_to_response(self.get_context_data(wanted=wanted, conflicts=exc.pairs))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(wanted=wanted))
        messages.success(
            request,
            f"Назначения сохранены: новых {len(result.created)}, снято {result.removed}. "
            "Назначенным экспертам отправлены письма со ссылкой на экспертный лист.",
        )
        return HttpResponseRedirect(self.session.get_absolute_url())
