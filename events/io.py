"""Excel columns and import kinds of the events app.

The same columns export a list and describe its import template. Events are matched by title,
organizer, date and period; exam results by college, record number, specialty and exam date, so a
corrected file updates its rows instead of adding them again.
"""

from __future__ import annotations

import re

from django import forms

from cluster_portal.core.imports import ImportKind
from cluster_portal.core.io_fields import ImportForm, LabelChoiceField, reference_field
from cluster_portal.core.xlsx import Column
from members.models import Organization
from practice.io import COLLEGE_HELP, RECORD_HELP, PracticeImportCache, PracticeImportForm
from programs.models import Specialty

from . import services
from .choices import ExamGrade, ExamKind
from .models import Event, EventKind, ExamResult, ExamSession
from .periods import PERIOD_HELP

PLAN_REF = re.compile(r"^\s*(\d{4})\s*[:/]\s*(\d{1,2}\.\d{1,2})\.?\s*$")


def _join(values) -> str:
    return "; ".join(str(v) for v in values)


def plan_refs(event) -> str:
    return _join(f"{i.plan.year}: {i.number}" for i in event.plan_item_list)


EVENT_KIND_COLUMNS = [
    Column("Вид мероприятия", "name", width=40),
    Column("Конкурс, олимпиада, чемпионат", "is_competition"),
    Column("Открытое по умолчанию", "public_by_default"),
]

EVENT_COLUMNS = [
    Column(
        "Вид",
        "kind",
        getter=lambda e: e.kind.name,
        width=25,
        help="Вид из справочника «Виды мероприятий». Обязательно.",
    ),
    Column("Наименование", "title", width=50, help="Обязательно."),
    Column("Дата начала", "date_start", help="Дата ДД.ММ.ГГГГ; если точной даты нет — заполните «Период»."),
    Column("Дата окончания", "date_end", help="Для многодневных мероприятий."),
    Column("Период", "period", help=f"Если точной даты нет. {PERIOD_HELP}."),
    Column("Место проведения", "place", width=35),
    Column(
        "Организатор",
        "organizer",
        getter=lambda e: e.organizer.short_name if e.organizer_id else "",
        width=25,
        help="Краткое наименование организации, как в портале; или заполните «Организаторы (текстом)».",
    ),
    Column("Организаторы (текстом)", "organizer_text", width=25, help="Например: Участники Кластера."),
    Column(
        "Участвующие организации",
        "participants",
        getter=lambda e: _join(o.short_name for o in e.participant_list),
        width=40,
        help="Краткие наименования через «;».",
    ),
    Column(
        "Специальности",
        "specialties",
        getter=lambda e: _join(s.code for s in e.specialty_list),
        help="Коды через «;», например: 15.02.32; 27.02.07.",
    ),
    Column("Студентов", "students_count", help="Число участников-студентов."),
    Column("Школьников", "schoolchildren_count"),
    Column("Педагогов", "teachers_count"),
    Column("Работников предприятий", "employer_staff_count"),
    Column(
        "Пункты плана",
        "plan_items",
        getter=plan_refs,
        width=22,
        help="Год плана и номер пункта через «;», например: 2022: 2.8; 2022: 3.3.",
    ),
    Column("Итоги", "results", width=50),
    Column("Новость", "news_url", width=30, help="Ссылка на новость о мероприятии."),
    Column("В открытом каталоге", "is_public", help="да / нет: показывать абитуриентам и родителям."),
    Column("Состояние", "status", getter=lambda e: e.get_status_display(), help="Только в выгрузке."),
]

PARTICIPANT_COLUMNS = [
    Column("Конкурс", "event", getter=lambda p: p.event.title, width=40),
    Column("Компетенция", "competence", width=30),
    Column("ПОО", "college", getter=lambda p: p.student.college.short_name, width=25),
    Column("Номер личного дела", "record_number", getter=lambda p: p.student.record_number, width=18),
    Column("Наставник от предприятия", "mentor", getter=lambda p: str(p.mentor or ""), width=30),
    Column(
        "Предприятие наставника",
        "mentor_organization",
        getter=lambda p: p.mentor.organization.short_name if p.mentor and p.mentor.organization else "",
        width=25,
    ),
    Column("Место", "place"),
    Column("Результат", "result", width=25),
]

COMPETITION_EXPERT_COLUMNS = [
    Column("Конкурс", "event", getter=lambda x: x.event.title, width=40),
    Column("Компетенция", "competence", width=30),
    Column("Эксперт", "person", getter=lambda x: x.person.full_name, width=30),
    Column(
        "Предприятие",
        "organization",
        getter=lambda x: x.person.organization.short_name if x.person.organization else "",
        width=25,
    ),
    Column("Роль", "role", getter=lambda x: x.get_role_display(), width=22),
]

EXAM_SESSION_COLUMNS = [
    Column("Вид", "kind", getter=lambda s: s.get_kind_display(), width=30),
    Column("ПОО", "college", getter=lambda s: s.college.short_name, width=25),
    Column("Код специальности", "specialty", getter=lambda s: s.specialty.code),
    Column("Специальность", "specialty_name", getter=lambda s: s.specialty.name, width=40),
    Column("Год выпуска", "year"),
    Column("Дата экзамена", "date_from"),
    Column("Дата окончания", "date_to"),
    Column("Площадка", "site", width=35),
    Column("Компетенция", "competence", width=30),
    Column("Экспертов", "panel_total"),
    Column("Сдавали", "assessed"),
    Column("Прошли", "passed_total"),
]

EXAM_RESULT_COLUMNS = [
    Column("ПОО", "college", getter=lambda r: r.session.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Номер личного дела", "record_number", getter=lambda r: r.student.record_number, width=18, help=RECORD_HELP),
    Column(
        "Код специальности",
        "specialty_code",
        getter=lambda r: r.session.specialty.code,
        help="Код специальности экзамена, например 15.02.32. Обязательно.",
    ),
    Column(
        "Вид экзамена",
        "kind",
        getter=lambda r: r.session.get_kind_display(),
        width=30,
        help="Одно из: " + "; ".join(ExamKind.labels) + ". Обязательно.",
    ),
    Column(
        "Дата экзамена",
        "exam_date",
        getter=lambda r: r.session.date_from,
        help="Дата начала экзамена, как в портале (экзамен вносится заранее). Обязательно.",
    ),
    Column("Баллы", "score"),
    Column(
        "Оценка",
        "grade",
        getter=lambda r: r.get_grade_display() if r.grade else "",
        help="отлично / хорошо / удовлетворительно / неудовлетворительно, или 5–2.",
    ),
    Column("Успешно прошёл", "passed", help="да / нет."),
]


# Import of events -------------------------------------------------------------------------------
class PlanItemRefsField(forms.ModelMultipleChoiceField):
    """Plan items written as «2022: 2.8; 2022: 3.3»."""

    def clean(self, value):
        refs = [v for v in (value or []) if str(v).strip()]
        if not refs:
            return self.queryset.none()
        found = []
        for ref in refs:
            match = PLAN_REF.match(str(ref))
            if not match:
                raise forms.ValidationError(
                    f"«{ref}»: пункт плана записывается как «2022: 2.8» (год плана и номер пункта)."
                )
            item = self.queryset.filter(plan__year=int(match[1]), number=match[2]).first()
            if item is None:
                raise forms.ValidationError(f"Пункта {match[2]} в плане работы на {match[1]} год нет.")
            found.append(item.pk)
        return self.queryset.filter(pk__in=found)


class EventImportForm(ImportForm):
    kind = reference_field(EventKind.objects.all(), "name", "Вид мероприятия")
    organizer = reference_field(Organization.objects.all(), "short_name", "Организация", required=False)
    participants = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.all(),
        to_field_name="short_name",
        required=False,
        error_messages={"invalid_choice": "Организация «%(value)s» не найдена в портале."},
    )
    specialties = forms.ModelMultipleChoiceField(
        queryset=Specialty.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "Специальность с кодом «%(value)s» не найдена в портале."},
    )
    plan_items = PlanItemRefsField(queryset=None, required=False)

    class Meta:
        model = Event
        fields = [c.field for c in EVENT_COLUMNS if c.field != "status"]

    def __init__(self, *args, **kwargs):
        from councils.models import PlanItem

        super().__init__(*args, **kwargs)
        self.fields["plan_items"].queryset = PlanItem.objects.all()

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("participants", "specialties", "plan_items")}


class EventImport(ImportKind):
    key = "events"
    label = "Мероприятия"
    model = Event
    columns = [c for c in EVENT_COLUMNS if c.field != "status"]
    form_class = EventImportForm
    natural_key = (
        ("title", "title"),
        ("organizer", "organizer__short_name"),
        ("organizer_text", "organizer_text"),
        ("date_start", "date_start"),
        ("period", "period"),
    )
    natural_key_help = (
        "Мероприятие определяется по наименованию, организатору, дате начала и периоду: исправленный файл "
        "обновляет записи, а не дублирует их. Мероприятия ПОО и работодателей ждут публикации координатором."
    )
    success_url_name = "events:event_list"
    bulk_history = False

    def save(self, form, user):
        return services.event_save(event=form.instance, user=user, relations=form.relations())


# Import of exam results -------------------------------------------------------------------------
class ExamResultImportForm(PracticeImportForm):
    specialty_code = forms.CharField(label="Код специальности")
    kind = LabelChoiceField(label="Вид экзамена", choices=ExamKind.choices)
    exam_date = forms.DateField(label="Дата экзамена")
    grade = LabelChoiceField(
        label="Оценка", choices=[("", ""), *((str(value), label) for value, label in ExamGrade.choices)], required=False
    )

    class Meta:
        model = ExamResult
        fields = ["score", "passed"]

    def clean_grade(self):
        value = self.cleaned_data.get("grade")
        return int(value) if value else None

    def clean(self):
        data = super().clean()
        college_id, code, kind, date = (data.get(k) for k in ("college", "specialty_code", "kind", "exam_date"))
        if college_id and code and kind and date:
            session = (
                ExamSession.objects.filter(
                    college_id=college_id, specialty__code=code.strip(), kind=kind, date_from=date
                )
                .select_related("college", "specialty")
                .first()
            )
            if session is None:
                self.add_error(
                    "exam_date",
                    f"Экзамена «{ExamKind(kind).label}» по {code} этой ПОО с датой {date:%d.%m.%Y} в портале нет: "
                    "сначала внесите экзамен.",
                )
            else:
                self.instance.session = session
        self.instance.grade = data.get("grade")
        return data


class ExamResultImport(ImportKind):
    key = "exam-results"
    label = "Результаты экзаменов (ДЭ, НОК)"
    model = ExamResult
    columns = EXAM_RESULT_COLUMNS
    form_class = ExamResultImportForm
    cache_class = PracticeImportCache
    natural_key = (
        ("college", "session__college__short_name"),
        ("record_number", "student__record_number"),
        ("specialty_code", "session__specialty__code"),
        ("exam_date", "session__date_from"),
    )
    natural_key_help = (
        "Результат определяется по ПОО, номеру личного дела, коду специальности и дате экзамена: исправленный "
        "файл обновляет результаты, а не дублирует их. Экзамен и студенты должны быть в портале заранее; "
        "представитель ПОО загружает результаты только своих студентов."
    )
    success_url_name = "events:examresult_list"
