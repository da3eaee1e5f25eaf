"""The save stage: every row of the file in one transaction, in batches, or row by row where the kind says so.

A batch the database refuses (a constraint) is saved again row by row, each in a savepoint, so that
every refused row is named with the constraint's own message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from auditlog.context import disable_auditlog, set_extra_data
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint, F, Model, Q, UniqueConstraint
from django.utils import timezone
from django.utils.text import capfirst

from .kinds import ImportContext, ImportKind, Saving
from .rows import CHANGED, NEW, Row, RowError
from .stages import column_of_field

BATCH = 1000
COLUMNS_JOINED = "», «"  # several columns in one error: «Начало», «Окончание»


def chunks(rows: Sequence[Row], size: int = BATCH) -> Iterator[Sequence[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def save(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext) -> list[Model]:
    """Write the new and changed rows of a batch (an unchanged row is not written again); returns the rows
    kept beside them (``ImportKind.kept_beside``), written in bulk too, whose history the record stage writes."""
    new = [row for row in rows if row.ok and row.status == NEW]
    changed = [row for row in rows if row.ok and row.status == CHANGED]
    if kind.saving is Saving.EACH:
        save_each([*new, *changed], kind, ctx)
        return []
    with disable_auditlog():  # the record stage writes these rows' history in bulk
        for batch in chunks(new):
            insert(batch, kind)
        for batch in chunks(changed):
            update(batch, kind)
        return keep_beside(changed, kind, ctx)


def keep_beside(changed: Sequence[Row], kind: ImportKind, ctx: ImportContext) -> list[Model]:
    """What the kind keeps beside its changed rows, one ``bulk_create`` per model; a row it refuses gets the errors."""
    kept, refused = kind.kept_beside([row for row in changed if row.ok], ctx)
    for row, exc in refused:
        refuse_invalid(row, kind, exc)
    for model in dict.fromkeys(type(obj) for obj in kept):
        model.objects.bulk_create([obj for obj in kept if type(obj) is model], batch_size=BATCH)
    return kept


def insert(batch: Sequence[Row], kind: ImportKind) -> None:
    try:
        with transaction.atomic():
            kind.model.objects.bulk_create([row.instance for row in batch])
    except IntegrityError:
        for row in batch:
            row.instance.pk = None
            one_by_one(row, kind, lambda r: r.instance.save(force_insert=True))


def update(batch: Sequence[Row], kind: ImportKind) -> None:
    now = timezone.now()
    stamped = [f.name for f in kind.model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for row in batch:
        for name in stamped:
            setattr(row.instance, name, now)
    fields = sorted({name for row in batch for name in row.changes} | set(stamped))
    try:
        with transaction.atomic():
            kind.model.objects.bulk_update([row.instance for row in batch], fields)
    except IntegrityError:
        for row in batch:
            one_by_one(row, kind, lambda r: r.instance.save(update_fields=[*r.changes, *stamped]))


def one_by_one(row: Row, kind: ImportKind, write) -> None:
    try:
        with transaction.atomic():
            write(row)
    except IntegrityError as exc:
        refuse(row, kind, exc)


def save_each(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext) -> None:
    """``kind.save_row`` per row, its history written by auditlog's signals with the import's tags."""
    with set_extra_data(history_context(ctx)):
        for row in rows:
            try:
                with transaction.atomic():
                    row.instance = kind.save_row(row, ctx)
            except IntegrityError as exc:
                refuse(row, kind, exc)
            except ValidationError as exc:
                refuse_invalid(row, kind, exc)


def history_context(ctx: ImportContext) -> dict:
    """What every history entry of the import carries: who, from where, which file (auditlog's context)."""
    user = ctx.user if getattr(ctx.user, "pk", None) is not None else None
    data = {"cid": ctx.cid, "additional_data": import_note(ctx), "remote_addr": ctx.remote_addr}
    if user is not None:
        data["actor"] = user
    return data


def import_note(ctx: ImportContext) -> dict:
    return {"import": {"kind": ctx.kind.label, "file": ctx.filename, "rows": ctx.total}}


def refuse(row: Row, kind: ImportKind, exc: IntegrityError) -> None:
    message, fields = integrity_message(kind.model, exc)
    row.add_error(RowError(row.number, headers_of(kind, fields), message))


def refuse_invalid(row: Row, kind: ImportKind, exc: ValidationError) -> None:
    """A row the kind's service refused: each message at its field's column, a constraint's at the columns it reads."""
    constraints = {
        constraint.get_violation_error_message(): constraint_fields(constraint)
        for constraint in kind.model._meta.constraints
        if isinstance(constraint, UniqueConstraint | CheckConstraint)
    }
    for name, errors in exc.update_error_dict({}).items():
        for text in ValidationError(errors).messages:
            fields = [name] if name != NON_FIELD_ERRORS else constraints.get(text, [])
            message = text if text.endswith(".") else text + "."
            row.add_error(RowError(row.number, headers_of(kind, fields), message))


def headers_of(kind: ImportKind, fields: Sequence[str]) -> str:
    """The columns of the sheet that show ``fields`` (model fields), in the sheet's order, for one error."""
    columns = column_of_field(kind)
    named = {columns[name].header for name in fields if name in columns}
    return COLUMNS_JOINED.join(column.header for column in kind.bound_columns if column.header in named)


_QUOTED = re.compile(r'"([^"]+)"')
_KEY_COLUMNS = re.compile(r"Key \(([^)]*)\)=")
_SQLITE_COLUMNS = re.compile(r"(?:UNIQUE|CHECK) constraint failed: (.+)$")


def constraint_fields(constraint) -> list[str]:
    """The fields a constraint reads: a unique constraint's fields, the names in a check's condition."""
    fields = list(getattr(constraint, "fields", ()) or ())
    for expression in getattr(constraint, "expressions", ()) or ():
        if isinstance(expression, F):
            fields.append(expression.name)
    condition = getattr(constraint, "condition", None)
    if isinstance(condition, Q):
        fields.extend(condition_fields(condition))
    return list(dict.fromkeys(f for f in fields if f != "pk"))


def condition_fields(condition: Q) -> Iterator[str]:
    for child in condition.children:
        if isinstance(child, Q):
            yield from condition_fields(child)
        elif isinstance(child, tuple):
            yield child[0].split("__")[0]
            if isinstance(child[1], F):
                yield child[1].name


def integrity_message(model: type[Model], exc: IntegrityError) -> tuple[str, list[str]]:
    """A refused save in Russian — the violated constraint's own message where it can be told — and its fields."""
    text = str(exc)
    constraints = [c for c in model._meta.constraints if isinstance(c, UniqueConstraint | CheckConstraint)]
    names = set(_QUOTED.findall(text))
    sqlite = _SQLITE_COLUMNS.search(text.splitlines()[0] if text else "")
    if sqlite:
        names.add(sqlite[1].strip())
    for constraint in constraints:
        if constraint.name in names:
            return constraint.get_violation_error_message(), constraint_fields(constraint)
    columns = violated_columns(text, sqlite)
    if columns:
        for constraint in constraints:
            fields = constraint_fields(constraint)
            if fields and {model._meta.get_field(f).column for f in fields} == columns:
                return constraint.get_violation_error_message(), fields
        for field in model._meta.concrete_fields:
            if field.unique and {field.column} == columns:
                label = capfirst(model._meta.verbose_name)
                return f"{label} с таким значением «{capfirst(field.verbose_name)}» уже есть.", [field.name]
    if "unique" in text.lower() or "duplicate" in text.lower():
        return "такая запись уже есть.", []
    return "запись не прошла проверку базы данных.", []


def violated_columns(text: str, sqlite) -> set[str]:
    found = _KEY_COLUMNS.search(text)
    if found:
        return {c.strip().strip('"') for c in found[1].split(",")}
    if sqlite:
        return {part.strip().rsplit(".", 1)[-1] for part in sqlite[1].split(",")}
    return set()
