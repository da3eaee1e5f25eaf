"""The preview: each row as it will be saved — values in Russian formats, the portal's names of
references, and for a changed row the value each cell replaces."""

from __future__ import annotations

from collections.abc import Sequence

from .rows import CHANGED, PreviewCell, PreviewRow, Row
from .stages import HeaderMap


def preview_rows(rows: Sequence[Row], headers: HeaderMap) -> list[PreviewRow]:
    old_names = referenced_names(rows)
    return [
        PreviewRow(
            row.number,
            row.status,
            [preview_cell(row, column, old_names, headers) for column, _index in headers.columns],
        )
        for row in rows
    ]


def preview_cell(row: Row, column, old_names: dict, headers: HeaderMap) -> PreviewCell:
    field = column.field
    target = row.shown.get(field)
    text = (
        headers.references[target].name(row.refs[target])
        if target is not None
        else column.cell.display(row.values.get(field))
    )
    cell = PreviewCell(text=text, note=row.notes.get(field, ""))
    if row.status == CHANGED:
        cell.old = old_text(row, column, old_names)
    return cell


def old_text(row: Row, column, old_names: dict) -> str | None:
    """The value a changed cell replaces, shown as the cell would show it; None where the cell keeps its value."""
    field = column.model_field
    if field is None or field.name not in row.changes:
        return None
    before = row.changes[field.name][0]
    if field.many_to_many:  # the old row's related rows were read with it
        return "; ".join(str(obj) for obj in getattr(row.before, field.name).all())
    if field.is_relation:
        return old_names.get((field.related_model, before), "")
    return column.cell.display(before)


def referenced_names(rows: Sequence[Row]) -> dict:
    """The names of the rows that changed references pointed to before: one query per referenced model."""
    wanted: dict = {}
    for row in rows:
        if row.status != CHANGED:
            continue
        for name, (before, _after) in row.changes.items():
            field = row.instance._meta.get_field(name)
            if field.many_to_one and before is not None:
                wanted.setdefault(field.related_model, set()).add(before)
    names = {}
    for model, pks in wanted.items():
        for pk, obj in model.objects.in_bulk(list(pks)).items():
            names[(model, pk)] = str(obj)
    return names
