"""Pages of the program bank: declarations over the kernel's generic views, plus the target
review, the КЦП summary, the brochure and the public catalog."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from cluster_portal.core import demo
from cluster_portal.core.access import may, require, require_role
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.views import (
    ChildDeleteView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from cluster_portal.core.views.generic import PortalTemplateView, PortalView, add_errors
from cluster_portal.core.xlsx import Column, export_filename, workbook_response
from cluster_portal.jobs.services import job_start
from members.models import Organization
from members.selectors import default_cluster

from .. import brochure, filters, forms, io, selectors, services, tables
from ..card import CARD_SECTIONS, card_of
from ..choices import LEVEL_HINTS, TargetStatus
from ..models import AdmissionTarget, Program, ProgramDocument


class ListCrumbMixin:
    """Names the list in the breadcrumbs as the menu does (the kernel lowercases «ОПОП», «КЦП»)."""

    list_label = ""

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        position = len(self.parent_crumbs)
        if self.list_label and len(crumbs) > position:
            crumbs[position] = (self.list_label, crumbs[position][1])
        return crumbs


PROGRAMS_LABEL = "Банк образовательных программ"
ADDITIONAL_LABEL = "Дополнительные программы (ДПО, профобучение)"
TARGETS_LABEL = "Контрольные цифры приёма (КЦП)"


def _year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return year if 1990 <= year <= 2100 else default


# Specialties -----------------------------------------------------------------------------------
class SpecialtyListView(ObjectListView):
    selector = selectors.specialty_list
    table_class = tables.SpecialtyTable
    filterset_class = filters.SpecialtyFilter
    export_columns = io.SPECIALTY_COLUMNS
    export_name = "specialties"
    import_kind = "specialties"
    title = "Специальности и профессии"


class SpecialtyDetailView(ObjectDetailView):
    selector = selectors.specialty_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = selectors.program_list(user=self.request.user).filter(specialty=self.object)
        return context


class SpecialtyEditView(ObjectEditView):
    selector = selectors.specialty_list
    form_class = forms.SpecialtyForm


class SpecialtyDeleteView(ObjectDeleteView):
    selector = selectors.specialty_list


# Programs --------------------------------------------------------------------------------------
class ProgramListView(ObjectListView):
    list_reads = ("programs", "members")
    filter_reads = ("members.Cluster", "members.EnlargedGroup", "members.Sector", "programs.Specialty")
    selector = selectors.program_list
    table_class = tables.ProgramTable
    filterset_class = filters.ProgramFilter
    export_columns = io.PROGRAM_COLUMNS
    export_name = "programs"
    import_kind = "programs"
    template_name = "programs/program_list.html"
    title = PROGRAMS_LABEL

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cluster = default_cluster(with_relations=False)
        year = AcademicYear(_year_param(self.request, AcademicYear.current().start))
        context["counts"] = selectors.program_counts(cluster=cluster, year=year) if cluster else None
        context["brochure_url"] = reverse("programs:brochure") + (
            f"?year={year.start}" if "year" in self.request.GET else ""
        )
        return context


class ProgramDetailView(ListCrumbMixin, ObjectDetailView):
    list_label = PROGRAMS_LABEL
    selector = selectors.program_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        user = self.request.user
        context["card"] = card_of(program)
        context["documents"] = selectors.program_document_list(user=user).filter(program=program).order_by("title")
        can_change = bool(context["edit_url"])
        context["document_add_url"] = reverse("programs:programdocument_add", args=[program.pk]) if can_change else ""
        context["can_delete_documents"] = can_change
        return context


class ProgramEditView(ListCrumbMixin, ObjectEditView):
    list_label = PROGRAMS_LABEL
    selector = selectors.program_list
    form_class = forms.ProgramForm

    def save(self, form):
        program = form.save(commit=False)
        return services.program_save(program=program, partners=form.cleaned_data["partners"], user=self.request.user)


class ProgramDeleteView(ListCrumbMixin, ObjectDeleteView):
    list_label = PROGRAMS_LABEL
    selector = selectors.program_list


class ProgramDocumentAddView(ObjectEditView):
    """Attach a document to a program (type, content and size checked by the kernel's validator)."""

    selector = selectors.program_document_list
    form_class = forms.ProgramDocumentForm
    success_message = "Документ «%(object)s» прикреплён."

    def dispatch(self, request, *args, **kwargs):
        self.program = get_object_or_404(selectors.program_list(user=request.user), pk=kwargs["program_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        require(self.request.user, self.program, "change")
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ProgramDocument(program=self.program)
        return kwargs

    def get_title(self):
        return f"Документ программы: {self.program}"

    def get_breadcrumbs(self):
        return [
            ("Банк образовательных программ", reverse("programs:program_list")),
            (str(self.program), self.program.get_absolute_url()),
        ]

    def save(self, form):
        return services.program_document_attach(
            program=self.program,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.program.get_absolute_url()
        return context


class ProgramDocumentDeleteView(ChildDeleteView):
    selector = selectors.program_document_list
    parent_field = "program"
    success_message = "Документ «%(object)s» удалён."

    def delete_object(self, obj):
        obj.file.delete(save=False)
        super().delete_object(obj)


class BrochureView(View):
    """«Брошюра (PDF)»: the program bank for the industry day, built by a job; the user waits on the job's page."""

    def post(self, request, *args, **kwargs):
        if not may(request.user, Program, "view"):
            raise PermissionDenied
        year = AcademicYear(_year_param(request, AcademicYear.current().start))
        job = job_start(
            user=request.user,
            kind=brochure.KIND,
            title=f"Брошюра банка программ, {year.label}",
            params={"year": year.start},
        )
        return redirect(job)


# Additional programs ---------------------------------------------------------------------------
class AdditionalProgramListView(ObjectListView):
    selector = selectors.additional_program_list
    table_class = tables.AdditionalProgramTable
    filterset_class = filters.AdditionalProgramFilter
    export_columns = io.ADDITIONAL_COLUMNS
    export_name = "additional-programs"
    import_kind = "additional-programs"
    title = ADDITIONAL_LABEL


class AdditionalProgramDetailView(ListCrumbMixin, ObjectDetailView):
    list_label = ADDITIONAL_LABEL
    selector = selectors.additional_program_list


class AdditionalProgramEditView(ListCrumbMixin, ObjectEditView):
    list_label = ADDITIONAL_LABEL
    selector = selectors.additional_program_list
    form_class = forms.AdditionalProgramForm


class AdditionalProgramDeleteView(ListCrumbMixin, ObjectDeleteView):
    list_label = ADDITIONAL_LABEL
    selector = selectors.additional_program_list


# Admission targets -----------------------------------------------------------------------------
class AdmissionTargetListView(ObjectListView):
    list_reads = ("programs", "members")
    filter_reads = ("members.Cluster", "members.Sector")
    selector = selectors.admission_target_list
    table_class = tables.AdmissionTargetTable
    filterset_class = filters.AdmissionTargetFilter
    export_columns = io.TARGET_COLUMNS
    export_name = "kcp"
    import_kind = "admission-targets"
    template_name = "programs/admissiontarget_list.html"
    title = TARGETS_LABEL
    list_select_related = ("college", "specialty")


class AdmissionTargetDetailView(ListCrumbMixin, ObjectDetailView):
    list_label = TARGETS_LABEL
    selector = selectors.admission_target_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = self.object
        coordinator = role_of(self.request.user) == Role.COORDINATOR
        if (coordinator and target.status != TargetStatus.AGREED) or (coordinator and self.request.GET.get("review")):
            context["review_form"] = forms.TargetReviewForm(
                initial={
                    "agreed": target.agreed if target.agreed is not None else target.proposed,
                    "comment": target.comment,
                }
            )
        if target.status == TargetStatus.AGREED and not coordinator:
            context["edit_url"] = context["delete_url"] = ""
        context["review_url"] = reverse("programs:admissiontarget_review", args=[target.pk]) if coordinator else ""
        context["agreements"] = target.agreements.select_related("recorded_by").order_by("agreed_on", "pk")
        return context


class AdmissionTargetEditView(ListCrumbMixin, ObjectEditView):
    list_label = TARGETS_LABEL
    selector = selectors.admission_target_list
    form_class = forms.AdmissionTargetForm

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj is not None and obj.status == TargetStatus.AGREED and role_of(self.request.user) != Role.COORDINATOR:
            raise PermissionDenied
        return obj

    def save(self, form):
        return services.admission_target_propose(target=form.save(commit=False), user=self.request.user)


class AdmissionTargetDeleteView(ListCrumbMixin, ObjectDeleteView):
    list_label = TARGETS_LABEL
    selector = selectors.admission_target_list

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.status == TargetStatus.AGREED and role_of(self.request.user) != Role.COORDINATOR:
            raise PermissionDenied
        return obj


class AdmissionTargetReviewView(PortalView, FormView):
    """The coordinator agrees a proposal or returns it to the college with a comment."""

    form_class = forms.TargetReviewForm
    template_name = "programs/admissiontarget_review.html"

    def dispatch(self, request, *args, **kwargs):
        require_role(request.user, [Role.COORDINATOR])
        self.target = get_object_or_404(
            selectors.admission_target_list(user=request.user, action="change"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Решение по {self.target}"

    def get_breadcrumbs(self):
        return [
            (TARGETS_LABEL, reverse("programs:admissiontarget_list")),
            (str(self.target), self.target.get_absolute_url()),
        ]

    def get_initial(self):
        target = self.target
        return {"agreed": target.agreed if target.agreed is not None else target.proposed, "comment": target.comment}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.decide(form.cleaned_data, agree=form.cleaned_data["decision"] == form.AGREE)
        except ValidationError as exc:
            self.target.refresh_from_db()
            add_errors(form, exc)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.target.get_absolute_url())

    def decide(self, data: dict, *, agree: bool) -> None:
        if agree:
            services.admission_target_agree(
                target=self.target,
                agreed=data["agreed"],
                agreed_on=data["agreed_on"],
                comment=data["comment"],
                user=self.request.user,
            )
            messages.success(self.request, f"Согласовано: {self.target}, {self.target.agreed} мест.")
        else:
            services.admission_target_return(target=self.target, comment=data["comment"], user=self.request.user)
            messages.success(self.request, f"Возвращено на доработку: {self.target}.")


SUMMARY_COLUMNS_TEMPLATE = (
    ("Отрасль", 35),
    ("ПОО", 25),
    ("КЦП {prev}", 12),
    ("Предложено на {year}", 14),
    ("Согласовано на {year}", 14),
    ("Изменение", 12),
    ("Изменение, %", 12),
    ("Ждут решения", 12),
)


class AdmissionTargetSummaryView(PortalTemplateView):
    """КЦП by sector and college with the change against the previous year; ``?export=xlsx``."""

    template_name = "programs/admissiontarget_summary.html"

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, AdmissionTarget, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.year = self.chosen_year()
        self.rows = selectors.admission_target_summary(user=request.user, cluster=default_cluster(), year=self.year)
        self.demo = demo.includes_demo(
            selectors.admission_target_list(user=request.user).filter(year__in=[self.year - 1, self.year])
        )
        if request.GET.get("export") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def chosen_year(self) -> int:
        latest = selectors.admission_target_list(user=self.request.user).aggregate(latest=Max("year"))["latest"]
        return _year_param(self.request, latest or AcademicYear.current().start + 1)

    def get_title(self):
        return f"КЦП на {self.year} год по отраслям и ПОО"

    def get_breadcrumbs(self):
        return [(TARGETS_LABEL, reverse("programs:admissiontarget_list"))]

    def columns(self):
        return [
            Column(title.format(prev=self.year - 1, year=self.year), f"c{i}", width=width)
            for i, (title, width) in enumerate(SUMMARY_COLUMNS_TEMPLATE)
        ]

    def export(self):
        rows = [
            (r.sector, r.college.short_name, r.previous, r.proposed, r.agreed, r.change, r.change_percent, r.pending)
            for r in self.rows
        ]
        rows.append(("Итого", "", *self.totals().values()))
        sheets = demo.noted([(f"КЦП {self.year}", self.columns(), rows)], demo=self.demo)
        return workbook_response(sheets, export_filename(f"kcp-{self.year}"))

    def totals(self) -> dict:
        return selectors.admission_target_totals(self.rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year=self.year, previous=self.year - 1, rows=self.rows, totals=self.totals(), demo=self.demo)
        return context


# Public catalog --------------------------------------------------------------------------------
class CatalogIndexView(FilterView):
    """Programs for school leavers and parents: no login, no personal data, published programs only."""

    template_name = "programs/catalog_index.html"
    filterset_class = filters.CatalogFilter
    paginate_by = 20

    def get_queryset(self):
        return selectors.catalog_programs().order_by("specialty__code", "college__short_name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Каталог образовательных программ"
        query = self.request.GET.copy()
        query.pop("page", None)
        for name, value in list(query.items()):
            if not value:
                query.pop(name)
        context["page_query"] = query.urlencode()
        context["share_url"] = self.request.build_absolute_uri(
            self.request.path + (f"?{context['page_query']}" if context["page_query"] else "")
        )
        context["filters_active"] = sum(1 for name in query if name in self.filterset_class.base_filters)
        return context

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class CatalogProgramView(DetailView):
    """One program of the public catalog: the card sections and the college's contacts."""

    template_name = "programs/catalog_program.html"
    context_object_name = "program"

    def get_queryset(self):
        return selectors.catalog_programs().prefetch_related(
            Prefetch("partners", queryset=Organization.objects.order_by("short_name"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.object.specialty.code} {self.object.specialty.name}"
        context["card"] = card_of(self.object)
        context["sections"] = CARD_SECTIONS
        context["places"] = selectors.catalog_admission_places(self.object)
        context["coming_year"] = selectors.coming_admission_year()
        context["level_hint"] = LEVEL_HINTS.get(self.object.specialty.level, "")
        return context


catalog_index = login_not_required(CatalogIndexView.as_view())
catalog_program = login_not_required(CatalogProgramView.as_view())
