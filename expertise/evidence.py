"""The expertise app's evidence for the work plan: the expert sessions of the plan's year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count

from councils.evidence import Evidence, Provider, choosing, keys

from .models import ExpertSession

SOURCE = ("expertise.sessions", "Экспертные сессии года")


def sessions(items: Sequence) -> Iterable[Evidence]:
    """A session fulfils once it has ended; its programs and colleges are counted in the title."""
    years = choosing(items, SOURCE[0])
    rows = (
        ExpertSession.objects.filter(date_to__year__in=keys(years))
        .annotate(
            programs=Count("participants__programs", distinct=True),
            colleges=Count("participants__programs__participant__college", distinct=True),
        )
        .order_by("date_to", "pk")
    )
    return [
        Evidence(
            kind="Экспертная сессия",
            title=f"{s.title}: программ — {s.programs}, ПОО — {s.colleges}",
            when=s.period,
            date=s.date_to,
            url=s.get_absolute_url(),
            plan_item_id=item.pk,
            fulfils=True,
            is_demo=s.is_demo,
            model=ExpertSession,
            pk=s.pk,
            first_day=s.date_from,
        )
        for s in rows
        for item in years[s.date_to.year]
    ]


def session_items(session: ExpertSession):
    from councils.models import PlanItem

    return PlanItem.objects.filter(evidence_source=SOURCE[0], plan__year=session.date_to.year)


PROVIDER = Provider("expertise.sessions", sessions, source=SOURCE, model=ExpertSession, items_of=session_items)
