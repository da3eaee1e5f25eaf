"""Reviews: the expert's online checklist, the read-only checklist, return, PDF and removal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from cluster_portal.core.access import can, require_role
from cluster_portal.core.audit import history_for
from cluster_portal.core.pdf import pdf_response, render_pdf
from cluster_portal.core.roles import STAFF_ROLES, Role, role_of
from cluster_portal.core.urls_helpers import url_for
from cluster_portal.core.views import ChildDeleteView, ObjectDetailView, ObjectListView, PortalView
from programs.card import card_of

from .. import filters, forms, io, selectors, services, tables
from ..models import Review


class ReviewListView(ObjectListView):
    list_reads = ("expertise", "programs", "members")
    selector = selectors.review_list
    table_class = tables.ReviewTable
    filterset_class = filters.ReviewFilter
    export_columns = io.REVIEW_COLUMNS
    export_name = "reviews"

    @property
    def filter_reads(self):
        # The choice of sessions: every session of the cluster for those who see them all (the staff, an
        # observer); the user's own, through the sessions' participants and reviews, for anyone else.
        if role_of(self.request.user) in STAFF_ROLES | {Role.OBSERVER}:
            return ("expertise.ExpertSession", "members")
        return ("expertise", "members")

    def get_title(self):
        return forms_title(self.request.user)

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
        context["history"] = history_for(review, user) if role_of(user) in STAFF_ROLES else None
        context["program_url"] = url_for(review.session_program.program, "detail")
        return context


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
                program=review.session_program.program,
                session_year=session.date_from.year,
                session_end=session.date_to,
                kinds=kinds,
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
            program_url=url_for(program, "detail"),
            documents=list(program.documents.order_by("title", "pk")),
            partners=list(program.partners.order_by("short_name")),
            events=events,
            last_return=next((e for e in reversed(events) if e.action == "returned"), None),
            program_card_sections=[section for section in card_of(program) if section["rows"]],
            locked=review.is_editable and review.is_past_deadline(),
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
        except services.DeadlinePassed as exc:
            messages.error(
                request,
                f"Срок заполнения истёк {exc.deadline:%d.%m.%Y}: изменения не сохранены. "
                "Продлить срок может координатор кластера.",
            )
            return HttpResponseRedirect(self.review.get_fill_url())
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


class ReviewAutosaveView(ReviewFillView):
    """The draft saved by htmx after each answer: the status line, the progress and each criterion's state."""

    http_method_names = ["post"]
    template_name = "expertise/partials/_checklist_autosave.html"

    def post(self, request, *args, **kwargs):
        form = self.setup_form(request.POST)
        saved_at, problem = None, ""
        if not can(request.user, self.review, "change"):
            problem = "Лист отправлен: изменения больше не сохраняются."
        elif not form.is_valid():
            problem = "Черновик не сохранён: исправьте отмеченные поля."
        else:
            try:
                review = services.review_save(
                    review=self.review,
                    criteria=form.criteria,
                    answers=form.answers,
                    conclusion=form.cleaned_data.get("conclusion", ""),
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                )
            except services.DeadlinePassed as exc:
                problem = f"Срок заполнения истёк {exc.deadline:%d.%m.%Y}: изменения не сохраняются."
            except services.ReviewLocked:
                problem = "Лист отправлен: изменения больше не сохраняются."
            except services.StaleReview as exc:
                problem = (
                    "Лист изменён в другой вкладке или окне "
                    f"({timezone.localtime(exc.review.updated_at):%d.%m.%Y %H:%M}): черновик отсюда не сохранён. "
                    "Обновите страницу."
                )
            else:
                self.review, saved_at = review, timezone.localtime(review.updated_at)
        context = {"form": form, "review": self.review, "saved_at": saved_at, "problem": problem}
        return self.render_to_response(context)


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


class ReviewDeleteView(ChildDeleteView):
    """Remove an assignment the expert has not started."""

    selector = selectors.review_list
    parent_field = "session_program.participant.session"
