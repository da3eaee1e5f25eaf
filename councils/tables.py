"""Tables of the councils lists."""

import django_tables2 as tables
from django.utils.html import format_html

from cluster_portal.core.tables import NarrowScreens, RowTemplate

from . import execution
from .choices import PlanItemStatus
from .models import Council, CouncilMember, Decision, Meeting, PlanItem, WorkPlan


def page_records(table) -> list:
    """The records of the table's current page (all rows when it is not paginated)."""
    rows = table.page.object_list if getattr(table, "page", None) is not None else table.rows
    return [row.record for row in rows]


def status_badge(item) -> str:
    """A plan item's status as a badge: computed, or set by hand (marked so)."""
    run = item.execution
    colour = {
        PlanItemStatus.DONE: "success",
        PlanItemStatus.OVERDUE: "danger",
        PlanItemStatus.IN_PROGRESS: "primary",
    }.get(run.status, "secondary")
    manual = " (вручную)" if run.overridden else ""
    return format_html('<span class="badge text-bg-{}">{}{}</span>', colour, run.label, manual)


class CouncilTable(tables.Table):
    name = tables.Column(linkify=True)
    members_total = tables.Column("Членов", orderable=True)

    class Meta:
        model = Council
        fields = ("name", "kind", "cluster", "quorum_rule", "members_total")
        order_by = ("cluster", "order")


class CouncilMemberTable(tables.Table):
    person = tables.Column(
        "ФИО", linkify=lambda record: record.get_absolute_url(), order_by=("person__last_name", "person__first_name")
    )
    organization = tables.Column("Организация", accessor="person__organization__short_name")
    position = tables.Column("Должность", accessor="person__position", orderable=False)

    class Meta:
        model = CouncilMember
        fields = ("person", "council", "role", "organization", "position", "date_from", "date_to")
        order_by = ("council", "order")

    def render_person(self, record):
        return record.person.full_name


def meeting_topics(meeting) -> str:
    text = meeting.topics or "; ".join(item.title for item in meeting.agenda_titles)
    return text if len(text) <= 220 else text[:217] + "…"


class MeetingTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("academic_year", "format", "minutes")
    row_template = "councils/rows/meeting.html"
    when = tables.Column("Дата / период", linkify=True, order_by=("date", "period"), empty_values=())
    academic_year = tables.Column("Учебный год")
    topics = tables.Column("Вопросы для обсуждения", orderable=False, empty_values=())
    minutes = tables.Column("Протокол", accessor="minutes__number", order_by=("minutes__number",), empty_values=())

    class Meta:
        model = Meeting
        fields = ("when", "council", "academic_year", "status", "format", "topics", "minutes")
        order_by = ("-date",)

    def render_when(self, record):
        return record.when

    def render_academic_year(self, record):
        return record.academic_year_label

    def prepare(self, records):
        for record in records:
            record.topics_cell = meeting_topics(record)

    def render_topics(self, record):
        return meeting_topics(record)

    def render_minutes(self, record):
        minutes = getattr(record, "minutes", None)
        if minutes is None or not record.minutes_readable:
            return "—"
        return f"№ {minutes.number} от {minutes.date:%d.%m.%Y}"


class DecisionTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("responsible", "done_date", "plan_item")
    row_template = "councils/rows/decision.html"
    rows_kept = True
    text = tables.Column("Решение", linkify=True)
    meeting = tables.Column(
        "Заседание", accessor="agenda_item__meeting", order_by=("agenda_item__meeting__date",), linkify=True
    )
    responsible = tables.Column("Ответственный", empty_values=(), orderable=False)
    deadline = tables.Column("Срок", empty_values=(), order_by=("due_date",))
    status = tables.Column()
    plan_item = tables.Column("Пункт плана", linkify=True)

    class Meta:
        model = Decision
        fields = ("meeting", "text", "responsible", "deadline", "status", "done_date", "plan_item")
        order_by = ("due_date",)

    def render_text(self, record):
        text = record.text
        return text if len(text) <= 200 else text[:197] + "…"

    def render_status(self, record):
        if record.is_overdue:
            return format_html('{} <span class="badge text-bg-danger">просрочено</span>', record.get_status_display())
        return record.get_status_display()

    def render_plan_item(self, record):
        return f"{record.plan_item.plan.year}: {record.plan_item.display_number}"


class WorkPlanTable(tables.Table):
    year = tables.Column(linkify=True)
    items_total = tables.Column("Пунктов")
    items_done = tables.Column("Выполнено", empty_values=(), orderable=False)

    class Meta:
        model = WorkPlan
        fields = ("year", "title", "cluster", "approved_by", "approved_date", "items_total", "items_done")
        order_by = ("-year",)

    def render_items_done(self, record):
        if not hasattr(self, "_done"):
            plans = [plan.pk for plan in page_records(self)]
            items = PlanItem.objects.filter(plan__in=plans).select_related("plan")
            self._done = {}
            for run in execution.executions(items).values():
                if run.status == PlanItemStatus.DONE:
                    self._done[run.item.plan_id] = self._done.get(run.item.plan_id, 0) + 1
        return self._done.get(record.pk, 0)


class PlanItemTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("executors", "deadline_text", "reports")
    row_template = "councils/rows/plan_item.html"
    number = tables.Column("№ п/п", linkify=True, order_by=("plan__year", "position"))
    plan = tables.Column("План", accessor="plan__year")
    title = tables.Column("Наименование мероприятия", linkify=True)
    executors = tables.Column(orderable=False)
    deadline_text = tables.Column("Срок исполнения", order_by=("due_date",))
    status = tables.Column("Статус", empty_values=(), orderable=False)
    reports = tables.Column("Отчётов", empty_values=(), orderable=False)

    class Meta:
        model = PlanItem
        fields = ("plan", "number", "title", "executors", "deadline_text", "due_date", "status", "reports")
        order_by = ("number",)

    def prepare(self, records):
        for record in execution.attach(records):  # the status of the page's items, computed together
            record.status_cell = status_badge(record)

    def render_number(self, record):
        return record.display_number

    def render_title(self, record):
        text = record.title
        return text if len(text) <= 200 else text[:197] + "…"

    def render_status(self, record):
        if not hasattr(record, "execution"):
            execution.attach(page_records(self))
        return status_badge(record)

    def render_reports(self, record):
        return len(record.report_list)
