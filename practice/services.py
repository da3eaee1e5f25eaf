"""Writes of the practice app that carry rules: collections, their review, anonymization, access log."""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cluster_portal.core.access import can
from cluster_portal.core.roles import Role, role_of
from cluster_portal.notifications.choices import NotificationKind
from cluster_portal.notifications.selectors import organization_users
from cluster_portal.notifications.services import notify
from members.choices import MembershipRole
from members.models import Cluster, Membership

from .choices import SubmissionStatus
from .models import DataCollection, Placement, PracticeBase, Student, StudentDataAccess, Submission

COLLEGE_ROLES = (MembershipRole.LEAD_COLLEGE, MembershipRole.COLLEGE)


def base_enterprise_change_error(*, base: PracticeBase, enterprise, user) -> str | None:
    """Why ``user`` may not move ``base`` to ``enterprise``, or None.

    Every college places students at any base; moving a base to another enterprise would hand the
    placements of the other colleges to that enterprise's employer. Once they refer to the base, only
    the coordinator moves it.
    """
    if base.pk is None or enterprise is None or enterprise.pk == base.enterprise_id:
        return None
    if getattr(user, "is_superuser", False) or role_of(user) == Role.COORDINATOR:
        return None
    others = Placement.objects.filter(base=base).exclude(student__college_id=user.organization_id)
    colleges = sorted(set(others.values_list("student__college__short_name", flat=True)))
    if not colleges:
        return None
    return (
        f"Нельзя сменить предприятие на «{enterprise}»: на этой базе проходят практику студенты "
        f"других ПОО ({', '.join(colleges)}). Сменить предприятие базы может координатор кластера."
    )


@transaction.atomic
def collection_open(
    *,
    cluster: Cluster,
    title: str,
    topic: str,
    year: int,
    deadline: dt.date,
    instructions: str = "",
    is_demo: bool = False,
) -> DataCollection:
    """Open a collection and give every college of the cluster its (pending) submission."""
    collection = DataCollection(
        cluster=cluster,
        title=title,
        topic=topic,
        year=year,
        deadline=deadline,
        instructions=instructions,
        is_demo=is_demo,
    )
    collection.full_clean()
    collection.save()
    collection_sync_colleges(collection=collection)
    if not is_demo:
        for submission in collection.submissions.all():
            _notify_college(
                submission,
                NotificationKind.COLLECTION_OPENED,
                f"Открыт сбор данных «{collection.title}», срок — {collection.deadline:%d.%m.%Y}",
                instructions,
            )
    return collection


def _notify_college(submission: Submission, kind: str, title: str, text: str = "") -> None:
    notify(
        users=organization_users(submission.college_id, Role.COLLEGE),
        kind=kind,
        title=title,
        text=text,
        url=submission.get_absolute_url(),
    )


def collection_sync_colleges(*, collection: DataCollection) -> int:
    """Add a pending submission for colleges that joined the cluster since; returns how many."""
    college_ids = Membership.objects.filter(cluster=collection.cluster, role__in=COLLEGE_ROLES).values_list(
        "organization", flat=True
    )
    existing = set(collection.submissions.values_list("college", flat=True))
    added = 0
    for college_id in college_ids.order_by("order", "organization__short_name"):
        if college_id not in existing:
            Submission.objects.create(collection=collection, college_id=college_id)
            added += 1
    return added


# Who may do what with a college's answer to a data collection (README, «Who sees and changes what»):
# the college fills in, sends and withdraws its own answer before review; the coordinator accepts or
# returns it. The pages ask these; the writes below refuse what they refuse.
SENDABLE = (SubmissionStatus.PENDING, SubmissionStatus.RETURNED)


def _answers_for_college(user, submission: Submission) -> bool:
    """The user is the college the answer belongs to (one query, after the role is checked)."""
    return role_of(user) == Role.COLLEGE and can(user, submission, "change")


def _reviews(user) -> bool:
    return role_of(user) == Role.COORDINATOR


def _submit_refusal(submission: Submission) -> str | None:
    if submission.collection.is_closed:
        return "Сбор данных закрыт: отправка невозможна."
    if submission.status == SubmissionStatus.ACCEPTED:
        return "Данные уже приняты координатором."
    if submission.status == SubmissionStatus.SUBMITTED:
        return "Данные уже отправлены и ожидают проверки."
    return None


def _withdraw_refusal(submission: Submission) -> str | None:
    if submission.collection.is_closed:
        return "Сбор данных закрыт: отозвать ответ нельзя."
    if submission.status != SubmissionStatus.SUBMITTED:
        return "Отозвать можно только ответ, который ожидает проверки."
    return None


def _review_refusal(submission: Submission) -> str | None:
    if submission.status != SubmissionStatus.SUBMITTED:
        return "Проверить можно только отправленные данные."
    return None


def can_submit(user, submission: Submission) -> bool:
    """The college sends its own pending or returned answer while the collection is open."""
    return _submit_refusal(submission) is None and _answers_for_college(user, submission)


def can_withdraw(user, submission: Submission) -> bool:
    """The college takes back its own answer that waits for review while the collection is open."""
    return _withdraw_refusal(submission) is None and _answers_for_college(user, submission)


def can_review(user, submission: Submission) -> bool:
    """The coordinator accepts or returns an answer that waits for review."""
    return _reviews(user) and _review_refusal(submission) is None


def _require(allowed: bool, refusal: str | None) -> None:
    """PermissionDenied for a user the rule does not name; the rule's reason for a state it refuses."""
    if not allowed:
        raise PermissionDenied
    if refusal:
        raise ValidationError(refusal)


def check_submit(user, submission: Submission) -> None:
    """Raise what ``can_submit`` refuses: PermissionDenied for another user, the reason for the answer's state."""
    _require(_answers_for_college(user, submission), _submit_refusal(submission))


def check_withdraw(user, submission: Submission) -> None:
    _require(_answers_for_college(user, submission), _withdraw_refusal(submission))


def check_review(user, submission: Submission) -> None:
    _require(_reviews(user), _review_refusal(submission))


def submission_submit(*, submission: Submission, user, note: str = "") -> Submission:
    """The college sends its data to the coordinator."""
    check_submit(user, submission)
    submission.status = SubmissionStatus.SUBMITTED
    submission.note = note
    submission.submitted_at = timezone.now()
    submission.submitted_by = user if getattr(user, "pk", None) else None
    submission.full_clean()
    submission.save()
    return submission


def submission_withdraw(*, submission: Submission, user) -> Submission:
    """The college takes back an answer not yet reviewed, to correct its data (``locks``) and send it again."""
    check_withdraw(user, submission)
    # Back to where it was before it was sent: returned, if the coordinator had returned it once.
    submission.status = SubmissionStatus.RETURNED if submission.reviewed_at else SubmissionStatus.PENDING
    submission.submitted_at = None
    submission.submitted_by = None
    submission.full_clean()
    submission.save()
    return submission


def _review(*, submission: Submission, user, status: str, comment: str) -> Submission:
    check_review(user, submission)
    submission.status = status
    submission.review_comment = comment
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user if getattr(user, "pk", None) else None
    submission.full_clean()
    submission.save()
    return submission


def submission_accept(*, submission: Submission, user, comment: str = "") -> Submission:
    """The coordinator accepts a college's data."""
    submission = _review(submission=submission, user=user, status=SubmissionStatus.ACCEPTED, comment=comment)
    if not submission.collection.is_demo:
        title = f"Данные приняты: {submission.collection.title}"
        _notify_college(submission, NotificationKind.COLLECTION_ACCEPTED, title, comment)
    return submission


def submission_return(*, submission: Submission, user, comment: str) -> Submission:
    """The coordinator returns a college's data for correction, saying what to fix."""
    check_review(user, submission)
    if not comment.strip():
        raise ValidationError("Укажите, что нужно исправить.")
    submission = _review(submission=submission, user=user, status=SubmissionStatus.RETURNED, comment=comment.strip())
    if not submission.collection.is_demo:
        title = f"Данные возвращены на доработку: {submission.collection.title}"
        _notify_college(submission, NotificationKind.COLLECTION_RETURNED, title, f"Комментарий координатора: {comment}")
    return submission


def student_data_access_record(*, user, page: str, path: str, exported: bool = False) -> None:
    """Log that ``user`` opened student-level data."""
    if not getattr(user, "pk", None):
        return
    StudentDataAccess.objects.create(user=user, page=page[:100], path=path[:500], exported=exported)


def students_anonymize(*, years: int, today: dt.date | None = None, dry_run: bool = False) -> int:
    """Remove names and replace record numbers of students graduated ``years`` or more years ago.

    What stays is what the statistics need: college, program, group, years, placements and
    outcomes. Returns the number of students anonymized.
    """
    if years < 1:
        raise ValidationError("Срок хранения — не меньше одного года.")
    today = today or timezone.localdate()
    due = Student.objects.filter(graduation_year__lte=today.year - years, anonymized_at__isnull=True)
    if dry_run:
        return due.count()
    content_type = ContentType.objects.get_for_model(Student)
    now = timezone.now()
    count = 0
    with transaction.atomic():
        pks = list(due.order_by("pk").values_list("pk", flat=True))
        for i in range(0, len(pks), 2000):
            chunk = list(Student.objects.filter(pk__in=pks[i : i + 2000]).order_by("pk"))
            # Earlier history entries name the student by the record number: blank them first.
            LogEntry.objects.filter(content_type=content_type, object_id__in=[s.pk for s in chunk]).update(
                object_repr="обезличено", changes={}
            )
            for student in chunk:
                student.full_name = ""
                student.record_number = f"ОБЕЗЛИЧЕН-{student.pk}"
                student.anonymized_at = now
                student.save(update_fields=["full_name", "record_number", "anonymized_at", "updated_at"])
                count += 1
    return count
