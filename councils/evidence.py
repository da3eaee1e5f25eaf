"""What fulfils a plan item: records of any app, gathered through providers the apps register.

An app registers a ``Provider`` from its ``AppConfig.ready()``. Given plan items, a provider
returns ``Evidence``: one line per record (a meeting held, a session completed, an event
published …) with the item it speaks for and whether it fulfils it. A provider may also name a
*source* (``key``, label): a plan item that chooses it in «подтверждается записями» gets every record
of that kind in the plan's year. The councils app names no other app: it only calls providers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet

from cluster_portal.core.access import restrict
from cluster_portal.core.dataversion import kept, models_of


@dataclass(frozen=True)
class Evidence:
    """One record that speaks for a plan item."""

    kind: str  # what the record is, in Russian: «Заседание совета», «Мероприятие» …
    title: str
    date: dt.date | None  # when it happened (the last day); None when undated
    url: str
    plan_item_id: int
    fulfils: bool  # whether the record, once its date has come, fulfils the item
    is_demo: bool = False  # generated demo data: shown, counted only for a demo plan
    note: str = ""
    model: type[Model] | None = None  # the record's model and key, for the viewer's access check
    pk: int | None = None
    first_day: dt.date | None = None  # when a record spans days or a period: its first day
    when: str = ""  # the dates as the record writes them («2022 г.», «14.06.2022–18.06.2022»), if not one date

    @property
    def when_text(self) -> str:
        return self.when or (f"{self.date:%d.%m.%Y}" if self.date else "")

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the record falls in the days from ``first`` to ``last`` (undated records do not)."""
        if self.date is None:
            return False
        return (self.first_day or self.date) <= last and self.date >= first

    @property
    def sort_key(self) -> tuple:
        return (self.date or dt.date.max, self.kind, self.title)


@dataclass(frozen=True)
class Provider:
    """Evidence of one kind of record: ``collect(items)`` and, optionally, the way back from a record.

    ``collect`` reads of each item only what :func:`item_key` holds (the evidence is kept under it).
    """

    name: str
    collect: Callable[[Sequence], Iterable[Evidence]]
    # A source a plan item may choose: (key, Russian label), e.g. ("practice.internships", «Стажировки …»).
    source: tuple[str, str] | None = None
    # The plan items a record of ``model`` speaks for (its page links back to them).
    model: type[Model] | None = None
    items_of: Callable[[Model], QuerySet] | None = None


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add a provider; registering the same name again replaces it (``ready()`` may run twice in tests)."""
    _providers[provider.name] = provider
    return provider


def providers() -> list[Provider]:
    return list(_providers.values())


def provider_apps() -> tuple[str, ...]:
    """The labels of the apps whose records the providers read: where each provider's code lives, and
    its record's app (a provider built by :func:`yearly` lives here but reads its model's app)."""
    labels = {apps.get_containing_app_config(p.collect.__module__).label for p in _providers.values()}
    labels |= {p.model._meta.app_label for p in _providers.values() if p.model is not None}
    return tuple(sorted(labels))


def read_labels() -> tuple[str, ...]:
    """What gathering evidence reads: the providers' apps, with the names of organizations and specialties."""
    return ("councils", "members", "programs", *provider_apps())


def sources() -> list[tuple[str, str]]:
    """The sources a plan item may choose, as form choices."""
    return sorted((p.source for p in _providers.values() if p.source), key=lambda s: s[1])


def source_label(key: str) -> str:
    return dict(sources()).get(key, key)


def collect(items: Sequence) -> dict[int, list[Evidence]]:
    """Every provider's evidence for ``items``, per item id, oldest first (one query or so per provider)."""
    items = list(items)
    found: dict[int, list[Evidence]] = {item.pk: [] for item in items}
    if not items:
        return found
    for provider in _providers.values():
        for evidence in provider.collect(items):
            if evidence.plan_item_id in found:
                found[evidence.plan_item_id].append(evidence)
    for rows in found.values():
        rows.sort(key=lambda e: e.sort_key)
    return found


def item_key(item) -> tuple:
    """All that a provider reads of a plan item: its key, the council it follows, the source it chose, and its
    plan's year and cluster. Providers find their records by these (``plan_item__in=items`` compares keys)."""
    return (item.pk, item.council_id, item.evidence_source, item.plan.year, item.plan.cluster_id)


def collect_kept(items: Sequence) -> dict[int, list[Evidence]]:
    """:func:`collect`, kept per data version of the records it reads (a plan's page between changes reads no
    record). The items' own table is not among them: the key holds what providers read of each item
    (:func:`item_key`), so an edit of an item's title, deadline or status gathers nothing again."""
    items = list(items)
    key = sorted(item_key(item) for item in items)
    return kept("plan_evidence", key, reads=record_models(), compute=lambda: collect(items))


def record_models() -> tuple[type[Model], ...]:
    """The models of what :func:`collect` reads (:func:`read_labels`) but the plan items themselves."""
    from .models import PlanItem

    return tuple(model for model in models_of(read_labels()) if model is not PlanItem)


def visible(evidence: Iterable[Evidence], user) -> list[Evidence]:
    """The evidence ``user`` may open: each record's model's access policy decides (one query per model)."""
    evidence = list(evidence)
    by_model: dict[type[Model], set[int]] = defaultdict(set)
    for e in evidence:
        if e.model is not None:
            by_model[e.model].add(e.pk)
    allowed = {
        model: set(restrict(model._default_manager.filter(pk__in=pks), user).values_list("pk", flat=True))
        for model, pks in by_model.items()
    }
    return [e for e in evidence if e.model is None or e.pk in allowed[e.model]]


def items_of(obj: Model) -> QuerySet | None:
    """The plan items a record speaks for, when a provider knows its model; None otherwise."""
    for provider in _providers.values():
        if provider.model is not None and isinstance(obj, provider.model) and provider.items_of is not None:
            return provider.items_of(obj)
    return None


def plan_years(items: Sequence) -> dict[int, list]:
    """Items by their plan's year: providers of yearly sources read each year once."""
    years: dict[int, list] = defaultdict(list)
    for item in items:
        years[item.plan.year].append(item)
    return years


def keys(values: Iterable) -> list:
    """Values for an ``__in`` lookup that always runs its one query: Django skips the query of an empty
    list, and a page's query count must not depend on which kinds of records its rows have (0 is no key)."""
    return sorted(set(values)) or [0]


def choosing(items: Sequence, key: str) -> dict[int, list]:
    """The items that chose the source ``key``, by their plan's year, for every year of ``items``.

    A year where no item chose the source maps to an empty list, so that a provider reads its source
    for any page of items: the queries of a list do not depend on which rows happen to be on it.
    """
    years: dict[int, list] = {year: [] for year in plan_years(items)}
    for year, chosen in plan_years([item for item in items if item.evidence_source == key]).items():
        years[year] = chosen
    return years


def yearly(
    name: str,
    label: str,
    model: type[Model],
    *,
    kind: str,
    title: Callable[[Model], str],
    start: str,
    end: str,
    rows: Callable[[QuerySet], QuerySet] = lambda queryset: queryset,
    when: Callable[[Model], str] = lambda record: "",
    prepare: Callable[[list], None] = lambda records: None,
    cluster: str = "",
) -> Provider:
    """A provider of a yearly source ``name`` (labelled ``label``): every record of ``model`` whose last day
    (the date field ``end``; ``start`` its first) falls in a plan's year fulfils the items of that year that
    chose the source, and links back to them. ``rows`` adds to the query what ``title`` prints; ``prepare``
    readies the read records before ``title`` prints them (e.g. organizations named as on the record's day).
    ``cluster`` names the record's cluster attribute (``"cluster_id"``) when it has one: a record then fulfils
    only the items of its own cluster's plans, never another cluster's."""

    def of_its_cluster(record, item) -> bool:
        return not cluster or getattr(record, cluster) == item.plan.cluster_id

    def collect(items: Sequence) -> Iterable[Evidence]:
        years = choosing(items, name)
        records = list(rows(model._default_manager.filter(**{f"{end}__year__in": keys(years)})).order_by(end, "pk"))
        prepare(records)
        return [
            Evidence(
                kind=kind,
                title=title(record),
                when=when(record),
                date=getattr(record, end),
                url=record.get_absolute_url(),
                plan_item_id=item.pk,
                fulfils=True,
                is_demo=record.is_demo,
                model=model,
                pk=record.pk,
                first_day=getattr(record, start),
            )
            for record in records
            for item in years[getattr(record, end).year]
            if of_its_cluster(record, item)
        ]

    def items_of(record: Model) -> QuerySet:
        from .models import PlanItem

        items = PlanItem.objects.filter(evidence_source=name, plan__year=getattr(record, end).year)
        return items.filter(plan__cluster=getattr(record, cluster)) if cluster else items

    return Provider(name, collect, source=(name, label), model=model, items_of=items_of)
