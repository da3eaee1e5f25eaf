"""Free-text search over a list's columns that stays fast on tables of hundreds of thousands of rows.

A search box ORs ``icontains`` over a model's own columns and over columns of related rows
(``student__record_number``). Written as joins, that OR spans several tables, and PostgreSQL can
use no index for it: it joins and reads every row (students at ×100: 0.2 s for any search, 0.5 s
for placements, 1–2 s when few rows match). On PostgreSQL each related branch is looked up first,
in its own table (one query, served by a trigram index or over a small table), and becomes
``fk IN (…keys found…)``. Every branch of the OR is then an index condition of the searched
table — its foreign key's index, or a trigram index of its own column (``practice`` migration
0006) — which the database ORs (BitmapOr), and the planner sees how few rows the keys stand for.
Past ``INLINE_KEYS`` keys so many rows match that joining and reading the table in the list's
order fills a page soonest, and the branch keeps its join (as a subquery PostgreSQL would test
every row against every key). Other databases keep the joins. Both find the same rows
(``core/tests/test_search.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Field, Model, Q

INLINE_KEYS = 10_000


def _forward_relation(model: type[Model], name: str) -> Field | None:
    """The foreign key (or one-to-one) ``name`` of ``model`` holding the related row's key, if it is one."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # e.g. a reverse query name: left to the join
        return None
    if field.is_relation and field.concrete and (field.many_to_one or field.one_to_one):
        return field
    return None


def matching(model: type[Model], fields: Iterable[str], text: str) -> Q:
    """Rows of ``model`` where ``text`` occurs (case-insensitively) in one of ``fields``.

    On PostgreSQL this already queries the tables the related fields are in (one query each).
    """
    condition = Q()
    related: dict[str, tuple[Field, list[str]]] = {}
    postgresql = connection.vendor == "postgresql"
    for path in fields:
        hop, _, rest = path.partition("__")
        field = _forward_relation(model, hop) if postgresql and rest else None
        if field is not None:
            related.setdefault(hop, (field, []))[1].append(rest)
        else:
            condition |= Q(**{f"{path}__icontains": text})
    for hop, (field, paths) in related.items():
        target = field.related_model
        keys = (
            target._base_manager.filter(matching(target, paths, text))
            .order_by()
            .values_list(field.target_field.attname, flat=True)
        )
        found = list(keys[: INLINE_KEYS + 1])
        if len(found) > INLINE_KEYS:  # most rows match: the joins find a page soonest
            for path in paths:
                condition |= Q(**{f"{hop}__{path}__icontains": text})
        elif found:
            condition |= Q(**{f"{field.attname}__in": found})
    return condition if condition else Q(pk__in=[])
