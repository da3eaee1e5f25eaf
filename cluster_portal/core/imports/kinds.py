"""Import kinds: what one kind of row is, how its references are found, how it is saved; the registry."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router
from django.db.models import ForeignKey, ManyToManyField, Model, Q, QuerySet

from ..access import can_add, restrict
from ..roles import Role, role_of
from ..xlsx import Column
from .cells import Cell, Choice, Date, Integer, Number, YesNo, is_empty, plain_text, word
from .rows import Row, RowError


class Saving(enum.Enum):
    """How a kind's rows are written — declared by the kind, never guessed."""

    BULK = "bulk"  # bulk_create / bulk_update in batches; the history is written in bulk
    EACH = "each"  # the kind's save_row() per row (a service, many-to-many); the history by auditlog's signals


@dataclass(frozen=True)
class BoundColumn:
    """A column of a kind with its cell type bound to the model field it fills."""

    header: str
    field: str
    cell: Cell
    required: bool
    model_field: object = None
    preset: Callable | None = None
    help: str = ""
    example: str = ""
    width: int = 22


def _cell_for(model_field) -> Cell:
    if isinstance(model_field, ForeignKey | ManyToManyField):
        raise TypeError(f"{model_field}: a reference column declares its cell (Name) and a Reference")
    if getattr(model_field, "choices", None):
        return Choice()
    internal = model_field.get_internal_type() if model_field is not None else ""
    if internal == "BooleanField":
        return YesNo()
    if internal == "DateField":
        return Date()
    if internal.endswith("IntegerField"):
        return Integer()
    if internal in {"DecimalField", "FloatField"}:
        return Number()
    return Cell()


def bind_column(model: type[Model], column: Column) -> BoundColumn:
    try:
        model_field = model._meta.get_field(column.field)
    except FieldDoesNotExist:
        model_field = None
    cell = column.cell if column.cell is not None else _cell_for(model_field)
    if model_field is not None and not model_field.is_relation:
        cell = cell.bind(model_field)
    if column.required is not None:
        required = column.required
    elif model_field is None or isinstance(cell, YesNo):
        required = False
    else:
        required = not model_field.blank and not model_field.has_default()
    return BoundColumn(
        header=column.header,
        field=column.field,
        cell=cell,
        required=required,
        model_field=model_field,
        preset=column.preset,
        help=column.help,
        example=column.example or cell.example,
        width=column.width,
    )


def own_college(user) -> str | None:
    """A preset: a college representative's rows are their college's (the column is left out of their template)."""
    if role_of(user) == Role.COLLEGE and getattr(user, "organization_id", None):
        return user.organization.short_name
    return None


@dataclass
class ImportContext:
    """One run: who imports, lookups loaded once per file, the keys seen so far, the history's correlation id."""

    kind: ImportKind
    user: object
    dry_run: bool = True
    filename: str = ""
    remote_addr: str | None = None
    total: int = 0  # rows in the file
    cid: str = field(default_factory=lambda: f"import-{uuid.uuid4().hex}")
    loaded: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)  # natural key → the row that had it first

    def once(self, name: str, load: Callable[[], object]):
        """``load()`` the first time ``name`` is asked for in this file, the stored value afterwards."""
        if name not in self.loaded:
            self.loaded[name] = load()
        return self.loaded[name]


class Found(NamedTuple):
    """A row of a large referenced table read as plain values (``Reference.load`` with ``found_rows``).

    A row is matched and compared by its key (``pk``); its model instance — which the saved row's rules
    and history read — is built only for a row that is saved (``instance``), not for every row found.
    """

    pk: object
    model: type[Model]
    db: str
    names: tuple[str, ...]  # attribute names, as ``Model.from_db`` takes them
    values: tuple

    def instance(self) -> Model:
        return self.model.from_db(self.db, self.names, self.values)

    def value(self, name: str):
        return self.values[self.names.index(name)]


def found_rows(queryset: QuerySet, names: Sequence[str]) -> Iterator[Found]:
    """The rows of ``queryset`` as ``Found``: the values of the attributes ``names`` (with the primary key)."""
    model = queryset.model
    names = tuple(dict.fromkeys([model._meta.pk.attname, *names]))
    db = queryset.db
    for values in queryset.values_list(*names):
        yield Found(values[0], model, db, names, values)


class Reference:
    """Finds referenced rows for a batch of rows in bulk and puts them in ``row.refs[target]``.

    ``columns`` are the read values it needs; a row missing one (empty or unreadable) is skipped and
    gets ``None`` where the reference is optional. Subclasses say how rows are loaded (``load``) and
    named; the message names the column of the first value.
    """

    def __init__(self, target: str, columns: Sequence[str], *, missing: str):
        self.target = target
        self.columns = tuple(columns)
        self.missing_message = missing

    def key_of(self, row: Row) -> tuple | None:
        if len(self.columns) == 1:  # most references: one value, keyed without building tuples to test
            value = row.values.get(self.columns[0])
            return None if is_empty(value) else (word(value),)
        values = tuple(row.values.get(c) for c in self.columns)
        if any(is_empty(v) for v in values):
            return None
        return tuple(word(v) for v in values)

    def load(self, keys: set[tuple], ctx: ImportContext) -> dict[tuple, list]:
        raise NotImplementedError

    def name(self, obj) -> str:
        return str(obj)

    def choices(self, user) -> list[str] | None:
        """The values a template offers in its first column's drop-down list (None: no list)."""
        return None

    def resolve(self, rows: Iterable[Row], ctx: ImportContext, headers: dict[str, str]) -> None:
        columns = frozenset(self.columns)
        keyed = [row for row in rows if row.values.keys() >= columns]
        row_keys = [self.key_of(row) for row in keyed]  # apart from the rows: no (row, key) pair per row to collect
        keys = {key for key in row_keys if key is not None}
        index = self.load(keys, ctx) if keys else {}
        for row, key in zip(keyed, row_keys, strict=True):
            if key is None:
                row.refs[self.target] = None
                continue
            self.settle(row, index.get(key, ()), headers)

    def settle(self, row: Row, found: Sequence, headers: dict[str, str]) -> None:
        column = self.columns[0]
        if len(found) == 1:
            row.refs[self.target] = found[0]
            row.shown.setdefault(column, self.target)  # the preview (only its rows) names row.refs[target]
            return
        message = self.missing(row) if not found else self.ambiguous(row)
        value = row.values[column]  # as read: a code read back from a date cell is named as the code
        typed = value if isinstance(value, str) or row.cells.get(column) is None else plain_text(row.cells[column])
        row.add_error(RowError(row.number, headers.get(column, column), message, typed))

    def missing(self, row: Row) -> str:
        return self.missing_message

    def ambiguous(self, row: Row) -> str:
        return "в портале несколько подходящих записей: уточните значение."


class ByName(Reference):
    """A row of a small table by its name or code: the table (as the user may see it) is read once per file."""

    def __init__(self, target: str, column: str, queryset: Callable[[object], QuerySet], name_field: str, **kwargs):
        super().__init__(target, (column,), **kwargs)
        self.queryset = queryset
        self.name_field = name_field

    def load(self, keys, ctx):
        def everything():
            index: dict[tuple, list] = {}
            for obj in self.queryset(ctx.user):
                index.setdefault((word(getattr(obj, self.name_field)),), []).append(obj)
            return index

        return ctx.once(f"reference:{id(self)}", everything)

    def name(self, obj) -> str:
        return str(getattr(obj, self.name_field))

    def choices(self, user) -> list[str] | None:
        return short_list(self.queryset(user).values_list(self.name_field, flat=True))


def short_list(values, limit: int = 300) -> list[str] | None:
    """Values for a drop-down list, sorted and distinct, if there are few enough to pick from."""
    names = sorted({str(v) for v in values[: limit * 2] if v})
    return names if 0 < len(names) <= limit else None


class ManyByName(ByName):
    """Several rows of a small table by their names (a «;»-separated cell)."""

    def key_of(self, row):
        values = row.values.get(self.columns[0])
        return tuple(word(v) for v in values) if values else None

    def resolve(self, rows, ctx, headers):
        rows = [row for row in rows if self.columns[0] in row.values]
        index = self.load(set(), ctx) if rows else {}
        column = self.columns[0]
        for row in rows:
            found = []
            for value in row.values[column] or ():
                matches = index.get((word(value),), ())
                if len(matches) != 1:
                    row.add_error(RowError(row.number, headers.get(column, column), self.missing(row), value))
                else:
                    found.append(matches[0])
            row.refs[self.target] = found


class ImportKind:
    """One kind of import: its columns, references, rules, natural key and way of saving.

    ``natural_key``: model fields whose values identify an existing row (among those the user may
    change): such a row is updated, not duplicated; two rows of a file with one key are an error.
    ``references`` resolve columns to related rows in bulk; ``m2m`` names many-to-many fields filled
    from ``row.refs``; ``saving`` says how rows are written (``Saving.EACH`` calls ``save_row``).
    """

    key: str = ""
    label: str = ""
    model: type[Model]
    columns: Sequence[Column] = ()
    references: Sequence[Reference] = ()
    natural_key: Sequence[str] = ()
    natural_key_help: str = ""
    natural_key_columns: Sequence[str] = ()  # the columns a person sees as the key, if not the key's fields
    m2m: Sequence[str] = ()
    saving: Saving = Saving.BULK
    success_url_name: str = ""  # the list the web upload returns to (a URL name)

    @cached_property
    def bound_columns(self) -> list[BoundColumn]:
        return [bind_column(self.model, column) for column in self.columns]

    def template_columns(self, user) -> list[BoundColumn]:
        """The columns a user's template has: a column the user's identity fills (their college) is left out."""
        return [c for c in self.bound_columns if c.preset is None or c.preset(user) is None]

    def queryset(self, user) -> QuerySet:
        """The rows the user may change: the only ones a file's row can update."""
        return restrict(self.model.objects.all(), user, "change")

    def check_permission(self, user) -> None:
        if not can_add(user, self.model):
            raise PermissionDenied

    def row_key(self, row: Row) -> tuple | None:
        """The natural key of a row (references by primary key, texts as a person means them), or None."""
        attrs = row.attrs
        if not self.natural_key or not attrs.keys() >= self.key_parts.keys():
            return None
        return tuple([part(attrs[name]) for name, part in self.key_parts.items()])

    def key_part(self, name: str, value):
        """A natural key's part: a row by its primary key, a free text as a person means it, a code as typed."""
        return self.key_parts[name](value)

    @cached_property
    def key_parts(self) -> dict[str, Callable[[object], object]]:
        """How each part of the natural key is compared, decided once per kind (``key_part``)."""
        return {name: text_key if self.is_free_text(name) else value_key for name in self.natural_key}

    def existing(self, rows: Sequence[Row], ctx: ImportContext) -> dict[tuple, dict[str, object]]:
        """The rows the batch updates, by key, in one query: each as its values by attribute name (a
        reference by its key, ``student_id``), filtered by each key part that is not free text."""
        meta = self.model._meta
        condition = Q()
        for position, name in enumerate(self.natural_key):
            field = meta.get_field(name)
            if field.is_relation or not self.is_free_text(name):
                parts = {row.key[position] for row in rows}
                known = Q(**{f"{field.attname}__in": parts - {None}})
                condition &= known | Q(**{f"{field.attname}__isnull": True}) if None in parts else known
        names = self.attnames
        key_names = [(name, meta.get_field(name).attname) for name in self.natural_key]
        found = {}
        # Unordered: the model's default ordering would join and sort (a collation) for nothing.
        for values in self.queryset(ctx.user).filter(condition).order_by().values_list(*names):
            old = dict(zip(names, values, strict=True))
            found[tuple(self.key_part(name, old[attname]) for name, attname in key_names)] = old
        return found

    @cached_property
    def attnames(self) -> list[str]:
        """The attribute names of the model's columns, in the order ``Model.from_db`` takes them."""
        return [f.attname for f in self.model._meta.concrete_fields]

    def old_instance(self, old: dict[str, object]) -> Model:
        """An existing row, read as plain values by ``existing``, as a model instance (Django's ``from_db``)."""
        return self.model.from_db(router.db_for_read(self.model), self.attnames, [old[name] for name in self.attnames])

    @cache  # noqa: B019 - kinds are registered once and live as long as the process
    def is_free_text(self, name: str) -> bool:
        """A text key part typed by people (a name): matched in any case, so not filtered in SQL."""
        field = self.model._meta.get_field(name)
        column = next((c for c in self.bound_columns if c.field == name), None)
        text = field.get_internal_type() in {"CharField", "TextField"}
        return text and (column is None or type(column.cell) is Cell)

    def check_row(self, row: Row, ctx: ImportContext) -> None:
        """Rules of the kind beyond the model's own (a college's handed-in data …): add them with ``row.add_error``."""

    def save_row(self, row: Row, ctx: ImportContext) -> Model:
        """Write one row (``Saving.EACH``): by default the instance and its many-to-many fields."""
        instance = row.instance
        instance.save()
        for name in self.m2m:
            getattr(instance, name).set(row.refs.get(name) or [])
        return instance

    def kept_beside(
        self, rows: Sequence[Row], ctx: ImportContext
    ) -> tuple[list[Model], list[tuple[Row, ValidationError]]]:
        """``Saving.BULK``: what a batch's changed ``rows`` keep beside them (a renamed organization's former
        name), unsaved, and the rows refused with their ``ValidationError``. The save stage writes the
        kept rows in bulk after the batch, the record stage their history."""
        return [], []

    def choices_for(self, column: BoundColumn, user) -> list[str] | None:
        """A drop-down list for a column in the user's template: choices, yes/no, a short list of references."""
        listed = column.cell.choices()
        if listed:
            return list(listed)
        for reference in self.references:
            if reference.columns[:1] == (column.field,):
                return reference.choices(user)
        return None


def value_key(value):
    """A key part compared as it is: a referenced row by its primary key."""
    return value.pk if isinstance(value, Model | Found) else value


def text_key(value):
    """A key part typed by people: compared as a person means it (``word``)."""
    return word(value) if isinstance(value, str) else value_key(value)


_kinds: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> ImportKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(key) from None


def all_kinds() -> list[ImportKind]:
    return sorted(_kinds.values(), key=lambda k: k.label)
