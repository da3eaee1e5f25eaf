"""Demo data that says so: whether what a page, export or PDF shows includes generated rows.

Generated rows carry ``is_demo``; a model whose rows are demo through another one (a checklist
through its session) names the lookup as ``demo_lookup`` (``"session__is_demo"``), and a model
that should never be marked sets it to ``""``. Pages include ``partials/_demo_note.html`` with
``demo``; workbooks add :func:`sheet`; PDFs print the same include.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from .xlsx import Column

NOTICE = (
    "демонстрационные данные: среди записей есть сгенерированные для показа портала, а не сведения участников кластера"
)
SHEET_TITLE = "Демонстрационные данные"


def lookup(model: type[Model]) -> str:
    """The lookup from a row of ``model`` to its demo flag; empty when its rows are never generated."""
    declared = getattr(model, "demo_lookup", None)
    if declared is not None:
        return declared
    return "is_demo" if any(f.name == "is_demo" for f in model._meta.concrete_fields) else ""


def includes_demo(queryset: QuerySet) -> bool:
    """Whether ``queryset`` (as filtered for the page) holds a generated row: one EXISTS, ordering dropped."""
    path = lookup(queryset.model)
    return bool(path) and queryset.order_by().filter(**{path: True}).exists()


def is_demo(obj: Model) -> bool:
    """Whether one object is generated (or belongs to generated data through its ``demo_lookup``)."""
    path = lookup(type(obj))
    if path == "is_demo":
        return bool(obj.is_demo)
    return bool(path) and includes_demo(type(obj).objects.filter(pk=obj.pk))


def notice(*, capitalized: bool = False) -> str:
    """The note itself, without the final full stop."""
    return NOTICE[0].upper() + NOTICE[1:] if capitalized else NOTICE


def sheet() -> tuple[str, list[Column], list[tuple[str]]]:
    """The sheet a workbook built on generated rows ends with."""
    return SHEET_TITLE, [Column("Примечание", "note", width=100)], [(notice(capitalized=True) + ".",)]


def noted(sheets: list, *, demo: bool) -> list:
    """A workbook's ``sheets``, with :func:`sheet` after them when they are built on generated rows."""
    return [*sheets, sheet()] if demo else list(sheets)
