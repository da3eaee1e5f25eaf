"""The councils' sections of the annual report: the year's work plan and the council meetings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet
from cluster_portal.core.xlsx import Column

from . import evidence, execution
from .choices import MeetingStatus
from .deadlines import months_of_period
from .evidence import Evidence
from .models import AgendaItem, Council, Meeting, PlanItem, PlanReport, PlanSection, WorkPlan
from .selectors import held_meetings_by_council

PLAN_SHEET = [
    Column("Раздел", "section", width=40),
    Column("№ п/п", "number", width=8),
    Column("Наименование мероприятия", "title", width=60),
    Column("Исполнители", "executors", width=30),
    Column("Срок исполнения", "deadline", width=22),
    Column("Результат", "result", width=45),
    Column("Статус", "status", width=18),
    Column("Выполнено", "done", width=60),
]
MEETING_SHEET = [
    Column("Совет", "council", width=25),
    Column("Даты", "date", width=14),
    Column("Вопросы для обсуждения", "topics", width=90),
]


def sections(*, cluster, year: AcademicYear) -> list[ReportSection]:
    """Keys: work_plan (the plan of ``year.plan_year``), results (its evidence in ``year``), meetings, next_meetings."""
    councils = list(Council.objects.filter(cluster=cluster).order_by("order", "name", "pk"))
    return [
        work_plan_section(cluster=cluster, year=year),
        results_section(cluster=cluster, year=year),
        meetings_section(councils=councils, year=year, key="meetings"),
        meetings_section(councils=councils, year=year.next(), key="next_meetings"),
    ]


# The report prints this many records per plan item (and of its meetings' dates); the rest are counted,
# listed on the item's page and in the Excel sheet: the table stays readable and fast at any size.
SHOWN_RECORDS = 3
SHOWN_MEETINGS = 6


def printed_records(item: PlanItem, others: list[str], meetings: list[Meeting]) -> dict:
    """What the «Выполнено» cell prints of an item's records: the first few lines, and how many more."""
    lines = [f"{r.date:%d.%m.%Y}: {r.text}" for r in item.reports.all()] + others
    return {
        "lines": lines[:SHOWN_RECORDS],
        "more": max(len(lines) - SHOWN_RECORDS, 0),
        "meetings": meetings[:SHOWN_MEETINGS],
        "more_meetings": max(len(meetings) - SHOWN_MEETINGS, 0),
    }


def work_plan_section(*, cluster, year: AcademicYear) -> ReportSection:
    plan = WorkPlan.objects.filter(cluster=cluster, year=year.plan_year).first()
    template = "reports/sections/councils_work_plan.html"
    if plan is None:
        return ReportSection("work_plan", f"ПЛАН РАБОТЫ на {year.plan_year} год", template, empty=True)
    items = list(
        PlanItem.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(Prefetch("reports", queryset=PlanReport.objects.order_by("date", "pk")))
        .order_by("position", "pk")
    )
    held = held_meetings_by_council(councils={i.council_id for i in items if i.council_id}, year=plan.year)
    # The status as the academic year closed: a year's report does not change with later records.
    on = min(year.last_day, timezone.localdate())
    runs = execution.executions(items, on=on)
    rows_by_section = []
    sheet_rows = []
    for section in PlanSection.objects.filter(plan=plan).order_by("number"):
        rows = []
        for item in (i for i in items if i.section_id == section.pk):
            done = [f"{r.date:%d.%m.%Y}: {r.text}" for r in item.reports.all()]
            # Other records that fulfil the item by then (documents, events, sessions …); meetings and
            # reports are printed on their own lines.
            others = [
                f"{e.when_text}: {e.title}"
                for e in runs[item.pk].counted
                if e.fulfils and e.date and e.date <= on and e.model not in (Meeting, PlanReport)
            ]
            done += others
            meetings = held.get(item.council_id, []) if item.council_id else []
            if meetings:
                done.append("Проведены заседания: " + ", ".join(m.date.strftime("%d.%m.%Y") for m in meetings))
            status = runs[item.pk].label
            rows.append({"item": item, "status": status, **printed_records(item, others, meetings)})
            sheet_rows.append(
                (
                    str(section),
                    item.display_number,
                    item.title,
                    item.executors,
                    item.deadline_text,
                    item.expected_result,
                    status,
                    "\n".join(done),
                )
            )
        rows_by_section.append((section, rows))
    return ReportSection(
        key="work_plan",
        title=plan.heading,
        template=template,
        context={"plan": plan, "sections": rows_by_section, "year": year},
        sheets=[Sheet(f"План работы {plan.year}", PLAN_SHEET, sheet_rows)],
        empty=not items,
    )


RESULTS_SHEET = [
    Column("Направление", "direction", width=45),
    Column("Пункт плана", "item", width=12),
    Column("Вид записи", "kind", width=28),
    Column("Запись", "title", width=70),
    Column("Дата или период", "when", width=22),
    Column("Примечание", "note", width=30),
]


@dataclass
class DirectionResults:
    """A section of the plan with the records of the year that fulfil its items, and their counts by kind."""

    title: str
    items: list[tuple[PlanItem, list[Evidence]]] = field(default_factory=list)

    @property
    def figures(self) -> list[tuple[str, int]]:
        """(kind, how many records) over the direction, generated demo records left out."""
        counts = Counter(e.kind for _item, rows in self.items for e in rows if not e.is_demo)
        return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))

    @property
    def demo(self) -> bool:
        return any(e.is_demo for _item, rows in self.items for e in rows)


def results_section(*, cluster, year: AcademicYear) -> ReportSection:
    """Key ``results``: per direction of the plan, the records of the academic year that fulfil its items.

    The annual report shows it under the secretary's narrative of «Основные направления и результаты».
    """
    title = f"Основные направления и результаты деятельности кластера за {year.label} учебный год"
    items = list(
        PlanItem.objects.filter(plan__cluster=cluster, plan__year=year.plan_year)
        .select_related("plan", "section")
        .order_by("position", "pk")
    )
    found = evidence.collect(items)
    directions: dict[int, DirectionResults] = {}
    for item in items:
        rows = [e for e in found[item.pk] if e.fulfils and e.overlaps(year.first_day, year.last_day)]
        if rows:
            section = directions.setdefault(item.section_id, DirectionResults(str(item.section)))
            section.items.append((item, rows))
    sheet = [
        (
            d.title,
            item.number,
            e.kind,
            e.title,
            e.when_text,
            "; ".join(filter(None, [e.note, "демо" if e.is_demo else ""])),
        )
        for d in directions.values()
        for item, rows in d.items
        for e in rows
    ]
    return ReportSection(
        key="results",
        title=title,
        template="reports/sections/councils_results.html",
        context={"directions": list(directions.values()), "year": year},
        sheets=[Sheet(f"Результаты {year.slug}", RESULTS_SHEET, sheet)],
        empty=not directions,
    )


def meeting_sort_date(meeting: Meeting) -> dt.date:
    """The date, or the first day of the planned period («ноябрь» of 2022/2023 → 01.11.2022)."""
    if meeting.date:
        return meeting.date
    months = months_of_period(meeting.period, academic_year=meeting.academic_year)
    if months:
        return dt.date(months[0][0], months[0][1], 1)
    return dt.date(meeting.academic_year + 1, 8, 31)


def meeting_rows(meetings: list[Meeting]) -> list[dict]:
    """Table rows in the seed's layout: the council once per council, a topic once per run of equal topics."""
    rows: list[dict] = []
    for index, meeting in enumerate(meetings):
        topic = meeting.topics or "; ".join(item.title for item in meeting.agenda_items.all())
        previous = meetings[index - 1] if index else None
        new_council = previous is None or previous.council_id != meeting.council_id
        same_topic = not new_council and rows[-1]["topic_text"] == topic
        row = {
            "council": meeting.council.name,
            "council_rowspan": 0,
            "date": meeting.when,
            "topic_text": topic,
            "topic_rowspan": 0,
            "meeting": meeting,
        }
        if new_council:
            row["council_rowspan"] = sum(1 for m in meetings if m.council_id == meeting.council_id)
        if not same_topic:
            row["topic_rowspan"] = 1
            rows.append(row)
        else:
            rows.append(row)
            for earlier in reversed(rows[:-1]):
                if earlier["topic_rowspan"]:
                    earlier["topic_rowspan"] += 1
                    break
    return rows


def meetings_section(*, councils: list[Council], year: AcademicYear, key: str) -> ReportSection:
    names = " и ".join(c.name_genitive for c in councils) or "советов"
    title = f"Тематика заседаний {names} кластера в {year.label} учебном году"
    order = {c.pk: i for i, c in enumerate(councils)}
    meetings = list(
        Meeting.objects.filter(council__in=councils, academic_year=year.start)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("council")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")))
        .order_by("pk")
    )
    meetings.sort(key=lambda m: (order[m.council_id], meeting_sort_date(m), m.pk))
    rows = meeting_rows(meetings)
    return ReportSection(
        key=key,
        title=title,
        template=f"reports/sections/councils_{key}.html",
        context={"rows": rows, "year": year},
        sheets=[
            Sheet(
                f"Заседания {year.slug}",
                MEETING_SHEET,
                [(r["council"], r["date"], r["topic_text"]) for r in rows],
            )
        ],
        empty=not rows,
    )
