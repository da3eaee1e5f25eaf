"""The councils benchmark generator: (factor − 1) copies of the seed's volume of council data.

It names only people and organizations of the members scenario: one-year seats, meetings of 2015–2027
with agenda, attendance, minutes and tracked decisions, work plans for the years the seed has none;
statuses follow the dates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from cluster_portal.bench.scenarios.members import bench_organizations
from councils.choices import (
    CouncilKind,
    DecisionStatus,
    MeetingFormat,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
)
from councils.deadlines import MONTH_NAMES, academic_year_of, due_date_from_text
from councils.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    Minutes,
    PlanItem,
    PlanReport,
    PlanSection,
    WorkPlan,
)
from members.choices import OrganizationKind
from members.models import Person
from members.selectors import default_cluster

from .texts import (
    AGENDA,
    CANCELLED_REASON,
    DEADLINES,
    DECISIONS,
    EXECUTORS,
    HEARD,
    OPEN_ITEM_STATUSES,
    PAST_ITEM_STATUSES,
    PLAN_ITEMS,
    REPORTED,
    REPORTS,
    RESULTS,
    SECTIONS,
)

# Per copy of the seed: 14 meetings, 10 seats on each of the two councils, a plan's 16 items.
MEETINGS_PER_COPY = 14
SEATS_PER_COPY = 10
PLAN_ITEMS_PER_COPY = 16
HISTORY = (dt.date(2015, 9, 1), dt.date(2027, 6, 30))
ACADEMIC_YEARS = range(2015, 2027)
PLAN_YEARS = range(2015, 2027)
ITEMS_PER_SECTION = 30  # a plan number is «section.item» with at most two digits each
BATCH = 2000
ROMAN = ["", "I", "II", "III", "IV"]
TIMES = [dt.time(10), dt.time(11), dt.time(14), dt.time(15)]
ROLES = [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.DEPUTY]  # by seat order within a year; then members


SUMMARY = [
    ("заседаний", Meeting),
    ("вопросов повестки", AgendaItem),
    ("решений", Decision),
    ("пунктов планов", PlanItem),
    ("членов советов", CouncilMember),
    ("отметок о присутствии", Attendance),
]


def generated_organizations():
    """The organizations the members scenario adds at scales above the seed."""
    return bench_organizations()


def generate(*, factor: int, rng: random.Random, today: dt.date | None = None) -> str:
    """(factor − 1) copies of the seed's meetings, seats and plan items, with decisions and attendance."""
    if factor <= 1:
        return "только данные отчёта"
    cluster = default_cluster()
    councils = list(Council.objects.filter(cluster=cluster).order_by("order", "pk")) if cluster else []
    if not councils:
        return "нет советов: сначала загрузите данные отчёта"
    today = today or timezone.localdate()
    copies = factor - 1
    world = _World(rng, today)
    seats = _seats(world, councils, copies)
    meetings = _meetings(world, councils, seats, copies)
    plan_items = _plans(world, cluster, councils, meetings, copies)
    _decisions(world, meetings, plan_items)
    return ", ".join(f"{label} {model.objects.count()}" for label, model in SUMMARY)


class _World:
    """The generated organizations and people the rows refer to, and the clock and dice."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng, self.today = rng, today
        orgs = list(generated_organizations().order_by("pk").values_list("pk", "kind", "short_name"))
        self.colleges = [(pk, name) for pk, kind, name in orgs if kind == OrganizationKind.COLLEGE]
        self.employers = [(pk, name) for pk, kind, name in orgs if kind != OrganizationKind.COLLEGE]
        self.people_of: dict[int, list[int]] = defaultdict(list)
        people = Person.objects.filter(is_demo=True, organization__in=generated_organizations()).order_by("pk")
        for pk, org_id in people.values_list("pk", "organization_id"):
            self.people_of[org_id].append(pk)
        self.people = [pk for org_people in self.people_of.values() for pk in org_people]
        self.org_ids = [pk for pk, _kind, _name in orgs]

    def text(self, template: str, **years) -> str:
        college = self.rng.choice(self.colleges)[1] if "{college}" in template and self.colleges else "ПОО кластера"
        employer = self.rng.choice(self.employers)[1] if "{employer}" in template and self.employers else "предприятия"
        return template.format(college=college, employer=employer, **years)

    def person(self) -> int | None:
        return self.rng.choice(self.people) if self.people else None

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))


# Seats ------------------------------------------------------------------------------------------
def _seats(world: _World, councils, copies: int) -> dict[tuple[int, int], list[CouncilMember]]:
    """One-year seats of generated people, spread over the academic years; chair, secretary, deputy first."""
    if not world.people:
        return {}
    pool = list(world.people)
    world.rng.shuffle(pool)
    per_council = SEATS_PER_COPY * copies
    seats: dict[tuple[int, int], list[CouncilMember]] = defaultdict(list)
    rows = []
    seated = set(CouncilMember.objects.values_list("council_id", "person_id"))
    for index, council in enumerate(councils):
        # Distinct people within a council (unique seat); the councils share the pool when it is small.
        start = (index * per_council) % len(pool)
        people = [p for p in pool[start:] + pool[:start] if (council.pk, p) not in seated][:per_council]
        for number, person_id in enumerate(people):
            year = ACADEMIC_YEARS[number % len(ACADEMIC_YEARS)]
            group = seats[(council.pk, year)]
            seat = CouncilMember(
                council=council,
                person_id=person_id,
                role=ROLES[len(group)] if len(group) < len(ROLES) else MemberRole.MEMBER,
                date_from=dt.date(year, 9, 1),
                date_to=dt.date(year + 1, 8, 31),
                order=100 + len(group),
            )
            group.append(seat)
            rows.append(seat)
    CouncilMember.objects.bulk_create(rows, batch_size=BATCH)
    return seats


# Meetings ---------------------------------------------------------------------------------------
def _meeting_day(world: _World) -> dt.date:
    day = world.date_between(*HISTORY)
    if day.month in (7, 8):  # no meetings in the summer holidays
        day = dt.date(day.year, world.rng.choice((6, 9)), min(day.day, 28))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _meetings(world: _World, councils, seats, copies: int) -> list[tuple[Meeting, Minutes, list[AgendaItem]]]:
    """Meetings with agenda, attendance and minutes; returns the minuted ones with their agenda."""
    drawn = [_meeting(world, councils, index) for index in range(copies * MEETINGS_PER_COPY)]
    meetings = [meeting for meeting, _titles in drawn]
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    attendance = _attendance(world, held, seats)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    minutes = _minutes(world, held, seats)
    items = [
        _agenda_item(world, meeting, order, title, has_minutes=meeting.pk in minutes)
        for meeting, titles in drawn
        for order, title in enumerate(titles, start=1)
    ]
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    by_meeting = defaultdict(list)
    for item in items:
        by_meeting[item.meeting_id].append(item)
    return [(m, minutes[m.pk], by_meeting[m.pk]) for m in held if m.pk in minutes]


def _meeting(world: _World, councils, index: int) -> tuple[Meeting, list[str]]:
    """One meeting (unsaved) of a council drawn at random, with the titles of its agenda."""
    rng, today = world.rng, world.today
    council = rng.choice(councils)
    day = _meeting_day(world)
    year = academic_year_of(day)
    if day < today:
        status, dated = (MeetingStatus.CANCELLED if rng.random() < 0.08 else MeetingStatus.HELD), True
    else:
        status, dated = MeetingStatus.PLANNED, rng.random() >= 0.35
    kind = rng.choices(MeetingFormat.values, weights=(60, 25, 15))[0]
    start = rng.choice(TIMES) if dated else None
    years = {"ay": year, "ay1": year + 1, "ay2": year + 2, "year": day.year}
    titles = [world.text(t, **years) for t in rng.sample(AGENDA, rng.randint(2, 5))]
    meeting = Meeting(
        council=council,
        status=status,
        academic_year=year,
        date=day if dated else None,
        period="" if dated else _period(rng, day),
        start_time=start,
        end_time=dt.time(start.hour + 2) if start else None,
        format=kind,
        place=_place(world) if kind != MeetingFormat.REMOTE else "",
        online_link=f"https://vks.example.org/room/{index + 1}" if kind != MeetingFormat.IN_PERSON else "",
        topics="; ".join(titles),
        is_demo=True,
    )
    return meeting, titles


def _agenda_item(world: _World, meeting: Meeting, order: int, title: str, *, has_minutes: bool) -> AgendaItem:
    """A question of the agenda; a minuted one with what was heard and, if anyone came, the votes."""
    rng = world.rng
    speaker = world.person() if rng.random() < 0.7 else None
    item = AgendaItem(
        meeting=meeting,
        order=order,
        title=title,
        speaker_id=speaker,
        speaker_text="" if speaker else "Руководители ПОО кластера",
        heard=rng.choice(HEARD) if has_minutes else "",
    )
    if has_minutes and meeting.present_count:
        present = meeting.present_count  # the votes never exceed the members present
        item.votes_against = min(rng.choice((0, 0, 0, 1)), present)
        item.votes_abstained = min(rng.choice((0, 0, 1)), present - item.votes_against)
        item.votes_for = present - item.votes_against - item.votes_abstained
    return item


def _place(world: _World) -> str:
    college = world.rng.choice(world.colleges)[1] if world.colleges else "ПОО кластера"
    return f"{college}, ауд. {world.rng.randint(101, 420)}"


def _period(rng: random.Random, day: dt.date) -> str:
    """A planned period as people write it: the month, or the quarter when it lies in one academic year."""
    if day.month not in (7, 8, 9) and rng.random() < 0.3:
        return f"{ROMAN[(day.month - 1) // 3 + 1]} квартал"
    return MONTH_NAMES[day.month]


def _attendance(world: _World, held, seats) -> list[Attendance]:
    """Who of the seats of the meeting's academic year came; counts and quorum on the meeting."""
    result = []
    for meeting in held:
        group = seats.get((meeting.council_id, meeting.academic_year), [])
        rows = [Attendance(meeting=meeting, person_id=s.person_id, present=world.rng.random() < 0.85) for s in group]
        if rows:
            meeting.members_count = len(rows)
            meeting.present_count = sum(row.present for row in rows)
            meeting.quorum_reached = meeting.present_count >= meeting.council.quorum_needed(len(rows))
        result += rows
    return result


def _minutes(world: _World, held, seats) -> dict[int, Minutes]:
    """Protocols of held meetings, numbered per council and academic year in date order."""
    rng, today = world.rng, world.today
    taken = defaultdict(set)
    for council_id, year, number in Minutes.objects.values_list("meeting__council", "meeting__academic_year", "number"):
        taken[(council_id, year)].add(number)
    counters: dict[tuple[int, int], int] = defaultdict(int)
    result = {}
    for meeting in sorted(held, key=lambda m: (m.date, m.pk)):
        if meeting.date >= today - dt.timedelta(days=14) and rng.random() < 0.5:
            continue  # the secretary has not written it yet
        key = (meeting.council_id, meeting.academic_year)
        counters[key] += 1
        while str(counters[key]) in taken[key]:
            counters[key] += 1
        group = seats.get(key, [])
        by_role = {seat.role: seat.person_id for seat in group}
        date = min(meeting.date + dt.timedelta(days=rng.randint(0, 5)), today)
        fresh = date >= today - dt.timedelta(days=30)
        result[meeting.pk] = Minutes(
            meeting=meeting,
            number=str(counters[key]),
            date=date,
            chair_id=by_role.get(MemberRole.CHAIR),
            secretary_id=by_role.get(MemberRole.SECRETARY),
            status=MinutesStatus.DRAFT if fresh and rng.random() < 0.6 else MinutesStatus.SIGNED,
        )
    Minutes.objects.bulk_create(result.values(), batch_size=BATCH)
    return result


# Work plans -------------------------------------------------------------------------------------
def _plans(world: _World, cluster, councils, recorded, copies: int) -> dict[int, list[int]]:
    """Plans for the most recent years without one; returns the item ids of each plan year."""
    years = _plan_years(cluster, copies)
    if not years:
        return {}
    approvals = _approvals(councils, recorded)
    plans = [_plan(cluster, year, approvals.get(year)) for year in years]
    WorkPlan.objects.bulk_create(plans, batch_size=BATCH)
    sections, items = _plan_contents(world, plans, councils, copies * PLAN_ITEMS_PER_COPY)
    PlanSection.objects.bulk_create(sections, batch_size=BATCH)
    PlanItem.objects.bulk_create(items, batch_size=BATCH)
    reports = [report for item in items if (report := _plan_report(world, item))]
    PlanReport.objects.bulk_create(reports, batch_size=BATCH)
    result = defaultdict(list)
    for item in items:
        result[item.plan.year].append(item.pk)
    return result


def _plan_years(cluster, copies: int) -> list[int]:
    have = set(WorkPlan.objects.filter(cluster=cluster).values_list("year", flat=True))
    years = [y for y in PLAN_YEARS if y not in have]
    return years[-copies:] if copies < len(years) else years


def _approvals(councils, recorded) -> dict[int, Meeting]:
    """A plan is approved at the coordination council's first meeting of December to February."""
    coordination = next((c for c in councils if c.kind == CouncilKind.COORDINATION), councils[0])
    approvals = {}
    for meeting, _minutes, _items in sorted(recorded, key=lambda row: row[0].date):
        if meeting.council_id == coordination.pk and meeting.date.month in (12, 1, 2):
            year = meeting.date.year + 1 if meeting.date.month == 12 else meeting.date.year
            approvals.setdefault(year, meeting)
    return approvals


def _plan(cluster, year: int, approval: Meeting | None) -> WorkPlan:
    return WorkPlan(
        cluster=cluster,
        year=year,
        title=f"Промышленного образовательно-отраслевого кластера на {year} год",
        approved_by="Председатель Координационного совета",
        approved_date=approval.date if approval else dt.date(year, 1, 20),
        approval_meeting=approval,
        is_demo=True,
    )


def _plan_contents(world: _World, plans, councils, total: int) -> tuple[list[PlanSection], list[PlanItem]]:
    """``total`` items shared between the plans, numbered «section.item» in sections of about the same size."""
    sections, items = [], []
    for index, plan in enumerate(plans):
        count = total // len(plans) + (1 if index < total % len(plans) else 0)
        section_count = max(3, -(-count // ITEMS_PER_SECTION))
        assert section_count <= 99, "more plan items per year than «section.item» numbers allow"
        plan_sections = [PlanSection(plan=plan, number=n, title=_section_title(n)) for n in range(1, section_count + 1)]
        sections += plan_sections
        numbers: dict[int, int] = defaultdict(int)
        for position in range(count):
            section = plan_sections[position * section_count // count]
            numbers[section.number] += 1
            items.append(_plan_item(world, plan, section, numbers[section.number], councils))
    return sections, items


def _plan_report(world: _World, item: PlanItem) -> PlanReport | None:
    """A report on the item if its drawn outcome has one (some of those in progress do)."""
    rng, today = world.rng, world.today
    if not (item.bench_outcome in REPORTED or (item.bench_outcome == "in_progress" and rng.random() < 0.3)):
        return None
    end = min(item.due_date, today)
    start = max(dt.date(item.plan.year, 1, 1), end - dt.timedelta(days=90))
    day = world.date_between(start, end) if start <= end else end
    return PlanReport(item=item, date=day, text=rng.choice(REPORTS), completes=item.bench_outcome == "done")


def _section_title(number: int) -> str:
    title = SECTIONS[(number - 1) % len(SECTIONS)]
    return title if number <= len(SECTIONS) else f"{title} ({number})"


def _plan_item(world: _World, plan: WorkPlan, section: PlanSection, minor: int, councils) -> PlanItem:
    rng, today, year = world.rng, world.today, plan.year
    council = None
    if section.number == 1 and minor == 1:
        title, result = f"Разработка и утверждение плана работы Кластера на {year} год", "Утвержденный план"
    elif section.number == 1 and minor - 2 < len(councils):
        council = councils[minor - 2]
        title = f"Проведение заседаний {council.name_genitive} Кластера"
        result = f"Протоколы заседаний {council.name_genitive}"
    else:
        template, result = rng.choice(PLAN_ITEMS)
        title = world.text(template)
    deadline = ("Не реже 1 раза в квартал" if council else rng.choice(DEADLINES)).format(y=year)
    due = due_date_from_text(deadline, year=year) or dt.date(year, 12, 31)
    weights = PAST_ITEM_STATUSES if due < today else OPEN_ITEM_STATUSES
    outcome = rng.choices(list(weights), weights=list(weights.values()))[0]
    item = PlanItem(
        plan=plan,
        section=section,
        number=f"{section.number}.{minor}",
        position=section.number * 1000 + minor,
        title=title,
        executors=rng.choice(EXECUTORS),
        responsible_person_id=world.person() if rng.random() < 0.6 else None,
        deadline_text=deadline,
        due_date=due,
        expected_result=result,
        council=council,
    )
    # The status is computed from the records: the outcome drawn decides which records the item gets.
    item.bench_outcome = outcome
    if outcome == "cancelled":
        item.status_override, item.status_override_reason = "cancelled", CANCELLED_REASON
    return item


# Decisions --------------------------------------------------------------------------------------
def _decisions(world: _World, recorded, plan_items: dict[int, list[int]]) -> None:
    """One or two decisions per agenda question of every protocol, tracked by their due dates."""
    rng = world.rng
    rows = []
    for meeting, minutes, items in recorded:
        for item in items:
            for number in range(1, rng.choice((1, 1, 2)) + 1):
                deadline, due = _deadline(rng, minutes.date, meeting.academic_year)
                org = rng.choice(world.org_ids) if world.org_ids and rng.random() < 0.7 else None
                people = world.people_of.get(org, []) if org else world.people
                person = rng.choice(people) if people and rng.random() < 0.5 else None
                status, done = _decision_status(world, minutes.date, due)
                year_items = plan_items.get(due.year, [])
                rows.append(
                    Decision(
                        agenda_item=item,
                        number=number,
                        text=rng.choice(DECISIONS),
                        responsible_person_id=person,
                        responsible_organization_id=org,
                        responsible_text="ПОО - участники Кластера" if org is None and person is None else "",
                        deadline_text=deadline,
                        due_date=due,
                        status=status,
                        done_date=done,
                        result=rng.choice(RESULTS) if status == DecisionStatus.DONE else "",
                        plan_item_id=rng.choice(year_items) if year_items and rng.random() < 0.1 else None,
                    )
                )
    Decision.objects.bulk_create(rows, batch_size=BATCH)


def _deadline(rng: random.Random, start: dt.date, academic_year: int) -> tuple[str, dt.date]:
    """A deadline as a protocol writes it and the due date the portal reads from it."""
    target = start + dt.timedelta(days=rng.randint(20, 300))
    roll = rng.random()
    if roll < 0.4:
        text = f"до {target:%d.%m.%Y}"
    elif roll < 0.6:
        text = f"{ROMAN[(target.month - 1) // 3 + 1]} квартал {target.year}"
    elif roll < 0.85:
        text = f"{MONTH_NAMES[target.month].capitalize()} {target.year}"
    else:
        return "В течение учебного года", dt.date(academic_year + 1, 8, 31)
    return text, due_date_from_text(text, academic_year=academic_year) or target


def _decision_status(world: _World, start: dt.date, due: dt.date) -> tuple[str, dt.date | None]:
    rng, today = world.rng, world.today
    roll = rng.random()
    if due < today:
        status = DecisionStatus.DONE if roll < 0.75 else DecisionStatus.CANCELLED if roll < 0.8 else DecisionStatus.OPEN
    else:
        status = DecisionStatus.DONE if roll < 0.15 else DecisionStatus.OPEN
    if status != DecisionStatus.DONE:
        return status, None
    return status, world.date_between(start, min(due + dt.timedelta(days=30), today))
