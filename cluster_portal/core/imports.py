"""Excel import: a registry of kinds and the all-or-nothing runner shared by the web and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils.datastructures import MultiValueDict
from openpyxl import Workbook

from .access import can_add, restrict
from .xlsx import Column, WorkbookRefused, read_rows, write_sheet

MAX_REPORTED_ERRORS = 500
PREVIEW_ROWS = 20
TRUE_WORDS = {"да", "д", "yes", "y", "true", "1", "+", "истина"}
FALSE_WORDS = {"нет", "н", "no", "n", "false", "0", "-", "ложь", ""}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"Строка {self.row}" if self.row else "Файл"
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class ImportResult:
    kind: ImportKind
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    preview: list[tuple[int, str, list]] = field(default_factory=list)
    saved: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)


class ImportKind:
    """What one kind of row is: its columns, the form validating a row, and its natural key.

    ``natural_key`` pairs a form field with the database lookup holding the same value; rows
    whose key already exists (among those the user may change) are updated, not duplicated.
    """

    key: str = ""
    label: str = ""
    model: type[Model]
    columns: Sequence[Column] = ()
    form_class: type[forms.ModelForm]
    natural_key: Sequence[tuple[str, str]] = ()
    natural_key_help: str = ""

    def queryset(self, user) -> QuerySet:
        return restrict(self.model._default_manager.all(), user, "change")

    def form_kwargs(self, user) -> dict:
        return {"user": user}

    def save(self, form, user):
        return form.save()

    def check_permission(self, user) -> None:
        if not can_add(user, self.model):
            raise PermissionDenied

    # --- helpers -------------------------------------------------------------------------
    def header_for(self, field_name: str) -> str:
        for col in self.columns:
            if col.field == field_name:
                return col.header
        return ""

    def blank_workbook(self) -> Workbook:
        workbook = Workbook(write_only=True)
        write_sheet(workbook, "Данные", self.columns, [])
        help_columns = [Column("Столбец", "c", width=32), Column("Описание", "d", width=90)]
        notes = [(col.header, col.help) for col in self.columns]
        if self.natural_key_help:
            notes.append(("Повторная загрузка", self.natural_key_help))
        notes.append(("Правило", "Если хотя бы одна строка содержит ошибку, не сохраняется ни одна строка."))
        write_sheet(workbook, "Инструкция", help_columns, notes)
        return workbook


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


def _normalize(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()).lower()


def _form_data(form_class, raw: dict[str, object], columns: Sequence[Column]) -> MultiValueDict:
    """Cell values as a form would receive them from a browser."""
    data = MultiValueDict()
    base_fields = form_class.base_fields
    for col in columns:
        value = raw.get(col.header)
        form_field = base_fields.get(col.field)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() else value
        if isinstance(form_field, forms.BooleanField):
            word = _normalize(value)
            value = "on" if word in TRUE_WORDS else "" if word in FALSE_WORDS else str(value)
            if value:
                data[col.field] = value
            continue
        if isinstance(form_field, (forms.ModelMultipleChoiceField, forms.MultipleChoiceField)):
            parts = [p.strip() for p in str(value or "").split(";") if p.strip()]
            data.setlist(col.field, parts)
            continue
        if value is None:
            value = ""
        elif isinstance(value, str):
            value = value.strip()
        data[col.field] = value
    return data


def _key_index(kind: ImportKind, user) -> dict[tuple, int]:
    if not kind.natural_key:
        return {}
    lookups = [lookup for _field, lookup in kind.natural_key]
    return {
        tuple(_normalize(v) for v in row[:-1]): row[-1]
        for row in kind.queryset(user).values_list(*lookups, "pk").iterator(chunk_size=5000)
    }


def run_import(kind: ImportKind, file, *, user, dry_run: bool) -> ImportResult:
    """Validate every row; when all are valid and not ``dry_run``, save all in one transaction."""
    kind.check_permission(user)
    result = ImportResult(kind=kind)
    try:
        rows = list(read_rows(file))
    except WorkbookRefused as exc:
        result.add_error(RowError(0, "", str(exc)))
        return result
    except Exception:  # a malformed archive inside a valid zip
        result.add_error(RowError(0, "", "Не удалось прочитать книгу Excel: файл повреждён."))
        return result
    from django.conf import settings

    if len(rows) > settings.PORTAL_IMPORT_MAX_ROWS:
        result.add_error(
            RowError(0, "", f"Слишком много строк: {len(rows)}, допускается {settings.PORTAL_IMPORT_MAX_ROWS}.")
        )
        return result
    if rows:
        missing = [c.header for c in kind.columns if c.header not in rows[0][1]]
        if missing:
            result.add_error(
                RowError(1, "", "Нет столбцов: " + ", ".join(f"«{m}»" for m in missing) + ". Скачайте шаблон.")
            )
            return result
    index = _key_index(kind, user)
    instances = kind.model._default_manager.in_bulk(list(index.values())) if index else {}
    seen: dict[tuple, int] = {}
    valid_forms = []
    form_kwargs = kind.form_kwargs(user)
    result.rows = len(rows)
    for number, raw in rows:
        data = _form_data(kind.form_class, raw, kind.columns)
        instance = None
        if kind.natural_key:
            key = tuple(_normalize(data.get(f)) for f, _lookup in kind.natural_key)
            if key in seen:
                result.add_error(RowError(number, "", f"повторяет строку {seen[key]} (тот же ключ записи)."))
                continue
            seen[key] = number
            pk = index.get(key)
            instance = instances.get(pk) if pk else None
        form = kind.form_class(data=data, instance=instance, **form_kwargs)
        if not form.is_valid():
            for name, messages in form.errors.items():
                header = kind.header_for(name)
                column = f"«{header}»" if header else ""
                for message in messages:
                    result.add_error(RowError(number, column, message))
            continue
        if instance is None:
            result.created += 1
        else:
            result.updated += 1
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(
                (number, "изменение" if instance else "новая", [raw.get(c.header) for c in kind.columns])
            )
        valid_forms.append((number, form))
    if not result.ok or dry_run:
        return result
    current = 0
    try:
        with transaction.atomic():
            for number, form in valid_forms:
                current = number
                kind.save(form, user)
    except (ValidationError, IntegrityError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else "нарушена уникальность записи."
        result.add_error(RowError(current, "", message))
        result.created = result.updated = 0
        return result
    result.saved = True
    return result
