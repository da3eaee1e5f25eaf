"""Reads of the expertise app, scoped by the kernel's access rules.

An expert receives only their own reviews: every review page looks its object up in
``review_list(user=...)``, so another expert's review is a 404, never a 403.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from cluster_portal.core.access import restrict
from members.models import Person, Sector
from programs.models import Program

from .choices import PracticeFigure, ReviewStatus, Verdict
from .models import (
    EXPIRY_WARNING_DAYS,
    ChecklistSection,
    ChecklistTemplate,
    Criterion,
    Expert,
    ExpertCertificate,
    ExpertSession,
    Review,
    ReviewAnswer,
    ReviewEvent,
    SessionParticipant,
    SessionProgram,
)

PROGRAM_RELATED = ("program__specialty", "program__college")


# Templates --------------------------------------------------------------------------------------
def template_list(*, user, action: str = "view") -> QuerySet[ChecklistTemplate]:
    queryset = ChecklistTemplate.objects.select_related("based_on").annotate(
        criteria_count=Count("sections__criteria", distinct=True),
        session_count=Count("sessions", distinct=True),
    )
    return restrict(queryset.order_by("title", "-version"), user, action)


def current_template() -> ChecklistTemplate | None:
    """The version new sessions use: the newest one not replaced by another."""
    return ChecklistTemplate.objects.filter(is_archived=False).order_by("-created_at", "-pk").first()


def template_of_year(*, cluster, first_day: dt.date, last_day: dt.date) -> ChecklistTemplate | None:
    """The checklist of a period: the one its last expert session used, else the newest made by its end."""
    session = (
        ExpertSession.objects.filter(cluster=cluster, date_from__gte=first_day, date_from__lte=last_day)
        .exclude(template=None)
        .select_related("template")
        .order_by("-date_from", "-pk")
        .first()
    )
    if session is not None:
        return session.template
    return ChecklistTemplate.objects.filter(created_at__date__lte=last_day).order_by("-created_at", "-pk").first()


def template_in_use(template: ChecklistTemplate) -> bool:
    """Whether any review was assigned under this version of the template (it is then frozen)."""
    return Review.objects.filter(session_program__participant__session__template=template).exists()


def template_structure(template: ChecklistTemplate) -> list[tuple[ChecklistSection, list[Criterion]]]:
    """Sections with their criteria, in order (two queries)."""
    sections = list(ChecklistSection.objects.filter(template=template).order_by("number"))
    by_section: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in Criterion.objects.filter(section__template=template).order_by("section__number", "position", "pk"):
        by_section[criterion.section_id].append(criterion)
    for section in sections:
        for criterion in by_section[section.pk]:
            criterion.section = section  # spare a query per row
    return [(section, by_section[section.pk]) for section in sections]


# Experts ----------------------------------------------------------------------------------------
def expert_list(*, user, action: str = "view") -> QuerySet[Expert]:
    """Experts with ``sector_list`` and ``certificate_list`` (soonest to expire first) fetched for a page of them.

    Lists (``to_attr``), not prefetched managers: Django builds a manager and a queryset per row
    for those, which cost a list of 50 experts more than its queries.
    """
    certificates = ExpertCertificate.objects.order_by("valid_until", "pk")
    # The soonest end of a certificate, per expert: a subquery (an index lookup for each expert of
    # a page) rather than MIN over a join, which groups every expert before the page is cut.
    next_expiry = (
        ExpertCertificate.objects.filter(expert=OuterRef("pk"), valid_until__isnull=False)
        .order_by("valid_until")
        .values("valid_until")[:1]
    )
    queryset = (
        Expert.objects.select_related("person__organization", "user")
        .prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.all(), to_attr="sector_list"),
            Prefetch("certificates", queryset=certificates, to_attr="certificate_list"),
        )
        .annotate(next_expiry=Subquery(next_expiry))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return restrict(queryset, user, action)


# What a row of the experts list prints of the expert itself (``ExpertTable``; its soonest end of a certificate is the
# selector's ``next_expiry``), and the key of its person.
EXPERT_ROW_FIELDS = ("person", "is_active")


def expert_row_prefetches() -> tuple:
    """What a row of the experts list shows besides the expert (the fields it prints): the person and their
    organization, the sectors and the certificates (as the selector orders them)."""
    return (
        Prefetch(
            "person",
            Person.objects.select_related("organization").only(
                "last_name", "first_name", "middle_name", "position", "organization__short_name"
            ),
        ),
        Prefetch("sectors", queryset=Sector.objects.only("name"), to_attr="sector_list"),
        Prefetch(
            "certificates",
            queryset=ExpertCertificate.objects.order_by("valid_until", "pk").only(
                "expert", "title", "number", "valid_until"
            ),
            to_attr="certificate_list",
        ),
    )


def expiring_certificates(*, user, today: dt.date | None = None) -> QuerySet[ExpertCertificate]:
    """Certificates that expired or expire within EXPIRY_WARNING_DAYS, of active experts."""
    today = today or timezone.localdate()
    queryset = ExpertCertificate.objects.select_related("expert__person__organization").filter(
        expert__is_active=True, valid_until__isnull=False, valid_until__lte=today + dt.timedelta(EXPIRY_WARNING_DAYS)
    )
    return restrict(queryset, user).order_by("valid_until", "pk")


# Sessions ---------------------------------------------------------------------------------------
def session_list(*, user, action: str = "view") -> QuerySet[ExpertSession]:
    submitted = Q(participants__programs__reviews__status=ReviewStatus.SUBMITTED)
    queryset = ExpertSession.objects.select_related("cluster", "template").annotate(
        college_count=Count("participants", distinct=True),
        program_count=Count("participants__programs", distinct=True),
        review_count=Count("participants__programs__reviews", distinct=True),
        submitted_count=Count("participants__programs__reviews", filter=submitted, distinct=True),
    )
    return restrict(queryset.order_by("-date_from", "-pk"), user, action)


def session_choices(*, user) -> QuerySet[ExpertSession]:
    """The sessions a user may see, for a choice list: no counts (``session_list`` sums four joins per session)."""
    return restrict(ExpertSession.objects.all(), user).order_by("-date_from", "-pk")


def session_participants(*, session: ExpertSession, user) -> list[SessionParticipant]:
    """The session's table: colleges, their enterprises and programs, with the reviews the user may see."""
    reviews = restrict(Review.objects.select_related("expert__person__organization"), user).order_by(
        "expert__person__last_name", "pk"
    )
    programs = SessionProgram.objects.select_related(*PROGRAM_RELATED).prefetch_related(
        Prefetch("reviews", queryset=reviews)
    )
    return list(
        SessionParticipant.objects.filter(session=session)
        .select_related("college")
        .prefetch_related(
            Prefetch("enterprises", queryset=_organizations()),
            Prefetch("programs", queryset=programs.order_by("order", "pk")),
        )
        .order_by("order", "pk")
    )


def _organizations():
    from members.models import Organization

    return Organization.objects.order_by("short_name")


def session_program_list(*, user, action: str = "view") -> QuerySet[SessionProgram]:
    return restrict(
        SessionProgram.objects.select_related(
            *PROGRAM_RELATED, "participant__college", "participant__session__template", "participant__session__cluster"
        ),
        user,
        action,
    )


# Reviews ----------------------------------------------------------------------------------------
def review_list(*, user, action: str = "view") -> QuerySet[Review]:
    # Joined: the review's own chain to its session and expert. Fetched apart: programs, templates,
    # organizations and users, as an eleven-table join takes PostgreSQL longer to plan (about
    # 17 ms) than four small queries take to run.
    queryset = Review.objects.select_related(
        "session_program__participant__session", "expert__person"
    ).prefetch_related(
        Prefetch("session_program__program", Program.objects.select_related("specialty", "college")),
        "session_program__participant__session__template",
        "expert__person__organization",
        "expert__user",
    )
    return restrict(queryset, user, action)


def review_events(review: Review) -> list[ReviewEvent]:
    return list(review.events.select_related("actor").order_by("at", "pk"))


def answers_of(review: Review) -> dict[int, ReviewAnswer]:
    """The review's answers keyed by criterion id (one query)."""
    return {answer.criterion_id: answer for answer in ReviewAnswer.objects.filter(review=review)}


def practice_figures(*, program, year: int):
    """Figures of the practice database for one graduation year, or None while that app lacks them."""
    try:
        from practice.selectors import program_checklist_figures
    except ImportError:
        return None
    return program_checklist_figures(program=program, year=year)


def assessment_figures(*, program, until: dt.date):
    """Exam results of a program's latest cohort (criterion 3.1), or None while the events app is absent."""
    try:
        from events.selectors import assessment_figures as figures_of
    except ImportError:
        return None
    return figures_of(program=program, until=until)


def criterion_figures(
    *, program, session_year: int, kinds: set[str], session_end: dt.date | None = None
) -> dict[str, str] | None:
    """What the form shows beside criteria fed by the portal's data; None without that data.

    Employment (3.2) is that of the last cohort with a full year behind it (graduates of the year
    before the session); job offers (3.3) are those of the practice of the session's academic year;
    independent assessment (3.1) is that of the latest cohort with exam results by the session's end.
    """
    texts: dict[str, str] = {}
    if PracticeFigure.ASSESSMENT in kinds:
        until = session_end or dt.date(session_year, 12, 31)
        figures = assessment_figures(program=program, until=until)
        if figures is None:
            return None
        texts[PracticeFigure.ASSESSMENT] = assessment_text(figures, until)
    if PracticeFigure.EMPLOYMENT in kinds:
        figures = practice_figures(program=program, year=session_year - 1)
        if figures is None:
            return None
        texts[PracticeFigure.EMPLOYMENT] = employment_text(figures, session_year - 1)
    if PracticeFigure.JOB_OFFERS in kinds:
        figures = practice_figures(program=program, year=session_year)
        if figures is None:
            return None
        texts[PracticeFigure.JOB_OFFERS] = (
            f"По базе практик ({session_year - 1}/{session_year} уч. г.): студентов, получивших приглашение "
            f"на работу по итогам практики, — {figures.job_offer_students}."
        )
    return texts


def assessment_text(figures, until: dt.date) -> str:
    """Criterion 3.1 in words: the cohort, assessed and passed graduates, the share, and the exams it comes from."""
    if not figures.assessed:
        return f"В данных экзаменов (ДЭ, НОК) на {until:%d.%m.%Y} нет результатов выпускников этой программы."
    share = f"{figures.share:.1f}".replace(".", ",") + "%"
    sources = "; ".join(f"{s.get_kind_display()}, {s.dates}" for s in figures.sessions)
    return (
        f"По результатам ДЭ и НОК (выпуск {figures.year} г.): успешно прошли независимую оценку {figures.passed} "
        f"из {figures.assessed} выпускников программы ({share}). Источник: {sources}."
    )


def employment_text(figures, year: int) -> str:
    if not figures.graduates:
        return f"В базе практик нет выпускников {year} г. этой программы."
    share = "—" if figures.employed_share is None else f"{figures.employed_share:.1f}".replace(".", ",") + "%"
    return (
        f"По базе практик: выпускников {year} г. — {figures.graduates}, трудоустроено по специальности "
        f"в течение года — {figures.employed_by_specialty} ({share})."
    )


# Results ----------------------------------------------------------------------------------------
@dataclass
class Outcome:
    code: str  # complies, fails, pending, unassigned
    label: str


@dataclass
class CriterionResult:
    criterion: Criterion
    answers: list[ReviewAnswer | None]
    verdict: str = ""
    cells: list[tuple[Review, ReviewAnswer | None]] = field(default_factory=list)

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label if self.verdict else ""


@dataclass
class ProgramResult:
    session_program: SessionProgram
    reviews: list[Review]  # submitted, in column order
    assigned: int
    sections: list[tuple[ChecklistSection, list[CriterionResult]]] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def colspan(self) -> int:
        return 3 * len(self.reviews) + 4

    @property
    def failed_numbers(self) -> list[str]:
        return [row.criterion.number for _s, rows in self.sections for row in rows if row.verdict == Verdict.FAILS]


def _criterion_verdict(answers: list[ReviewAnswer | None]) -> str:
    verdicts = [a.verdict for a in answers if a is not None and a.verdict]
    if not verdicts:
        return ""
    return Verdict.FAILS if Verdict.FAILS in verdicts else Verdict.COMPLIES


def _outcome(*, assigned: int, submitted: int, failed: list[str]) -> Outcome:
    if assigned == 0:
        return Outcome("unassigned", "эксперты не назначены")
    if failed:
        return Outcome("fails", "не соответствует по критериям " + ", ".join(failed))
    if submitted < assigned:
        return Outcome("pending", f"оценка не завершена (отправлено {submitted} из {assigned})")
    return Outcome("complies", "соответствует")


def program_results(*, session_programs: list[SessionProgram], structure=None) -> list[ProgramResult]:
    """Every criterion with each submitted review's answer, for the given programs (constant queries)."""
    if not session_programs:
        return []
    template = session_programs[0].participant.session.template
    structure = structure if structure is not None else template_structure(template)
    ids = [sp.pk for sp in session_programs]
    reviews = list(
        Review.objects.filter(session_program__in=ids)
        .select_related("expert__person__organization")
        .order_by("expert__person__last_name", "expert__person__first_name", "pk")
    )
    answers: dict[tuple[int, int], ReviewAnswer] = {
        (a.review_id, a.criterion_id): a
        for a in ReviewAnswer.objects.filter(review__session_program__in=ids, review__status=ReviewStatus.SUBMITTED)
    }
    by_program: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_program[review.session_program_id].append(review)
    results = []
    for sp in session_programs:
        all_reviews = by_program[sp.pk]
        submitted = [r for r in all_reviews if r.status == ReviewStatus.SUBMITTED]
        result = ProgramResult(session_program=sp, reviews=submitted, assigned=len(all_reviews))
        for section, criteria in structure:
            rows = []
            for criterion in criteria:
                row_answers = [answers.get((r.pk, criterion.pk)) for r in submitted]
                rows.append(
                    CriterionResult(
                        criterion,
                        row_answers,
                        _criterion_verdict(row_answers),
                        list(zip(submitted, row_answers, strict=True)),
                    )
                )
            result.sections.append((section, rows))
        result.outcome = _outcome(assigned=len(all_reviews), submitted=len(submitted), failed=result.failed_numbers)
        results.append(result)
    return results


def session_results(*, session: ExpertSession, user) -> list[ProgramResult]:
    """Results of the programs of a session that the user may see."""
    programs = list(
        session_program_list(user=user).filter(participant__session=session).order_by("participant__order", "order")
    )
    return program_results(session_programs=programs)


def sessions_of_year(*, cluster, first_day: dt.date, last_day: dt.date) -> list[ExpertSession]:
    """Sessions of a cluster starting within a period, with their table (constant queries)."""
    programs = SessionProgram.objects.select_related(*PROGRAM_RELATED).order_by("order", "pk")
    participants = (
        SessionParticipant.objects.select_related("college")
        .prefetch_related(Prefetch("enterprises", queryset=_organizations()), Prefetch("programs", queryset=programs))
        .order_by("order", "pk")
    )
    return list(
        ExpertSession.objects.filter(cluster=cluster, date_from__gte=first_day, date_from__lte=last_day)
        .prefetch_related(Prefetch("participants", queryset=participants))
        .order_by("date_from", "pk")
    )


def my_review_counts(*, user) -> dict[str, int]:
    """How many of the user's own reviews are in each state (one query)."""
    row = Review.objects.filter(expert__user=user).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=~Q(status=ReviewStatus.SUBMITTED)),
        returned=Count("pk", filter=Q(status=ReviewStatus.RETURNED)),
        submitted=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED)),
    )
    return row
