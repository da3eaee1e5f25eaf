"""Free-text search over a list's columns that stays fast on tables of hundreds of thousands of rows.

A search box ORs ``icontains`` over a model's own columns and over columns of related rows
(``student__record_number``). Written as joins, that OR spans several tables, and PostgreSQL can
use no index for it: it joins and reads every row (students at ×100: 0.2 s for any search, 0.5 s
for placements). On PostgreSQL each related branch becomes
``fk = ANY(ARRAY(SELECT pk FROM related WHERE …))``: the array is computed once, every branch of
the OR is an index condition of the searched table — its foreign key's index, or a trigram index
of its own column (``practice`` migration 0006) — and the database ORs the index scans
(BitmapOr). Other databases keep the joins. Both find the same rows (``core/tests/test_search.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import F, Field, Lookup, Model, Q


class AnyOf(Lookup):
    """``lhs = ANY(rhs)``, PostgreSQL's membership in an array (here an ``ARRAY(SELECT …)``)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _forward_relation(model: type[Model], name: str) -> Field | None:
    """The foreign key (or one-to-one) ``name`` of ``model`` holding the related row's key, if it is one."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # a path Django resolves otherwise (e.g. a reverse query name); left to the join
        return None
    if field.is_relation and field.concrete and (field.many_to_one or field.one_to_one):
        return field
    return None


def matching(model: type[Model], fields: Iterable[str], text: str) -> Q:
    """Rows of ``model`` where ``text`` occurs (case-insensitively) in one of ``fields``."""
    condition = Q()
    related: dict[str, list[str]] = {}
    postgresql = connection.vendor == "postgresql"
    for path in fields:
        hop, _, rest = path.partition("__")
        if postgresql and rest and _forward_relation(model, hop) is not None:
            related.setdefault(hop, []).append(rest)
        else:
            condition |= Q(**{f"{path}__icontains": text})
    for hop, paths in related.items():
        field = _forward_relation(model, hop)
        target = field.related_model
        keys = target._base_manager.filter(matching(target, paths, text)).order_by().values(field.target_field.attname)
        condition |= Q(AnyOf(F(field.attname), ArraySubquery(keys)))
    return condition
