"""Pages of the practice app: declarations over the kernel's generic views, plus the collection
workflow and the analytics page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from django_htmx.http import HttpResponseClientRefresh

from cluster_portal.core.access import can_add, may
from cluster_portal.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from cluster_portal.core.views.generic import PortalView
from cluster_portal.core.xlsx import export_filename
from cluster_portal.jobs import summaries
from cluster_portal.jobs.services import job_start
from members.selectors import default_cluster

from . import analytics_export, analytics_summary, filters, forms, io, locks, selectors, services, tables
from .models import Placement


class StudentDataLogMixin:
    """Logs every view of student-level rows (pages and exports) for the coordinator's journal."""

    log_label = ""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            services.student_data_access_record(
                user=request.user,
                page=self.log_label,
                path=request.get_full_path(),
                exported=request.GET.get("export") == "xlsx",
            )
        return response


def _analytics_crumb():
    return ("Практика и трудоустройство", reverse("practice:analytics"))


class PracticeListView(ObjectListView):
    """A practice list, under the analytics in the breadcrumbs."""

    def get_breadcrumbs(self):
        return [_analytics_crumb()]


class PracticeDetailView(ObjectDetailView):
    def get_breadcrumbs(self):
        return [_analytics_crumb(), *super().get_breadcrumbs()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["read_only_reason"] = selectors.read_only_reason(self.request.user, self.object)
        return context


# Practice bases --------------------------------------------------------------------------------
class PracticeBaseListView(PracticeListView):
    # Models, not the app: the journal of student-data views (practice.StudentDataAccess) is written
    # on every read of a student list and would change the app's data version each time.
    list_reads = ("practice.PracticeBase", "programs", "members")
    filter_reads = ("programs.Specialty",)
    selector = selectors.practice_base_list
    table_class = tables.PracticeBaseTable
    filterset_class = filters.PracticeBaseFilter
    export_columns = io.BASE_COLUMNS
    export_name = "practice-bases"
    list_select_related = ("enterprise",)


class PracticeBaseDetailView(PracticeDetailView):
    selector = selectors.practice_base_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        base = self.object
        context["agreements"] = selectors.agreement_list(user=user).filter(enterprise=base.enterprise_id)[:50]
        context["placement_figures"] = selectors.base_figures(base=base)
        context["can_see_placements"] = may(user, Placement, "view")
        return context


class PracticeBaseEditView(ObjectEditView):
    selector = selectors.practice_base_list
    form_class = forms.PracticeBaseForm


class PracticeBaseDeleteView(ObjectDeleteView):
    selector = selectors.practice_base_list


# Agreements ------------------------------------------------------------------------------------
class AgreementListView(PracticeListView):
    selector = selectors.agreement_list
    table_class = tables.PracticeAgreementTable
    filterset_class = filters.PracticeAgreementFilter
    export_columns = io.AGREEMENT_COLUMNS
    export_name = "practice-agreements"


class AgreementDetailView(PracticeDetailView):
    selector = selectors.agreement_list


class AgreementEditView(ObjectEditView):
    selector = selectors.agreement_list
    form_class = forms.PracticeAgreementForm


class AgreementDeleteView(ObjectDeleteView):
    selector = selectors.agreement_list


# Students --------------------------------------------------------------------------------------
class StudentListView(StudentDataLogMixin, PracticeListView):
    list_reads = ("practice.Student", "programs", "members")
    filter_reads = ("programs.Specialty",)
    selector = selectors.student_list
    table_class = tables.StudentTable
    filterset_class = filters.StudentFilter
    export_columns = io.STUDENT_COLUMNS
    export_name = "students"
    import_kind = "students"
    log_label = "Список студентов"


class StudentDetailView(StudentDataLogMixin, PracticeDetailView):
    selector = selectors.student_list
    log_label = "Карточка студента"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["placements"] = selectors.placement_list(user=user).filter(student=self.object).order_by("date_start")
        context["outcomes"] = selectors.outcome_list(user=user).filter(student=self.object).order_by("year")
        context["can_add"] = can_add(user, Placement)  # whether the year is open is the form's check
        return context


class StudentEditView(ObjectEditView):
    selector = selectors.student_list
    form_class = forms.StudentForm


class StudentDeleteView(ObjectDeleteView):
    selector = selectors.student_list


# Placements ------------------------------------------------------------------------------------
class PlacementListView(StudentDataLogMixin, PracticeListView):
    list_reads = ("practice.Placement", "practice.Student", "practice.PracticeBase", "programs", "members")
    filter_reads = ()
    selector = selectors.placement_list
    table_class = tables.PlacementTable
    filterset_class = filters.PlacementFilter
    export_columns = io.PLACEMENT_COLUMNS
    export_name = "placements"
    import_kind = "placements"
    log_label = "Практики студентов"


class PlacementDetailView(StudentDataLogMixin, PracticeDetailView):
    selector = selectors.placement_list
    log_label = "Практика студента"


class PlacementEditView(ObjectEditView):
    selector = selectors.placement_list
    form_class = forms.PlacementForm


class PlacementDeleteView(ObjectDeleteView):
    selector = selectors.placement_list


# Employment outcomes ---------------------------------------------------------------------------
class OutcomeListView(StudentDataLogMixin, PracticeListView):
    list_reads = ("practice.EmploymentOutcome", "practice.Student", "programs", "members")
    filter_reads = ("programs.Specialty",)
    selector = selectors.outcome_list
    table_class = tables.EmploymentOutcomeTable
    filterset_class = filters.EmploymentOutcomeFilter
    export_columns = io.OUTCOME_COLUMNS
    export_name = "employment"
    import_kind = "outcomes"
    log_label = "Трудоустройство выпускников"


class OutcomeDetailView(StudentDataLogMixin, PracticeDetailView):
    selector = selectors.outcome_list
    log_label = "Запись о трудоустройстве"


class OutcomeEditView(ObjectEditView):
    selector = selectors.outcome_list
    form_class = forms.EmploymentOutcomeForm


class OutcomeDeleteView(ObjectDeleteView):
    selector = selectors.outcome_list


# Teacher internships ---------------------------------------------------------------------------
class InternshipListView(PracticeListView):
    selector = selectors.internship_list
    table_class = tables.TeacherInternshipTable
    filterset_class = filters.TeacherInternshipFilter
    export_columns = io.INTERNSHIP_COLUMNS
    export_name = "teacher-internships"


class InternshipDetailView(PracticeDetailView):
    selector = selectors.internship_list


class InternshipEditView(ObjectEditView):
    selector = selectors.internship_list
    form_class = forms.TeacherInternshipForm


class InternshipDeleteView(ObjectDeleteView):
    selector = selectors.internship_list


# Data collections ------------------------------------------------------------------------------
class CollectionListView(PracticeListView):
    selector = selectors.collection_list
    table_class = tables.DataCollectionTable
    filterset_class = filters.DataCollectionFilter
    export_columns = io.COLLECTION_COLUMNS
    export_name = "data-collections"


class CollectionDetailView(PracticeDetailView):
    selector = selectors.collection_list
    template_name = "practice/datacollection_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        collection = self.object
        submissions = list(
            selectors.submission_list(user=self.request.user)
            .filter(collection=collection)
            .order_by("college__short_name")
        )
        progress = selectors.collection_progress(collection, [s.college_id for s in submissions])
        today = timezone.localdate()
        context["rows"] = [
            {
                "submission": s,
                "progress": progress.get(s.college_id, selectors.Progress(0, 0, 0)),
                "late": selectors.submission_is_late(s, today),
                "late_submitted": bool(s.submitted_at and timezone.localdate(s.submitted_at) > collection.deadline),
            }
            for s in submissions
        ]
        context["labels"] = selectors.PROGRESS_LABELS[collection.topic]
        context["late_count"] = sum(1 for r in context["rows"] if r["late"])
        # A college sees its own answer only: while it locks the college's rows, no links to add more.
        locked = locks.writes_checked(self.request.user) and any(s.status in locks.LOCKING for s in submissions)
        context["links"] = selectors.collection_links(collection, self.request.user, writable=not locked)
        return context


class CollectionEditView(ObjectEditView):
    selector = selectors.collection_list
    form_class = forms.DataCollectionForm
    success_message = "Сбор данных «%(object)s» сохранён."

    def get_queryset(self):
        # The annotated selector cannot be saved through; edits use the plain rows.
        return selectors.collection_list(user=self.request.user, action="change")

    def save(self, form):
        if self.object is None:
            cluster = default_cluster()
            if cluster is None:
                raise ValidationError("Сначала заведите кластер.")
            data = form.cleaned_data
            return services.collection_open(
                cluster=cluster,
                title=data["title"],
                topic=data["topic"],
                year=data["year"],
                deadline=data["deadline"],
                instructions=data["instructions"],
            )
        collection = form.save()
        services.collection_sync_colleges(collection=collection)
        return collection

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)


class CollectionDeleteView(ObjectDeleteView):
    selector = selectors.collection_list


class SubmissionListView(PracticeListView):
    selector = selectors.submission_list
    table_class = tables.SubmissionTable
    filterset_class = filters.SubmissionFilter
    export_columns = io.SUBMISSION_COLUMNS
    export_name = "submissions"
    title = "Ответы ПОО на сборы данных"


class SubmissionDetailView(PracticeDetailView):
    selector = selectors.submission_list
    template_name = "practice/submission_detail.html"

    def get_breadcrumbs(self):
        collection = self.object.collection
        return [
            _analytics_crumb(),
            ("Сборы данных", reverse("practice:datacollection_list")),
            (str(collection), collection.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission, user = self.object, self.request.user
        collection = submission.collection
        progress = selectors.collection_progress(collection, [submission.college_id])
        context["progress"] = progress.get(submission.college_id, selectors.Progress(0, 0, 0))
        context["labels"] = selectors.PROGRESS_LABELS[collection.topic]
        context["late"] = selectors.submission_is_late(submission, timezone.localdate())
        context["can_submit"] = services.can_submit(user, submission)
        context["can_review"] = services.can_review(user, submission)
        context["can_withdraw"] = services.can_withdraw(user, submission)
        context["locks_rows"] = submission.status in locks.LOCKING
        # A college whose answer locks its rows is shown where to read them, not where to add more.
        writable = not (context["locks_rows"] and locks.writes_checked(user))
        context["submit_form"] = kwargs.get("submit_form") or forms.SubmitForm()
        context["review_form"] = kwargs.get("review_form") or forms.ReviewForm()
        context["links"] = selectors.collection_links(
            collection, self.request.user, college=submission.college, writable=writable
        )
        return context


class SubmissionActionView(SubmissionDetailView):
    """POST only: the college submits or withdraws, the coordinator accepts or returns."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = submission = get_object_or_404(selectors.submission_list(user=request.user), pk=kwargs["pk"])
        act = {"submit": self.submit, "withdraw": self.withdraw, "review": self.review}[kwargs["action"]]
        try:
            return act(request, submission)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(submission.get_absolute_url())

    def submit(self, request, submission):
        form = forms.SubmitForm(request.POST)
        if not form.is_valid():
            services.check_submit(request.user, submission)  # the rule answers before the form does
            return self.render_to_response(self.get_context_data(submit_form=form))
        services.submission_submit(submission=submission, user=request.user, note=form.cleaned_data["note"])
        messages.success(request, "Данные отправлены координатору.")
        return HttpResponseRedirect(submission.get_absolute_url())

    def withdraw(self, request, submission):
        services.submission_withdraw(submission=submission, user=request.user)
        messages.success(request, "Ответ отозван: данные снова можно изменять.")
        return HttpResponseRedirect(submission.get_absolute_url())

    def review(self, request, submission):
        form = forms.ReviewForm(request.POST)
        if not form.is_valid():
            services.check_review(request.user, submission)  # the rule answers before the form does
            return self.render_to_response(self.get_context_data(review_form=form))
        comment, college = form.cleaned_data["comment"], submission.college.short_name
        if form.cleaned_data["decision"] == forms.ReviewForm.ACCEPT:
            services.submission_accept(submission=submission, user=request.user, comment=comment)
            messages.success(request, f"Данные {college} приняты.")
        else:
            services.submission_return(submission=submission, user=request.user, comment=comment)
            messages.success(request, f"Данные {college} возвращены на доработку.")
        return HttpResponseRedirect(submission.get_absolute_url())


# Access log ------------------------------------------------------------------------------------
class AccessLogListView(PracticeListView):
    selector = selectors.access_log_list
    table_class = tables.StudentDataAccessTable
    filterset_class = filters.StudentDataAccessFilter
    export_columns = io.ACCESS_LOG_COLUMNS
    export_name = "student-data-access"


# Analytics -------------------------------------------------------------------------------------
class AnalyticsScopeMixin:
    """The graduates the analytics is about, from the filter in the query string."""

    def scope(self):
        """(the filter form, the stored summary's parameters, the latest monitored year)."""
        cluster = default_cluster()
        form = forms.AnalyticsFilterForm(self.request.GET or None, cluster=cluster)
        latest = selectors.latest_monitored_year()
        chosen = {"year_from": None, "year_to": latest, "college": None, "sector": None}
        if form.is_bound and form.is_valid():
            chosen = {**form.cleaned_data, "year_to": form.cleaned_data["year_to"] or latest}
        return form, analytics_summary.scope_params(**chosen), latest

    def query(self) -> str:
        return self.request.GET.urlencode()


class AnalyticsView(AnalyticsScopeMixin, PortalView, TemplateView):
    """Employment, job offers and the mentoring comparison, for every logged-in role (aggregates).

    The figures are the latest stored summary for the filter (``practice.analytics_summary``), computed by a
    worker after each change of the data; the page says when, and refreshes itself while a newer one is computed.
    """

    template_name = "practice/analytics.html"
    title = "Практика, наставничество и трудоустройство"

    def get(self, request, *args, **kwargs):
        form, params, latest = self.scope()
        context = self.get_context_data(
            form=form,
            summary=summaries.latest(analytics_summary.NAME, params),
            status_url=_with_query(reverse("practice:analytics_status"), self.query()),
            export_url=_with_query(reverse("practice:analytics_export"), self.query()),
            figures=selectors.overview(user=request.user),
            latest=latest,
        )
        return self.render_to_response(context)


class AnalyticsStatusView(AnalyticsScopeMixin, View):
    """The notice polled by htmx while a newer summary is computed; once it is stored, the page refreshes."""

    def get(self, request):
        summary = summaries.latest(analytics_summary.NAME, self.scope()[1])
        if not summary.pending:
            return HttpResponseClientRefresh()
        status_url = _with_query(request.path, self.query())
        return render(
            request, "practice/partials/_analytics_status.html", {"summary": summary, "status_url": status_url}
        )


class AnalyticsExportView(AnalyticsScopeMixin, View):
    """«Экспорт в Excel»: every row of every table, written by a worker; the user waits on the job's page."""

    def post(self, request):
        params = self.scope()[1]
        job = job_start(
            user=request.user,
            kind=analytics_export.KIND,
            title="Excel: аналитика практики и трудоустройства",
            params={**params, "filename": export_filename("practice-analytics")},
        )
        return redirect(job)


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url
