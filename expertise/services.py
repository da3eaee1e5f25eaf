"""Writes of the expertise app: template versions, sessions, assignments, reviews."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cluster_portal.core.roles import Role
from cluster_portal.notifications.choices import NotificationKind
from cluster_portal.notifications.selectors import coordinators, organization_users
from cluster_portal.notifications.services import notify
from members.models import Organization, Sector

from .choices import EDITABLE_STATUSES, NormKind, ReviewAction, ReviewStatus, Verdict
from .models import (
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
from .selectors import template_in_use


# Checklist templates ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CriterionSpec:
    number: str
    text: str
    norm_kind: str = NormKind.YES_NO
    norm_share: Decimal | None = None
    practice_figure: str = ""


@dataclass(frozen=True)
class SectionSpec:
    number: int
    title: str
    criteria: Sequence[CriterionSpec] = ()


def sections_from_rows(*, sections: Iterable[Mapping], criteria: Iterable[Mapping]) -> list[SectionSpec]:
    """A template's structure from the rows of its edit page: sections in number order, each with its criteria.

    ``sections`` rows have ``number`` and ``title``; ``criteria`` rows ``section`` (a section's
    number), ``number``, ``text``, ``norm_kind`` and optionally ``norm_share`` and ``practice_figure``.
    A criterion naming a section that is not there is refused.
    """
    criteria = list(criteria)
    specs = [
        SectionSpec(
            number=row["number"],
            title=row["title"],
            criteria=[_criterion_from_row(c) for c in criteria if c["section"] == row["number"]],
        )
        for row in sorted(sections, key=lambda r: r["number"])
    ]
    numbers = {spec.number for spec in specs}
    orphans = sorted({c["number"] for c in criteria if c["section"] not in numbers})
    if orphans:
        raise ValidationError(f"Критерии {', '.join(orphans)} относятся к несуществующему разделу.")
    return specs


def _criterion_from_row(row: Mapping) -> CriterionSpec:
    return CriterionSpec(
        number=row["number"],
        text=row["text"].strip(),
        norm_kind=row["norm_kind"],
        norm_share=row.get("norm_share"),
        practice_figure=row.get("practice_figure") or "",
    )


def _position(number: str) -> int:
    major, minor = (int(part) for part in number.split("."))
    return major * 100 + minor


def _check_structure(sections: Sequence[SectionSpec]) -> None:
    errors = []
    if not sections:
        errors.append("В шаблоне нет ни одного раздела.")
    numbers = [s.number for s in sections]
    if len(numbers) != len(set(numbers)):
        errors.append("Номера разделов повторяются.")
    seen: set[str] = set()
    for section in sections:
        if not section.criteria:
            errors.append(f"В разделе {section.number} нет ни одного критерия.")
        for criterion in section.criteria:
            if criterion.number in seen:
                errors.append(f"Номер критерия {criterion.number} повторяется.")
            seen.add(criterion.number)
            if criterion.number.split(".")[0] != str(section.number):
                errors.append(f"Критерий {criterion.number} должен начинаться с номера раздела ({section.number}).")
    if errors:
        raise ValidationError(errors)


def _write_structure(template: ChecklistTemplate, sections: Sequence[SectionSpec]) -> None:
    for spec in sections:
        section = ChecklistSection(template=template, number=spec.number, title=spec.title)
        section.full_clean()
        section.save()
        for item in spec.criteria:
            criterion = Criterion(
                section=section,
                number=item.number,
                position=_position(item.number),
                text=item.text,
                norm_kind=item.norm_kind,
                norm_share=item.norm_share if item.norm_kind == NormKind.SHARE else None,
                practice_figure=item.practice_figure,
            )
            criterion.full_clean()
            criterion.save()


def _next_version(title: str) -> int:
    return (ChecklistTemplate.objects.filter(title=title).aggregate(v=Max("version"))["v"] or 0) + 1


@transaction.atomic
def template_save(
    *, template: ChecklistTemplate | None, title: str, note: str, sections: Sequence[SectionSpec]
) -> tuple[ChecklistTemplate, bool]:
    """Save a template's structure; a template already in use is left as it is and a new version made.

    Returns the template written and whether it is a new version.
    """
    _check_structure(sections)
    if template is not None and template.is_archived:
        raise ValidationError("Это архивная версия шаблона: изменяйте текущую версию.")
    if template is None or template_in_use(template):
        previous = template
        template = ChecklistTemplate(title=title, note=note, version=_next_version(title), based_on=previous)
        template.full_clean()
        template.save()
        _write_structure(template, sections)
        if previous is not None:
            previous.is_archived = True
            previous.save(update_fields=["is_archived", "updated_at"])
        return template, previous is not None
    if title != template.title:
        template.version = _next_version(title)
    template.title = title
    template.note = note
    template.full_clean()
    template.save()
    template.sections.all().delete()
    _write_structure(template, sections)
    return template, False


# Experts ----------------------------------------------------------------------------------------
@transaction.atomic
@transaction.atomic
def expert_save(
    *,
    expert: Expert,
    sectors: Iterable[Sector] = (),
    affiliations: Iterable[Organization] = (),
    certificates: Iterable[ExpertCertificate] = (),
    removed: Iterable[ExpertCertificate] = (),
) -> Expert:
    """Save an expert's profile with its sectors and affiliations; ``certificates`` added or changed, ``removed``
    deleted (only the expert's own)."""
    expert.full_clean()
    expert.save()
    expert.sectors.set(sectors)
    expert.affiliations.set(affiliations)
    for certificate in removed:
        if certificate.pk and certificate.expert_id == expert.pk:
            certificate.delete()
    for certificate in certificates:
        certificate.expert = expert
        certificate.full_clean()
        certificate.save()
    return expert


# Sessions ---------------------------------------------------------------------------------------
@dataclass
class ParticipantSpec:
    college: Organization
    enterprises: Iterable[Organization] = ()
    programs: Iterable = ()  # programs.Program
    order: int = 0


@transaction.atomic
def session_save(*, session: ExpertSession, participants: Sequence[ParticipantSpec]) -> ExpertSession:
    """Save a session with its participating colleges, their enterprises and programs under review."""
    if session.pk:
        stored = ExpertSession.objects.get(pk=session.pk)
        if (
            stored.template_id != session.template_id
            and Review.objects.filter(session_program__participant__session=session).exists()
        ):
            raise ValidationError({"template": "Эксперты уже назначены: экспертный лист сессии менять нельзя."})
    session.full_clean()
    session.save()
    colleges = [p.college.pk for p in participants]
    if len(colleges) != len(set(colleges)):
        raise ValidationError("Одна и та же ПОО указана дважды.")
    errors = []
    for spec in participants:
        for program in spec.programs:
            if program.college_id != spec.college.pk:
                errors.append(f"Программа «{program}» принадлежит другой ПОО, а не {spec.college}.")
    if errors:
        raise ValidationError(errors)
    existing = {p.college_id: p for p in SessionParticipant.objects.filter(session=session)}
    reviewed = set(
        Review.objects.filter(session_program__participant__session=session).values_list(
            "session_program__program_id", flat=True
        )
    )
    wanted_programs = {program.pk for spec in participants for program in spec.programs}
    lost = (
        SessionProgram.objects.filter(participant__session=session, program_id__in=reviewed)
        .exclude(program_id__in=wanted_programs)
        .select_related("program__specialty", "program__college")
    )
    if lost:
        raise ValidationError(
            [f"По программе «{sp.program}» уже назначены эксперты: уберите сначала назначения." for sp in lost]
        )
    SessionProgram.objects.filter(participant__session=session).exclude(program_id__in=wanted_programs).delete()
    SessionParticipant.objects.filter(session=session).exclude(college_id__in=colleges).delete()
    for spec in participants:
        participant = existing.get(spec.college.pk) or SessionParticipant(session=session, college=spec.college)
        participant.order = spec.order
        participant.full_clean()
        participant.save()
        participant.enterprises.set(spec.enterprises)
        have = set(participant.programs.values_list("program_id", flat=True))
        for position, program in enumerate(spec.programs, start=1):
            if program.pk in have:
                SessionProgram.objects.filter(participant=participant, program=program).update(order=position)
            else:
                item = SessionProgram(participant=participant, program=program, order=position)
                item.full_clean()
                item.save()
    return session


# Assignments ------------------------------------------------------------------------------------
class ConflictOfInterest(Exception):
    """New assignments of experts to programs of a college they work for; nothing was saved."""

    def __init__(self, pairs: list[tuple[SessionProgram, Expert]]):
        self.pairs = pairs
        super().__init__("conflict of interest")


@dataclass
class AssignmentResult:
    created: list[Review] = field(default_factory=list)
    removed: int = 0


def conflicts_of(pairs: Iterable[tuple[SessionProgram, Expert]]) -> list[tuple[SessionProgram, Expert]]:
    """The pairs where the expert works for the college of the program."""
    return [(sp, expert) for sp, expert in pairs if expert.works_for(sp.program.college_id)]


@transaction.atomic
def reviews_assign(
    *,
    session: ExpertSession,
    wanted: set[tuple[int, int]],
    user,
    confirm_conflicts: bool = False,
) -> AssignmentResult:
    """Make the session's assignments exactly ``wanted`` (session program id, expert id).

    Reviews an expert has started cannot be taken away; new assignments of an expert to a
    college they work for need ``confirm_conflicts``. New experts get an e-mail with the link.
    """
    programs = _session_programs(session)
    experts = _experts_by_id()
    _check_wanted(wanted, programs, experts)
    current = _locked_reviews(session)
    to_remove = [r for key, r in current.items() if key not in wanted]
    _refuse_started(to_remove, programs, experts)
    new_pairs = [(programs[sp], experts[ex]) for sp, ex in sorted(wanted) if (sp, ex) not in current]
    conflicts = conflicts_of(new_pairs)
    if conflicts and not confirm_conflicts:
        raise ConflictOfInterest(conflicts)
    result = AssignmentResult(removed=len(to_remove))
    for review in to_remove:
        review.delete()
    result.created = [_assign(sp, expert, user) for sp, expert in new_pairs]
    _notify_each_expert(result.created, experts, session)
    return result


def _session_programs(session: ExpertSession) -> dict[int, SessionProgram]:
    queryset = SessionProgram.objects.filter(participant__session=session)
    return {sp.pk: sp for sp in queryset.select_related("program__specialty", "program__college")}


def _experts_by_id() -> dict[int, Expert]:
    queryset = Expert.objects.select_related("person__organization", "user").prefetch_related("affiliations")
    return {e.pk: e for e in queryset}


def _check_wanted(wanted: set[tuple[int, int]], programs: dict, experts: dict) -> None:
    """Every wanted pair names a program of the session and an active expert."""
    errors = set()
    for sp_id, expert_id in wanted:
        if sp_id not in programs:
            errors.add("Программа не относится к этой сессии.")
        elif expert_id not in experts or not experts[expert_id].is_active:
            errors.add("Эксперт не найден или не привлекается к экспертизе.")
    if errors:
        raise ValidationError(sorted(errors))


def _locked_reviews(session: ExpertSession) -> dict[tuple[int, int], Review]:
    """The session's reviews by (session program, expert), locked for the change."""
    reviews = Review.objects.select_for_update(of=("self",)).filter(session_program__participant__session=session)
    return {(r.session_program_id, r.expert_id): r for r in reviews}


def _refuse_started(to_remove: list[Review], programs: dict, experts: dict) -> None:
    started = [r for r in to_remove if r.status != ReviewStatus.ASSIGNED]
    if started:
        names = ", ".join(f"{experts[r.expert_id]} — {programs[r.session_program_id].program}" for r in started)
        raise ValidationError(f"Эксперт уже начал заполнять лист, снять назначение нельзя: {names}.")


def _assign(session_program: SessionProgram, expert: Expert, user) -> Review:
    review = Review(session_program=session_program, expert=expert)
    review.full_clean()
    review.save()
    ReviewEvent.objects.create(review=review, action=ReviewAction.ASSIGNED, actor=_actor(user))
    return review


def _notify_each_expert(created: list[Review], experts: dict, session: ExpertSession) -> None:
    by_expert: dict[int, list[Review]] = defaultdict(list)
    for review in created:
        by_expert[review.expert_id].append(review)
    for expert_id, reviews in by_expert.items():
        _notify_assigned(experts[expert_id], reviews, session)


def _actor(user):
    return user if getattr(user, "pk", None) else None


def _notify_assigned(expert: Expert, reviews: list[Review], session: ExpertSession) -> None:
    """The expert's notification (and e-mail, by a job) with a link to each new checklist."""
    if session.is_demo:
        return
    context = {
        "expert": expert,
        "session": session,
        "items": [(r.session_program.program, settings.PORTAL_BASE_URL + r.get_fill_url()) for r in reviews],
        "base_url": settings.PORTAL_BASE_URL,
    }
    notify(
        users=[expert.user],
        kind=NotificationKind.EXPERT_ASSIGNED,
        title=render_to_string("expertise/email/assigned_subject.txt", context).strip(),
        text=render_to_string("expertise/email/assigned.txt", context).strip(),
        url=reviews[0].get_fill_url() if len(reviews) == 1 else reverse("expertise:review_list"),
    )


# Reviews ----------------------------------------------------------------------------------------
class StaleReview(Exception):
    """The review changed since the form was opened (another tab or user); nothing was saved."""

    def __init__(self, review: Review):
        self.review = review
        super().__init__("stale review")


class ReviewLocked(Exception):
    """The review is not open for editing (submitted); nothing was saved."""


class DeadlinePassed(ReviewLocked):
    """The checklist's deadline has passed and was not extended; nothing was saved."""

    def __init__(self, deadline):
        self.deadline = deadline
        super().__init__(f"deadline {deadline} passed")


@dataclass
class AnswerInput:
    value_yes: bool | None = None
    value_share: Decimal | None = None
    verdict: str = ""
    remark: str = ""


def answer_errors(criteria: Sequence[Criterion], answers: dict[int, AnswerInput], *, submit: bool) -> dict:
    """Errors keyed by (criterion id, part) where part is value or remark.

    Verdicts are set here from the answers (a yes/no answer is the verdict, a share is measured against
    the norm), whatever the request said; a draft may be incomplete, a submitted review may not.
    """
    errors: dict[tuple[int, str], str] = {}
    for criterion in criteria:
        answer = answers.setdefault(criterion.pk, AnswerInput())
        answer.remark = (answer.remark or "").strip()
        if criterion.is_share:
            answer.value_yes = None
            if answer.value_share is not None and not (0 <= answer.value_share <= 100):
                errors[(criterion.pk, "value")] = "Доля — от 0 до 100 %."
                continue
        else:
            answer.value_share = None
        answer.verdict = criterion.verdict_for(value_yes=answer.value_yes, value_share=answer.value_share)
        if submit and not answer.verdict:
            errors[(criterion.pk, "value")] = "Укажите значение." if criterion.is_share else "Ответьте: да или нет."
        if submit and answer.verdict == Verdict.FAILS and not answer.remark:
            errors[(criterion.pk, "remark")] = "Замечание обязательно, если критерий не соответствует нормативу."
    return errors


def answers_filled(criteria: Sequence[Criterion], answers: dict) -> int:
    """How many criteria are answered as a submit needs them: a value, and a remark where it fails."""
    filled = 0
    for criterion in criteria:
        answer = answers.get(criterion.pk)
        if answer is None or not answer.verdict:
            continue
        if answer.verdict == Verdict.FAILS and not (answer.remark or "").strip():
            continue
        filled += 1
    return filled


@transaction.atomic
def review_save(
    *,
    review: Review,
    criteria: Sequence[Criterion],
    answers: dict[int, AnswerInput],
    conclusion: str,
    expected_version: int,
    user,
    submit: bool = False,
) -> Review:
    """Save the expert's answers as a draft or submit them, if nobody saved it meanwhile and the deadline holds."""
    current = Review.objects.select_related("session_program__participant__session").get(pk=review.pk)
    if current.is_past_deadline():
        raise DeadlinePassed(current.deadline)
    errors = answer_errors(criteria, answers, submit=submit)
    if errors:
        raise ValidationError("; ".join(f"{c}: {m}" for (c, _part), m in errors.items()))
    new_status = ReviewStatus.SUBMITTED if submit else ReviewStatus.DRAFT
    now = timezone.now()
    claimed = Review.objects.filter(pk=review.pk, version=expected_version, status__in=EDITABLE_STATUSES).update(
        version=F("version") + 1,
        status=new_status,
        conclusion=conclusion.strip(),
        submitted_at=now if submit else None,
        updated_at=now,
    )
    if not claimed:
        current = Review.objects.get(pk=review.pk)
        if current.status not in EDITABLE_STATUSES:
            raise ReviewLocked
        raise StaleReview(current)
    previous_status = review.status
    stored = {a.criterion_id: a for a in ReviewAnswer.objects.filter(review=review)}
    valid_ids = {c.pk for c in criteria}
    for criterion_id, given in answers.items():
        if criterion_id not in valid_ids:
            continue
        answer = stored.get(criterion_id) or ReviewAnswer(review=review, criterion_id=criterion_id)
        values = (given.value_yes, given.value_share, given.verdict, given.remark)
        if answer.pk and (answer.value_yes, answer.value_share, answer.verdict, answer.remark) == values:
            continue
        answer.value_yes, answer.value_share, answer.verdict, answer.remark = values
        answer.full_clean(exclude=["review", "criterion"])
        answer.save()
    review.refresh_from_db()
    if submit:
        ReviewEvent.objects.create(review=review, action=ReviewAction.SUBMITTED, actor=_actor(user), at=now)
        _notify_submitted(review)
    elif previous_status != ReviewStatus.DRAFT:
        ReviewEvent.objects.create(review=review, action=ReviewAction.SAVED, actor=_actor(user), at=now)
    return review


@transaction.atomic
def review_return(*, review: Review, reason: str, user) -> Review:
    """Return a submitted review to its expert for revision; the reason stays in its history."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Укажите, что нужно доработать."})
    claimed = Review.objects.filter(pk=review.pk, status=ReviewStatus.SUBMITTED).update(
        status=ReviewStatus.RETURNED, version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise ValidationError("Вернуть на доработку можно только отправленный экспертный лист.")
    ReviewEvent.objects.create(review=review, action=ReviewAction.RETURNED, actor=_actor(user), reason=reason)
    review.refresh_from_db()
    _notify_returned(review, reason)
    return review


@transaction.atomic
def checklist_deadline_extend(*, session: ExpertSession, until, expert: Expert | None = None) -> int:
    """Extend the checklist deadline for every expert of the session or for one; returns the checklists reopened.

    Only checklists still being filled in are concerned; their experts are told the new date.
    """
    if session.checklist_deadline is None:
        raise ValidationError("У сессии нет срока заполнения листов: продлевать нечего.")
    if until < timezone.localdate():
        raise ValidationError({"until": "Новый срок не может быть в прошлом."})
    open_reviews = Review.objects.filter(
        session_program__participant__session=session, status__in=EDITABLE_STATUSES
    ).select_related("expert__user")
    if expert is not None:
        open_reviews = open_reviews.filter(expert=expert)
    reviews = list(open_reviews)
    if not reviews:
        raise ValidationError("Нет экспертных листов, которые ещё заполняются: продлевать нечего.")
    if expert is None:
        if until <= session.checklist_deadline:
            raise ValidationError({"until": "Новый срок должен быть позже нынешнего."})
        session.checklist_deadline = until
        session.save(update_fields=["checklist_deadline", "updated_at"])
    else:
        Review.objects.filter(pk__in=[r.pk for r in reviews]).update(extended_until=until, updated_at=timezone.now())
    if not session.is_demo:
        notify(
            users={r.expert.user for r in reviews},
            kind=NotificationKind.DEADLINE,
            title=f"Срок заполнения экспертных листов продлён до {until:%d.%m.%Y}",
            text=f"Сессия «{session.title}» ({session.period}).",
            url=reverse("expertise:review_list"),
        )
    return len(reviews)


def _notify_returned(review: Review, reason: str) -> None:
    context = {"review": review, "reason": reason, "url": settings.PORTAL_BASE_URL + review.get_fill_url()}
    notify(
        users=[review.expert.user],
        kind=NotificationKind.REVIEW_RETURNED,
        title=f"Экспертный лист возвращён на доработку: {review.session_program.program}",
        text=render_to_string("expertise/email/returned.txt", context).strip(),
        url=review.get_fill_url(),
    )


def _notify_submitted(review: Review) -> None:
    """The coordinators learn a checklist came in; the program's college, that its result is out."""
    review = Review.objects.select_related(
        "session_program__program__college", "session_program__participant__session", "expert__person"
    ).get(pk=review.pk)
    program = review.session_program.program
    if review.session_program.participant.session.is_demo:
        return
    notify(
        users=coordinators(),
        kind=NotificationKind.REVIEW_SUBMITTED,
        title=f"Эксперт {review.expert} отправил экспертный лист: {program}",
        url=review.get_absolute_url(),
    )
    notify(
        users=organization_users(program.college_id, Role.COLLEGE),
        kind=NotificationKind.RESULTS_PUBLISHED,
        title=f"Готов результат экспертизы программы {program}",
        text="Эксперт предприятия заполнил и отправил экспертный лист; его оценки и замечания открыты в портале.",
        url=review.get_absolute_url(),
    )
