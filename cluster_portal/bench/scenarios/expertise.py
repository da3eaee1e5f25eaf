"""Benchmark data and pages of the expertise app (``make bench``).

``generate`` adds (factor − 1) copies of the seed's expert session: one session a copy, from 2015
to 2026, where four generated colleges present their generated programs and experts of generated
enterprises review them on the seed's checklist. The expert pool (a user, a person, sectors and
certificates each) comes from the generated enterprises. Reviews are submitted, returned, drafts
or not started as the session's dates make plausible, with answers that pass the portal's own
checks. Everything goes in with ``bulk_create`` from the benchmark's seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.urls import reverse
from django.utils import timezone

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from cluster_portal.bench.scenarios.members import bench_organizations
from cluster_portal.core.roles import Role
from expertise.choices import ReviewAction, ReviewStatus, Verdict
from expertise.models import (
    ChecklistTemplate,
    Expert,
    ExpertCertificate,
    ExpertSession,
    Review,
    ReviewAnswer,
    ReviewEvent,
    SessionParticipant,
    SessionProgram,
)
from expertise.selectors import template_structure
from members.choices import OrganizationKind
from members.models import Person, Sector, User
from members.selectors import default_cluster
from programs.models import Program

COLLEGES_PER_SESSION = 4  # as the seed's session
EXPERT_EVERY = 4  # every fourth generated enterprise sends an expert: four per copy
FIRST_YEAR, LAST_YEAR = 2015, 2026
BATCH = 2000
USERNAME = "gen-expert-{:05d}"
SPECIALIZATIONS = [
    "Механообработка, станки с ЧПУ",
    "Монтаж и ремонт промышленного оборудования",
    "Электроснабжение и релейная защита",
    "Добыча нефти и газа, бурение скважин",
    "Химическая технология, контроль качества",
    "Сварочное производство",
    "Автоматизация технологических процессов",
]
CERTIFICATES = [
    ("Право оценки демонстрационного экзамена", "Академия Ворлдскиллс Россия"),
    ("Эксперт чемпионата «Профессионалы»", "Институт развития профессионального образования"),
    ("Удостоверение о повышении квалификации экспертов", "ТОИПКРО"),
]
COMPETENCES = [
    "Токарные работы на станках с ЧПУ",
    "Промышленная механика и монтаж",
    "Электромонтаж",
    "Сварочные технологии",
]
REMARKS = [
    "Рекомендуем согласовать содержание практики с предприятием.",
    "Недостаточно отражены требования работодателей к компетенциям.",
    "Оборудование лаборатории требует обновления.",
    "Нет подтверждающих документов.",
]
CONCLUSIONS = [
    "Программа соответствует запросам предприятий; замечания несущественны.",
    "Программа рекомендуется к реализации с учетом замечаний эксперта.",
    "Рекомендуем усилить практическую подготовку на базе предприятий-партнеров.",
]
RETURN_REASONS = ["Заполните замечания по критериям 2.1 и 2.2.", "Уточните общее заключение."]


def generate(*, factor: int, rng: random.Random, today: dt.date | None = None) -> str:
    """(factor − 1) sessions like the seed's, with their experts, assignments and checklists."""
    if factor <= 1:
        return "только данные отчёта"
    cluster = default_cluster()
    template = ChecklistTemplate.objects.filter(is_archived=False).order_by("-version", "-pk").first()
    if cluster is None or template is None:
        return "нет кластера или экспертного листа: сначала загрузите данные отчёта"
    today = today or timezone.localdate()
    generated = bench_organizations()
    programs_of: dict[int, list[int]] = defaultdict(list)
    for pk, college_id in _programs().filter(college__in=generated).order_by("pk").values_list("pk", "college_id"):
        programs_of[college_id].append(pk)
    employers = list(generated.exclude(kind=OrganizationKind.COLLEGE).order_by("pk").values_list("pk", flat=True))
    experts = _experts(rng, today, employers[::EXPERT_EVERY])
    if not programs_of or not experts:
        return "нет сгенерированных ПОО с программами или предприятий"
    criteria = [c for _section, items in template_structure(template) for c in items]
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").values_list("pk", flat=True).first()
    sessions = _sessions(rng, cluster, template, factor - 1)
    reviews = _participants(rng, sessions, programs_of, experts)
    _checklists(rng, today, reviews, criteria, coordinator)
    counts = {
        "экспертов": Expert.objects.count(),
        "сессий": ExpertSession.objects.count(),
        "программ на экспертизе": SessionProgram.objects.count(),
        "экспертных листов": Review.objects.count(),
        "ответов по критериям": ReviewAnswer.objects.count(),
    }
    return ", ".join(f"{label} {n}" for label, n in counts.items())


def _programs():
    return Program.objects.filter(is_demo=True)


def _experts(rng: random.Random, today: dt.date, enterprises: list[int]) -> dict[int, Expert]:
    """The first generated person of each enterprise becomes an expert with a portal account."""
    first_person: dict[int, Person] = {}
    people = Person.objects.filter(
        is_demo=True, organization_id__in=enterprises, user__isnull=True, expert__isnull=True
    )
    for person in people.order_by("pk"):
        first_person.setdefault(person.organization_id, person)
    taken = User.objects.filter(username__startswith=USERNAME.split("{")[0]).count()
    users, experts = [], {}
    for number, org_id in enumerate((o for o in enterprises if o in first_person), start=taken + 1):
        person = first_person[org_id]
        users.append(
            User(
                username=USERNAME.format(number),
                password=f"{UNUSABLE_PASSWORD_PREFIX}generated",
                first_name=person.first_name,
                last_name=person.last_name,
                role=Role.EXPERT,
                organization_id=org_id,
                person=person,
            )
        )
    User.objects.bulk_create(users, batch_size=BATCH)
    for user in users:
        experts[user.organization_id] = Expert(
            person=user.person,
            user=user,
            specialization=rng.choice(SPECIALIZATIONS),
            is_active=rng.random() < 0.9,
            is_demo=True,
        )
    Expert.objects.bulk_create(experts.values(), batch_size=BATCH)
    sectors = list(Sector.objects.order_by("pk").values_list("pk", flat=True))
    links, certificates = [], []
    for number, expert in enumerate(experts.values(), start=taken + 1):
        for sector_id in rng.sample(sectors, min(len(sectors), rng.randint(1, 2))):
            links.append(Expert.sectors.through(expert_id=expert.pk, sector_id=sector_id))
        for copy in range(rng.choice((1, 1, 1, 2))):
            title, issuer = rng.choice(CERTIFICATES)
            issued = dt.date(rng.randint(FIRST_YEAR + 1, today.year), rng.randint(1, 12), rng.randint(1, 28))
            issued = min(issued, today)
            certificates.append(
                ExpertCertificate(
                    expert=expert,
                    title=title,
                    competence=rng.choice(COMPETENCES),
                    number=f"Г-{number:05d}-{copy + 1}",
                    issued_by=issuer,
                    issued_on=issued,
                    valid_until=issued.replace(year=issued.year + rng.choice((2, 3))),
                )
            )
    Expert.sectors.through.objects.bulk_create(links, batch_size=BATCH)
    ExpertCertificate.objects.bulk_create(certificates, batch_size=BATCH)
    return experts


def _sessions(rng: random.Random, cluster, template, copies: int) -> list[ExpertSession]:
    """One session a copy, spread evenly over the years: June (spring) or November (autumn)."""
    years = LAST_YEAR - FIRST_YEAR + 1
    sessions = []
    for index in range(copies):
        year = FIRST_YEAR + index * years // copies
        spring = rng.random() < 0.6
        start = dt.date(year, 6 if spring else 11, rng.randint(1, 20))
        end = start + dt.timedelta(days=rng.randint(3, 10))
        sessions.append(
            ExpertSession(
                cluster=cluster,
                title="Экспертиза образовательных программ",
                date_from=start,
                date_to=end,
                template=template,
                description=f"{'Весенняя' if spring else 'Осенняя'} экспертная сессия {year} года: ПОО кластера "
                "представляют образовательные программы членам Экспертного совета и индустриальным партнерам.",
                is_demo=True,
            )
        )
    ExpertSession.objects.bulk_create(sessions, batch_size=BATCH)
    return sessions


def _participants(rng: random.Random, sessions, programs_of, experts) -> list[tuple[Review, ExpertSession]]:
    """Four colleges a session with their enterprises and programs; every program gets its enterprises' experts."""
    colleges = sorted(programs_of)
    enterprises = sorted(experts)
    participants, links, programs, plan = [], [], [], []
    for session in sessions:
        for order, college_id in enumerate(rng.sample(colleges, min(COLLEGES_PER_SESSION, len(colleges))), start=1):
            participant = SessionParticipant(session=session, college_id=college_id, order=order)
            chosen = rng.sample(enterprises, min(len(enterprises), rng.choice((1, 1, 2))))
            count = rng.choices((0, 1, 2), weights=(10, 50, 40))[0]
            picked = rng.sample(programs_of[college_id], min(count, len(programs_of[college_id])))
            participants.append(participant)
            links.append((participant, chosen))
            for position, program_id in enumerate(picked, start=1):
                item = SessionProgram(participant=participant, program_id=program_id, order=position)
                programs.append(item)
                plan.append((item, [experts[o] for o in chosen], session))
    SessionParticipant.objects.bulk_create(participants, batch_size=BATCH)
    SessionParticipant.enterprises.through.objects.bulk_create(
        [
            SessionParticipant.enterprises.through(sessionparticipant_id=p.pk, organization_id=org_id)
            for p, chosen in links
            for org_id in chosen
        ],
        batch_size=BATCH,
    )
    SessionProgram.objects.bulk_create(programs, batch_size=BATCH)
    return [
        (Review(session_program=item, expert=expert), session) for item, chosen, session in plan for expert in chosen
    ]


def _status(rng: random.Random, today: dt.date, session: ExpertSession) -> str:
    if session.date_from > today:
        return ReviewStatus.ASSIGNED
    if session.date_to < today - dt.timedelta(days=30):
        weights = (4, 4, 4, 88)  # assigned, draft, returned, submitted
    else:
        weights = (25, 30, 5, 40)
    statuses = [ReviewStatus.ASSIGNED, ReviewStatus.DRAFT, ReviewStatus.RETURNED, ReviewStatus.SUBMITTED]
    return rng.choices(statuses, weights=weights)[0]


def _moment(rng: random.Random, session: ExpertSession, today: dt.date) -> dt.datetime:
    day = session.date_from + dt.timedelta(days=rng.randint(0, (session.date_to - session.date_from).days))
    day = min(day, today)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.choice((0, 15, 30, 45)))))


def _checklists(rng, today, reviews, criteria, coordinator) -> None:
    """Statuses, answers and history of the reviews, as the services would have left them."""
    histories = []
    for review, session in reviews:
        review.status = _status(rng, today, session)
        assigned_at = timezone.make_aware(dt.datetime.combine(session.date_from - dt.timedelta(days=3), dt.time(9)))
        history = [(ReviewAction.ASSIGNED, None, assigned_at, "")]
        if review.status == ReviewStatus.DRAFT:
            history.append((ReviewAction.SAVED, review.expert.user_id, _moment(rng, session, today), ""))
        elif review.status in (ReviewStatus.SUBMITTED, ReviewStatus.RETURNED):
            submitted = _moment(rng, session, today)
            if rng.random() < 0.5:
                history.append((ReviewAction.SAVED, review.expert.user_id, submitted - dt.timedelta(hours=2), ""))
            history.append((ReviewAction.SUBMITTED, review.expert.user_id, submitted, ""))
            review.submitted_at = submitted
            review.conclusion = rng.choice(CONCLUSIONS)
            if review.status == ReviewStatus.RETURNED:
                reason = rng.choice(RETURN_REASONS)
                history.append((ReviewAction.RETURNED, coordinator, submitted + dt.timedelta(days=1), reason))
        review.version = len(history) - 1  # every save, submission and return counts
        histories.append(history)
    Review.objects.bulk_create([review for review, _session in reviews], batch_size=BATCH)
    events, answers = [], []
    for (review, _session), history in zip(reviews, histories, strict=True):
        events += [
            ReviewEvent(review=review, action=action, actor_id=actor, at=at, reason=reason)
            for action, actor, at, reason in history
        ]
        if review.status == ReviewStatus.DRAFT:
            answers += [_answer(rng, review, c) for c in criteria[: rng.randint(3, len(criteria))]]
        elif review.status != ReviewStatus.ASSIGNED:
            answers += [_answer(rng, review, c) for c in criteria]
    ReviewEvent.objects.bulk_create(events, batch_size=BATCH)
    ReviewAnswer.objects.bulk_create(answers, batch_size=5000)


def _answer(rng: random.Random, review: Review, criterion) -> ReviewAnswer:
    """A value near the norm; the verdict the portal derives for shares, and a remark when it fails."""
    answer = ReviewAnswer(review=review, criterion=criterion)
    if criterion.is_share:
        norm = float(criterion.norm_share)
        value = min(100.0, max(0.0, norm + rng.choice((0, 0, 5, 10, 20, -5, -15))))
        answer.value_share = Decimal(f"{value:.1f}")
        answer.verdict = criterion.share_verdict(answer.value_share)
    else:
        answer.value_yes = rng.random() < 0.88
        answer.verdict = Verdict.COMPLIES if answer.value_yes else Verdict.FAILS
    if answer.verdict == Verdict.FAILS:
        answer.remark = rng.choice(REMARKS)
    return answer


# Pages ------------------------------------------------------------------------------------------
def latest_session() -> ExpertSession:
    """The newest session that has begun (the seed's at the seed scale)."""
    sessions = ExpertSession.objects.order_by("-date_from", "-pk")
    return sessions.filter(date_from__lte=timezone.localdate()).first() or sessions.first()


def latest_session_url() -> str:
    return latest_session().get_absolute_url()


def latest_results_url() -> str:
    return reverse("expertise:expertsession_results", args=[latest_session().pk])


# Bare views show the columns of the portal's tables (aggregates and to-many relations aside).
PAGES = [
    BenchPage(
        "Экспертные сессии",
        "/expertise/",
        "coordinator",
        "expertise.ExpertSession",
        (
            "title",
            "date_from",
            "date_to",
            "template__title",
            "template__version",
            "count:participants",
            "count:participants__programs",
            "count:participants__programs__reviews",
        ),
    ),
    BenchPage("Экспертная сессия (карточка)", latest_session_url, "coordinator"),
    BenchPage("Результаты экспертной сессии", latest_results_url, "coordinator"),
    BenchPage(
        "Экспертные листы",
        "/expertise/reviews/",
        "coordinator",
        "expertise.Review",
        (
            "session_program__program__specialty__code",
            "session_program__program__specialty__name",
            "session_program__program__college__short_name",
            "session_program__participant__session__date_from",
            "expert__person__last_name",
            "expert__person__organization__short_name",
            "status",
            "updated_at",
        ),
    ),
    BenchPage("Мои экспертные листы (эксперт)", "/expertise/reviews/", "expert"),
    BenchPage(
        "Эксперты",
        "/expertise/experts/",
        "coordinator",
        "expertise.Expert",
        (
            "person__last_name",
            "person__first_name",
            "person__organization__short_name",
            "person__position",
            "sectors__name",
            "certificates__title",
            "certificates__number",
            "certificates__valid_until",
            "min:certificates__valid_until",
            "is_active",
        ),
    ),
]


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_generator("Экспертиза программ", generate)
    registry.register_pages(PAGES)
