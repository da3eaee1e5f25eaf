"""The stages of an import before saving: map headers → parse cells → match references → validate → diff.

Each stage takes a batch of rows and the run's context and adds to the rows. A row with an error
goes on only as far as it can still be checked (the references of its cells that were read), so
that one pass names as many of its errors as it can; it is never validated or saved.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects

from .cells import CellError, Code, Date, Integer, Number, Shown, YesNo, is_empty, plain_text, word
from .kinds import BoundColumn, Found, ImportContext, ImportKind
from .messages import field_message
from .rows import CHANGED, NEW, UNCHANGED, Row, RowError


# Map headers -------------------------------------------------------------------------------------
class HeaderMap:
    """Which position of the sheet each column of the kind is at; the columns the file does not have."""

    def __init__(self, kind: ImportKind, header: Sequence[str], user):
        at = {word(name): index for index, name in reversed(list(enumerate(header))) if name}
        self.columns: list[tuple[BoundColumn, int | None]] = []
        self.missing: list[str] = []
        for column in kind.bound_columns:
            if isinstance(column.cell, Shown):
                continue
            index = at.get(word(column.header))
            preset = column.preset(user) if column.preset else None
            if index is None and preset is None:
                if column.required:
                    self.missing.append(column.header)
                continue
            self.columns.append((column, index))
        self.presets = {c.field: c.preset(user) for c, _i in self.columns if c.preset and c.preset(user) is not None}
        self.headers = {c.field: c.header for c in kind.bound_columns}
        self.references = {reference.target: reference for reference in kind.references}  # a row names them
        self.readings: dict[str, dict[tuple, Reading]] = {}  # field → (type, cell) → its reading, for the whole file

    def error(self) -> RowError | None:
        if not self.missing:
            return None
        names = ", ".join(f"«{m}»" for m in self.missing)
        return RowError(1, "", f"в файле нет столбцов: {names}. Скачайте шаблон и перенесите данные в него.")


# Parse cells -------------------------------------------------------------------------------------
def parse_cells(batch: Sequence[tuple[int, tuple]], headers: HeaderMap) -> list[Row]:
    """Read every cell of the batch as its column's type; a cell that cannot be read is a row error.

    A cell's reading depends on its column and value only: a value repeated down a column (a college,
    a status, a year) is read once per file and the reading reused (``headers.readings``). A column of
    values that do not repeat (record numbers, names) stops being remembered after ``KEPT_READINGS``
    values: its readings would only be kept alive for the whole file, each row's for nothing.
    """
    rows = []
    columns = [
        (column, column.field, index, headers.presets.get(column.field), headers.readings.setdefault(column.field, {}))
        for column, index in headers.columns
    ]
    for number, values in batch:
        row = Row(number=number, cells={})
        cells, read, width = row.cells, row.values, len(values)
        for column, field, index, preset, readings in columns:
            raw = values[index] if index is not None and index < width else None
            cells[field] = raw
            key = (type(raw), raw)
            try:
                reading = readings[key]
            except KeyError:
                reading = read_cell(column, raw, preset)
                if len(readings) < KEPT_READINGS:
                    readings[key] = reading
            except TypeError:  # a value that cannot be a key (none of those a sheet gives)
                reading = read_cell(column, raw, preset)
            if reading.plain:
                read[field] = reading.value
            else:
                reading.apply(row, field)
        rows.append(row)
    return rows


# Distinct values remembered per column: enough for a date column over several years (366 a year).
KEPT_READINGS = 5000


@dataclass(frozen=True, slots=True)
class Reading:
    """What one cell gives its row: a value (``has_value``), a note on how it was re-read, or errors
    (column, message, value as typed) — the row's number is added when it is applied."""

    has_value: bool = False
    value: object = None
    note: str = ""
    errors: tuple[tuple[str, str, str], ...] = ()
    plain: bool = dataclasses.field(init=False)  # a value alone, shared by every row it is read for (most cells)

    def __post_init__(self):
        plain = self.has_value and not self.note and not self.errors and not isinstance(self.value, list | dict | set)
        object.__setattr__(self, "plain", plain)  # a frozen dataclass sets its derived field so

    def apply(self, row: Row, field: str) -> None:
        for column, message, typed in self.errors:
            row.add_error(RowError(row.number, column, message, typed))
        if self.has_value:
            value = self.value
            row.values[field] = copy.copy(value) if isinstance(value, list | dict | set) else value
        if self.note:
            row.notes[field] = self.note


def read_cell(column: BoundColumn, raw, preset: str | None) -> Reading:
    if preset is not None:
        if not is_empty(raw) and word(plain_text(raw)) != word(preset):
            return Reading(errors=((column.header, f"можно загружать только данные «{preset}».", plain_text(raw)),))
        raw = preset
    if is_empty(raw):
        if column.required:
            return Reading(errors=((column.header, f"не заполнено; ожидается {expected(column)}.", ""),))
        return Reading(has_value=True, value=empty_value(column))
    try:
        value, note = column.cell.parse(raw)
        run_validators(column, value)
    except CellError as exc:
        return Reading(errors=((column.header, f"{exc}.", plain_text(raw)),))
    except ValidationError as exc:
        text = plain_text(raw)
        return Reading(errors=tuple((column.header, field_message(e, column), text) for e in exc.error_list))
    return Reading(has_value=True, value=value, note=note or "")


def run_validators(column: BoundColumn, value) -> None:
    """The model field's own validators (a code's pattern, a year's range) on the value read."""
    field = column.model_field
    if field is not None and not field.is_relation and not is_empty(value):
        field.run_validators(value)


def expected(column: BoundColumn) -> str:
    cell = column.cell
    if isinstance(cell, Date | Integer | Number | YesNo | Code):
        hint = f"{cell.expected}, например {column.example}" if column.example else cell.expected
        return hint
    if cell.choices():
        return "одно из: " + "; ".join(cell.choices())
    return f"{cell.expected}, например {column.example}" if column.example else "значение"


def empty_value(column: BoundColumn):
    """An empty optional cell: the model field's default, else the cell type's empty value."""
    field = column.model_field
    if field is not None and not field.is_relation and field.has_default():
        return field.get_default()
    if field is not None and field.null:
        return None
    return column.cell.empty()


# Match references --------------------------------------------------------------------------------
def match_references(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext, headers: HeaderMap) -> None:
    """Resolve the references of the batch (one query per referenced table, not per row), then the rows they update."""
    for reference in kind.references:
        # Every row whose cells for this reference were read: one pass names as many errors as it can.
        reference.resolve(rows, ctx, headers.headers)
    live = [row for row in rows if row.ok]
    for row in live:
        row.attrs = model_values(row, kind)
    match_existing(live, kind, ctx, headers)


def model_values(row: Row, kind: ImportKind) -> dict[str, object]:
    """The values the row gives the model's own fields (many-to-many ones are kept aside)."""
    values = row.values
    attrs = {name: values[column] for column, name in own_fields(kind) if column in values}
    references = reference_fields(kind)
    attrs.update((name, value) for name, value in row.refs.items() if name in references)
    return attrs


@cache
def own_fields(kind: ImportKind) -> tuple[tuple[str, str], ...]:
    """(column, model field) of the kind's columns that fill a field of the model's own (not a reference)."""
    return tuple(
        (column.field, column.model_field.name)
        for column in kind.bound_columns
        if column.model_field is not None and not column.model_field.is_relation
    )


@cache
def reference_fields(kind: ImportKind) -> frozenset[str]:
    """The model's own fields a reference may fill (a many-to-many field is none of them: it is saved apart)."""
    return frozenset(f.name for f in kind.model._meta.concrete_fields)


def match_existing(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext, headers: HeaderMap) -> None:
    """Find the existing row each row updates by its natural key; a key repeated in the file is an error."""
    keyed = []
    for row in rows:
        row.key = kind.row_key(row)
        if row.key is None:
            continue
        first = ctx.seen.setdefault(row.key, row.number)
        if first != row.number:
            row.add_error(RowError(row.number, "", f"повторяет строку {first}: та же запись ({key_names(kind)})."))
            continue
        keyed.append(row)
    existing = kind.existing(keyed, ctx) if keyed else {}
    free_text = [name for name in kind.natural_key if kind.is_free_text(name)]
    for row in keyed:
        row.old = existing.get(row.key)
        for name in free_text if row.old is not None else ():
            row.attrs[name] = row.old[name]  # matched in any case: the portal's spelling stays
    if kind.m2m:  # their many-to-many fields are compared for every existing row: read them with it
        matched = [row for row in keyed if row.old is not None]
        for row in matched:
            row.before = kind.old_instance(row.old)
        prefetch_related_objects([row.before for row in matched], *kind.m2m)


def key_names(kind: ImportKind) -> str:
    """The columns that make a row's key, for a message about two rows with one key."""
    names = kind.natural_key_columns or kind.natural_key
    headers = {c.field: c.header for c in kind.bound_columns}
    return ", ".join(f"«{headers.get(name, name)}»" for name in names)


# Validate ----------------------------------------------------------------------------------------
def validate(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext, headers: HeaderMap) -> None:
    """The kind's rules, then the model's own rules across fields."""
    for row in rows:
        if not row.ok:
            continue
        kind.check_row(row, ctx)
        if not row.ok:
            continue
        if row.old is not None:
            row.changes = changed_fields(row, kind)
            if not row.changes and not kind.m2m:
                continue  # a row the file does not change: no instance is built, nothing is written
        row.instance = build_instance(row, kind)
        check_model(row, kind, headers)


def build_instance(row: Row, kind: ImportKind):
    attrs = row.attrs
    for name, value in row.refs.items():
        if isinstance(value, Found) and name in attrs:  # read as values: its instance, for the row's rules and history
            attrs[name] = value.instance()
    if row.old is None:
        return kind.model(**row.attrs)
    if row.before is None:
        row.before = kind.old_instance(row.old)
    instance = copy.copy(row.before)
    for name, value in row.attrs.items():
        setattr(instance, name, value)
    return instance


def check_model(row: Row, kind: ImportKind, headers: HeaderMap) -> None:
    """The model's rules across fields (``clean``); each field was checked when its cell was read."""
    try:
        row.instance.clean()
    except ValidationError as exc:
        add_model_errors(row, kind, headers, exc)


def add_model_errors(row: Row, kind: ImportKind, headers: HeaderMap, exc: ValidationError) -> None:
    columns = column_of_field(kind)
    for name, errors in exc.update_error_dict({}).items():
        column = columns.get(name)
        value = (
            plain_text(row.cells.get(column.field))
            if column is not None and row.cells.get(column.field) is not None
            else ""
        )
        for error in errors:
            row.add_error(RowError(row.number, column.header if column else "", field_message(error, column), value))


def column_of_field(kind: ImportKind) -> dict[str, BoundColumn]:
    """The column a model field's error is shown at: the field's own, or the reference's first column."""
    columns = {c.field: c for c in kind.bound_columns}
    found = dict(columns)
    for reference in kind.references:
        if reference.columns and reference.columns[0] in columns:
            found.setdefault(reference.target, columns[reference.columns[0]])
    return found


# Diff --------------------------------------------------------------------------------------------
def diff(rows: Sequence[Row], kind: ImportKind) -> None:
    """New, changed (with the old values) or unchanged: the fields validate found changed, and many-to-many ones."""
    for row in rows:
        if not row.ok:
            continue
        if row.old is None:
            row.status = NEW
            continue
        for name in kind.m2m:
            before = {obj.pk for obj in getattr(row.before, name).all()}
            after = {obj.pk for obj in row.refs.get(name) or ()}
            if before != after:
                row.changes[name] = (before, after)
        row.status = CHANGED if row.changes else UNCHANGED


def changed_fields(row: Row, kind: ImportKind) -> dict[str, tuple[object, object]]:
    """The fields a row changes, with (old, new), compared as plain values: a reference by its key."""
    changes = {}
    old, relations = row.old, relation_attnames(kind.model)
    for name, value in row.attrs.items():
        attname = relations.get(name)
        if attname is None:
            before, after = old[name], value
        else:
            before, after = old[attname], getattr(value, "pk", value)
        if before != after:
            changes[name] = (before, after)
    return changes


@cache
def relation_attnames(model) -> dict[str, str]:
    """The model's references by name → the attribute holding the key (``student`` → ``student_id``)."""
    return {f.name: f.attname for f in model._meta.concrete_fields if f.is_relation}
