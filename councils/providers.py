"""The councils app's own evidence: meetings held, decisions carried out, reports of what was done."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from members.choices import DocumentKind
from members.models import NormativeDocument

from .choices import DecisionStatus, MeetingStatus
from .evidence import Evidence, Provider, choosing, keys
from .models import Decision, Meeting, PlanItem, PlanReport


def meetings(items: Sequence[PlanItem]) -> Iterable[Evidence]:
    """Meetings held in the plan's year of the council an item follows («Проведение заседаний …»)."""
    wanted = [i for i in items if i.council_id]
    held = list(
        Meeting.objects.filter(
            council_id__in=keys(i.council_id for i in wanted),
            date__year__in=keys(i.plan.year for i in wanted),
            status=MeetingStatus.HELD,
        ).select_related("council")
    )
    return [
        Evidence(
            kind="Заседание совета",
            title=m.council.name,
            date=m.date,
            url=m.get_absolute_url(),
            plan_item_id=item.pk,
            fulfils=True,
            is_demo=m.is_demo,
            model=Meeting,
            pk=m.pk,
        )
        for item in wanted
        for m in held
        if m.council_id == item.council_id and m.date.year == item.plan.year
    ]


def meeting_items(meeting: Meeting) -> QuerySet[PlanItem]:
    if meeting.status != MeetingStatus.HELD or meeting.date is None:
        return PlanItem.objects.none()
    return PlanItem.objects.filter(council_id=meeting.council_id, plan__year=meeting.date.year)


def decisions(items: Sequence[PlanItem]) -> Iterable[Evidence]:
    """Council decisions pointing to an item: carried out ones fulfil it, open ones show it under way."""
    rows = Decision.objects.filter(plan_item__in=items).exclude(status=DecisionStatus.CANCELLED)
    rows = rows.select_related("agenda_item__meeting__council")
    found = []
    for d in rows:
        meeting = d.agenda_item.meeting
        done = d.status == DecisionStatus.DONE
        found.append(
            Evidence(
                kind="Решение совета",
                title=f"{meeting.council.name}, {meeting.when}: {d.text[:150]}",
                date=d.done_date if done else d.due_date,
                url=d.get_absolute_url(),
                plan_item_id=d.plan_item_id,
                fulfils=done,
                note="" if done else "на исполнении",
                is_demo=meeting.is_demo,
                model=Decision,
                pk=d.pk,
            )
        )
    return found


def reports(items: Sequence[PlanItem]) -> Iterable[Evidence]:
    """The secretary's reports of what was done; one marked «пункт выполнен» fulfils the item."""
    return [
        Evidence(
            kind="Отчёт о выполнении",
            title=r.text[:200],
            date=r.date,
            url=r.get_absolute_url(),
            plan_item_id=r.item_id,
            fulfils=r.completes,
            note="" if r.completes else "промежуточный",
            model=PlanReport,
            pk=r.pk,
        )
        # Ordered by the item's key, not by the item (its plan and cluster): reading reports joins no plan item.
        for r in PlanReport.objects.filter(item__in=items).order_by("item_id", "date", "pk")
    ]


ROADMAPS = ("councils.roadmaps", "Дорожные карты кластера года")


def roadmaps(items: Sequence[PlanItem]) -> Iterable[Evidence]:
    """The cluster's roadmaps dated in the plan's year (members' normative documents), for «утверждение плана»."""
    years = choosing(items, ROADMAPS[0])
    clusters = keys(item.plan.cluster_id for rows in years.values() for item in rows)
    documents = NormativeDocument.objects.filter(
        kind=DocumentKind.ROADMAP, cluster_id__in=clusters, date__year__in=keys(years)
    ).order_by("date", "pk")
    return [
        Evidence(
            kind="Нормативный документ",
            title=d.citation,
            date=d.date,
            url=d.get_absolute_url(),
            plan_item_id=item.pk,
            fulfils=True,
            model=NormativeDocument,
            pk=d.pk,
        )
        for d in documents
        for item in years[d.date.year]
        if item.plan.cluster_id == d.cluster_id
    ]


def roadmap_items(document: NormativeDocument) -> QuerySet[PlanItem]:
    if document.kind != DocumentKind.ROADMAP:
        return PlanItem.objects.none()
    return PlanItem.objects.filter(
        evidence_source=ROADMAPS[0], plan__cluster_id=document.cluster_id, plan__year=document.date.year
    )


PROVIDERS = (
    Provider("councils.meetings", meetings, model=Meeting, items_of=meeting_items),
    Provider("councils.decisions", decisions),
    Provider("councils.reports", reports),
    Provider(ROADMAPS[0], roadmaps, source=ROADMAPS, model=NormativeDocument, items_of=roadmap_items),
)
