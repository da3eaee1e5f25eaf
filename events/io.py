"""Excel columns and import kinds of the events app.

The same columns export a list and describe its import template. Events are matched by title,
organizer, date and period; exam results by college, record number, specialty and exam date, so a
corrected file updates its rows instead of adding them again.
"""

from __future__ import annotations

import datetime as dt
import re

from cluster_portal.core.imports import (
    ByName,
    Choice,
    Code,
    Date,
    ImportKind,
    ManyByName,
    Name,
    Names,
    Reference,
    RowError,
    Saving,
    Shown,
)
from cluster_portal.core.xlsx import Column
from members.models import Organization
from practice.io import COLLEGE, COLLEGE_CELL, RECORD_CELL, OfCollege, StudentByRecord
from programs.models import Specialty

from . import services
from .choices import ExamKind
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


class Codes(Names):
    """Specialty codes through «;». A lone code a spreadsheet took for a date (15.02.1932) is read back as
    the code (15.02.32), as ``Code`` does for a single code; the template formats the column as text."""

    number_format = Code.number_format

    def parse(self, value) -> tuple[object, str]:
        if isinstance(value, dt.date):
            code, note = Code().parse(value)
            return [code], note
        return super().parse(value)


EVENT_COLUMNS = [
    Column(
        "Вид",
        "kind",
        getter=lambda e: e.kind.name,
        width=25,
        help="Вид из справочника «Виды мероприятий».",
        cell=Name(),
        required=True,
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
        cell=Name(),
    ),
    Column("Организаторы (текстом)", "organizer_text", width=25, help="Например: Участники Кластера."),
    Column(
        "Участвующие организации",
        "participants",
        getter=lambda e: _join(o.short_name for o in e.participant_list),
        width=40,
        help="Краткие наименования через «;».",
        cell=Names(),
    ),
    Column(
        "Специальности",
        "specialties",
        getter=lambda e: _join(s.code for s in e.specialty_list),
        help="Коды через «;», например: 15.02.32; 27.02.07.",
        cell=Codes(),
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
        cell=Names(),
    ),
    Column("Итоги", "results", width=50),
    Column("Новость", "news_url", width=30, help="Ссылка на новость о мероприятии."),
    Column("В открытом каталоге", "is_public", help="да / нет: показывать абитуриентам и родителям."),
    Column("Состояние", "status", getter=lambda e: e.get_status_display(), help="Только в выгрузке.", cell=Shown()),
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
    Column("ПОО", "college", getter=lambda r: r.session.college.short_name, width=25, **COLLEGE_CELL),
    Column("Номер личного дела", "record_number", getter=lambda r: r.student.record_number, width=18, **RECORD_CELL),
    Column(
        "Код специальности",
        "specialty_code",
        getter=lambda r: r.session.specialty.code,
        help="Код специальности экзамена.",
        cell=Code(),
        required=True,
        example="15.02.32",
    ),
    Column(
        "Вид экзамена",
        "kind",
        getter=lambda r: r.session.get_kind_display(),
        width=30,
        cell=Choice(ExamKind.choices),
        required=True,
    ),
    Column(
        "Дата экзамена",
        "exam_date",
        getter=lambda r: r.session.date_from,
        help="Дата начала экзамена, как в портале (экзамен вносится заранее).",
        cell=Date(),
        required=True,
    ),
    Column("Баллы", "score"),
    Column(
        "Оценка",
        "grade",
        getter=lambda r: r.get_grade_display() if r.grade else "",
        help="Можно также цифрой: 5–2.",
    ),
    Column("Успешно прошёл", "passed"),
]


# Import of events -------------------------------------------------------------------------------
def _event_kinds(user):
    return EventKind.objects.only("pk", "name")


def _organizations(user):
    return Organization.objects.only("pk", "short_name")


def _specialties(user):
    return Specialty.objects.only("pk", "code")


class PlanItemRefs(Reference):
    """Plan items written as «2022: 2.8; 2022: 3.3» (the plans' items read once per file)."""

    def __init__(self):
        super().__init__("plan_items", ("plan_items",), missing="")

    def resolve(self, rows, ctx, headers):
        from councils.models import PlanItem

        items = ctx.once(
            "plan items", lambda: {(i.plan.year, i.number): i for i in PlanItem.objects.select_related("plan")}
        )
        for row in rows:
            if "plan_items" in row.values:
                row.refs["plan_items"] = [self.item(row, ref, items, headers) for ref in row.values["plan_items"]]

    @staticmethod
    def item(row, ref: str, items: dict, headers: dict):
        match = PLAN_REF.match(ref)
        found = items.get((int(match[1]), match[2])) if match else None
        if found is None:
            message = (
                f"пункта {match[2]} в плане работы на {match[1]} год нет."
                if match
                else "пункт плана записывается как «2022: 2.8» (год плана и номер пункта)."
            )
            row.add_error(RowError(row.number, headers["plan_items"], message, ref))
        return found


class EventImport(ImportKind):
    key = "events"
    label = "Мероприятия"
    model = Event
    columns = [c for c in EVENT_COLUMNS if c.field != "status"]
    references = (
        ByName("kind", "kind", _event_kinds, "name", missing="Такого вида мероприятия нет в портале."),
        ByName("organizer", "organizer", _organizations, "short_name", missing="Организация не найдена в портале."),
        ManyByName(
            "participants", "participants", _organizations, "short_name", missing="Организация не найдена в портале."
        ),
        ManyByName(
            "specialties", "specialties", _specialties, "code", missing="Специальность с таким кодом не найдена."
        ),
        PlanItemRefs(),
    )
    natural_key = ("title", "organizer", "organizer_text", "date_start", "period")
    natural_key_help = (
        "Мероприятие определяется по наименованию, организатору, дате начала и периоду: исправленный файл "
        "обновляет записи, а не дублирует их. Мероприятия ПОО и работодателей ждут публикации координатором."
    )
    m2m = ("participants", "specialties", "plan_items")
    saving = Saving.EACH  # the service decides proposal and publication
    success_url_name = "events:event_list"

    def save_row(self, row, ctx):
        relations = {name: row.refs.get(name) or [] for name in self.m2m}
        return services.event_save(event=row.instance, user=ctx.user, relations=relations)


# Import of exam results -------------------------------------------------------------------------
class SessionOfExam(OfCollege):
    """The college's exam of the specialty, kind and date (entered in the portal beforehand)."""

    def __init__(self):
        super().__init__("session", ("exam_date",), missing="")

    def key_of(self, row):
        college = row.refs.get("college")
        values = tuple(row.values.get(name) for name in ("specialty_code", "kind", "exam_date"))
        return (college.pk, *values) if college is not None and all(values) else None

    def load(self, keys, ctx):
        sessions = ExamSession.objects.filter(
            college_id__in={k[0] for k in keys}, date_from__in={k[3] for k in keys}
        ).select_related("specialty")
        found: dict = {}
        for session in sessions:
            found.setdefault((session.college_id, session.specialty.code, session.kind, session.date_from), []).append(
                session
            )
        return found

    def missing(self, row):
        kind, code = ExamKind(row.values["kind"]).label, row.values["specialty_code"]
        return f"экзамена «{kind}» по {code} этой ПОО с этой датой в портале нет: сначала внесите экзамен."

    def name(self, session):
        return f"{session.date_from:%d.%m.%Y}"


class ExamResultImport(ImportKind):
    key = "exam-results"
    label = "Результаты экзаменов (ДЭ, НОК)"
    model = ExamResult
    columns = EXAM_RESULT_COLUMNS
    references = (COLLEGE, StudentByRecord(), SessionOfExam())
    natural_key = ("session", "student")
    natural_key_columns = ("college", "record_number", "specialty_code", "exam_date")
    natural_key_help = (
        "Результат определяется по ПОО, номеру личного дела, коду специальности и дате экзамена: исправленный "
        "файл обновляет результаты, а не дублирует их. Экзамен и студенты должны быть в портале заранее; "
        "представитель ПОО загружает результаты только своих студентов."
    )
    success_url_name = "events:examresult_list"
