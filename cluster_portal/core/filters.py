"""Filter building blocks shared by the apps' filter sets."""

import django_filters
from django import forms

from .autocomplete import AutocompleteSelect
from .search import matching


class SearchFilterSet(django_filters.FilterSet):
    """A free-text box «Поиск» over ``search_fields`` (icontains, OR-ed; ``search.matching``)."""

    search_fields: tuple[str, ...] = ()
    search_distinct = False
    q = django_filters.CharFilter(label="Поиск", method="search")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        queryset = queryset.filter(matching(queryset.model, self.search_fields, value))
        return queryset.distinct() if self.search_distinct else queryset


class AutocompleteFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` over a large table: the browser searches the autocomplete ``source``.

    ``queryset`` still validates the chosen value; the page carries only the chosen row.
    """

    def __init__(self, *, source: str, forward=None, **kwargs):
        kwargs.setdefault("widget", AutocompleteSelect(source, forward=forward))
        super().__init__(**kwargs)


class YesNoSelect(forms.NullBooleanSelect):
    """«все / да / нет»: Django's own select offers «Неизвестно» for «either»."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "все"), ("true", "да"), ("false", "нет")]


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads «все»."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)
