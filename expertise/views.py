"""Pages of the expertise app: generic declarations plus the checklist, assignment and results workflows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from cluster_portal.core.access import can, may, require_role
from cluster_portal.core.audit import history_for
from cluster_portal.core.pdf import pdf_response, render_pdf
from cluster_portal.core.roles import STAFF_ROLES, Role, role_of
from cluster_portal.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView, PortalView
from cluster_portal.core.xlsx import export_filename, workbook_response

from . import filters, forms, io, selectors, services, tables
from .models import Expert, Review, SessionProgram

NAMES_VISIBLE_TO = frozenset({Role.COORDINATOR, Role.SECRETARY, Role.COLLEGE})


def program_url(program) -> str:
    """The program bank's page of a program, when the program bank serves one."""
    from django.urls import NoReverseMatch

    try:
        return program.get_absolute_url()
    except NoReverseMatch:
        return ""


# Sessions ---------------------------------------------------------------------------------------
class SessionListView(ObjectListView):
    selector = selectors.session_list
    table_class = tables.SessionTable
    filterset_class = filters.SessionFilter
    export_columns = io.SESSION_COLUMNS
    export_name = "expert-sessions"
    title = "Экспертные сессии"
    template_name = "expertise/expertsession_list.html"

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
                item.program_url = program_url(item.program)
                item.results_visible = item.pk in visible
        context["participants"] = participants
        context["program_total"] = sum(len(p.programs.all()) for p in participants)
        context["is_coordinator"] = can(user, self.object, "change")
        context["show_names"] = role_of(user) in NAMES_VISIBLE_TO or role_of(user) == Role.EXPERT
        context["results_visible"] = bool(visible)
        return context


class SessionEditView(ObjectEditView):
    selector = selectors.session_list
    form_class = forms.SessionForm
    template_name = "expertise/expertsession_form.html"

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            from members.selectors import default_cluster

            initial["cluster"] = default_cluster()
            initial["template"] = selectors.current_template()
        return initial

    def participants_formset(self):
        if self.request.method == "POST":
            return forms.ParticipantFormSet(self.request.POST, prefix="p")
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
        return forms.ParticipantFormSet(
            initial=initial, prefix="p", form_kwargs={"choices": forms.participant_choices()}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("participants", self.participants_formset())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        participants = self.participants_formset()
        if form.is_valid() and participants.is_valid():
            specs = [
                services.ParticipantSpec(
                    college=row["college"],
                    enterprises=list(row.get("enterprises") or ()),
                    programs=list(row.get("programs") or ()),
                    order=row.get("order") if row.get("order") is not None else index,
                )
                for index, row in enumerate(
                    (f.cleaned_data for f in participants.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")),
                    start=1,
                )
            ]
            try:
                with transaction.atomic():
                    self.object = services.session_save(session=form.save(commit=False), participants=specs)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.message_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, f"Сохранено: «{self.object}».")
                return HttpResponseRedirect(self.object.get_absolute_url())
        messages.error(request, "Проверьте поля, отмеченные ниже: данные не сохранены.")
        return self.render_to_response(self.get_context_data(form=form, participants=participants))


class SessionDeleteView(ObjectDeleteView):
    selector = selectors.session_list


class SessionAssignView(PortalView, TemplateView):
    """Bulk assignment: a grid of the session's programs × experts."""

    template_name = "expertise/session_assign.html"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(selectors.session_list(user=request.user), pk=kwargs["pk"])
        if not can(request.user, self.session, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Назначение экспертов: {self.session}"

    def get_breadcrumbs(self):
        return [
            ("Экспертные сессии", reverse("expertise:expertsession_list")),
            (str(self.session), self.session.get_absolute_url()),
        ]

    def grid(self, wanted=None):
        participants = selectors.session_participants(session=self.session, user=self.request.user)
        programs = [sp for p in participants for sp in p.programs.all()]
        enterprise_ids = {o.pk for p in participants for o in p.enterprises.all()}
        experts = list(
            selectors.expert_list(user=self.request.user)
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


class SessionResultsView(PortalView, TemplateView):
    """Summary of a session: each program's outcome; Excel and PDF."""

    template_name = "expertise/session_results.html"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(selectors.session_list(user=request.user), pk=kwargs["pk"])
        if not may(request.user, SessionProgram, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Итоги: {self.session}"

    def get_breadcrumbs(self):
        return [
            ("Экспертные сессии", reverse("expertise:expertsession_list")),
            (str(self.session), self.session.get_absolute_url()),
        ]

    def results(self):
        return _attach_program_urls_results(selectors.session_results(session=self.session, user=self.request.user))

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            results = self.results()
            return workbook_response(
                [
                    ("Итоги", io.SUMMARY_COLUMNS, io.summary_rows(results)),
                    ("Оценки по критериям", io.RESULT_COLUMNS, io.result_rows(results)),
                ],
                export_filename(f"expert-session-{self.session.pk}"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self.session
        context["results"] = self.results()
        context["show_names"] = role_of(self.request.user) in NAMES_VISIBLE_TO
        return context


def _attach_program_urls_results(results):
    for result in results:
        result.program_url = program_url(result.session_program.program)
    return results


class SessionResultsPdfView(SessionResultsView):
    def get(self, request, *args, **kwargs):
        context = {
            "session": self.session,
            "results": self.results(),
            "show_names": role_of(request.user) in NAMES_VISIBLE_TO,
            "title": f"Итоги экспертной сессии {self.session.period}",
            "now": timezone.localtime(),
        }
        pdf = render_pdf("expertise/pdf/session_results.html", context, request=request)
        return pdf_response(pdf, f"itogi-ekspertnoj-sessii-{self.session.pk}.pdf")


class SessionProgramDetailView(PortalView, TemplateView):
    """Results for one program: every criterion with each expert's verdict and remark."""

    template_name = "expertise/sessionprogram_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(selectors.session_program_list(user=request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Результаты экспертизы: {self.item.program}"

    def get_breadcrumbs(self):
        session = self.item.participant.session
        crumbs = [("Экспертные сессии", reverse("expertise:expertsession_list"))]
        if can(self.request.user, session, "view"):
            crumbs.append((str(session), session.get_absolute_url()))
        return crumbs

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            results = selectors.program_results(session_programs=[self.item])
            return workbook_response(
                [("Результаты", io.RESULT_COLUMNS, io.result_rows(results))],
                export_filename(f"expertise-program-{self.item.pk}"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["item"] = self.item
        context["result"] = selectors.program_results(session_programs=[self.item])[0]
        context["program_url"] = program_url(self.item.program)
        context["show_names"] = role_of(user) in NAMES_VISIBLE_TO
        context["reviews"] = (
            list(
                selectors.review_list(user=user).filter(session_program=self.item).order_by("expert__person__last_name")
            )
            if role_of(user) in STAFF_ROLES
            else []
        )
        return context


# Reviews ----------------------------------------------------------------------------------------
class ReviewListView(ObjectListView):
    selector = selectors.review_list
    table_class = tables.ReviewTable
    filterset_class = filters.ReviewFilter
    export_columns = io.REVIEW_COLUMNS
    export_name = "reviews"

    def get_title(self):
        return "Мои экспертные листы" if role_of(self.request.user) == Role.EXPERT else "Экспертные листы"

    def get_table_kwargs(self):
        return {"user": self.request.user}


class ReviewDetailView(ObjectDetailView):
    """A checklist, read-only: what the expert entered, the review's history, the coordinator's return."""

    selector = selectors.review_list
    show_history = False

    def get_breadcrumbs(self):
        return [(forms_title(self.request.user), reverse("expertise:review_list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        user = self.request.user
        context.update(review_context(review))
        context["events"] = selectors.review_events(review)
        context["edit_url"] = review.get_fill_url() if review.expert.user_id == user.pk and review.is_editable else ""
        context["delete_url"] = ""
        context["can_return"] = role_of(user) == Role.COORDINATOR and review.status == "submitted"
        context["return_form"] = kwargs.get("return_form") or forms.ReturnForm()
        context["history"] = history_for(review) if role_of(user) in STAFF_ROLES else None
        context["program_url"] = program_url(review.session_program.program)
        return context


CARD_FIELDS = (
    "card",
    "relevance",
    "goals",
    "tasks",
    "demand",
    "variable_part",
    "quality_assessment",
    "expected_results",
    "equipment",
    "staff",
    "prospects_network",
    "prospects_dual",
)


def program_card(program) -> list[tuple[str, str]]:
    """The presentation card of a program as (label, text) pairs, in the seed's order."""
    meta = program._meta
    return [(str(meta.get_field(name).verbose_name).capitalize(), getattr(program, name)) for name in CARD_FIELDS]


def forms_title(user) -> str:
    return "Мои экспертные листы" if role_of(user) == Role.EXPERT else "Экспертные листы"


def review_context(review: Review) -> dict:
    """The filled checklist of a review: sections with (criterion, answer) rows."""
    structure = selectors.template_structure(review.session_program.participant.session.template)
    answers = selectors.answers_of(review)
    return {
        "review": review,
        "sections": [(section, [(c, answers.get(c.pk)) for c in criteria]) for section, criteria in structure],
    }


class ReviewFillView(PortalView, TemplateView):
    """The expert's online checklist: the program card beside it, draft and submit, optimistic locking."""

    template_name = "expertise/review_fill.html"

    def dispatch(self, request, *args, **kwargs):
        # Another expert's review does not exist for this user: 404, not 403.
        self.review = get_object_or_404(selectors.review_list(user=request.user), pk=kwargs["pk"])
        if self.review.expert.user_id != request.user.pk:
            raise PermissionDenied  # staff may read a review, only its expert fills it in
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Экспертный лист: {self.review.session_program.program}"

    def get_breadcrumbs(self):
        return [(forms_title(self.request.user), reverse("expertise:review_list"))]

    def setup_form(self, data=None, submit=False, version=None):
        review = self.review
        session = review.session_program.participant.session
        self.structure = selectors.template_structure(session.template)
        self.answers = selectors.answers_of(review)
        criteria = [c for _s, items in self.structure for c in items]
        figures = {}
        kinds = {c.practice_figure for c in criteria if c.practice_figure}
        if kinds:
            texts = selectors.criterion_figures(
                program=review.session_program.program, session_year=session.date_from.year, kinds=kinds
            )
            self.figures_available = texts is not None
            figures = {c.pk: (texts or {}).get(c.practice_figure, "") for c in criteria if c.practice_figure}
        form = forms.ReviewForm(
            data,
            structure=self.structure,
            answers=self.answers,
            figures=figures,
            submit=submit,
            initial={"version": review.version if version is None else version, "conclusion": review.conclusion},
        )
        return form

    def get(self, request, *args, **kwargs):
        if not self.review.is_editable:
            messages.info(request, "Экспертный лист отправлен и доступен только для чтения.")
            return HttpResponseRedirect(self.review.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, stale=None, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.review
        program = review.session_program.program
        events = selectors.review_events(review)
        context.update(
            review=review,
            form=form or self.setup_form(),
            program=program,
            program_url=program_url(program),
            documents=list(program.documents.order_by("title", "pk")),
            partners=list(program.partners.order_by("short_name")),
            events=events,
            last_return=next((e for e in reversed(events) if e.action == "returned"), None),
            program_card_sections=program_card(program),
            stale=stale,
            figures_missing=not getattr(self, "figures_available", True),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not can(request.user, self.review, "change"):
            raise PermissionDenied  # submitted: read-only, whatever the request says
        submit = request.POST.get("action") == "submit"
        form = self.setup_form(request.POST, submit=submit)
        if not form.is_valid():
            messages.error(
                request,
                "Лист не отправлен: заполните отмеченные поля."
                if submit
                else "Проверьте отмеченные поля: черновик не сохранён.",
            )
            return self.render_to_response(self.get_context_data(form=form))
        try:
            review = services.review_save(
                review=self.review,
                criteria=form.criteria,
                answers=form.answers,
                conclusion=form.cleaned_data.get("conclusion", ""),
                expected_version=form.cleaned_data["version"],
                user=request.user,
                submit=submit,
            )
        except services.ReviewLocked:
            messages.error(request, "Экспертный лист уже отправлен: изменения не сохранены.")
            return HttpResponseRedirect(self.review.get_absolute_url())
        except services.StaleReview as exc:
            current = exc.review
            self.review = current
            # Keep the user's input; the next save knowingly replaces the newer version.
            data = request.POST.copy()
            data["version"] = str(current.version)
            form = self.setup_form(data, submit=submit)
            form.is_valid()
            messages.error(
                request,
                "Экспертный лист был изменён в другой вкладке или окне "
                f"({timezone.localtime(current.updated_at):%d.%m.%Y %H:%M}). "
                "Ваши изменения НЕ сохранены и показаны ниже вместе с сохранённой версией. "
                "Проверьте их и нажмите «Сохранить» ещё раз, чтобы заменить сохранённую версию.",
            )
            return self.render_to_response(self.get_context_data(form=form, stale=current))
        if submit:
            messages.success(request, "Экспертный лист отправлен. Спасибо!")
            return HttpResponseRedirect(review.get_absolute_url())
        messages.success(request, f"Черновик сохранён {timezone.localtime(review.updated_at):%d.%m.%Y %H:%M}.")
        return HttpResponseRedirect(review.get_fill_url())


class ReviewReturnView(ReviewDetailView):
    """The coordinator returns a submitted checklist to its expert, with a reason."""

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_object().get_absolute_url())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        require_role(request.user, [Role.COORDINATOR])
        form = forms.ReturnForm(request.POST)
        if form.is_valid():
            try:
                services.review_return(review=self.object, reason=form.cleaned_data["reason"], user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, "Экспертный лист возвращён эксперту на доработку; эксперту отправлено письмо."
                )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.error(request, "Укажите причину возврата.")
        return self.render_to_response(self.get_context_data(return_form=form))


class ReviewPdfView(ReviewDetailView):
    """A printable filled checklist with the expert's name, organization and date."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        review = self.object
        context = {
            **review_context(review),
            "title": "Экспертный лист для оценки программы",
            "program": review.session_program.program,
            "session": review.session_program.participant.session,
            "expert": review.expert,
            "date": timezone.localtime(review.submitted_at).date() if review.submitted_at else None,
        }
        pdf = render_pdf("expertise/pdf/review.html", context, request=request)
        return pdf_response(pdf, f"ekspertnyj-list-{review.pk}.pdf")


class ReviewDeleteView(ObjectDeleteView):
    """Remove an assignment the expert has not started."""

    selector = selectors.review_list

    def delete_object(self, obj):
        session = obj.session_program.participant.session
        self.redirect_to = session.get_absolute_url()
        obj.delete()

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code == 302 and getattr(self, "redirect_to", ""):
            return HttpResponseRedirect(self.redirect_to)
        return response


# Experts ----------------------------------------------------------------------------------------
class ExpertListView(ObjectListView):
    selector = selectors.expert_list
    table_class = tables.ExpertTable
    filterset_class = filters.ExpertFilter
    export_columns = io.EXPERT_COLUMNS
    export_name = "experts"
    title = "Эксперты"
    import_kind = "expert-certificates"
    template_name = "expertise/expert_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expiring"] = list(selectors.expiring_certificates(user=self.request.user)[:20])
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


class ExpertEditView(ObjectEditView):
    selector = selectors.expert_list
    form_class = forms.ExpertForm
    template_name = "expertise/expert_form.html"

    def certificates(self):
        instance = self.object or Expert()
        if self.request.method == "POST":
            return forms.CertificateFormSet(self.request.POST, instance=instance, prefix="cert")
        return forms.CertificateFormSet(instance=instance, prefix="cert")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("certificates", self.certificates())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        certificates = self.certificates()
        if form.is_valid() and certificates.is_valid():
            self.object = services.expert_save(form=form, certificates=certificates)
            messages.success(request, f"Сохранено: «{self.object}».")
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.error(request, "Проверьте поля, отмеченные ниже: данные не сохранены.")
        return self.render_to_response(self.get_context_data(form=form, certificates=certificates))


class ExpertDeleteView(ObjectDeleteView):
    selector = selectors.expert_list


# Checklist templates ----------------------------------------------------------------------------
class TemplateListView(ObjectListView):
    selector = selectors.template_list
    table_class = tables.TemplateTable
    filterset_class = filters.TemplateFilter
    export_columns = io.TEMPLATE_COLUMNS
    export_name = "checklist-templates"
    title = "Шаблоны экспертного листа"


class TemplateDetailView(ObjectDetailView):
    selector = selectors.template_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structure"] = selectors.template_structure(self.object)
        context["in_use"] = self.object.is_in_use()
        context["revisions"] = list(self.object.revisions.order_by("version"))
        if self.object.is_archived:
            context["edit_url"] = ""
        return context


class TemplateEditView(ObjectEditView):
    """Edit a template; one already used in reviews stays as it is and a new version is saved."""

    selector = selectors.template_list
    template_name = "expertise/checklisttemplate_form.html"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj is not None and obj.is_archived:
            raise PermissionDenied
        return obj

    def get_form_class(self):
        return forms.TemplateForm

    def get_form_kwargs(self):
        kwargs = {"prefix": None}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        else:
            kwargs["initial"] = self.initial_data[0]
        return kwargs

    def get_form(self, form_class=None):
        return forms.TemplateForm(**self.get_form_kwargs())

    @property
    def initial_data(self):
        if not hasattr(self, "_initial_data"):
            structure = selectors.template_structure(self.object) if self.object else []
            self._initial_data = forms.template_initial(self.object, structure)
        return self._initial_data

    def formsets(self):
        if self.request.method == "POST":
            return (
                forms.SectionFormSet(self.request.POST, prefix="s"),
                forms.CriterionFormSet(self.request.POST, prefix="c"),
            )
        _form, sections, criteria = self.initial_data
        return forms.SectionFormSet(initial=sections, prefix="s"), forms.CriterionFormSet(initial=criteria, prefix="c")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "sections" not in context:
            context["sections"], context["criteria"] = self.formsets()
        context["in_use"] = self.object is not None and self.object.is_in_use()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        sections, criteria = self.formsets()
        if form.is_valid() and sections.is_valid() and criteria.is_valid():
            kept = [f.cleaned_data for f in criteria.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            specs = []
            for row in sorted(
                (f.cleaned_data for f in sections.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")),
                key=lambda r: r["number"],
            ):
                items = [
                    services.CriterionSpec(
                        number=c["number"],
                        text=c["text"].strip(),
                        norm_kind=c["norm_kind"],
                        norm_share=c.get("norm_share"),
                        practice_figure=c.get("practice_figure") or "",
                    )
                    for c in kept
                    if c["section"] == row["number"]
                ]
                specs.append(services.SectionSpec(number=row["number"], title=row["title"], criteria=items))
            orphans = sorted({c["number"] for c in kept if c["section"] not in {s.number for s in specs}})
            try:
                if orphans:
                    raise ValidationError(f"Критерии {', '.join(orphans)} относятся к несуществующему разделу.")
                with transaction.atomic():
                    template, new_version = services.template_save(
                        template=self.object,
                        title=form.cleaned_data["title"],
                        note=form.cleaned_data["note"],
                        sections=specs,
                    )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                if new_version:
                    messages.success(
                        request,
                        "Шаблон уже применялся в экспертных листах, поэтому сохранена новая версия "
                        f"{template.version}; "
                        f"версия {self.object.version} осталась без изменений.",
                    )
                else:
                    messages.success(request, f"Сохранено: «{template}».")
                return HttpResponseRedirect(template.get_absolute_url())
        messages.error(request, "Проверьте поля, отмеченные ниже: данные не сохранены.")
        return self.render_to_response(self.get_context_data(form=form, sections=sections, criteria=criteria))


class TemplateDeleteView(ObjectDeleteView):
    selector = selectors.template_list


class TemplatePdfView(TemplateDetailView):
    """The blank checklist for printing."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = {
            "title": self.object.title,
            "sections": [(s, [(c, None) for c in items]) for s, items in selectors.template_structure(self.object)],
            "blank": True,
        }
        pdf = render_pdf("expertise/pdf/review.html", context, request=request)
        return pdf_response(pdf, f"ekspertnyj-list-v{self.object.version}.pdf")
