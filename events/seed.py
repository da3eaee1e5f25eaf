"""Demo data of the events app: the event kinds, the events the seed report names, demo exams.

The seed report gives no dates for its events: each is dated by the period the report speaks of
(«2021/2022 уч. г.» for the year's results, «2022 г.» for the 2022 plan). Organizers are written as
the plan writes them («Участники Кластера»): the report names no organization for them. The
championship's experts and the exams are generated (``is_demo``) and shown as demo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from members.models import Organization
from members.selectors import default_cluster

from .choices import EventStatus, ExamGrade, ExamKind, ExpertRole, PanelRole
from .models import CompetitionExpert, Event, EventKind, ExamPanelMember, ExamResult, ExamSession

# name, is_competition, public_by_default
KINDS = [
    ("Акция", False, False),
    ("День отрасли", False, True),
    ("Открытие мастерской", False, False),
    ("Экскурсия на предприятие", False, False),
    ("Мастер-класс", False, False),
    ("Ярмарка вакансий", False, True),
    ("День открытых дверей", False, True),
    ("Юбилей", False, False),
    ("Профориентационный проект", False, False),
    ("Конкурс, олимпиада, чемпионат", True, False),
    ("Иное", False, False),
]
MEMBERS = "Участники Кластера"
ACADEMIC = "2021/2022 уч. г."
YEAR_2022 = "2022 г."
CHAMPIONSHIP = "Региональный чемпионат «Молодые профессионалы»"

# kind, title, period, plan items (2022), description, results, public.
# Only what the report says was done: «Неделя без турникетов» and «Билет в будущее» are in its plan
# (items 3.2, 3.3) but not among its results, so they are not recorded as events.
EVENTS = [
    (
        "Акция",
        "Акция «Неделя с работодателем»",
        ACADEMIC,
        ["3.3"],
        "Совместное мероприятие в рамках деятельности кластера (раздел «Основные направления и результаты»).",
        "",
        False,
    ),
    (
        "День отрасли",
        "Дни отрасли",
        ACADEMIC,
        ["2.7"],
        "Совместное мероприятие в рамках деятельности кластера; к Дню отрасли издана брошюра банка программ.",
        "Издана брошюра банка реализуемых основных и дополнительных программ ПОО кластера ко Дню отрасли.",
        True,
    ),
    (
        "Открытие мастерской",
        "Открытие мастерских",
        ACADEMIC,
        [],
        "Совместное мероприятие в рамках деятельности кластера.",
        "",
        False,
    ),
    (
        "Юбилей",
        "Юбилейные мероприятия ПОО",
        ACADEMIC,
        [],
        "Совместное мероприятие в рамках деятельности кластера.",
        "",
        False,
    ),
    (
        "Иное",
        "Использование площадок для проведения демонстрационного экзамена",
        ACADEMIC,
        [],
        "Совместное мероприятие в рамках деятельности кластера.",
        "",
        False,
    ),
    (
        "Профориентационный проект",
        "Межведомственный региональный проект «От «Точек роста» до мастерских ПОО»",
        YEAR_2022,
        ["3.1"],
        "Реализация межведомственного регионального проекта от «Точек роста» до мастерских профессиональных "
        "образовательных организаций региона (пункт 3.1 плана работы на 2022 год).",
        "Подходы к реализации проекта обсуждены на заседании Экспертного совета 23.03.2022.",
        False,
    ),
    (
        "Конкурс, олимпиада, чемпионат",
        CHAMPIONSHIP,
        YEAR_2022,
        ["2.8"],
        "Организация и проведение профессиональных конкурсов совместно с предприятиями, входящими в Кластер. "
        "Эксперты в демо-данных условные: отчёт сообщает только, что независимые эксперты от предприятий привлечены.",
        "Привлечены независимые эксперты на региональный чемпионат «Молодые профессионалы».",
        False,
    ),
]
# Demo exams (is_demo): college, specialty, graduation year, first day, panel usernames, passed pattern.
EXAMS = [
    ("ОГБПОУ «ТЭПК»", "15.02.32", 2022, dt.date(2022, 6, 14), [], ["2.9"]),
    ("ОГБПОУ «ТЭПК»", "15.02.32", 2023, dt.date(2023, 6, 13), ["expert", "expert2"], []),
]
SITE = "Мастерская колледжа (демо)"


def _kinds() -> dict[str, EventKind]:
    kinds = {}
    for order, (name, competition, public) in enumerate(KINDS, start=1):
        kinds[name], _ = EventKind.objects.update_or_create(
            name=name, defaults={"is_competition": competition, "public_by_default": public, "order": order}
        )
    return kinds


def _plan_items(numbers: list[str]) -> list:
    from councils.models import PlanItem

    return list(PlanItem.objects.filter(plan__year=2022, number__in=numbers)) if numbers else []


def _events(cluster, kinds) -> list[Event]:
    events = []
    for kind, title, period, items, description, results, public in EVENTS:
        event = Event.objects.filter(cluster=cluster, title=title).first() or Event(cluster=cluster, title=title)
        event.kind, event.period, event.organizer_text = kinds[kind], period, MEMBERS
        event.description, event.results, event.is_public = description, results, public
        if event.status != EventStatus.PUBLISHED:
            event.status, event.published_at = EventStatus.PUBLISHED, timezone.now()
        event.full_clean()
        event.save()
        event.plan_items.set(_plan_items(items))
        events.append(event)
    return events


def _championship_experts(event: Event) -> int:
    from expertise.models import Expert

    experts = Expert.objects.filter(user__username__in=["expert", "expert2"]).select_related("person")
    for expert in experts:
        CompetitionExpert.objects.update_or_create(
            event=event,
            person=expert.person,
            competence="",
            defaults={"role": ExpertRole.INDEPENDENT, "is_demo": True},
        )
    return len(experts)


def _exam(cluster, college, code, year, first_day, usernames, items) -> ExamSession | None:
    from expertise.models import Expert
    from practice.models import Student
    from programs.models import Specialty

    specialty = Specialty.objects.filter(code=code).first()
    if college is None or specialty is None:
        return None
    session, _ = ExamSession.objects.update_or_create(
        college=college,
        specialty=specialty,
        kind=ExamKind.DE_BASIC,
        date_from=first_day,
        defaults={
            "cluster": cluster,
            "year": year,
            "site": SITE,
            "is_demo": True,
            "competence": "Токарные работы на станках с ЧПУ",
        },
    )
    session.plan_items.set(_plan_items(items))
    for expert in Expert.objects.filter(user__username__in=usernames).order_by("pk"):
        member = ExamPanelMember(
            session=session, expert=expert, role=PanelRole.CHIEF if not session.panel.exists() else PanelRole.EXPERT
        )
        if not ExamPanelMember.objects.filter(session=session, expert=expert).exists():
            member.full_clean()
            member.save()
    # The exam is sat by the program's senior cohort studying that June (a program's first cohort may graduate later).
    studying = Student.objects.filter(college=college, program__specialty=specialty, graduation_year__gte=year)
    senior = studying.order_by("graduation_year").values_list("graduation_year", flat=True).first()
    students = studying.filter(graduation_year=senior).order_by("record_number")
    for index, student in enumerate(students):
        passed = index % 3 != 2  # one in three does not pass
        ExamResult.objects.update_or_create(
            session=session,
            student=student,
            defaults={
                "score": Decimal(62 if passed else 31) + index,
                "grade": ExamGrade.GOOD if passed else ExamGrade.FAILED,
                "passed": passed,
                "is_demo": True,
            },
        )
    return session


def run() -> str:
    cluster = default_cluster(with_relations=False)
    if cluster is None:
        return "нет кластера: сначала загрузите участников"
    kinds = _kinds()
    events = _events(cluster, kinds)
    return f"видов мероприятий {len(kinds)}, мероприятий из отчёта {len(events)}"


def run_generated() -> str:
    """Invented rows (``is_demo``): the championship's experts and the demonstration exams with results."""
    cluster = default_cluster(with_relations=False)
    championship = Event.objects.filter(cluster=cluster, title=CHAMPIONSHIP).first() if cluster else None
    if championship is None:
        return "нет мероприятий из отчёта: сначала шаг «Мероприятия»"
    experts = _championship_experts(championship)
    exams = 0
    for short_name, code, year, first_day, usernames, items in EXAMS:
        college = Organization.objects.filter(short_name=short_name).first()
        exams += _exam(cluster, college, code, year, first_day, usernames, items) is not None
    return f"экспертов чемпионата {experts}, демо-экзаменов {exams}"
