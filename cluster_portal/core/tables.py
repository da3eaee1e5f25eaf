"""Date columns for every table: django-tables2's own, formatted in Python instead of a template per cell.

django-tables2's ``DateColumn`` and ``DateTimeColumn`` are ``TemplateColumn``s: each cell compiles
``{{ value|date:... }}`` anew (a seventh of «Практики студентов»'s time, with its two date columns). These
subclasses keep their arguments, defaults and exported values and format with the ``date``
filter's own function. Registered in ``columns.library`` (from ``CoreConfig.ready``), so model
date fields in ``Meta.fields`` get them too.
"""

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django_tables2.columns import library


@library.register
class DateColumn(tables.DateColumn):
    def __init__(self, format=None, short=True, *args, **kwargs):
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(self.format, short, *args, **kwargs)

    def render(self, value):
        return date_filter(value, self.format)


@library.register
class DateTimeColumn(tables.DateTimeColumn):
    def __init__(self, format=None, short=True, *args, **kwargs):
        self.format = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
        super().__init__(self.format, short, *args, **kwargs)

    def render(self, value):
        # The template filter's value is in the current time zone (``expects_localtime``).
        return date_filter(timezone.template_localtime(value), self.format)


WIDE_ONLY_CLASS = "wide-only"
# The table's class that hides its N-th column below 768 px (portal.css has N = 1…16): the cells
# are hidden from the table's tag, so no cell of a row computes attributes of its own.
NARROW_HIDDEN_CLASS = "narrow-hides-{}"


class NarrowScreens:
    """A table mixin: the columns named in ``wide_only`` are hidden below 768 px (portal.css), so a phone
    or a 200 % zoom shows the columns that name the row; the rest stay on a wide screen and in exports."""

    wide_only: tuple[str, ...] = ()

    def get_column_class_names(self, classes_set, bound_column):
        classes = super().get_column_class_names(classes_set, bound_column)
        return {*classes, WIDE_ONLY_CLASS} if bound_column.name in self.wide_only else classes

    def before_render(self, request):
        super().before_render(request)
        positions = [n for n, column in enumerate(self.columns, 1) if column.name in self.wide_only]
        hidden = {NARROW_HIDDEN_CLASS.format(n) for n in positions}
        classes = {c for c in self.attrs.get("class", "").split() if not c.startswith(NARROW_HIDDEN_CLASS[:-2])}
        self.attrs["class"] = " ".join(sorted(classes | hidden))


def has_plain_cells(table) -> bool:
    """Whether no shown column declares cell attributes or localization: its rows then print each cell
    as ``<td>value</td>`` (``generic/_table.html``), without asking every cell for its attributes."""
    return all(not column.column.attrs and column.localize is None for column in table.columns)


class RowTemplate:
    """A table mixin: its rows are printed by ``row_template``, a Django template of the list's own that reads
    each record directly (``{{ record.title }}``) and prints its cells, in place of django-tables2's per-cell
    rendering (``generic/_table.html``). django-tables2 resolves the accessor of every cell and calls
    ``inspect.signature`` of its ``render_*`` and link functions: for a page of 50 rows that is most of its
    first view after a change. The template is rendered once per row, with ``record`` and the page's context
    (``table``, ``request``); it prints the ``<td>`` cells of every column, in order, as the library would —
    ``core/tests/test_list_pages.py`` renders every demo list both ways (``core.testing.tables.rows_compared``)
    and requires the same cells.

    A cell its table computes in Python (badges, joined lists) is computed once per record by ``prepare``
    and read by both the template and the column's ``render_*``, so the two print the same by construction.
    A table shown with a column hidden or excluded falls back to the library's rendering, as does an export
    (which reads the columns, not the template).
    """

    row_template: str = ""

    def before_render(self, request):
        super().before_render(request)
        records = [row.record for row in self.paginated_rows]
        if records:
            self.prepare(records)

    def prepare(self, records: list) -> None:
        """Ready the page's records for the row template (e.g. set plain values it prints); nothing by default."""


def row_template_of(table) -> str:
    """The template that prints ``table``'s rows, or "" when the library renders them (no template, or not
    every column shown: the template prints all of them)."""
    template = getattr(table, "row_template", "")
    if not template or table.exclude or not all(column.visible for column in table.columns.iterall()):
        return ""
    return template
