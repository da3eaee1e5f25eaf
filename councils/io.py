"""Excel columns of the councils lists and the work-plan import."""

from __future__ import annotations

import re

from cluster_portal.core.imports import ByName, Cell, Code, ImportKind, Integer, Name, Reference, RowError, Saving
from cluster_portal.core.imports.cells import CellError, plain_text
from cluster_portal.core.xlsx import Column
from members.models import Cluster

from . import execution, services
from .models import PLAN_NUMBER, PlanItem, PlanSection, WorkPlan, normalize_plan_number

COUNCIL_COLUMNS = [
    Column("Совет", "name", width=30),
    Column("Вид", "kind", getter=lambda c: c.get_kind_display(), width=25),
    Column("Кластер", "cluster", width=40),
    Column("Кворум", "quorum_rule", getter=lambda c: c.get_quorum_rule_display(), width=30),
    Column("Членов", "members_total", width=10),
]

COUNCIL_MEMBER_COLUMNS = [
    Column("Совет", "council", width=30),
    Column("ФИО", "person", getter=lambda m: m.person.full_name, width=35),
    Column("Роль в совете", "role", getter=lambda m: m.get_role_display(), width=25),
    Column("Должность", "position", getter=lambda m: m.person.position, width=40),
    Column(
        "Организация",
        "organization",
        getter=lambda m: m.person.organization.short_name if m.person.organization_id else "",
        width=30,
    ),
    Column("В составе с", "date_from"),
    Column("В составе по", "date_to"),
]


def _minutes(meeting):
    """The meeting's minutes, where the reader may read them (a meeting from ``meeting_list``)."""
    shown = getattr(meeting, "minutes_readable", True)
    return getattr(meeting, "minutes", None) if shown else None


def _attendance(field: str):
    """A getter of an attendance figure, empty where the reader may not read it yet."""
    return lambda m: getattr(m, field) if getattr(m, f"{field}_readable", False) else None


MEETING_COLUMNS = [
    Column("Совет", "council", width=28),
    Column("Учебный год", "academic_year", getter=lambda m: m.academic_year_label, width=12),
    Column("Дата", "date", width=12),
    Column("Планируемый период", "period", width=18),
    Column("Начало", "start_time", getter=lambda m: m.start_time.strftime("%H:%M") if m.start_time else "", width=8),
    Column("Статус", "status", getter=lambda m: m.get_status_display(), width=14),
    Column("Формат", "format", getter=lambda m: m.get_format_display(), width=18),
    Column("Место", "place", width=30),
    Column("Вопросы для обсуждения", "topics", width=70),
    Column(
        "Повестка дня",
        "agenda",
        getter=lambda m: "\n".join(f"{i.order}. {i.title}" for i in m.agenda_items.all()),
        width=70,
    ),
    Column("Протокол №", "minutes_number", getter=lambda m: _minutes(m).number if _minutes(m) else "", width=10),
    Column("Дата протокола", "minutes_date", getter=lambda m: _minutes(m).date if _minutes(m) else None, width=12),
    Column("Присутствовало", "present_count", getter=_attendance("present_count"), width=10),
    Column("Членов совета", "members_count", getter=_attendance("members_count"), width=10),
    Column("Кворум", "quorum_reached", getter=_attendance("quorum_reached"), width=8),
]

DECISION_COLUMNS = [
    Column("Совет", "council", getter=lambda d: d.agenda_item.meeting.council.name, width=25),
    Column("Дата заседания", "meeting_date", getter=lambda d: d.agenda_item.meeting.date, width=12),
    Column(
        "Протокол №",
        "minutes",
        getter=lambda d: _minutes(d.agenda_item.meeting).number if _minutes(d.agenda_item.meeting) else "",
        width=10,
    ),
    Column(
        "Вопрос повестки", "agenda_item", getter=lambda d: f"{d.agenda_item.order}. {d.agenda_item.title}", width=50
    ),
    Column("№ решения", "number", getter=lambda d: f"{d.agenda_item.order}.{d.number}", width=8),
    Column("Решение", "text", width=60),
    Column("Ответственный", "responsible", getter=lambda d: d.responsible, width=35),
    Column("Срок", "deadline_text", width=20),
    Column("Срок для контроля", "due_date", width=12),
    Column("Статус", "status", getter=lambda d: d.get_status_display(), width=16),
    Column("Просрочено", "is_overdue", getter=lambda d: d.is_overdue, width=10),
    Column("Дата исполнения", "done_date", width=12),
    Column("Отметка об исполнении", "result", width=40),
    Column(
        "Пункт плана",
        "plan_item",
        getter=lambda d: f"{d.plan_item.plan.year}: {d.plan_item.display_number}" if d.plan_item_id else "",
        width=14,
    ),
]

WORKPLAN_COLUMNS = [
    Column("Год", "year", width=8),
    Column("План", "heading", getter=lambda p: p.heading, width=70),
    Column("Кластер", "cluster", width=40),
    Column("Кем утверждён", "approved_by", width=30),
    Column("Дата утверждения", "approved_date", width=12),
    Column("Пунктов", "items_total", width=10),
    Column("Выполнено", "items_done", getter=lambda p: execution.done_count(p), width=10),
]

_SECTION = re.compile(r"^\s*(\d{1,2})\s*\.?\s*(.*)$", re.DOTALL)


class SectionCell(Cell):
    """A plan's section: «1. Организационные вопросы …», or its number alone for a section the plan has."""

    expected = "номер и название раздела"

    def parse(self, value):
        match = _SECTION.match(plain_text(value))
        if not match:
            raise CellError("ожидается номер и название раздела: «1. Организационные вопросы» или номер раздела")
        return (int(match[1]), " ".join(match[2].split())), ""

    def display(self, value):
        if not value:
            return ""
        number, title = value
        return f"{number}. {title}" if title else str(number)

    def rule(self):
        return "«1. Название раздела»; для раздела, который уже есть в плане, достаточно номера."


PLAN_NUMBER_RULE = "номер пункта записывается как 1.1: номер раздела, точка, номер пункта."


PLAN_ITEM_COLUMNS = [
    Column(
        "Кластер",
        "cluster",
        getter=lambda i: i.plan.cluster.short_name,
        width=24,
        help="Краткое наименование кластера, как в портале.",
        cell=Name(),
        required=True,
    ),
    Column(
        "Год плана",
        "year",
        getter=lambda i: i.plan.year,
        width=10,
        help="Календарный год плана.",
        cell=Integer(),
        required=True,
        example="2022",
    ),
    Column(
        "Раздел",
        "section",
        getter=lambda i: str(i.section),
        width=45,
        help="Номер и название раздела: «1. Организационные вопросы деятельности Кластера». "
        "Для раздела, который уже есть в плане, достаточно номера.",
        cell=SectionCell(),
        required=True,
        example="1. Организационные вопросы деятельности Кластера",
    ),
    Column(
        "№ п/п",
        "number",
        width=8,
        help="Номер пункта: 1.1 (точка в конце допускается). "
        "По кластеру, году и номеру строка находит существующий пункт и обновляет его.",
        cell=Code(date_shape="{d}.{m}"),
        example="1.1",
    ),
    Column("Наименование мероприятия", "title", width=60, help="Обязательно."),
    Column("Исполнители", "executors", width=35),
    Column("Срок исполнения", "deadline_text", width=25, help="Как в плане: «В течение года», «IV квартал 2022»."),
    Column(
        "Срок для контроля",
        "due_date",
        width=14,
        help="Если пусто — определяется по сроку исполнения (иначе 31 декабря года плана).",
    ),
    Column("Результат", "expected_result", width=50),
]

PLAN_ITEM_EXPORT_COLUMNS = [
    *PLAN_ITEM_COLUMNS,
    # Computed from the evidence (``councils.execution.attach`` sets ``item.execution``), never imported.
    Column("Статус", "status", getter=lambda i: i.execution.label, width=16),
    Column(
        "Выполнено (отчёты)",
        "reports",
        getter=lambda i: "\n".join(f"{r.date:%d.%m.%Y}: {r.text}" for r in i.report_list),
        width=60,
    ),
]


def _clusters(user):
    return Cluster.objects.only("pk", "short_name")


class PlanOfYear(Reference):
    """The cluster's work plan of the year, if there is one (the save creates it otherwise)."""

    def __init__(self):
        super().__init__("plan", ("cluster", "year"), missing="")

    def key_of(self, row):
        cluster, year = row.refs.get("cluster"), row.values.get("year")
        return (cluster.pk, year) if cluster is not None and year else None

    def load(self, keys, ctx):
        plans = WorkPlan.objects.filter(cluster_id__in={c for c, _y in keys}, year__in={y for _c, y in keys})
        return {(plan.cluster_id, plan.year): [plan] for plan in plans}

    def settle(self, row, found, headers):
        row.refs["plan"] = found[0] if found else None


class PlanItemImport(ImportKind):
    key = "work-plan"
    label = "План работы кластера"
    model = PlanItem
    columns = PLAN_ITEM_COLUMNS
    references = (
        ByName("cluster", "cluster", _clusters, "short_name", missing="Кластер не найден в портале."),
        PlanOfYear(),
    )
    natural_key = ("plan", "number")
    natural_key_columns = ("cluster", "year", "number")
    natural_key_help = (
        "Строка с теми же кластером, годом и номером пункта обновляет пункт плана, а не создаёт новый. "
        "Плана на указанный год и его разделов может не быть: они будут созданы."
    )
    saving = Saving.EACH  # the save creates plans and sections through the services
    success_url_name = "councils:workplan_list"

    def row_key(self, row):
        cluster, year, number = row.refs.get("cluster"), row.values.get("year"), row.attrs.get("number")
        if cluster is None or not year or not number:
            return None
        row.attrs["number"] = normalize_plan_number(number)  # «1.1.» in a file is the plan's «1.1»
        return (cluster.pk, year, row.attrs["number"])

    def existing(self, rows, ctx):
        plans = {row.refs["plan"].pk for row in rows if row.refs.get("plan") is not None}
        items = PlanItem.objects.filter(plan__in=plans, number__in={row.key[2] for row in rows})
        found = {}
        for cluster, year, *values in items.values_list("plan__cluster_id", "plan__year", *self.attnames):
            old = dict(zip(self.attnames, values, strict=True))
            found[(cluster, year, old["number"])] = old
        return found

    def check_row(self, row, ctx):
        number = row.attrs["number"]
        section_number, section_title = row.values["section"]
        if not PLAN_NUMBER.match(number):
            row.add_error(RowError(row.number, "№ п/п", PLAN_NUMBER_RULE, number))
        elif int(number.split(".")[0]) != section_number:
            message = f"пункт не может стоять в разделе {section_number}: номер пункта начинается с номера раздела."
            row.add_error(RowError(row.number, "№ п/п", message, number))
        elif not section_title and not self.has_section(row.refs.get("plan"), section_number):
            message = f"раздела {section_number} в плане на {row.values['year']} год нет: укажите его название."
            row.add_error(RowError(row.number, "Раздел", message, str(section_number)))

    @staticmethod
    def has_section(plan, number: int) -> bool:
        return plan is not None and PlanSection.objects.filter(plan=plan, number=number).exists()

    def save_row(self, row, ctx):
        plan = services.workplan_get_or_create(cluster=row.refs["cluster"], year=row.values["year"])
        number, title = row.values["section"]
        section = services.plan_section_get_or_create(plan=plan, number=number, title=title)
        item = row.instance
        item.plan, item.section = plan, section
        return services.plan_item_save(item=item)
