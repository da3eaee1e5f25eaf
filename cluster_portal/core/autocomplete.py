"""Searchable selects over large tables (what NetBox's APISelect does).

An app registers named sources in ``AppConfig.ready()``::

    autocomplete.register(Source(
        "practice.students",
        queryset=lambda user: student_list(user=user),  # scoping: the app's selector
        search_fields=("record_number", "group_name"),
        label=lambda s: f"{s}, {s.college.short_name}",
        ordering=("record_number", "pk"),
    ))

``/autocomplete/<name>/?q=…&page=…`` answers ``{"results": [{"id", "text"}], "more": bool}``
from the rows the source gives the requesting user (``views/autocomplete.py``). A form field or a
filter uses ``AutocompleteSelect(name)`` (``AutocompleteSelectMultiple``): the page carries only
the selected option(s) and ``static/js/autocomplete.js`` turns the ``<select>`` into a searchable
dropdown. The field's own queryset still validates what is posted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from .search import matching

PAGE_SIZE = 20
MAX_PAGE = 500
MAX_QUERY_LENGTH = 100
MAX_WORDS = 5
INVALID_CHOICE = "Выберите значение из списка: такого варианта нет среди доступных вам."


@dataclass(frozen=True)
class Source:
    """Rows a user may pick in one kind of field, how they are searched and labelled."""

    name: str
    queryset: Callable[[Any], QuerySet]  # user -> the rows they may pick, scoped by the app's selector
    search_fields: Sequence[str]
    label: Callable[[Any], str] = str
    ordering: Sequence[str] = ("pk",)
    # ``?param=<id>`` narrows by ``lookup``, e.g. {"college": "college"}: a program of the chosen college.
    forward: Mapping[str, str] = field(default_factory=dict)
    required: Sequence[str] = ()  # forwarded parameters without which nothing is offered
    related: Sequence[str] = ()  # select_related for the label
    public: bool = False  # anonymous visitors may use it (the public catalog); the default refuses them

    def rows(self, user, params: Mapping[str, str] | None = None) -> QuerySet:
        """The rows ``user`` may pick, narrowed by the forwarded parameters, in order."""
        queryset = self.queryset(user).prefetch_related(None)
        if any((params or {}).get(param) in (None, "") for param in self.required):
            return queryset.none()
        if self.related:
            queryset = queryset.select_related(*self.related)
        for param, lookup in self.forward.items():
            value = (params or {}).get(param)
            if value in (None, ""):
                continue
            try:
                queryset = queryset.filter(**{lookup: int(value)})
            except (TypeError, ValueError):
                return queryset.none()
        return queryset.order_by(*self.ordering)

    def search(self, queryset: QuerySet, text: str) -> QuerySet:
        """Rows where every word occurs in one of the search fields."""
        for word in " ".join(text.split())[:MAX_QUERY_LENGTH].split()[:MAX_WORDS]:
            condition = Q()
            for variant in _case_variants(word):
                condition |= matching(queryset.model, self.search_fields, variant)
            queryset = queryset.filter(condition)
        return queryset

    def page(self, user, *, text: str = "", page: int = 1, params: Mapping[str, str] | None = None):
        """``(rows, more)``: one page of matches, in one query."""
        start = (page - 1) * PAGE_SIZE
        rows = list(self.search(self.rows(user, params), text)[start : start + PAGE_SIZE + 1])
        return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def _case_variants(word: str) -> set[str]:
    # SQLite's LIKE folds ASCII only; PostgreSQL's icontains (UPPER … LIKE) folds Cyrillic itself.
    if connection.vendor == "postgresql":
        return {word}
    return {word, word.lower(), word.capitalize(), word.upper()}


_registry: dict[str, Source] = {}


def register(*sources: Source) -> None:
    """Make sources answer at ``/autocomplete/<name>/``; a name is registered once."""
    for source in sources:
        if source.name in _registry and _registry[source.name] is not source:
            raise ValueError(f"autocomplete source {source.name!r} is already registered")
        _registry[source.name] = source


def get(name: str) -> Source:
    """The source of that name; 404 for an unknown one."""
    try:
        return _registry[name]
    except KeyError:
        raise Http404(f"unknown autocomplete source {name!r}") from None


def registered() -> list[str]:
    return sorted(_registry)


# Widgets ----------------------------------------------------------------------------------------
class AutocompleteSelect(forms.Select):
    """A ``<select>`` holding only the selected option; the browser searches ``source`` for more.

    ``forward`` maps a parameter of the source to another field of the same form (in a formset
    row: of the same row), e.g. ``{"college": "college"}``.
    """

    def __init__(self, source: str, *, forward: Mapping[str, str] | None = None, attrs=None):
        super().__init__(attrs)
        self.source = source
        self.forward = dict(forward or {})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        extra = {"data-autocomplete": reverse("core:autocomplete", args=[self.source])}
        if self.forward:
            extra["data-autocomplete-forward"] = json.dumps(self.forward)
        context["widget"]["attrs"].update(extra)
        return context

    def use_required_attribute(self, initial):
        # Select's version looks at the first choice, which would load the whole table.
        return forms.Widget.use_required_attribute(self, initial)

    def optgroups(self, name, value, attrs=None):
        options = []
        empty = self._empty_choice()
        if empty is not None:
            options.append(self.create_option(name, "", empty, not any(value), 0, attrs=attrs))
        for index, (key, label) in enumerate(self.selected_choices(value), start=len(options)):
            options.append(self.create_option(name, key, label, True, index, attrs=attrs))
        return [(None, options, 0)]

    def _empty_choice(self):
        if self.allow_multiple_selected:
            return None
        owner = getattr(self.choices, "field", None)
        if owner is not None:
            return owner.empty_label
        for key, label in self.choices:
            return label if key == "" else None
        return None

    def selected_choices(self, values: Iterable) -> list[tuple[Any, str]]:
        """``(value, label)`` of the selected values the field's queryset holds (one query)."""
        wanted = [str(v) for v in values if v not in (None, "")]
        if not wanted:
            return []
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:  # plain choices, e.g. labels resolved once for a whole formset
            found = {str(key): (key, label) for key, label in self.choices if key != ""}
            return [found[v] for v in wanted if v in found]
        owner = self.choices.field
        key_name = owner.to_field_name or "pk"
        model_field = queryset.model._meta.pk if key_name == "pk" else queryset.model._meta.get_field(key_name)
        keys = []
        for value in wanted:
            try:
                keys.append(model_field.to_python(value))
            except ValidationError:
                continue
        if not keys:
            return []
        source = _registry.get(self.source)
        if source is not None and source.related:
            queryset = queryset.select_related(*source.related)
        label = source.label if source is not None else owner.label_from_instance
        found = {str(owner.prepare_value(obj)): obj for obj in queryset.filter(**{f"{key_name}__in": keys})}
        return [(owner.prepare_value(found[v]), label(found[v])) for v in wanted if v in found]


class AutocompleteSelectMultiple(AutocompleteSelect):
    """The several-values version of ``AutocompleteSelect``."""

    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False


def is_autocomplete(field: forms.Field) -> bool:
    return isinstance(field.widget, AutocompleteSelect)


def explain_invalid_choices(form: forms.BaseForm) -> None:
    """A value outside the field's rows (a crafted POST, a row gone) gets a clear message."""
    for form_field in form.fields.values():
        if is_autocomplete(form_field):
            form_field.error_messages["invalid_choice"] = INVALID_CHOICE
            if isinstance(form_field, forms.ModelMultipleChoiceField):
                form_field.error_messages["invalid_pk_value"] = INVALID_CHOICE


def plain_select(form_field: forms.ModelChoiceField) -> None:
    """Back to an ordinary ``<select>``: for a field narrowed to a handful of rows (one's own college)."""
    widget = forms.SelectMultiple() if form_field.widget.allow_multiple_selected else forms.Select()
    widget.attrs = {k: v for k, v in form_field.widget.attrs.items() if not k.startswith("data-autocomplete")}
    widget.is_required = form_field.widget.is_required
    widget.choices = form_field.choices
    form_field.widget = widget
