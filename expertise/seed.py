"""Demo data of the expertise app: the seed's checklist and its expert session of June 2022."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils import timezone

from members.models import Organization, Sector, User
from members.selectors import default_cluster

from .choices import CertificateKind, NormKind, PracticeFigure, ReviewAction, ReviewStatus
from .models import DEFAULT_TITLE, ChecklistTemplate, Expert, ExpertCertificate, ExpertSession, Review, ReviewEvent
from .selectors import template_structure
from .services import AnswerInput, CriterionSpec, ParticipantSpec, SectionSpec, review_save, session_save, template_save

YES = NormKind.YES_NO
# «Экспертный лист для оценки программы», as the seed report writes it.
CHECKLIST = [
    SectionSpec(
        1,
        "Содержание основной профессиональной образовательной программы",
        [
            CriterionSpec(
                "1.1",
                "Содержание программы направлено на формирование запросов различных субъектов: государства, "
                "региональных рынков труда, социальных партнёров, студентов",
            ),
            CriterionSpec(
                "1.2",
                "Наличие в компетентностной модели (в требованиях к результатам обучения) выпускника компетенций, "
                "отражающих современные потребности в умениях и навыках со стороны предприятий - работодателей",
            ),
            CriterionSpec(
                "1.3",
                "Согласованность основных целей программы с целями и задачами профессиональной деятельности "
                "выпускника программы, с запросами рынка труда, предприятий-работодателей",
            ),
            CriterionSpec(
                "1.4",
                "Наличие дисциплин, междисциплинарных курсов, отражающих региональный запрос на компетенции "
                "(умения, навыки) выпускников со стороны предприятий-работодателей",
            ),
            CriterionSpec(
                "1.5",
                "Структура и содержание практического обучения соответствует запросу на компетенции (умения, "
                "навыки) выпускников со стороны предприятий-работодателей",
            ),
        ],
    ),
    SectionSpec(
        2,
        "Условия реализации основной профессиональной образовательной программы",
        [
            CriterionSpec(
                "2.1",
                "Доля преподавателей, прошедших повышение квалификации (стажировку) в профильных организациях "
                "(организациях, работающих по профилю будущего трудоустройства выпускников) в течение последних 3 лет",
                NormKind.SHARE,
                Decimal("100"),
            ),
            CriterionSpec(
                "2.2",
                "Доля преподавателей профессионального цикла, имеющих опыт работы в отрасли по профилю "
                "образовательной программы",
                NormKind.SHARE,
                Decimal("25"),
            ),
            CriterionSpec(
                "2.3",
                "Наличие преподавателей-совместителей из числа действующих руководителей и работников профильных "
                "организаций",
            ),
            CriterionSpec(
                "2.4", "Наличие учебных лабораторий, переоснащенных современным оборудованием в последние 5 лет"
            ),
            CriterionSpec(
                "2.5",
                "Использование образовательной организацией баз предприятий для проведения практик, оснащённых "
                "современным оборудованием, приборами и специализированными полигонами в степени, необходимой для "
                "формирования профессиональных компетенций",
            ),
            CriterionSpec(
                "2.6",
                "Наличие информационной инфраструктуры, предназначенной для создания, хранения и доставки "
                "образовательного контента и используемых образовательных технологий",
            ),
        ],
    ),
    SectionSpec(
        3,
        "Востребованность выпускников",
        [
            CriterionSpec(
                "3.1",
                "Наличие выпускников образовательной программы, успешно прошедших независимую оценку квалификаций",
                YES,
                None,
                PracticeFigure.ASSESSMENT,
            ),
            CriterionSpec(
                "3.2",
                "Доля выпускников, трудоустроившихся по специальности в течение года",
                NormKind.SHARE,
                Decimal("62.5"),
                PracticeFigure.EMPLOYMENT,
            ),
            CriterionSpec(
                "3.3",
                "Наличие студентов, получивших приглашения на работу по итогам прохождения практики",
                YES,
                None,
                PracticeFigure.JOB_OFFERS,
            ),
        ],
    ),
]

SESSION_FROM, SESSION_TO = dt.date(2022, 6, 21), dt.date(2022, 6, 30)
# The seed's table «Участие в проведении экспертизы ОП …»: college, its programs, the enterprises.
SESSION_TABLE = [
    ("ОГБПОУ «ТЭПК»", ["15.02.32", "27.02.07"], ["ООО «Томский инструментальный завод»"]),
    ("ОГБПОУ «СПК»", ["15.02.12"], ["АО «СХК»"]),
    ("ОГБПОУ «ТПТ»", ["13.02.11"], ["ООО «Август»"]),
    ("ОГБПОУ «ТомИнТех»", [], ["ООО «Брандмейстер»"]),
]
EXPERTS = {
    "expert": {
        "specialization": "Механообработка, станки с ЧПУ, контроль качества продукции",
        "sectors": ["Машиностроение", "Управление в технических системах"],
        "certificate": ("Право оценки демонстрационного экзамена", "Токарные работы на станках с ЧПУ", "ДЭ-0147"),
    },
    "expert2": {
        "specialization": "Монтаж и ремонт промышленного оборудования",
        "sectors": ["Машиностроение", "Энерго-теплоэнергетика"],
        "certificate": ("Право оценки демонстрационного экзамена", "Промышленная механика и монтаж", "ДЭ-0312"),
    },
}
# Plausible answers of the demo: the submitted review of 15.02.32 and the draft of 27.02.07.
SUBMITTED_ANSWERS = {
    "2.1": (
        Decimal("85"),
        "Стажировку на профильных предприятиях за 3 года прошли не все преподаватели "
        "профессионального цикла; рекомендуем стажировки на предприятиях-партнёрах программы.",
    ),
    "2.2": (Decimal("40"), ""),
    "3.2": (Decimal("66.7"), ""),
}
DRAFT_NUMBERS = ("1.1", "1.2", "1.3")
SUBMITTED_AT = timezone.make_aware(dt.datetime(2022, 6, 23, 15, 0))


def _program(college: str, code: str):
    from programs.models import Program

    program = (
        Program.objects.select_related("specialty", "college")
        .filter(college__short_name=college, specialty__code=code)
        .order_by("pk")
        .first()
    )
    if program is None:
        raise CommandError(
            f"Экспертиза программ: в банке программ нет программы {code} у {college}. "
            "Сначала загрузите банк программ (шаг демо-данных «Банк программ»)."
        )
    return program


def _template() -> ChecklistTemplate:
    template = ChecklistTemplate.objects.filter(title=DEFAULT_TITLE).order_by("version").first()
    if template is None or not template.sections.exists():
        template, _new = template_save(template=template, title=DEFAULT_TITLE, note="", sections=CHECKLIST)
    return template


def _expert(username: str, spec: dict) -> Expert:
    user = User.objects.select_related("person").filter(username=username).first()
    if user is None or user.person_id is None:
        raise CommandError(f"Экспертиза программ: нет демо-пользователя {username} (шаг «Участники кластера»).")
    expert, _ = Expert.objects.update_or_create(
        user=user, defaults={"person": user.person, "specialization": spec["specialization"], "is_demo": True}
    )
    expert.sectors.set(Sector.objects.filter(name__in=spec["sectors"]))
    title, competence, number = spec["certificate"]
    # The demo shows the expiry warning: the certificate runs out within the warning period.
    valid_until = timezone.localdate() + dt.timedelta(days=45 if username == "expert" else 400)
    ExpertCertificate.objects.update_or_create(
        expert=expert,
        title=title,
        number=number,
        defaults={
            "kind": CertificateKind.EXAM_ASSESSMENT,
            "competence": competence,
            "issued_by": "Академия Ворлдскиллс Россия",
            "issued_on": dt.date(2022, 12, 15),
            "valid_until": valid_until,
        },
    )
    return expert


def _assign(session_program, expert) -> Review:
    review, created = Review.objects.get_or_create(session_program=session_program, expert=expert)
    if created:
        ReviewEvent.objects.create(review=review, action=ReviewAction.ASSIGNED, at=SUBMITTED_AT - dt.timedelta(days=3))
    return review


def _answers(criteria, *, numbers=None, shares=None) -> dict[int, AnswerInput]:
    answers = {}
    for criterion in criteria:
        if numbers is not None and criterion.number not in numbers:
            continue
        if criterion.is_share:
            value, remark = (shares or {}).get(criterion.number, (None, ""))
            answers[criterion.pk] = AnswerInput(value_share=value, remark=remark)
        else:
            answers[criterion.pk] = AnswerInput(value_yes=True)
    return answers


def run() -> str:
    cluster = default_cluster()
    if cluster is None:
        raise CommandError("Экспертиза программ: нет кластера (шаг «Участники кластера»).")
    template = _template()
    organizations = {o.short_name: o for o in Organization.objects.all()}
    specs = []
    for order, (college, codes, enterprises) in enumerate(SESSION_TABLE, start=1):
        specs.append(
            ParticipantSpec(
                college=organizations[college],
                enterprises=[organizations[name] for name in enterprises],
                programs=[_program(college, code) for code in codes],
                order=order,
            )
        )
    session = ExpertSession.objects.filter(cluster=cluster, date_from=SESSION_FROM).first() or ExpertSession(
        cluster=cluster, date_from=SESSION_FROM
    )
    session.date_to = SESSION_TO
    session.title = "Экспертиза образовательных программ"
    session.description = (
        "Экспертные сессии для представления ПОО кластера образовательных программ членам Экспертного совета "
        "и индустриальным партнерам (заседания Экспертного совета 23.06.2022, 28.06.2022, 30.06.2022)."
    )
    if not session.pk:
        session.template = template
    session = session_save(session=session, participants=specs)
    return (
        f"экспертный лист «{template}», сессия {session.period}: ПОО {len(specs)}, "
        f"программ {sum(len(spec.programs) for spec in specs)}"
    )


def run_generated() -> str:
    """Invented experts with certificates and their checklists in the seed's session, which they make demo."""
    cluster = default_cluster()
    session = ExpertSession.objects.filter(cluster=cluster, date_from=SESSION_FROM).first() if cluster else None
    if session is None:
        return "нет экспертной сессии из отчёта: сначала шаг «Экспертиза программ»"
    if not session.is_demo:
        session.is_demo = True
        session.save(update_fields=["is_demo", "updated_at"])
    experts = {username: _expert(username, spec) for username, spec in EXPERTS.items()}
    programs = {
        (sp.program.college.short_name, sp.program.specialty.code): sp
        for participant in session.participants.all()
        for sp in participant.programs.select_related("program__college", "program__specialty")
    }
    criteria = [c for _s, items in template_structure(session.template) for c in items]
    _reviews(programs, experts, criteria)
    return f"экспертов {len(experts)}, экспертных листов {Review.objects.filter(session_program__participant__session=session).count()}"


def _reviews(programs, experts, criteria) -> None:
    """The submitted checklist of 15.02.32, the draft of 27.02.07 and the assignment of 15.02.12."""
    submitted = _assign(programs[("ОГБПОУ «ТЭПК»", "15.02.32")], experts["expert"])
    if submitted.status == ReviewStatus.ASSIGNED:
        review = review_save(
            review=submitted,
            criteria=criteria,
            answers=_answers(criteria, shares=SUBMITTED_ANSWERS),
            conclusion="Программа соответствует запросам предприятия; рекомендуем усилить стажировки преподавателей.",
            expected_version=submitted.version,
            user=None,
            submit=True,
        )
        Review.objects.filter(pk=review.pk).update(submitted_at=SUBMITTED_AT)
        review.events.filter(action=ReviewAction.SUBMITTED).update(at=SUBMITTED_AT)
    draft = _assign(programs[("ОГБПОУ «ТЭПК»", "27.02.07")], experts["expert"])
    if draft.status == ReviewStatus.ASSIGNED:
        review_save(
            review=draft,
            criteria=criteria,
            answers=_answers(criteria, numbers=DRAFT_NUMBERS),
            conclusion="",
            expected_version=draft.version,
            user=None,
        )
    _assign(programs[("ОГБПОУ «СПК»", "15.02.12")], experts["expert2"])


def run_it_cluster() -> str:
    """The demo IT cluster's session: its demo college's program under review (invented, ``is_demo``)."""
    from members.seed import DEMO_NOTE, IT_COLLEGE, IT_EMPLOYER, it_cluster

    cluster = it_cluster()
    college = Organization.objects.filter(short_name=IT_COLLEGE).first()
    if cluster is None or college is None:
        return "нет демо ИТ-кластера: сначала шаг «Демо ИТ-кластер: участники»"
    session = ExpertSession.objects.filter(cluster=cluster).order_by("pk").first() or ExpertSession(
        cluster=cluster, template=_template()
    )
    session.title = "Экспертиза программ ИТ-кластера (демо)"
    session.date_from, session.date_to = dt.date(2022, 6, 14), dt.date(2022, 6, 24)
    session.description = DEMO_NOTE
    session.is_demo = True
    participant = ParticipantSpec(
        college=college,
        enterprises=list(Organization.objects.filter(short_name=IT_EMPLOYER)),
        programs=[_program(IT_COLLEGE, "09.02.07")],
        order=1,
    )
    session = session_save(session=session, participants=[participant])
    return f"сессия {session.period}: ПОО 1, программ 1"
