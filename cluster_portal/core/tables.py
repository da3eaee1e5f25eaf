"""Date columns for every table: django-tables2's own, formatted in Python instead of a template per cell.

django-tables2's ``DateColumn`` and ``DateTimeColumn`` are ``TemplateColumn``s: each cell compiles
``{{ value|date:... }}`` anew (a seventh of «Практики студентов»'s time, with its two date columns). These
subclasses keep their arguments, defaults and exported values and format with the ``date``
filter's own function. Registered in ``columns.library`` (from ``CoreConfig.ready``), so model
date fields in ``Meta.fields`` get them too.
"""

import hashlib
import logging
from collections.abc import Sequence
from operator import attrgetter

import django_tables2 as tables
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.template.defaultfilters import date as date_filter
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_tables2.columns import library

from . import dataversion

logger = logging.getLogger(__name__)


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

    With ``rows_kept`` (and a list view that names what it reads) each row's HTML is kept from the page's
    last view while the record's own fields and every other table the list reads are the same (``kept_rows``):
    after a change of some rows, only those are printed again, and the related rows they print
    (``row_prefetch``, the view's ``list_prefetch_related``) are fetched for those alone.
    """

    row_template: str = ""
    rows_kept: bool = False
    # Given by the list view: the related rows the rows print (fetched for the records printed) and, when the
    # rows are kept, the tables besides the records' own that the list reads (the kept rows' data version).
    row_prefetch: Sequence = ()
    rows_read: Sequence[str] = ()
    printed_cells: list | None = None  # the cells of each row of the page, when its rows are kept

    def before_render(self, request):
        super().before_render(request)
        self.printed_cells = None
        records = [row.record for row in self.paginated_rows]
        if not records:
            return
        if self.rows_kept and self.rows_read and row_template_of(self):
            self.printed_cells = kept_rows(self, records, request)
            return
        prefetch_related_objects(records, *self.row_prefetch)
        self.prepare(records)

    @property
    def printed_rows(self):
        """(row, its cells) of the page, when its rows are kept. The rows are read again when the template iterates
        them, as rows printed afresh are, so each has the «even»/«odd» class django-tables2 gives it there."""
        if self.printed_cells is None:
            return None
        return zip(self.paginated_rows, self.printed_cells, strict=True)

    def prepare(self, records: list) -> None:
        """Ready the page's records for the row template (e.g. set plain values it prints); nothing by default."""


def row_template_of(table) -> str:
    """The template that prints ``table``'s rows, or "" when the library renders them (no template, or not
    every column shown: the template prints all of them)."""
    template = getattr(table, "row_template", "")
    if not template or table.exclude or not all(column.visible for column in table.columns.iterall()):
        return ""
    return template


def kept_rows(table: RowTemplate, records: list[Model], request) -> list[str]:
    """The cells of each record as ``table``'s row template prints them, kept from the page's last view for each
    record whose own fields are the same (``record_digest``) while no other table the list reads has changed
    (``table.rows_read``, their data version): after a change of some rows, only those are printed again, and
    only their related rows (``table.row_prefetch``) are fetched.

    A row's HTML is so a function of what its key holds: the record's fields and annotations (the digest), the
    rows of the other tables (the version), the row template (its source), the user and the day (as the list
    itself is kept). The template is given the record alone; a table that sets up its records (``prepare``)
    does not keep its rows, and a related row or list its rows print must be in another table (``related_models``).
    """
    if type(table).prepare is not RowTemplate.prepare:
        raise ImproperlyConfigured(f"{type(table).__name__}: rows set up by prepare() are not kept (rows_kept).")
    template = get_template(table.row_template)
    version = dataversion.version(list(table.rows_read)) if dataversion.enabled() else None
    page = (
        type(table).__module__,
        type(table).__qualname__,
        table.row_template,
        hashlib.sha1(template.template.source.encode(), usedforsecurity=False).hexdigest(),
        dataversion.user_day_key(request.user),
        request.get_full_path(),
        version,
    )
    key = "rows:" + hashlib.sha1(repr(page).encode(), usedforsecurity=False).hexdigest()
    last = {}
    if version is not None:  # None: no data versions (SQLite), or this transaction wrote those tables itself
        try:
            last = cache.get(key) or {}
        except Exception:  # the cache server is away: the rows are printed
            logger.warning("Cache unavailable: rows of %s printed without it", type(table).__name__, exc_info=True)
    data = getattr(table.data, "data", None)
    annotations = tuple(data.query.annotations) if isinstance(data, QuerySet) else ()
    fields: dict = {}
    digests = [record_digest(record, annotations, fields) for record in records]
    printed = {digest: last.get(digest) for digest in digests}
    afresh = [record for digest, record in zip(digests, records, strict=True) if printed[digest] is None]
    prefetch_related_objects(afresh, *table.row_prefetch)
    for digest, record in zip(digests, records, strict=True):
        if printed[digest] is None:
            printed[digest] = template.render({"record": record})
    if version is not None and printed.keys() != last.keys():
        try:
            cache.set(key, printed, dataversion.TIMEOUT)
        except Exception:
            logger.warning("Cache unavailable: rows of %s not kept", type(table).__name__, exc_info=True)
    # The row template's own output, escaped when it was printed (whatever type the cache gives it back as).
    return [mark_safe(printed[digest]) for digest in digests]  # nosec B308 B703


def record_digest(record: Model, annotations: Sequence[str] = (), fields: dict | None = None) -> str:
    """A digest of the record's own values: its fields as fetched (a field left unfetched would be read by a query
    of its own) and the named annotations. ``fields`` remembers the fields fetched, the same for every record
    of one query."""
    fields = {} if fields is None else fields
    model = type(record)
    read = fields.get(model)
    if read is None:
        deferred = record.get_deferred_fields()
        read = fields[model] = attrgetter(
            *(f.attname for f in model._meta.concrete_fields if f.attname not in deferred)
        )
    values = (read(record), *(getattr(record, name) for name in annotations))
    return hashlib.sha1(repr(values).encode(), usedforsecurity=False).hexdigest()


def related_models(model: type[Model], lookups: Sequence) -> set[type[Model]]:
    """The models whose rows the prefetches of ``lookups`` (names or ``Prefetch``) read from a ``model``: each step's
    related model, and the table of a many-to-many relation between them. A kept row prints what these hold; the
    list's data version must watch them all, and none may be ``model`` itself (whose rows only the digest covers)."""
    reached: set = set()
    for lookup in lookups:
        current = model
        for name in getattr(lookup, "prefetch_through", lookup).split("__"):
            field = current._meta.get_field(name)
            if field.many_to_many:
                reached.add(field.remote_field.through if field.concrete else field.through)
            current = field.related_model
            reached.add(current)
    return reached
