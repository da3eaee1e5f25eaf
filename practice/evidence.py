"""The practice app's evidence for the work plan: teacher internships at partner enterprises."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from councils.evidence import Evidence, Provider, choosing, keys

from .models import TeacherInternship

SOURCE = ("practice.internships", "Стажировки преподавателей года")


def internships(items: Sequence) -> Iterable[Evidence]:
    """An internship fulfils once it has ended."""
    years = choosing(items, SOURCE[0])
    rows = (
        TeacherInternship.objects.filter(date_end__year__in=keys(years))
        .select_related("college", "enterprise")
        .order_by("date_end", "pk")
    )
    return [
        Evidence(
            kind="Стажировка преподавателя",
            title=f"{r.college.short_name} → {r.enterprise.short_name}: {r.topic}",
            date=r.date_end,
            url=r.get_absolute_url(),
            plan_item_id=item.pk,
            fulfils=True,
            is_demo=r.is_demo,
            model=TeacherInternship,
            pk=r.pk,
            first_day=r.date_start,
        )
        for r in rows
        for item in years[r.date_end.year]
    ]


def internship_items(internship: TeacherInternship):
    from councils.models import PlanItem

    return PlanItem.objects.filter(evidence_source=SOURCE[0], plan__year=internship.date_end.year)


PROVIDER = Provider(
    "practice.internships", internships, source=SOURCE, model=TeacherInternship, items_of=internship_items
)
