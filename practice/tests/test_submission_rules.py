"""Who may submit, withdraw and review an answer to a data collection: the services decide, the pages ask them.

README, «Who sees and changes what»: the college fills in, sends and withdraws its own answer before
review; the coordinator opens collections and accepts or returns answers — the coordinator does not
send a college's answer for it.
"""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.views import ROLES
from practice import services
from practice.choices import SubmissionStatus
from practice.services import collection_open

STATUSES = list(SubmissionStatus)
ACTIONS = {
    "submit": (services.can_submit, lambda s, u: services.submission_submit(submission=s, user=u)),
    "withdraw": (services.can_withdraw, lambda s, u: services.submission_withdraw(submission=s, user=u)),
    "review": (services.can_review, lambda s, u: services.submission_accept(submission=s, user=u)),
}


def expected(action: str, role: str, status: str, closed: bool) -> bool:
    """The rule as the README states it."""
    if action == "submit":
        return role == Role.COLLEGE and status in {"pending", "returned"} and not closed
    if action == "withdraw":
        return role == Role.COLLEGE and status == "submitted" and not closed
    return role == Role.COORDINATOR and status == "submitted"


@pytest.fixture
def submission(cluster, college_org):
    collection = collection_open(
        cluster=cluster, title="Трудоустройство 2022", topic="employment", year=2022, deadline="2022-12-01"
    )
    return collection.submissions.select_related("collection", "college").get(college=college_org)


def put(submission, status: str, closed: bool = False):
    submission.status = status
    submission.save(update_fields=["status"])
    submission.collection.is_closed = closed
    submission.collection.save(update_fields=["is_closed"])
    return submission


@pytest.mark.django_db
def test_the_rules_say_what_the_readme_says(users, submission):
    for status, closed in itertools.product(STATUSES, (False, True)):
        put(submission, status, closed)
        for action, (rule, _) in ACTIONS.items():
            allowed = {role for role in ROLES if rule(users[role], submission)}
            assert allowed == {r for r in ROLES if expected(action, r, status, closed)}, (action, status, closed)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_a_write_does_exactly_what_its_rule_allows(users, submission, action):
    rule, write = ACTIONS[action]
    for role, status in itertools.product(ROLES, STATUSES):
        put(submission, status)
        user = users[role]
        if rule(user, submission):
            write(submission, user)
            assert submission.status != status, (action, role, status)
        else:
            with pytest.raises((PermissionDenied, ValidationError)):
                write(submission, user)


@pytest.mark.django_db
def test_another_user_is_refused_before_the_state_is_named(users, submission):
    put(submission, SubmissionStatus.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.submission_submit(submission=submission, user=users[Role.COORDINATOR])
    with pytest.raises(ValidationError, match="уже приняты"):
        services.submission_submit(submission=submission, user=users[Role.COLLEGE])
    with pytest.raises(PermissionDenied):
        services.submission_return(submission=submission, user=users[Role.COLLEGE], comment="")


URLS = {"submit": ("submit", {}), "withdraw": ("withdraw", {}), "review": ("review", {"decision": "accept"})}
BUTTONS = {"submit": "Отправить координатору", "withdraw": "Отозвать ответ", "review": "Проверка координатором"}


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_the_page_offers_and_the_post_does_what_the_rule_allows(client, users, submission, action):
    rule, _ = ACTIONS[action]
    path, data = URLS[action]
    for role, status in itertools.product(ROLES, STATUSES):
        put(submission, status)
        user = users[role]
        allowed = rule(user, submission)
        client.force_login(user)
        page = client.get(f"/practice/submissions/{submission.pk}/")
        if page.status_code == 200:
            assert (BUTTONS[action] in page.content.decode()) == allowed, (action, role, status)
        response = client.post(f"/practice/submissions/{submission.pk}/{path}/", data)
        submission.refresh_from_db()
        if allowed:
            assert response.status_code == 302 and submission.status != status, (action, role, status)
        else:
            assert submission.status == status, (action, role, status)
            assert response.status_code in {302, 403, 404}, (action, role, status)


@pytest.mark.django_db
def test_the_coordinator_does_not_send_a_colleges_answer(client_as, submission):
    response = client_as(Role.COORDINATOR).post(f"/practice/submissions/{submission.pk}/submit/", {"note": "за ПОО"})
    submission.refresh_from_db()
    assert response.status_code == 403 and submission.status == SubmissionStatus.PENDING
