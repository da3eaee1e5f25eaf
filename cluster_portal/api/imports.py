"""Write endpoints: ``POST /api/imports/<kind>/`` takes rows as JSON and runs the Excel import's pipeline.

Rows are JSON objects keyed by the import's **field names** (``record_number``, ``date_start`` …; the
schema lists each with its column header and rule). They become a sheet — the kind's headers, the
values in their places — and go through the same stages as an uploaded workbook (``core.imports.run_rows``):
the same checks, the same Russian row messages, all rows saved in one transaction or none, and the
history written by the pipeline's record stage. Row numbers are positions in ``rows``, from 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cluster_portal.core.imports import Date, ImportKind, Integer, Number, RowError, Shown, YesNo, all_kinds, run_rows

from .base import APIViewMixin
from .permissions import TokenScope

SCALARS = (str, int, float, bool, type(None))


def input_columns(kind: ImportKind) -> list:
    """The columns a request may fill: the template's, without those the portal shows only."""
    return [column for column in kind.bound_columns if not isinstance(column.cell, Shown)]


def cell_of(value):
    """A JSON value as a sheet's cell: scalars as they are, a list as «a; b» (several names)."""
    if isinstance(value, list) and all(isinstance(v, SCALARS) for v in value):
        return "; ".join(str(v) for v in value if v is not None)
    return value


def shape_errors(kind: ImportKind, rows) -> list[RowError]:
    """What is wrong with the request's rows before any cell is read: not objects, unknown fields, nested values."""
    known = {column.field: column for column in input_columns(kind)}
    errors = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            errors.append(RowError(number, "", "ожидается объект JSON: поле → значение."))
            continue
        for key, value in row.items():
            if key not in known:
                names = ", ".join(known)
                errors.append(RowError(number, str(key), f"нет такого поля; ожидается одно из: {names}."))
            elif not isinstance(cell_of(value), SCALARS):
                errors.append(
                    RowError(number, known[key].header, "ожидается строка, число, true/false или null.", str(value))
                )
    return errors


def as_sheet(kind: ImportKind, rows: Sequence[Mapping]) -> tuple[list[str], list[tuple[int, tuple]]]:
    """The rows as a sheet of the kind's template: its headers, and each row's values in their places."""
    columns = input_columns(kind)
    header = [column.header for column in columns]
    data = [(number, tuple(cell_of(row.get(c.field)) for c in columns)) for number, row in enumerate(rows, start=1)]
    return header, data


def error_json(error: RowError, fields: Mapping[str, str]) -> dict:
    return {
        "row": error.row,
        "column": error.column,
        "field": fields.get(error.column, ""),
        "value": error.value,
        "message": error.message,
    }


# The schema of the request and the answer -------------------------------------------------------
def field_for(column) -> serializers.Field:
    """A column as a schema field: its type, its header and rule as the description."""
    rule = "Дата ГГГГ-ММ-ДД (принимается и ДД.ММ.ГГГГ)." if isinstance(column.cell, Date) else column.cell.rule()
    description = f"«{column.header}». {rule}"
    if column.help:
        description += f" {column.help}"
    if column.preset is not None:
        description += " Представителю ПОО не нужно: подставляется его ПОО."
    kwargs = {"required": column.required and column.preset is None, "help_text": description}
    cell = column.cell
    if isinstance(cell, YesNo):
        return serializers.BooleanField(**kwargs)
    if isinstance(cell, Integer) and not isinstance(cell, Number):
        return serializers.IntegerField(allow_null=not kwargs["required"], **kwargs)
    if isinstance(cell, Number):
        return serializers.FloatField(allow_null=not kwargs["required"], **kwargs)
    if isinstance(cell, Date):
        return serializers.DateField(allow_null=not kwargs["required"], **kwargs)
    return serializers.CharField(allow_blank=not kwargs["required"], allow_null=not kwargs["required"], **kwargs)


def row_serializer(kind: ImportKind) -> type[serializers.Serializer]:
    fields = {column.field: field_for(column) for column in input_columns(kind)}
    name = "".join(part.capitalize() for part in kind.key.split("-"))
    doc = f"{kind.label}: строка."
    return type(f"{name}ImportRowSerializer", (serializers.Serializer,), {**fields, "__doc__": doc})


def request_serializer(kind: ImportKind) -> type[serializers.Serializer]:
    name = "".join(part.capitalize() for part in kind.key.split("-"))
    return type(
        f"{name}ImportSerializer",
        (serializers.Serializer,),
        {
            "rows": row_serializer(kind)(many=True, help_text="Строки: объекты с полями по названиям полей импорта."),
            "dry_run": serializers.BooleanField(
                required=False, default=False, help_text="Только проверить: ничего не сохранять."
            ),
            "__doc__": f"{kind.label}: загрузка строк.",
        },
    )


class RowErrorSerializer(serializers.Serializer):
    """Ошибка строки — те же сообщения, что при загрузке Excel."""

    row = serializers.IntegerField(help_text="Номер строки в rows, с 1 (0 — ошибка запроса целиком).")
    column = serializers.CharField(help_text="Заголовок столбца шаблона Excel (или неизвестное поле).")
    field = serializers.CharField(help_text="Название поля в запросе (пусто, если ошибка не в одном поле).")
    value = serializers.CharField(help_text="Значение, как оно прочитано.")
    message = serializers.CharField(help_text="Что не так и что ожидается.")


class ImportResultSerializer(serializers.Serializer):
    """Итог загрузки: сохранены все строки или ни одной."""

    kind = serializers.CharField(help_text="Вид импорта.")
    saved = serializers.BooleanField(help_text="Строки сохранены (все).")
    dry_run = serializers.BooleanField(help_text="Это была только проверка.")
    rows = serializers.IntegerField(help_text="Строк в запросе.")
    created = serializers.IntegerField(help_text="Новых записей.")
    updated = serializers.IntegerField(help_text="Изменённых записей.")
    unchanged = serializers.IntegerField(help_text="Записей без изменений.")
    error_count = serializers.IntegerField(help_text="Всего ошибок (в errors — не более 500 первых).")
    errors = RowErrorSerializer(many=True)


# The view ----------------------------------------------------------------------------------------
class ImportView(APIViewMixin, APIView):
    """Rows of one import kind, checked and saved as the Excel import does (all or none)."""

    kind: ImportKind
    permission_classes = [IsAuthenticated, TokenScope]

    def post(self, request):
        self.kind.check_permission(request.user)
        try:
            data = request.data
        except ParseError:
            return self.answer(errors=[RowError(0, "", "тело запроса не читается как JSON в UTF-8.")])
        rows, dry_run, refused = self.parse(data)
        if refused is not None:
            return refused
        errors = shape_errors(self.kind, rows)
        if errors:
            return self.answer(rows=len(rows), dry_run=dry_run, errors=errors)
        header, data = as_sheet(self.kind, rows)
        result = run_rows(
            self.kind,
            header,
            data,
            user=request.user,
            dry_run=dry_run,
            filename=self.source_name(request),
            remote_addr=request.META.get("REMOTE_ADDR"),
        )
        return self.answer(result=result)

    def parse(self, data):
        """The request's rows and dry_run, or the answer refusing a malformed request."""
        limit = settings.PORTAL_API_IMPORT_MAX_ROWS
        rows = data.get("rows") if isinstance(data, Mapping) else None
        dry_run = data.get("dry_run", False) if isinstance(data, Mapping) else False
        message = None
        if not isinstance(rows, list):
            message = 'ожидается объект {"rows": [...]}: список строк.'
        elif not rows:
            message = "список rows пуст."
        elif len(rows) > limit:
            message = f"слишком много строк: {len(rows)}, за один запрос — не более {limit}."
        elif not isinstance(dry_run, bool):
            message = "dry_run: ожидается true или false."
        if message is None:
            return rows, dry_run, None
        count = len(rows) if isinstance(rows, list) else 0
        return [], False, self.answer(rows=count, dry_run=False, errors=[RowError(0, "", message)])

    def source_name(self, request) -> str:
        """What the history says the rows came from: the API, and which token."""
        token = request.auth
        return f"API, токен «{token.name}»" if hasattr(token, "name") else "API"

    def answer(self, *, result=None, rows=0, dry_run=False, errors=()):
        fields = {column.header: column.field for column in self.kind.bound_columns}
        if result is not None:
            rows, dry_run, errors = result.rows, result.dry_run, result.errors
        body = {
            "kind": self.kind.key,
            "saved": bool(result and result.saved),
            "dry_run": dry_run,
            "rows": rows,
            "created": result.created if result else 0,
            "updated": result.updated if result else 0,
            "unchanged": result.unchanged if result else 0,
            "error_count": result.error_count if result else len(errors),
            "errors": [error_json(e, fields) for e in errors],
        }
        ok = not body["error_count"]
        return Response(body, status=status.HTTP_200_OK if ok else status.HTTP_400_BAD_REQUEST)


def import_view_for(kind: ImportKind) -> type[ImportView]:
    """The endpoint of one kind, its request documented column by column."""
    view = type(f"{request_serializer(kind).__name__}View", (ImportView,), {"kind": kind, "__doc__": kind.label})
    description = (
        f"Загрузка строк вида «{kind.label}» через те же проверки, что и загрузка шаблона Excel: "
        "все строки сохраняются одной транзакцией или ни одна; ошибки — те же сообщения по строкам. "
        "Поля строки — названия полей импорта (в описании каждого — заголовок столбца шаблона)."
    )
    if kind.natural_key_help:
        description += f" {kind.natural_key_help}"
    operation = extend_schema(
        operation_id=f"import_{kind.key.replace('-', '_')}",
        summary=f"{kind.label}: загрузка",
        description=description,
        tags=["Загрузка данных"],
        request=request_serializer(kind),
        responses={200: ImportResultSerializer, 400: ImportResultSerializer},
    )
    return extend_schema_view(post=operation)(view)


def import_kinds() -> list[ImportKind]:
    return all_kinds()
