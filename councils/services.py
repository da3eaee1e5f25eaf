"""Writes of the councils app: every rule that spans more than one row lives here."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cluster_portal.notifications.choices import NotificationKind
from cluster_portal.notifications.mail import send_later
from cluster_portal.notifications.services import notify
from members.models import Person

from . import ics, signing
from .choices import DecisionStatus, MeetingStatus, MinutesStatus
from .deadlines import due_date_from_text
from .models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Council,
    CouncilMember,
    Decision,
    Invitation,
    Meeting,
    Minutes,
    PlanItem,
    PlanReport,
    PlanSection,
    WorkPlan,
    normalize_plan_number,
    votes_problem,
)
from .selectors import members_on

CANCELLED_MINUTES = "Заседание отменено: протокол по нему не оформляется."


class AgendaItemInvalid(ValidationError):
    """The minutes refused for one agenda item's values; ``item_pk`` says which."""

    def __init__(self, *, item: AgendaItem, error: ValidationError):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.messages)
        self.item_pk = item.pk


class DecisionInvalid(ValidationError):
    """The minutes refused for one decision's values; ``decision`` says which."""

    def __init__(self, *, decision: Decision, error: ValidationError):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.messages)
        self.decision = decision


# Meetings and agendas ---------------------------------------------------------------------------
@transaction.atomic
def meeting_save(*, meeting: Meeting) -> Meeting:
    """Create or change a meeting; one with minutes is not cancelled, one with signed minutes stays held."""
    minutes = Minutes.objects.filter(meeting=meeting).first() if meeting.pk else None
    if minutes is not None and meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(
            {"status": "По заседанию оформлен протокол: отменить его нельзя. Сначала удалите протокол."}
        )
    if minutes is not None and minutes.status == MinutesStatus.SIGNED and meeting.status != MeetingStatus.HELD:
        raise ValidationError({"status": "Протокол заседания подписан: заседание может быть только проведённым."})
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting) -> Meeting:
    """Mark a planned meeting held: the secretary's explicit act, on or after the meeting's date."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"status": "Заседание отменено: проведённым его отметить нельзя."})
    if meeting.date is None:
        raise ValidationError({"status": "Укажите дату заседания: без неё отметить его проведённым нельзя."})
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def agenda_item_save(*, item: AgendaItem) -> AgendaItem:
    """Save an agenda item; a new one goes to the end of the agenda."""
    signing.ensure_open(item.meeting_id)
    if item.meeting_id and item.meeting.status == MeetingStatus.CANCELLED and item._state.adding:
        raise ValidationError("Заседание отменено: в его повестку нельзя добавлять вопросы.")
    if item._state.adding and not item.order:
        last = AgendaItem.objects.filter(meeting_id=item.meeting_id).aggregate(m=Max("order"))["m"] or 0
        item.order = last + 1
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> None:
    """Swap an agenda item with its neighbour above («up») or below («down»), renumbering 1…n."""
    signing.ensure_open(item.meeting_id)
    items = list(AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id).order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.order != position:
            other.order = position
            other.save(update_fields=["order", "updated_at"])


@transaction.atomic
def meeting_record_attendance(*, meeting: Meeting, present: Iterable[Person], guests: str = "") -> Meeting:
    """Record who of the council attended and whether there was a quorum."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("Заседание отменено: присутствие не отмечается.")
    signing.ensure_open(meeting.pk)
    council = meeting.council
    present = list(present)
    member_ids = set(CouncilMember.objects.filter(council=council).values_list("person_id", flat=True))
    strangers = [p for p in present if p.pk not in member_ids]
    if strangers:
        names = ", ".join(p.short_name for p in strangers)
        raise ValidationError(
            {"present": f"Не входят в состав совета «{council}»: {names}. Отметить их присутствие нельзя."}
        )
    seats = members_on(council=council, date=meeting.date)
    present_ids = {p.pk for p in present}
    Attendance.objects.filter(meeting=meeting).delete()
    rows = [
        Attendance(meeting=meeting, person_id=seat.person_id, present=seat.person_id in present_ids) for seat in seats
    ]
    # Members whose seat ended or had not begun on the meeting date, but who came, are still recorded.
    seated = {seat.person_id for seat in seats}
    rows += [Attendance(meeting=meeting, person_id=pk, present=True) for pk in present_ids - seated]
    for row in rows:
        row.full_clean(validate_constraints=False)
        row.save()
    meeting.members_count = len(seats)
    meeting.present_count = sum(1 for seat in seats if seat.person_id in present_ids)
    _check_votes_against_attendance(meeting)
    meeting.quorum_reached = meeting.present_count >= council.quorum_needed(len(seats)) if seats else False
    meeting.guests = guests
    meeting.full_clean()
    meeting.save()
    return meeting


def _check_votes_against_attendance(meeting: Meeting) -> None:
    """Attendance may not shrink below the votes already recorded on the agenda."""
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"):
        problem = votes_problem(
            votes_for=item.votes_for,
            votes_against=item.votes_against,
            votes_abstained=item.votes_abstained,
            present=meeting.present_count,
        )
        if problem:
            raise ValidationError({"present": f"Вопрос {item.order}: {problem} Исправьте сначала голосование."})


@transaction.atomic
def meeting_record_minutes(
    *,
    meeting: Meeting,
    number: str,
    date: dt.date,
    chair: Person | None,
    secretary: Person | None,
    status: str = MinutesStatus.DRAFT,
    signed_scan=None,
    items: Mapping[int, Mapping[str, object]] | None = None,
    decisions: Iterable[Decision] = (),
    removed_decisions: Iterable[Decision] = (),
    user=None,
) -> Minutes:
    """Write the protocol of a meeting: its header and, per agenda item, what was heard, the vote and
    the decisions (``decisions`` saved, ``removed_decisions`` deleted).

    Minutes may be drafted before the meeting: the meeting's status does not change (it becomes
    held only by ``meeting_mark_held``), and a meeting with only a period is dated by the protocol.
    Only a held meeting's protocol is signed. A cancelled meeting has no protocol; numbers are
    unique per council and academic year. Signing keeps the protocol's PDF (``signing.keep_signed``);
    a signed protocol is not rewritten here, only reopened by ``signing.minutes_amend``.
    """
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(CANCELLED_MINUTES)
    signing.ensure_open(meeting.pk)
    if meeting.date is None:
        meeting.date = date
    elif date < meeting.date:
        raise ValidationError({"date": "Дата протокола не может быть раньше даты заседания."})
    if chair is not None and not CouncilMember.objects.filter(council=meeting.council, person=chair).exists():
        raise ValidationError({"chair": f"{chair.short_name} не входит в состав совета «{meeting.council}»."})
    meeting.full_clean()
    meeting.save()
    minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    number = (number or "").strip()
    clash = (
        Minutes.objects.filter(
            meeting__council=meeting.council, meeting__academic_year=meeting.academic_year, number=number
        )
        .exclude(pk=minutes.pk)
        .exists()
    )
    if clash:
        raise ValidationError(
            {
                "number": f"Протокол № {number} у совета «{meeting.council}» "
                f"в {meeting.academic_year_label} учебном году уже есть."
            }
        )
    if signed_scan:
        minutes.signed_scan = signed_scan
        status = MinutesStatus.SIGNED  # a signed scan is the signature
    if status == MinutesStatus.DRAFT and minutes.signed_scan:
        raise ValidationError({"status": "К протоколу приложен подписанный скан: черновиком он быть не может."})
    if status == MinutesStatus.SIGNED and meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            {"status": "Подписать можно протокол проведённого заседания: сначала отметьте заседание проведённым."}
        )
    # Written as a draft first: the decisions are part of what is signed, and signing comes last.
    minutes.number, minutes.date, minutes.chair, minutes.secretary, minutes.status = (
        number,
        date,
        chair,
        secretary,
        MinutesStatus.DRAFT,
    )
    minutes.full_clean()
    minutes.save()
    _record_items(meeting, items or {})
    for decision in removed_decisions:
        decision_delete(decision=decision)
    for decision in decisions:
        try:
            decision_save(decision=decision)
        except ValidationError as exc:
            raise DecisionInvalid(decision=decision, error=exc) from exc
    if status == MinutesStatus.SIGNED:
        minutes.status = MinutesStatus.SIGNED
        minutes.save()
        signing.keep_signed(minutes=minutes, user=user)
    return minutes


def _record_items(meeting: Meeting, items: Mapping[int, Mapping[str, object]]) -> None:
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"):
        values = items.get(item.pk)
        if values is None:
            continue
        for field in ("heard", "votes_for", "votes_against", "votes_abstained"):
            if field in values:
                setattr(item, field, values[field])
        try:
            item.full_clean()
        except ValidationError as exc:
            raise AgendaItemInvalid(item=item, error=exc) from exc
        item.save()


@transaction.atomic
def minutes_delete(*, minutes: Minutes) -> None:
    """Remove a protocol that has no decisions yet (the meeting stays held); a signed one stays."""
    signing.ensure_open(minutes.meeting_id)
    if minutes.revisions.exists():
        raise ValidationError("У протокола есть подписанные редакции: удалить его нельзя.")
    if Decision.objects.filter(agenda_item__meeting_id=minutes.meeting_id).exists():
        raise ValidationError("По протоколу записаны решения: сначала удалите их.")
    minutes.delete()


def meeting_send_invitations(
    *, meeting: Meeting, sender, extra_emails: Iterable[str] = (), message: str = ""
) -> tuple[list[Invitation], list[Person]]:
    """E-mail the council's members (and extra addresses) an invitation with an .ics file.

    Returns the invitations sent and the members skipped for lack of an e-mail address.
    """
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError("Приглашения рассылаются только на запланированные заседания.")
    if meeting.date is None:
        raise ValidationError("Приглашение можно разослать, когда известна точная дата заседания.")
    seats = members_on(council=meeting.council, date=meeting.date)
    recipients: dict[str, Person | None] = {}
    skipped = []
    for seat in seats:
        email = (seat.person.email or "").strip().lower()
        if email:
            recipients.setdefault(email, seat.person)
        else:
            skipped.append(seat.person)
    for email in extra_emails:
        recipients.setdefault(email.strip().lower(), None)
    if not recipients:
        raise ValidationError("Некому отправить приглашение: ни у кого из членов совета не указана электронная почта.")
    meeting = Meeting.objects.select_related("council").prefetch_related("agenda_items").get(pk=meeting.pk)
    attachment = ics.calendar([meeting], name=str(meeting.council), method="PUBLISH")
    subject = f"Приглашение на заседание: {meeting.council}, {meeting.when}"
    body = _invitation_body(meeting, message)
    with transaction.atomic():
        sent = [
            Invitation.objects.create(meeting=meeting, person=person, email=email, sent_by=_user_or_none(sender))
            for email, person in recipients.items()
        ]
        for email in recipients:  # mailed by a job once the invitations are recorded
            send_later(
                subject=subject,
                body=body,
                to=[email],
                attachments=[("zasedanie.ics", attachment, "text/calendar; charset=utf-8; method=PUBLISH")],
            )
        notify(
            users=get_user_model().objects.filter(person__in=[p for p in recipients.values() if p is not None]),
            kind=NotificationKind.INVITATION,
            title=subject,
            text=body,
            url=meeting.get_absolute_url(),
            email=False,  # the invitation itself is the e-mail
        )
    return sent, skipped


def _user_or_none(user):
    return user if getattr(user, "pk", None) else None


def _invitation_body(meeting: Meeting, message: str) -> str:
    lines = [f"Приглашаем на заседание: {meeting.council}."]
    when = meeting.date.strftime("%d.%m.%Y")
    if meeting.start_time:
        when += f", {meeting.start_time:%H:%M}"
    lines.append(f"Дата и время: {when}")
    lines.append(f"Формат: {meeting.get_format_display()}")
    if meeting.place:
        lines.append(f"Место: {meeting.place}")
    if meeting.online_link:
        lines.append(f"Видеоконференция: {meeting.online_link}")
    items = list(meeting.agenda_items.all())
    if items:
        lines.append("")
        lines.append("Повестка дня:")
        lines += [
            f"{item.order}. {item.title}" + (f" (докладчик: {item.speakers})" if item.speakers else "")
            for item in items
        ]
    elif meeting.topics:
        lines += ["", f"Вопросы для обсуждения: {meeting.topics}"]
    if message.strip():
        lines += ["", message.strip()]
    lines += [
        "",
        "Файл zasedanie.ics во вложении добавляет заседание в календарь.",
        f"Страница заседания: {settings.PORTAL_BASE_URL.rstrip('/')}{meeting.get_absolute_url()}",
    ]
    return "\n".join(lines)


# Decisions --------------------------------------------------------------------------------------
@transaction.atomic
def decision_save(*, decision: Decision, plan_year: int | None = None) -> Decision:
    """Save a decision of a protocol: numbered within its agenda item, tracked by its due date.

    Once the protocol is signed only its execution (status, date, result, plan item) changes.
    """
    item = decision.agenda_item
    if signing.is_signed(item.meeting_id) and _changes_protocol(decision):
        raise ValidationError(signing.SIGNED_MINUTES)
    if decision._state.adding:
        if not Minutes.objects.filter(meeting_id=item.meeting_id).exists():
            raise ValidationError("Сначала оформите протокол заседания: решения записываются в протокол.")
        if not decision.number:
            last = Decision.objects.filter(agenda_item=item).aggregate(m=Max("number"))["m"] or 0
            decision.number = last + 1
    if decision.due_date is None and decision.deadline_text:
        decision.due_date = due_date_from_text(
            decision.deadline_text, academic_year=item.meeting.academic_year, year=plan_year
        )
    if decision.status == DecisionStatus.DONE and decision.done_date is None:
        decision.done_date = timezone.localdate()
    if decision.status != DecisionStatus.DONE:
        decision.done_date = None
    decision.full_clean()
    decision.save()
    return decision


def _changes_protocol(decision: Decision) -> bool:
    if decision._state.adding:
        return True
    stored = Decision.objects.filter(pk=decision.pk).values(*signing.DECISION_PROTOCOL_FIELDS).first() or {}
    return any(stored.get(field) != getattr(decision, field) for field in signing.DECISION_PROTOCOL_FIELDS)


@transaction.atomic
def decision_delete(*, decision: Decision) -> None:
    signing.ensure_open(decision.agenda_item.meeting_id)
    decision.delete()


@transaction.atomic
def decision_to_plan_item(
    *,
    decision: Decision,
    plan_item: PlanItem | None = None,
    section: PlanSection | None = None,
    number: str = "",
    update_deadline: bool = True,
) -> PlanItem:
    """Follow a decision into the work plan: a new item in ``section`` or an existing ``plan_item``.

    A new item takes the decision's text, responsible and deadline; an existing one gets the
    decision's deadline when ``update_deadline`` (a council may move a plan item's date).
    """
    if plan_item is None:
        if section is None:
            raise ValidationError("Выберите пункт плана или раздел для нового пункта.")
        plan_item = PlanItem(
            plan=section.plan,
            section=section,
            number=number,
            title=decision.text,
            executors=decision.responsible,
            responsible_person=decision.responsible_person,
            deadline_text=decision.deadline_text,
            due_date=decision.due_date,
            expected_result=f"Исполнение решения ({decision.agenda_item.meeting.minutes})",
        )
        plan_item_save(item=plan_item)
    elif update_deadline and (decision.deadline_text or decision.due_date):
        plan_item.deadline_text = decision.deadline_text or plan_item.deadline_text
        plan_item.due_date = decision.due_date or plan_item.due_date
        plan_item_save(item=plan_item)
    decision.plan_item = plan_item
    decision.full_clean()
    decision.save()
    return plan_item


# Work plan --------------------------------------------------------------------------------------
@transaction.atomic
def plan_item_save(*, item: PlanItem) -> PlanItem:
    """Save a plan item: the plan comes from its section, the tracking date from the written deadline."""
    item.plan_id = item.section.plan_id
    item.number = normalize_plan_number(item.number)
    if item.number and PlanItem.objects.filter(plan_id=item.plan_id, number=item.number).exclude(pk=item.pk).exists():
        raise ValidationError({"number": f"Пункт {item.number} уже есть в плане на {item.section.plan.year} год."})
    if item.due_date is None:
        year = item.section.plan.year
        item.due_date = due_date_from_text(item.deadline_text, year=year) or dt.date(year, 12, 31)
    item.full_clean()
    item.save()
    return item


def plan_report_add(*, report: PlanReport, author) -> PlanReport:
    """Record what was done on a plan item (evidence: one marked «пункт выполнен» fulfils the item)."""
    report.author = _user_or_none(author)
    report.full_clean()
    report.save()
    return report


def plan_item_set_status(*, item: PlanItem, status: str, reason: str, user) -> PlanItem:
    """Set a plan item's status by hand, with the reason; an empty ``status`` returns it to the computed one."""
    item.status_override = status or ""
    item.status_override_reason = reason.strip() if status else ""
    item.status_override_by = _user_or_none(user) if status else None
    item.status_override_at = timezone.now() if status else None
    item.full_clean()
    item.save(
        update_fields=[
            "status_override",
            "status_override_reason",
            "status_override_by",
            "status_override_at",
            "updated_at",
        ]
    )
    return item


@transaction.atomic
def workplan_get_or_create(*, cluster, year: int) -> WorkPlan:
    plan = WorkPlan.objects.filter(cluster=cluster, year=year).first()
    if plan is None:
        plan = WorkPlan(cluster=cluster, year=year, title=f"кластера «{cluster.short_name}» на {year} год")
        plan.full_clean()
        plan.save()
    return plan


@transaction.atomic
def plan_section_get_or_create(*, plan: WorkPlan, number: int, title: str = "") -> PlanSection:
    section = PlanSection.objects.filter(plan=plan, number=number).first()
    if section is None:
        if not title:
            raise ValidationError(f"Раздела {number} в плане на {plan.year} год нет: укажите его название.")
        section = PlanSection(plan=plan, number=number, title=title)
    elif title and title != section.title:
        section.title = title
    else:
        return section
    section.full_clean()
    section.save()
    return section


# Councils ---------------------------------------------------------------------------------------
@transaction.atomic
def council_member_save(*, member: CouncilMember) -> CouncilMember:
    member.full_clean()
    member.save()
    return member


def council_save(*, council: Council) -> Council:
    council.full_clean()
    council.save()
    return council


# Calendar subscription --------------------------------------------------------------------------
@transaction.atomic
def calendar_feed_renew(*, user) -> CalendarFeed:
    """Give the user a new secret calendar address; the old one stops working."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


@transaction.atomic
def calendar_feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def calendar_feed_touch(*, feed: CalendarFeed) -> None:
    """Note the feed's use, at most hourly (calendar apps poll often)."""
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > dt.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
