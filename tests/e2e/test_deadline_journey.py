"""An expert's checklist with a deadline: «Мои задачи», the notification, the lock after the deadline, the extension."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from expertise.tests.conftest import expert2_user, world  # noqa: F401 (fixtures)

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pass-12345"  # members' UserFactory
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def assigned(users, world):  # noqa: F811
    """The session has a deadline in three days; the coordinator assigns the expert (the notification goes out)."""
    from cluster_portal.core.roles import Role
    from expertise.models import ExpertSession, Review
    from expertise.services import reviews_assign

    today = timezone.localdate()
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=today + dt.timedelta(days=3))
    Review.objects.filter(pk=world.review.pk).delete()
    wanted = {(world.program.pk, world.expert.pk), (world.other_program.pk, world.expert2.pk)}
    reviews_assign(session=world.session, wanted=wanted, user=users[Role.COORDINATOR])
    return Review.objects.get(session_program=world.program, expert=world.expert)


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def fill_in(page, criteria):
    for criterion in criteria:
        number = criterion.number
        if criterion.is_share:
            page.get_by_label(f"Значение критерия {number}., %").fill("100")
        else:
            group = page.get_by_role("radiogroup", name=f"Ответ по критерию {number}.")
            group.locator("label").filter(has_text=re.compile("^Да")).click()


def test_deadline_lock_and_extension(new_page, users, world, assigned):  # noqa: F811
    from cluster_portal.core.roles import Role
    from expertise.models import ExpertSession, Review

    today = timezone.localdate()
    program = str(world.program.program)
    expert = new_page(**DESKTOP)
    login(expert, users[Role.EXPERT].username, PASSWORD)

    # «Мои задачи» on the home page: the checklist, its deadline, days left and the button.
    tasks = expert.get_by_role("region", name="Мои задачи")
    line = tasks.get_by_role("listitem").filter(has_text=f"Экспертный лист: {program}")
    expect(line.get_by_text(f"срок {today + dt.timedelta(days=3):%d.%m.%Y} · осталось 3 дня")).to_be_visible()
    expect(line.get_by_role("link", name="Заполнить")).to_be_visible()

    # The bell counts the assignment; the notification opens the checklist.
    bell = expert.locator("#notification-bell")
    assert "1" in bell.inner_text()
    bell.click()
    expert.get_by_role("link", name=re.compile("назначены экспертные листы")).click()
    expert.wait_for_url(f"**{assigned.get_fill_url()}")
    expect(expert.get_by_text(f"Срок заполнения: до {today + dt.timedelta(days=3):%d.%m.%Y}")).to_be_visible()
    fill_in(expert, world.criteria)  # each answer is saved as a draft by itself
    total = len(world.criteria)
    status = expert.locator("#checklist-status")
    expect(status).to_contain_text(f"Заполнено {total} из {total}")
    expect(status).to_contain_text("Черновик сохранён")

    # The deadline passes: the form is read-only, with a notice, and cannot be sent.
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=today - dt.timedelta(days=1))
    expert.reload()
    expect(expert.get_by_text(f"Срок заполнения истёк {today - dt.timedelta(days=1):%d.%m.%Y}.")).to_be_visible()
    assert expert.get_by_role("button", name="Отправить").count() == 0
    expect(expert.get_by_label("Общее заключение эксперта")).to_be_disabled()

    # The coordinator extends it for this expert from the session's page.
    coordinator = new_page(**DESKTOP)
    login(coordinator, users[Role.COORDINATOR].username, PASSWORD)
    coordinator.goto(world.session.get_absolute_url())
    form = coordinator.get_by_role("form", name="Продлить срок заполнения листов")
    form.get_by_label("Новый срок").fill(f"{today + dt.timedelta(days=2):%Y-%m-%d}")
    form.get_by_label("Кому").select_option(label=str(world.expert))
    form.get_by_role("button", name="Продлить").click()
    coordinator.get_by_text(f"Срок продлён эксперту {world.expert}").wait_for()

    # The expert can send it now.
    expert.reload()
    expert.on("dialog", lambda dialog: dialog.accept())
    expert.get_by_label("Общее заключение эксперта").fill("Программа рекомендуется.")
    expert.get_by_role("button", name="Отправить").click()
    expert.get_by_text("Экспертный лист отправлен. Спасибо!").wait_for()
    assert Review.objects.get(pk=assigned.pk).status == "submitted"


def test_college_sees_its_returned_collection_with_the_comment(new_page, users, college_org):
    from cluster_portal.core.roles import Role
    from members.tests.factories import ClusterFactory, MembershipFactory
    from practice.services import collection_open, submission_return, submission_submit

    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, organization=college_org, role="college")
    deadline = timezone.localdate() + dt.timedelta(days=10)
    collection = collection_open(
        cluster=cluster, title="Трудоустройство 2026", topic="employment", year=2026, deadline=deadline
    )
    submission = collection.submissions.get()
    submission_submit(submission=submission, user=users[Role.COLLEGE])
    submission_return(submission=submission, user=users[Role.COORDINATOR], comment="Нет выпускников 15.02.32")

    college = new_page(**DESKTOP)
    login(college, users[Role.COLLEGE].username, PASSWORD)
    tasks = college.get_by_role("region", name="Мои задачи")
    line = tasks.get_by_role("listitem").filter(has_text="Сбор данных «Трудоустройство 2026»: возвращено на доработку")
    expect(line.get_by_text(f"срок {deadline:%d.%m.%Y} · осталось 10 дней")).to_be_visible()
    expect(line.get_by_text("Комментарий координатора: Нет выпускников 15.02.32")).to_be_visible()
    line.get_by_role("link", name="Исправить и отправить").click()
    college.wait_for_url(f"**{submission.get_absolute_url()}")
