"""Excel import: a registry of kinds and the all-or-nothing runner shared by the web and the CLI."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial

from auditlog.context import disable_auditlog
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint, F, Model, QuerySet, UniqueConstraint
from django.utils.datastructures import MultiValueDict
from django.utils.text import capfirst
from openpyxl import Workbook

from . import audit
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


class ImportCache:
    """Lookups an import needs, loaded once per file instead of once per row.

    The runner gives one to every row's form (``form.cache``). It memoizes the form's reference
    fields (``ModelChoiceField``: one query per distinct value, not per row); a kind subclasses it
    (``ImportKind.cache_class``) for lookups of its own, loaded with ``once()``.
    """

    def __init__(self, user):
        self.user = user
        self._loaded: dict[str, object] = {}
        self._choices: dict[str, dict] = {}

    def once(self, name: str, load: Callable[[], object]):
        """``load()`` the first time ``name`` is asked for in this file, the stored value afterwards."""
        if name not in self._loaded:
            self._loaded[name] = load()
        return self._loaded[name]

    def form_fields(self, form_class: type[forms.BaseForm]) -> dict:
        """The fields of ``form_class``, copied once per file: every row's form shares them."""
        return self.once(f"fields:{form_class.__module__}.{form_class.__qualname__}", lambda: _FileFields(form_class))

    def memoize_references(self, form: forms.BaseForm) -> None:
        """Resolve each reference value of the file once: the fields' querysets do not change per row."""
        for name, form_field in form.fields.items():
            if isinstance(form_field, forms.ModelChoiceField) and not form_field.disabled:
                if isinstance(form_field.clean, partial) and form_field.clean.func is _memo_clean:
                    continue
                store = self._choices.setdefault(name, {})
                form_field.clean = partial(_memo_clean, form_field.clean, store)


class _FileFields(dict):
    """A form's fields deep-copied once; the per-row ``deepcopy`` in ``BaseForm.__init__`` gets this dict."""

    def __init__(self, form_class):
        super().__init__(copy.deepcopy(form_class.base_fields))

    def __deepcopy__(self, memo):
        return dict(self)


def _memo_clean(clean, store: dict, value):
    key = tuple(value) if isinstance(value, list | tuple) else value
    try:
        hash(key)
    except TypeError:
        return clean(value)
    if key not in store:
        try:
            store[key] = (True, clean(value))
        except ValidationError as exc:
            store[key] = (False, exc)
    ok, outcome = store[key]
    if not ok:
        raise outcome
    return outcome


class ImportKind:
    """What one kind of row is: its columns, the form validating a row, and its natural key.

    ``natural_key`` pairs a form field with the database lookup holding the same value; rows
    whose key already exists (among those the user may change) are updated, not duplicated.

    History: the runner saves the rows with auditlog's per-row signal off and writes their
    entries in bulk (who, when, what — the same entries). ``bulk_history = False`` keeps the
    signals, for a kind whose ``save`` writes other tracked rows too; models whose history
    records many-to-many changes keep them as well.
    """

    key: str = ""
    label: str = ""
    model: type[Model]
    columns: Sequence[Column] = ()
    form_class: type[forms.ModelForm]
    natural_key: Sequence[tuple[str, str]] = ()
    natural_key_help: str = ""
    success_url_name: str = ""  # where the web upload returns after saving (a URL name)
    cache_class: type[ImportCache] = ImportCache
    bulk_history: bool = True

    def queryset(self, user) -> QuerySet:
        return restrict(self.model._default_manager.all(), user, "change")

    def form_kwargs(self, user) -> dict:
        return {"user": user}

    def make_cache(self, user) -> ImportCache:
        """The per-file lookup cache handed to every row's form."""
        return self.cache_class(user)

    def logs_in_bulk(self) -> bool:
        return self.bulk_history and not audit.tracks_m2m(self.model)

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
    prepared = []
    for number, raw in rows:
        data = _form_data(kind.form_class, raw, kind.columns)
        key = tuple(_normalize(data.get(f)) for f, _lookup in kind.natural_key) if kind.natural_key else None
        prepared.append((number, raw, data, key))
    # Only the existing rows the file names are loaded, not every row of the table.
    wanted = {index[key] for *_rest, key in prepared if key in index}
    instances = kind.model._default_manager.in_bulk(list(wanted)) if wanted else {}
    seen: dict[tuple, int] = {}
    valid_forms = []
    cache = kind.make_cache(user)
    form_kwargs = {"cache": cache, **kind.form_kwargs(user)}
    bulk_history = kind.logs_in_bulk()
    before: dict[object, Model] = {}  # existing rows as they were, for the change history
    result.rows = len(rows)
    for number, raw, data, key in prepared:
        instance = None
        if kind.natural_key:
            if key in seen:
                result.add_error(RowError(number, "", f"повторяет строку {seen[key]} (тот же ключ записи)."))
                continue
            seen[key] = number
            pk = index.get(key)
            instance = instances.get(pk) if pk else None
            if instance is not None and bulk_history:
                before[pk] = copy.copy(instance)
        form = kind.form_class(data=data, instance=instance, **form_kwargs)
        cache.memoize_references(form)
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
    if bulk_history:
        # A form may have picked an existing row the natural key did not (e.g. by another key).
        missing = [f.instance.pk for _n, f in valid_forms if f.instance.pk is not None and f.instance.pk not in before]
        before.update(kind.model._default_manager.in_bulk(missing) if missing else {})
    plain = bulk_history and _plain_save(kind)
    try:
        try:
            _save_all(kind, valid_forms, user, before, bulk_history=bulk_history, plain=plain)
        except IntegrityError:
            # A batch insert does not tell which row the database refused: save row by row to name it.
            _save_all(kind, valid_forms, user, before, bulk_history=bulk_history, plain=False)
    except _RowRefused as refused:
        result.add_error(RowError(refused.number, "", refused.message))
        result.created = result.updated = 0
        return result
    result.saved = True
    return result


class _RowRefused(Exception):
    def __init__(self, number: int, message: str):
        super().__init__(message)
        self.number, self.message = number, message


BULK_BATCH = 1000


def _plain_save(kind: ImportKind) -> bool:
    """Rows of this kind may be inserted in batches: nothing runs on save but the form's own save."""
    model = kind.model
    return (
        type(kind).save is ImportKind.save
        and model.save is Model.save
        and not model._meta.many_to_many
        and not any(isinstance(f, forms.ModelMultipleChoiceField) for f in kind.form_class.base_fields.values())
    )


def _unchanged(old: Model | None, new: Model) -> bool:
    if old is None:
        return False
    return all(f.value_from_object(old) == f.value_from_object(new) for f in new._meta.concrete_fields)


def _save_all(kind, valid_forms, user, before, *, bulk_history: bool, plain: bool) -> None:
    """Save every valid row in one transaction; the history of the rows is written in bulk."""
    current = 0
    saved = []
    try:
        with transaction.atomic():
            with disable_auditlog() if bulk_history else nullcontext():
                pending = []
                for number, form in valid_forms:
                    current = number
                    instance = form.instance
                    if plain and instance.pk is None:
                        pending.append(instance)
                        if len(pending) >= BULK_BATCH:
                            saved += kind.model._default_manager.bulk_create(pending)
                            pending = []
                    elif plain and _unchanged(before.get(instance.pk), instance):
                        continue  # a re-imported row that changes nothing is not written again
                    else:
                        saved.append(kind.save(form, user))
                current = 0
                if pending:
                    saved += kind.model._default_manager.bulk_create(pending)
            if bulk_history:
                audit.log_saved(kind.model, [(before.get(obj.pk), obj) for obj in saved], actor=user)
    except ValidationError as exc:
        raise _RowRefused(current, "; ".join(exc.messages)) from exc
    except IntegrityError as exc:
        if plain:
            raise
        raise _RowRefused(current, integrity_message(kind.model, exc)) from exc


_QUOTED = re.compile(r'"([^"]+)"')
_KEY_COLUMNS = re.compile(r"Key \(([^)]*)\)=")
_SQLITE_COLUMNS = re.compile(r"(?:UNIQUE|CHECK) constraint failed: (.+)$")


def _plain_expressions(constraint) -> tuple[str, ...]:
    expressions = getattr(constraint, "expressions", ())
    return tuple(e.name for e in expressions) if expressions and all(isinstance(e, F) for e in expressions) else ()


def integrity_message(model: type[Model], exc: IntegrityError) -> str:
    """A refused save in Russian: the violated constraint's own message where it can be told."""
    text = str(exc)
    constraints = [c for c in model._meta.constraints if isinstance(c, UniqueConstraint | CheckConstraint)]
    names = set(_QUOTED.findall(text))
    sqlite = _SQLITE_COLUMNS.search(text.splitlines()[0] if text else "")
    if sqlite:
        names.add(sqlite[1].strip())
    for constraint in constraints:
        if constraint.name in names:
            return constraint.get_violation_error_message()
    columns: set[str] = set()
    found = _KEY_COLUMNS.search(text)
    if found:
        columns = {c.strip().strip('"') for c in found[1].split(",")}
    elif sqlite:
        columns = {part.strip().rsplit(".", 1)[-1] for part in sqlite[1].split(",")}
    if columns:
        for constraint in constraints:
            fields = getattr(constraint, "fields", ()) or _plain_expressions(constraint)
            if fields and {model._meta.get_field(f).column for f in fields} == columns:
                return constraint.get_violation_error_message()
        for model_field in model._meta.concrete_fields:
            if model_field.unique and {model_field.column} == columns:
                return model_field.error_messages["unique"] % {
                    "model_name": capfirst(model._meta.verbose_name),
                    "field_label": model_field.verbose_name,
                }
    if "unique" in text.lower() or "duplicate" in text.lower():
        return "нарушена уникальность записи: такая запись уже есть."
    return "запись не прошла проверку базы данных."
