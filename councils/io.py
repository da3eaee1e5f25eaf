"""Excel columns of the councils lists and the work-plan import."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from cluster_portal.core.imports import ImportKind
from cluster_portal.core.io_fields import ImportForm, LabelChoiceField
from cluster_portal.core.xlsx import Column
from members.models import Cluster

from . import services
from .choices import PlanItemStatus
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
    return getattr(meeting, "minutes", None)


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
    Column("Присутствовало", "present_count", width=10),
    Column("Членов совета", "members_count", width=10),
    Column("Кворум", "quorum_reached", width=8),
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
    Column("Выполнено", "items_done", width=10),
]

PLAN_ITEM_COLUMNS = [
    Column(
        "Кластер",
        "cluster",
        getter=lambda i: i.plan.cluster.short_name,
        width=24,
        help="Краткое наименование кластера, как в портале. Обязательно.",
    ),
    Column(
        "Год плана", "year", getter=lambda i: i.plan.year, width=10, help="Календарный год плана: 2022. Обязательно."
    ),
    Column(
        "Раздел",
        "section",
        getter=lambda i: str(i.section),
        width=45,
        help="Номер и название раздела: «1. Организационные вопросы деятельности Кластера». "
        "Для раздела, который уже есть в плане, достаточно номера.",
    ),
    Column(
        "№ п/п",
        "number",
        width=8,
        help="Номер пункта: 1.1 (точка в конце допускается). Вводите как текст. "
        "По кластеру, году и номеру строка находит существующий пункт и обновляет его.",
    ),
    Column("Наименование мероприятия", "title", width=60, help="Обязательно."),
    Column("Исполнители", "executors", width=35),
    Column("Срок исполнения", "deadline_text", width=25, help="Как в плане: «В течение года», «IV квартал 2022»."),
    Column(
        "Срок для контроля",
        "due_date",
        width=14,
        help="Дата ДД.ММ.ГГГГ. Если пусто — определяется по сроку исполнения (иначе 31 декабря года плана).",
    ),
    Column("Результат", "expected_result", width=50),
    Column(
        "Статус",
        "status",
        getter=lambda i: i.get_status_display(),
        width=18,
        help="Одно из: " + "; ".join(PlanItemStatus.labels) + ". Пусто — «Запланировано».",
    ),
]

PLAN_ITEM_EXPORT_COLUMNS = [
    *PLAN_ITEM_COLUMNS,
    Column(
        "Выполнено (отчёты)",
        "reports",
        getter=lambda i: "\n".join(f"{r.date:%d.%m.%Y}: {r.text}" for r in i.report_list),
        width=60,
    ),
]

_SECTION = re.compile(r"^\s*(\d{1,2})\s*\.?\s*(.*)$", re.DOTALL)


class ClusterField(forms.CharField):
    """A cluster by its short name, as the export writes it."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        matches = list(Cluster.objects.filter(short_name__iexact=value.strip())[:2])
        if not matches:
            raise ValidationError(f"Кластер «{value}» не найден в портале.")
        if len(matches) > 1:
            raise ValidationError(f"Кластеров с кратким наименованием «{value}» несколько: уточните в портале.")
        return matches[0]


class PlanItemImportForm(ImportForm):
    cluster = ClusterField(label="Кластер")
    year = forms.IntegerField(label="Год плана", min_value=2000, max_value=2100)
    section = forms.CharField(label="Раздел")
    status = LabelChoiceField(label="Статус", choices=PlanItemStatus.choices, required=False)

    class Meta:
        model = PlanItem
        fields = ["number", "title", "executors", "deadline_text", "due_date", "expected_result", "status"]

    def __init__(self, *args, seen=None, **kwargs):
        self.seen = seen if seen is not None else {}
        super().__init__(*args, **kwargs)

    def clean_number(self):
        number = normalize_plan_number(str(self.cleaned_data.get("number") or ""))
        if not PLAN_NUMBER.match(number):
            raise ValidationError("Номер пункта записывается как 1.1: номер раздела, точка, номер пункта.")
        return number

    def clean_status(self):
        return self.cleaned_data.get("status") or self.instance.status or PlanItemStatus.PLANNED

    def clean_section(self):
        match = _SECTION.match(self.cleaned_data["section"])
        if not match:
            raise ValidationError("Раздел записывается как «1. Название раздела» или просто номером.")
        return int(match[1]), " ".join(match[2].split())

    def clean(self):
        data = super().clean()
        cluster, year, section, number = (data.get(k) for k in ("cluster", "year", "section", "number"))
        if not (cluster and year and section and number):
            return data
        section_number, section_title = section
        if int(number.split(".")[0]) != section_number:
            self.add_error("number", f"Пункт {number} не может стоять в разделе {section_number}.")
            return data
        key = (cluster.pk, year, number)
        if key in self.seen:
            self.add_error("number", f"Пункт {number} уже встречается в файле (строка с тем же номером).")
            return data
        self.seen[key] = True
        plan = WorkPlan.objects.filter(cluster=cluster, year=year).first()
        existing_section = PlanSection.objects.filter(plan=plan, number=section_number).first() if plan else None
        if existing_section is None and not section_title:
            self.add_error("section", f"Раздела {section_number} в плане на {year} год нет: укажите его название.")
        if plan and not self.instance.pk:
            # «1.1.» in a file and «1.1» in the plan are the same item: update it.
            existing = PlanItem.objects.filter(plan=plan, number=number).first()
            if existing is not None:
                self.instance = existing
        return data


class PlanItemImport(ImportKind):
    key = "work-plan"
    label = "План работы кластера"
    model = PlanItem
    columns = PLAN_ITEM_COLUMNS
    form_class = PlanItemImportForm
    natural_key = (("cluster", "plan__cluster__short_name"), ("year", "plan__year"), ("number", "number"))
    natural_key_help = (
        "Строка с теми же кластером, годом и номером пункта обновляет пункт плана, а не создаёт новый. "
        "Плана на указанный год и его разделов может не быть: они будут созданы."
    )
    success_url_name = "councils:workplan_list"
    # Its save creates plans and sections, whose history the signals write.
    bulk_history = False

    def form_kwargs(self, user) -> dict:
        return {"user": user, "seen": {}}

    def save(self, form, user):
        data = form.cleaned_data
        plan = services.workplan_get_or_create(cluster=data["cluster"], year=data["year"])
        number, title = data["section"]
        section = services.plan_section_get_or_create(plan=plan, number=number, title=title)
        item = form.instance
        item.plan, item.section = plan, section
        return services.plan_item_save(item=item)
