"""The rows of a django-tables2 table, rendered in Python.

django-tables2 computes every cell through generic machinery: it resolves the accessor twice
(once for a possible ``get_FOO_display``), inspects the render function's signature, compiles a
``TemplateColumn``'s template (every date column is one) and a link's URL callable anew, and its
template then spends as much again on attributes, localization and escaping. This tag plans each
column once per table — how its value is read, which render function it calls with which
arguments, how it is linked, its ``<td>`` attributes; a date column's format without its template
(``strftime`` for numeric formats), a boolean column's two strings, a choice field's labels — and
runs the plan for each row. The HTML is the same as django-tables2's template prints: a test
renders every list page of the portal both ways and compares them.
"""

import datetime as dt
import inspect
import re
from functools import cache, partialmethod
from html import escape as html_escape

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django_tables2.columns.base import Column
from django_tables2.columns.booleancolumn import BooleanColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.columns.templatecolumn import TemplateColumn
from django_tables2.utils import A, signature

from ..template_values import shown as printed

register = template.Library()

_DATE_TEMPLATE = re.compile(r'\{\{ value\|date:"([^"]*)"\|default:default \}\}\Z')  # DateColumn, DateTimeColumn
# The ``date`` filter's numeric specifiers, which read the same in every language, as strftime's.
_DATE_SPECIFIERS = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y"}
_TIME_SPECIFIERS = {"H": "%H", "i": "%M", "s": "%S"}  # a date (not a datetime) has none: the filter prints ""
_SEPARATORS = frozenset(" .,:-/")


@cache
def _strftime_pattern(date_format: str, with_time: bool) -> str | None:
    """The strftime pattern printing what ``|date:date_format`` prints, if the format has only digits and separators."""
    specifiers = {**_DATE_SPECIFIERS, **_TIME_SPECIFIERS} if with_time else _DATE_SPECIFIERS
    if not all(c in specifiers or c in _SEPARATORS for c in date_format):
        return None
    return "".join(specifiers.get(c, c) for c in date_format)


@cache
def _signature(function):
    return signature(function)


@cache
def _field(model, accessor: str):
    try:
        return A(accessor).get_field(model)
    except FieldDoesNotExist:
        return None


@cache
def _template(code: str) -> Template:
    return Template(code)


def _called(function, kwargs: dict):
    """``call_with_appropriate`` of django-tables2 3.0: the function gets the arguments it names, or is not called."""
    bound = getattr(function, "__func__", None)
    names, catch_all = _signature(bound or function)
    if catch_all:
        return function(**kwargs)
    names = names[1:] if bound is not None else names  # a bound method's own first argument
    return None if any(name not in kwargs for name in names) else function(**{n: kwargs[n] for n in names})


def _resolved(record, accessor):
    """``Accessor.resolve`` of django-tables2 3.0 along model instances; other objects take its own path."""
    current = record
    bits = accessor.bits
    for index, bit in enumerate(bits):
        if not isinstance(current, models.Model):
            return A(accessor.SEPARATOR.join(bits[index:])).resolve(current)
        current = getattr(current, bit)
        if callable(current):
            if getattr(current, "alters_data", False):
                raise ValueError(f"Refusing to call {current.__name__}() because `.alters_data = True`")
            if not getattr(current, "do_not_call_in_templates", False):
                current = current()
        if current is None:
            break
    return current


class _NoValue(Exception):
    """The accessor failed on a link column with a fixed text: it is rendered without a value."""


class _ColumnPlan:
    """What a column does for each row, decided once: ``BoundRow.get_cell`` and ``{{ cell }}`` of django-tables2 3.0."""

    def __init__(self, bound_column):
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.accessor = A(bound_column.accessor)
        self.penultimate = A(self.accessor.rpartition(self.accessor.SEPARATOR)[0])
        self.remainder = self.accessor.bits[-1] if self.accessor.bits else ""
        self.plain_accessor = not (self.accessor.callable_args or self.accessor.callable_kwargs)
        self.text_link = isinstance(column, BaseLinkColumn) and column.text is not None
        self.many = isinstance(column, ManyToManyColumn)
        self.render = render = bound_column.render
        function = getattr(render, "__func__", None)
        self.returns_value = function is Column.render
        self.template_code = column.template_code if function is TemplateColumn.render else None
        self.date_format = self._date_format()
        self.boolean = function is BooleanColumn.render
        self.booleans = {}  # bool(value) -> HTML, per model (a field with choices maps labels back)
        self.link = link = bound_column.link
        # ``linkify=True``: the URL of the object the column shows, else of the row («compose_url»).
        by_object = link is not None and not callable(link.url) and link.reverse_args.get("viewname") is None
        self.link_accessor = A(link.accessor if link.accessor is not None else bound_column.name) if by_object else None
        self.td = self._static_td()
        self.choices = {}
        self.labels = {}

    def _date_format(self) -> str | None:
        """The format of a ``DateColumn`` or ``DateTimeColumn`` («{{ value|date:"…"|default:default }}»)."""
        match = _DATE_TEMPLATE.match(self.template_code or "")
        plain = (
            match
            and not self.column.extra_context
            and type(self.column).get_context_data is TemplateColumn.get_context_data
        )
        return match.group(1) if plain else None

    def _static_td(self) -> str | None:
        """The ``<td>`` attributes when no callable makes them depend on the row."""
        bound_column = self.bound_column
        merged = {**bound_column._table.attrs, **self.column.attrs}
        source = merged.get("td", merged.get("cell", {}))
        if any(callable(value) for value in source.values()):
            return None
        return bound_column.attrs["td"].as_html()

    def _has_choices(self, model) -> bool:
        if model not in self.choices:
            self.choices[model] = bool(getattr(_field(model, self.accessor), "choices", ()))
        return self.choices[model]

    def _labels(self, model) -> tuple[str, dict] | None:
        """The field's attribute and its choices as a dict, when ``get_FOO_display`` is Django's own.

        Django's method builds that dict anew on every call; a lookup in it prints the same.
        """
        if model not in self.labels:
            method = inspect.getattr_static(model, f"get_{self.remainder}_display", None)
            field = _field(model, self.remainder)
            own = isinstance(method, partialmethod) and field is not None
            self.labels[model] = (field.attname, dict(make_hashable(field.flatchoices))) if own else None
        return self.labels[model]

    def value(self, record):
        """The cell's value (``get_FOO_display()`` for a field with choices), or ``_NoValue``."""
        if self.remainder and self._has_choices(type(record)):
            penultimate = self.penultimate.resolve(record, quiet=True) if self.penultimate else record
            labels = self._labels(type(penultimate)) if isinstance(penultimate, models.Model) else None
            if labels is not None:
                raw = getattr(penultimate, labels[0])
                return force_str(labels[1].get(make_hashable(raw), raw), strings_only=True)
            display = getattr(penultimate, f"get_{self.remainder}_display", None)
            if isinstance(penultimate, models.Model) and display:
                return display()
        if not self.remainder:
            return None
        try:
            return _resolved(record, self.accessor) if self.plain_accessor else self.accessor.resolve(record)
        except Exception:
            if self.text_link:
                raise _NoValue from None
            return None

    def content(self, row, value):
        """What the column's render function (and link) make of the value."""
        kwargs = {
            "value": value,
            "record": row.record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": row._table,
        }
        if self.returns_value:
            content = value
        elif self.date_format is not None:
            content = self._date_content(value)
        elif self.boolean:
            content = self._boolean_content(kwargs)
        elif self.template_code:
            content = self._template_content(kwargs)
        else:
            content = _called(self.render, kwargs)
        return self._linked(content, kwargs) if self.link else content

    def _template_content(self, kwargs: dict):
        """``TemplateColumn.render`` with its template compiled once, not for every cell."""
        table = kwargs["table"]
        parent = getattr(table, "context", None) or Context()
        with parent.update(self.column.get_context_data(**kwargs)):
            parent["request"] = getattr(table, "request", None)
            return _template(self.template_code).render(parent)

    def _date_content(self, value):
        """The date column's template, without the template: the ``date`` filter, then ``default``."""
        value = template_localtime(value)
        pattern = _strftime_pattern(self.date_format, isinstance(value, dt.datetime))
        if pattern is not None and isinstance(value, dt.date) and value.year >= 1000:
            return mark_safe(value.strftime(pattern))  # digits and separators: nothing to escape
        text = date_filter(value, self.date_format) or self.bound_column.default
        return mark_safe(printed(text))

    def _boolean_content(self, kwargs: dict):
        """``BooleanColumn.render``: one of two strings, made once each."""
        record = kwargs["record"]
        model = type(record)
        if self._has_choices(model) or not isinstance(record, models.Model):  # the label is mapped back to a value
            return self.render(value=kwargs["value"], record=record, bound_column=self.bound_column)
        shown = bool(kwargs["value"])
        if shown not in self.booleans:
            self.booleans[shown] = self.render(value=shown, record=record, bound_column=self.bound_column)
        return self.booleans[shown]

    def _linked(self, content, kwargs: dict):
        """``LinkTransform.__call__``, its URL callable's signature looked up once."""
        link = self.link
        if link.attrs:
            return link(content, **kwargs)
        if callable(link.url):
            href = _called(link.url, kwargs)
        elif self.link_accessor is not None:
            href = self._object_url(kwargs["record"])
        else:
            href = link.compose_url(**kwargs)
        return content if href is None else mark_safe(f'<a href="{_escaped(href)}">{_escaped(content)}</a>')

    def _object_url(self, record) -> str:
        """``LinkTransform.compose_url`` for ``linkify=True``, the accessor resolved as the cells are."""
        shown = _resolved(record, self.link_accessor)
        if hasattr(shown, "get_absolute_url"):
            return shown.get_absolute_url()
        if hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
        raise TypeError(f"for linkify=True, '{shown}' must have a method get_absolute_url")

    def cell(self, row) -> str:
        try:
            value = self.value(row.record)
        except _NoValue:
            shown = self.content(row, None)
        else:
            empty = value in self.column.empty_values or (self.many and not value.exists())
            shown = self.bound_column.default if empty else self.content(row, value)
        td = self.td
        if td is None:  # the attributes depend on the row: django-tables2 lets them see the cell
            self.bound_column.current_value, self.bound_column.current_record = shown, row.record
            td = self.bound_column.attrs["td"].as_html()
        kind = type(shown)
        if kind is str or kind is SafeString:  # text is localized as it is
            text = _escaped(shown)
        elif kind is int and not settings.USE_THOUSAND_SEPARATOR:  # what ``localize`` makes of it: digits
            text = str(shown)
        elif self.column.localize is None:  # «{{ cell }}»: local time, localized
            text = _escaped(localize(template_localtime(shown)))
        else:  # «{{ cell|localize }}» or «{{ cell|unlocalize }}»
            text = _escaped(localize(shown, use_l10n=self.column.localize))
        return f"<td {td}>{text}</td>" if td else f"<td>{text}</td>"


def _escaped(value) -> str:
    """``conditional_escape(value)``, without the wrapper that looks for lazy arguments on every call."""
    if isinstance(value, Promise):
        value = str(value)
    html = getattr(value, "__html__", None)
    return html() if html is not None else html_escape(str(value))


def _row_attrs(row, plain: bool) -> str:
    if plain:  # no row_attrs: only the even/odd class
        return 'class="odd"' if row.row_counter % 2 else 'class="even"'
    return row.attrs.as_html()


@register.simple_tag
def table_rows(table) -> str:
    """The ``<tr>`` elements of the table's current page (or its empty text)."""
    plans = [_ColumnPlan(column) for column in table.columns]
    plain = not table.row_attrs
    rows = [
        f"<tr {_row_attrs(row, plain)}>{''.join(plan.cell(row) for plan in plans)}</tr>" for row in table.paginated_rows
    ]
    if not rows and table.empty_text:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), table.empty_text)
    return mark_safe("".join(rows))  # every part escaped above
