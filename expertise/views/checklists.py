"""Checklist templates: versions, their sections and criteria, the blank checklist PDF."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from cluster_portal.core.pdf import pdf_response, render_pdf
from cluster_portal.core.views import FormsetsMixin, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

from .. import filters, forms, io, selectors, services, tables


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
        context["in_use"] = selectors.template_in_use(self.object)
        context["revisions"] = list(self.object.revisions.order_by("version"))
        if self.object.is_archived:
            context["edit_url"] = ""
        return context


class TemplateEditView(FormsetsMixin, ObjectEditView):
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

    def get_formsets(self):
        if self.request.method == "POST":
            return {
                "sections": forms.SectionFormSet(self.request.POST, prefix="s"),
                "criteria": forms.CriterionFormSet(self.request.POST, prefix="c"),
            }
        _form, sections, criteria = self.initial_data
        return {
            "sections": forms.SectionFormSet(initial=sections, prefix="s"),
            "criteria": forms.CriterionFormSet(initial=criteria, prefix="c"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_use"] = self.object is not None and selectors.template_in_use(self.object)
        return context

    def save(self, form):
        specs = services.sections_from_rows(
            sections=forms.kept_rows(self.formsets["sections"]), criteria=forms.kept_rows(self.formsets["criteria"])
        )
        self.edited = self.object
        template, self.new_version = services.template_save(
            template=self.object,
            title=form.cleaned_data["title"],
            note=form.cleaned_data["note"],
            sections=specs,
        )
        return template

    def get_success_message(self):
        if self.new_version:
            return (
                "Шаблон уже применялся в экспертных листах, поэтому сохранена новая версия "
                f"{self.object.version}; версия {self.edited.version} осталась без изменений."
            )
        return f"Сохранено: «{self.object}»."


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
