"""Generic views: the apps declare a selector, a table, a filter and a form; these do the rest."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.views.generic import DetailView, TemplateView, UpdateView
from django.views.generic.edit import DeletionMixin
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from .. import dataversion, demo
from ..access import can, can_add, may
from ..audit import history_for
from ..imports.history import import_note_of, imported
from ..imports.kinds import get_kind
from ..pagination import CappedPaginator
from ..tables import related_models
from ..urls_helpers import url_for
from ..xlsx import Column, export_filename, workbook_response

Selector = Callable[..., QuerySet]


class PortalView:
    """Title and breadcrumbs for the page header."""

    title: str = ""
    parent_crumbs: Sequence[tuple[str, str]] = ()

    def get_title(self) -> str:
        return self.title

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return list(self.parent_crumbs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.get_title())
        context.setdefault("breadcrumbs", self.get_breadcrumbs())
        return context


class ScopedMixin:
    """The queryset of every generic view comes from a selector taking the user."""

    selector: Selector | None = None
    _scoped: QuerySet | None = None

    def get_queryset(self):
        # A view asks several times (its model, its title, its rows): the selector builds it once per request.
        if self._scoped is None:
            self._scoped = type(self).selector(user=self.request.user)
        return self._scoped.all()

    @property
    def model(self):
        return self.get_queryset().model


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: at its fields where the form has them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ObjectListView(PortalView, ScopedMixin, SingleTableMixin, FilterView):
    """Filter form, sortable table, pagination and ``?export=xlsx`` of the filtered set."""

    template_name = "generic/object_list.html"
    paginate_by = None  # django-tables2 paginates (capped count); ListView's own paginator would count again
    export_columns: Sequence[Column] = ()
    export_name = "export"
    import_kind: str = ""
    filterset_class = None
    table_pagination = {"per_page": 50, "paginator_class": CappedPaginator}
    # The relations the table shows, when the selector joins more for its other readers (the
    # export, the detail page): Django admin's ``list_select_related``. A page's query joins and
    # sorts every matching row before it keeps fifty, so each join it does not need costs it.
    list_select_related: Sequence[str] | None = None
    # Likewise the related lists the table shows (``Prefetch`` objects, lighter than the selector's).
    list_prefetch_related: Sequence | None = None
    # The fields the table prints (``QuerySet.only()``, related ones by their path), when fewer than the
    # selector reads: the page's rows then carry only those, like its prefetches above.
    list_only: Sequence[str] | None = None
    # What the list's table and filter read: apps («councils») or models («practice.PracticeBase»)
    # whose tables its rows, their related names, counts and statuses, and the filter's choices come
    # from. When named, the rendered table and filter are kept per their data version, the user, the
    # day and the address (``dataversion.kept``): between changes a page neither reads nor renders
    # its rows. Name models rather than the app when the view writes a table of the app on every
    # read (a journal of who viewed what): a version its own transaction changed keeps nothing.
    list_reads: Sequence[str] = ()
    # What the empty filter form reads (its choices), when that is less than ``list_reads`` (``()``: no
    # table): the rendered form is then kept apart, per its own data version, so a change of the list's
    # rows renders the table afresh but not the form, which may list hundreds of choices. A form with
    # values chosen (an autocomplete prints its choice's name) is kept with the table, as when None.
    filter_reads: Sequence[str] | None = None

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, self.get_queryset().model, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and self.export_columns:
            return self.export()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        cid = self.request.GET.get("import")
        # After an Excel import the list opens on the rows it added or changed (?import=<its id>).
        return imported(queryset, cid, self.request.user) if cid else queryset

    def get_title(self):
        return self.title or capfirst(self.get_queryset().model._meta.verbose_name_plural)

    def filtered_queryset(self) -> QuerySet:
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            return filterset.queryset.none()
        return filterset.qs

    def get_table_data(self):
        data = super().get_table_data()
        if not isinstance(data, QuerySet):
            return data
        if self.keeps_rows():  # the table fetches the related rows of the rows it prints (core.tables.kept_rows)
            data = data.select_related(None).prefetch_related(None)
        else:
            data = self.with_related(data)
        if self.list_only is not None:
            data = data.only(*self.list_only)
        return data

    def with_related(self, data: QuerySet) -> QuerySet:
        """The page's rows with the related rows the table shows (``list_select_related``, ``..._prefetch_related``)."""
        if self.list_select_related is not None:
            data = data.select_related(None)
            if self.list_select_related:  # select_related() without names would follow every foreign key
                data = data.select_related(*self.list_select_related)
        if self.list_prefetch_related is not None:
            data = data.prefetch_related(None).prefetch_related(*self.list_prefetch_related)
        return data

    def keeps_rows(self) -> bool:
        """Whether the table keeps its rows' HTML (``RowTemplate.rows_kept``): then the view names what the list reads
        and the rows' related rows and lists (``list_prefetch_related``), all in other tables the list reads."""
        if not getattr(self.get_table_class(), "rows_kept", False):
            return False
        return rows_kept_checked(type(self), self.model)

    def get_table(self, **kwargs):
        """The sorted table; paginated when it is rendered (``get_context_data``), so a kept table counts nothing."""
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        if self.keeps_rows():
            # The records' own table: their fields are in each row's key; its many-to-many tables are read like others.
            own = self.model._meta.db_table
            reads = dataversion.tables_of(dataversion.models_of(tuple(self.list_reads)))
            table.row_prefetch = self.list_prefetch_related
            table.rows_read = [name for name in reads if name != own]
        return RequestConfig(self.request, paginate=False).configure(table)

    def get_table_kwargs(self):
        return {"empty_text": self.empty_text(), **super().get_table_kwargs()}

    def empty_text(self) -> str:
        """What an empty table says: why it is empty, and what to do about it."""
        filterset = getattr(self, "filterset", None)
        if filterset is None:
            return "Записей пока нет."
        if filterset.is_bound and not filterset.is_valid():
            return "Фильтр заполнен с ошибками: исправьте отмеченные поля."
        if self.filter_values():
            return "Ничего не найдено: измените или сбросьте фильтр."
        return "Записей пока нет."

    def export(self):
        table = self.get_table_class()(self.filtered_queryset())
        RequestConfig(self.request, paginate=False).configure(table)
        rows = table.data.data.iterator(chunk_size=2000)
        title = str(self.get_title())
        sheets = demo.noted([(title, self.export_columns, rows)], demo=demo.includes_demo(self.filtered_queryset()))
        return workbook_response(sheets, export_filename(self.export_name))

    def may_import(self) -> bool:
        """Whether the list offers its Excel upload: the kind is registered and the user may load it."""
        if not self.import_kind:
            return False
        try:
            get_kind(self.import_kind).check_permission(self.request.user)
        except (LookupError, PermissionDenied):
            return False
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.get_queryset().model
        context["model"] = model
        context["add_url"] = url_for(model, "add") if can_add(self.request.user, model) else ""
        context["can_export"] = bool(self.export_columns)
        context["import_kind"] = self.import_kind if self.import_kind and can_add(self.request.user, model) else ""
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context["export_query"] = query.urlencode()
        if self.request.GET.get("import"):
            context["imported"] = import_note_of(self.request.GET["import"], self.request.user) or {}
        table = context["table"]

        def render_table() -> str:
            RequestConfig(self.request, paginate=self.get_table_pagination(table)).configure(table)
            return table.as_html(self.request)

        parts = {
            # Whether the rows include generated ones: an EXISTS, kept with the table it speaks of.
            "demo": lambda: demo.includes_demo(self.object_list),
            "table_html": render_table,
            **self.table_parts(),
        }
        if context.get("filter") is not None:
            filterset = context["filter"]

            def filter_html() -> str:  # the form is built only when it is rendered, not when it is kept
                return render_to_string(self.filter_template, {"form": filterset.form})

            if self.filter_reads is not None and self.list_reads and not self.filter_values():
                context.update(self.kept({"filter_html": filter_html}, reads=self.filter_reads, apart="filter"))
            else:
                parts["filter_html"] = filter_html
        context.update(self.kept(parts))
        return context

    filter_template = "generic/_filter_form.html"

    def table_parts(self) -> dict[str, Callable[[], object]]:
        """Further figures of the page (context name → how to compute it) that read only tables of ``list_reads``:
        computed and kept with the table."""
        return {}

    def filter_values(self) -> dict[str, str]:
        """The filter's fields given a value in the address (its filters: the form itself is built only to be shown)."""
        filters = self.filterset.filters
        return {name: value for name, value in self.request.GET.items() if name in filters and value}

    def kept(
        self, parts: dict[str, Callable[[], object]], *, reads: Sequence[str] | None = None, apart: str = ""
    ) -> dict[str, object]:
        """The parts of the page (the table and filter rendered, a figure), computed together and kept per data
        version when the view names its ``list_reads``: they read the same tables, so one version serves all.
        ``reads`` keeps a part that reads less (``filter_reads``) under its own version, named ``apart``."""

        def render() -> dict[str, object]:
            return {name: part() for name, part in parts.items()}

        if not self.list_reads or self.request.GET.get("import"):
            return render()
        view = type(self)
        return dataversion.kept(
            f"list.{view.__module__}.{view.__qualname__}" + (f".{apart}" if apart else ""),
            (*dataversion.user_day_key(self.request.user), self.request.get_full_path()),
            reads=dataversion.models_of(tuple(self.list_reads if reads is None else reads)),
            compute=render,
        )


@functools.cache
def rows_kept_checked(view: type[ObjectListView], model) -> bool:
    """That a list view whose table keeps its rows names what they read: checked once per view, not per request."""
    if not (view.list_reads and view.list_prefetch_related is not None and view.list_select_related == ()):
        raise ImproperlyConfigured(
            f"{view.__name__}: a table keeping its rows needs list_reads, list_prefetch_related and "
            "list_select_related = ()."
        )
    reached = related_models(model, view.list_prefetch_related)
    if model in reached:
        raise ImproperlyConfigured(f"{view.__name__}: list_prefetch_related reaches rows of its own table.")
    unread = reached - set(dataversion.models_of(tuple(view.list_reads)))
    if unread:
        names = ", ".join(sorted(str(related._meta) for related in unread))
        raise ImproperlyConfigured(f"{view.__name__}: list_reads misses {names} (list_prefetch_related).")
    return True


class ObjectDetailView(PortalView, ScopedMixin, DetailView):
    """One object the user may see (404 otherwise), with its change history."""

    show_history = True

    def get_template_names(self):
        meta = self.object._meta
        return [f"{meta.app_label}/{meta.model_name}_detail.html", "generic/object_detail.html"]

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        meta = self.object._meta
        return [*self.parent_crumbs, (capfirst(meta.verbose_name_plural), url_for(self.object, "list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        context["edit_url"] = url_for(obj, "edit") if can(user, obj, "change") else ""
        context["delete_url"] = url_for(obj, "delete") if context["edit_url"] and can(user, obj, "delete") else ""
        context.setdefault("demo", demo.is_demo(obj))
        if self.show_history:
            context["history"] = history_for(obj, user)
        return context


class ObjectEditView(PortalView, ScopedMixin, UpdateView):
    """Create (no ``pk``) or edit (``pk``) one object, if the user's role and scope allow it."""

    template_name = "generic/object_form.html"
    success_message = "Сохранено: «%(object)s»."

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs:
            if not can_add(self.request.user, self.get_queryset().model):
                raise PermissionDenied
            return None
        obj = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not can(self.request.user, obj, "change"):
            raise PermissionDenied
        return obj

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        bound = getattr(form, "bound_to_own_clusters", None)
        if bound is not None:  # choices a form set up itself, after the base form bounded its own
            bound(self.request.user)
        return form

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.object is None:
            kwargs["initial"] = {**self.get_initial(), **self.initial_from_query()}
        return kwargs

    def initial_from_query(self) -> dict:
        """Prefill a new object from ``?field=value`` (e.g. a link from the parent's page)."""
        fields = getattr(self.get_form_class(), "base_fields", {})
        return {k: v for k, v in self.request.GET.items() if k in fields}

    def get_title(self):
        model = self.get_queryset().model
        if self.object is None:
            return f"{capfirst(model._meta.verbose_name)}: добавление"
        return f"{self.object}: изменение"

    def get_breadcrumbs(self):
        model = self.get_queryset().model
        crumbs = [*self.parent_crumbs, (capfirst(model._meta.verbose_name_plural), url_for(model, "list"))]
        if self.object is not None:
            crumbs.append((str(self.object), self.object.get_absolute_url()))
        return crumbs

    def save(self, form):
        """Write the object; views with a service override this."""
        return form.save()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except ValidationError as exc:
            # A rule checked by the service (across objects) is shown on the form like any other.
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return HttpResponseRedirect(self.get_success_url())

    def get_success_message(self) -> str:
        return self.success_message % {"object": self.object}

    def form_invalid(self, form):
        messages.error(self.request, "Проверьте поля, отмеченные ниже: данные не сохранены.")
        return super().form_invalid(form)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.get_queryset().model
        context["cancel_url"] = self.object.get_absolute_url() if self.object else url_for(model, "list")
        return context


class ObjectDeleteView(PortalView, ScopedMixin, DeletionMixin, DetailView):
    """Confirm, then delete; refuses with a message when other records depend on the object."""

    template_name = "generic/object_confirm_delete.html"
    success_message = "Удалено: «%(object)s»."

    def get_object(self, queryset=None):
        obj = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not can(self.request.user, obj, "delete"):
            raise PermissionDenied
        return obj

    def get_title(self):
        return f"Удаление: {self.object}"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        label = str(self.object)
        try:
            with transaction.atomic():
                self.delete_object(self.object)
        except ProtectedError as exc:
            names = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
            messages.error(request, f"Нельзя удалить «{label}»: на запись ссылаются {', '.join(names)}.")
            return HttpResponseRedirect(self.object.get_absolute_url())
        except ValidationError as exc:  # a rule of the app's services refused it
            messages.error(request, f"Нельзя удалить «{label}»: {' '.join(exc.messages)}")
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(request, self.success_message % {"object": label})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        """Where to go after deleting: the model's list; child objects return to their parent."""
        return url_for(self.object, "list") or "/"

    def delete_object(self, obj):
        obj.delete()


class PortalTemplateView(PortalView, TemplateView):
    """A plain page with title and breadcrumbs."""
