"""Notifications: the bell and the centre, each user's e-mail choice, e-mails sent only by jobs."""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.urls import reverse
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from cluster_portal.core.roles import Role
from cluster_portal.notifications.choices import NotificationKind
from cluster_portal.notifications.models import Notification
from cluster_portal.notifications.services import notify
from cluster_portal.notifications.tasks import send_notification_email
from expertise.models import Review


def run_queued_tasks() -> int:
    """Run every task queued in the database backend, as a worker would (through the public Task API)."""
    ran = 0
    for row in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"):
        result = default_task_backend.get_result(row.id)
        result.task.call(*result.args, **result.kwargs)
        row.delete()
        ran += 1
    return ran


@pytest.fixture
def notes(users):
    expert = users[Role.EXPERT]
    for n in range(3):
        notify(users=[expert], kind=NotificationKind.EXPERT_ASSIGNED, title=f"Назначение {n}", url="/expertise/")
    notify(users=[users[Role.COLLEGE]], kind=NotificationKind.COLLECTION_OPENED, title="Чужое", url="/practice/")
    return Notification.objects.filter(user=expert)


@pytest.mark.django_db
def test_the_bell_counts_unread_and_the_list_shows_only_ones_own(client_as, notes):
    client = client_as(Role.EXPERT)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="notification-bell"' in page and "непрочитанных 3" in page
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Назначение 2" in listing and "Чужое" not in listing


@pytest.mark.django_db
def test_opening_marks_read_and_goes_to_the_page(client_as, notes):
    client = client_as(Role.EXPERT)
    first = notes.first()
    response = client.get(first.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == "/expertise/"
    first.refresh_from_db()
    assert first.is_read
    client.post(reverse("notifications:read", kwargs={"pk": notes.last().pk}))
    assert notes.filter(read_at__isnull=True).count() == 1
    client.post(reverse("notifications:read_all"))
    assert not notes.filter(read_at__isnull=True).exists()
    assert "непрочитанных" not in client.get(reverse("core:dashboard")).content.decode()


@pytest.mark.django_db
def test_another_users_notification_is_not_found(client_as, notes):
    other = Notification.objects.get(title="Чужое")
    client = client_as(Role.EXPERT)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(reverse("notifications:read", kwargs={"pk": other.pk})).status_code == 404
    client.post(reverse("notifications:read_all"))
    other.refresh_from_db()
    assert not other.is_read


@pytest.mark.django_db
def test_mark_read_needs_post(client_as, notes):
    assert client_as(Role.EXPERT).get(reverse("notifications:read_all")).status_code == 405


@pytest.mark.django_db
def test_each_kind_in_the_portal_only_or_also_by_email(client_as, users, django_capture_on_commit_callbacks):
    expert = users[Role.EXPERT]
    client = client_as(Role.EXPERT)
    form = client.get(reverse("notifications:settings")).context["form"]
    assert NotificationKind.EXPERT_ASSIGNED in form.initial["email_kinds"]  # by e-mail unless turned off
    assert NotificationKind.JOB_FINISHED not in form.initial["email_kinds"]
    client.post(reverse("notifications:settings"), {"email_kinds": [NotificationKind.REVIEW_RETURNED]})
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[expert], kind=NotificationKind.EXPERT_ASSIGNED, title="только в портале")
        notify(users=[expert], kind=NotificationKind.REVIEW_RETURNED, title="и письмом")
    assert DBTaskResult.objects.count() == 1
    run_queued_tasks()
    assert [m.subject for m in mail.outbox] == ["Портал кластера: и письмом"]


@pytest.mark.django_db
def test_email_is_russian_with_absolute_links_and_never_sent_in_the_request(
    client_as, users, world, settings, django_capture_on_commit_callbacks
):
    """The coordinator returns a checklist in a request: nothing is mailed then; the job mails the expert."""
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    review = world.review
    Review.objects.filter(pk=review.pk).update(status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(Role.COORDINATOR).post(
            reverse("expertise:review_return", kwargs={"pk": review.pk}), {"reason": "Уточните 2.1"}
        )
    assert response.status_code == 302
    assert mail.outbox == []  # the request only queued the job
    assert run_queued_tasks() == 1
    [message] = mail.outbox
    assert message.to == [users[Role.EXPERT].email]
    assert message.subject.startswith("Портал кластера: Экспертный лист возвращён на доработку")
    link = f"https://portal.example.org/expertise/reviews/{review.pk}/fill/"
    assert link in message.body and "Уточните 2.1" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html and 'lang="ru"' in html
    assert Notification.objects.get(user=users[Role.EXPERT]).url == f"/expertise/reviews/{review.pk}/fill/"


@pytest.mark.django_db
def test_a_mail_server_failure_is_retried_later(users, monkeypatch, django_capture_on_commit_callbacks):
    def refuse(self, fail_silently=False):
        raise SMTPException("connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    [note] = notify(users=[users[Role.EXPERT]], kind=NotificationKind.EXPERT_ASSIGNED, title="t")
    assert send_notification_email.call(note.pk) == "retry"
    again = DBTaskResult.objects.get()
    assert again.args_kwargs["kwargs"] == {"attempt": 2} and again.run_after is not None
    with pytest.raises(SMTPException):
        send_notification_email.call(note.pk, attempt=4)


@pytest.mark.django_db
def test_start_up_check_warns_without_portal_base_url(settings, capsys):
    settings.DEBUG = False
    settings.PORTAL_BASE_URL = ""
    from cluster_portal.notifications.checks import portal_base_url

    assert [w.id for w in portal_base_url(None)] == ["notifications.W001"]
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    assert portal_base_url(None) == []
    call_command("check")  # a warning, not an error


@pytest.mark.django_db
def test_a_college_is_told_of_a_collection_opened_returned_and_accepted(users, college_org, other_college_org):
    from members.tests.factories import ClusterFactory, MembershipFactory
    from practice.services import collection_open, submission_accept, submission_return, submission_submit

    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, organization=college_org, role="college")
    MembershipFactory(cluster=cluster, organization=other_college_org, role="college")
    collection = collection_open(
        cluster=cluster, title="Трудоустройство 2022", topic="employment", year=2022, deadline="2030-12-01"
    )
    college, college2 = users[Role.COLLEGE], users["college2"]
    opened = Notification.objects.filter(kind=NotificationKind.COLLECTION_OPENED)
    assert set(opened.values_list("user", flat=True)) == {college.pk, college2.pk}
    submission = collection.submissions.get(college=college_org)
    assert opened.get(user=college).url == submission.get_absolute_url()
    submission_submit(submission=submission, user=college)
    submission_return(submission=submission, user=users[Role.COORDINATOR], comment="Нет данных по 15.02.32")
    returned = Notification.objects.get(kind=NotificationKind.COLLECTION_RETURNED)
    assert returned.user == college and "Нет данных по 15.02.32" in returned.text
    submission_submit(submission=submission, user=college)
    submission_accept(submission=submission, user=users[Role.COORDINATOR])
    assert Notification.objects.get(kind=NotificationKind.COLLECTION_ACCEPTED).user == college


@pytest.mark.django_db
def test_checklist_submitted_tells_the_coordinator_and_the_programs_college(users, world):
    from expertise.services import review_save
    from expertise.tests.test_services import complete_answers

    review_save(
        review=world.review,
        criteria=world.criteria,
        answers=complete_answers(world.criteria),
        conclusion="",
        expected_version=0,
        user=users[Role.EXPERT],
        submit=True,
    )
    assert Notification.objects.get(kind=NotificationKind.REVIEW_SUBMITTED).user == users[Role.COORDINATOR]
    published = Notification.objects.get(kind=NotificationKind.RESULTS_PUBLISHED)
    assert published.user == users[Role.COLLEGE] and published.url == world.review.get_absolute_url()
