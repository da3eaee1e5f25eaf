"""Tables of the events lists."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html

from cluster_portal.core.tables import NarrowScreens

from .choices import EventStatus
from .models import CompetitionExpert, Event, EventKind, ExamResult, ExamSession, Participant


def shortened(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EventKindTable(tables.Table):
    name = tables.Column(linkify=True)
    events_total = tables.Column("Мероприятий")

    class Meta:
        model = EventKind
        fields = ("name", "is_competition", "public_by_default", "order", "events_total")
        order_by = ("order", "name")


class EventTable(NarrowScreens, tables.Table):
    wide_only = ("organizer", "place", "plan", "is_public")
    when = tables.Column("Дата / период", order_by=("starts_on", "pk"), empty_values=())
    title = tables.Column(linkify=True)
    organizer = tables.Column("Организатор", order_by=("organizer__short_name", "organizer_text"), empty_values=())
    plan = tables.Column("Пункты плана", empty_values=(), orderable=False)
    status = tables.Column()

    class Meta:
        model = Event
        fields = ("when", "title", "kind", "organizer", "place", "plan", "is_public", "status")
        order_by = ("-when",)

    def render_when(self, record):
        return record.when

    def render_title(self, record):
        return shortened(record.title)

    def render_organizer(self, record):
        return record.organizer_label

    def render_plan(self, record):
        return ", ".join(f"{i.plan.year}: {i.number}" for i in record.plan_item_list) or "—"

    def render_status(self, record):
        if record.status == EventStatus.PUBLISHED:
            return record.get_status_display()
        tone = "warning" if record.status == EventStatus.PROPOSED else "secondary"
        return format_html('<span class="badge text-bg-{}">{}</span>', tone, record.get_status_display())


class ParticipantTable(tables.Table):
    student = tables.Column(
        "Студент", linkify=lambda record: record.student.get_absolute_url(), order_by=("student__record_number",)
    )
    college = tables.Column("ПОО", accessor="student__college__short_name")
    event = tables.Column("Конкурс", linkify=True, order_by=("-event__starts_on",))
    mentor = tables.Column("Наставник от предприятия", order_by=("mentor__last_name",))

    class Meta:
        model = Participant
        fields = ("event", "competence", "student", "college", "mentor", "place", "result")
        order_by = ("event", "competence", "place")

    def render_event(self, record):
        return shortened(record.event.title, 80)

    def render_mentor(self, record):
        organization = record.mentor.organization
        return f"{record.mentor.short_name}, {organization.short_name}" if organization else record.mentor.short_name


class CompetitionExpertTable(tables.Table):
    person = tables.Column("Эксперт", order_by=("person__last_name", "person__first_name"))
    organization = tables.Column("Предприятие", accessor="person__organization__short_name")
    event = tables.Column("Конкурс", linkify=True, order_by=("-event__starts_on",))

    class Meta:
        model = CompetitionExpert
        fields = ("event", "competence", "person", "organization", "role")
        order_by = ("event", "competence")

    def render_person(self, record):
        return record.person.full_name

    def render_event(self, record):
        return shortened(record.event.title, 80)


class ExamSessionTable(tables.Table):
    dates = tables.Column("Даты", linkify=True, order_by=("date_from", "pk"), empty_values=())
    college = tables.Column("ПОО", accessor="college__short_name")
    specialty = tables.Column("Специальность", order_by=("specialty__code",))
    panel_total = tables.Column("Экспертов")
    assessed = tables.Column("Сдавали")
    passed_total = tables.Column("Прошли")

    class Meta:
        model = ExamSession
        fields = ("dates", "kind", "college", "specialty", "year", "site", "panel_total", "assessed", "passed_total")
        order_by = ("-dates",)

    def render_dates(self, record):
        return record.dates

    def render_specialty(self, record):
        return f"{record.specialty.code} {record.specialty.name}"


class ExamResultTable(tables.Table):
    student = tables.Column(
        "Студент", linkify=lambda record: record.student.get_absolute_url(), order_by=("student__record_number",)
    )
    session = tables.Column("Экзамен", linkify=True, order_by=("-session__date_from",))

    class Meta:
        model = ExamResult
        fields = ("session", "student", "score", "grade", "passed")
        order_by = ("-session", "student")
