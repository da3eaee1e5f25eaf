"""Every expertise URL for every role and anonymous users, the expert's form, results, crafted requests."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from openpyxl import load_workbook

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401 (fixture)
from cluster_portal.core.testing.views import Measured, Page, PageTests, everyone, only, policy_pages
from members.tests.factories import OrganizationFactory, PersonFactory, SectorFactory

from ..choices import ReviewStatus, Verdict
from ..models import ChecklistTemplate, Expert, ExpertSession, Review, ReviewAnswer, SessionParticipant, SessionProgram
from ..services import review_save
from .conftest import fill_data
from .factories import CertificateFactory, ExpertFactory, ProgramFactory, SessionFactory
from .test_services import complete_answers

EVERYONE = everyone()


def matrix(w):
    s, sp, sp2, r = w.session.pk, w.program.pk, w.other_program.pk, w.review.pk
    t = w.session.template.pk
    e, e2 = w.expert.pk, w.expert2.pk
    staff = (Role.COORDINATOR, Role.SECRETARY)
    hidden = {"otherwise": 404}
    return [
        ("/expertise/", EVERYONE),
        ("/expertise/?export=xlsx", EVERYONE),
        (f"/expertise/{s}/", EVERYONE),
        ("/expertise/add/", only(Role.COORDINATOR)),
        (f"/expertise/{s}/edit/", only(Role.COORDINATOR)),
        (f"/expertise/{s}/delete/", only(Role.COORDINATOR)),
        (f"/expertise/{s}/assign/", only(Role.COORDINATOR)),
        (f"/expertise/{s}/results/", only(*staff, Role.OBSERVER, Role.COLLEGE, "college2")),
        (f"/expertise/{s}/results/?export=xlsx", only(*staff, Role.OBSERVER, Role.COLLEGE, "college2")),
        (f"/expertise/programs/{sp}/", only(*staff, Role.OBSERVER, Role.COLLEGE, **hidden)),
        (f"/expertise/programs/{sp2}/?export=xlsx", only(*staff, Role.OBSERVER, "college2", **hidden)),
        ("/expertise/reviews/", only(*staff, Role.EXPERT, Role.COLLEGE, "college2")),
        ("/expertise/reviews/?export=xlsx", only(*staff, Role.EXPERT, Role.COLLEGE, "college2")),
        (f"/expertise/reviews/{r}/", only(*staff, Role.EXPERT, **hidden)),
        (f"/expertise/reviews/{r}/fill/", {**only(Role.EXPERT, **hidden), Role.COORDINATOR: 403, Role.SECRETARY: 403}),
        (f"/expertise/reviews/{r}/return/", {**only(**hidden), **dict.fromkeys([*staff, Role.EXPERT], 302)}),
        (
            f"/expertise/reviews/{r}/delete/",
            {**only(Role.COORDINATOR, **hidden), Role.SECRETARY: 403, Role.EXPERT: 403},
        ),
        ("/expertise/experts/", only(*staff, Role.EXPERT, Role.EMPLOYER)),
        ("/expertise/experts/?export=xlsx", only(*staff, Role.EXPERT, Role.EMPLOYER)),
        (f"/expertise/experts/{e}/", only(*staff, Role.EXPERT, Role.EMPLOYER, **hidden)),
        (f"/expertise/experts/{e2}/", only(*staff, **hidden)),
        ("/expertise/experts/add/", only(Role.COORDINATOR)),
        (
            f"/expertise/experts/{e}/edit/",
            {**only(Role.COORDINATOR, **hidden), **dict.fromkeys([Role.SECRETARY, Role.EXPERT, Role.EMPLOYER], 403)},
        ),
        (
            f"/expertise/experts/{e}/delete/",
            {**only(Role.COORDINATOR, **hidden), **dict.fromkeys([Role.SECRETARY, Role.EXPERT, Role.EMPLOYER], 403)},
        ),
        ("/expertise/templates/", EVERYONE),
        ("/expertise/templates/?export=xlsx", EVERYONE),
        (f"/expertise/templates/{t}/", EVERYONE),
        ("/expertise/templates/add/", only(Role.COORDINATOR)),
        (f"/expertise/templates/{t}/edit/", only(Role.COORDINATOR)),
        ("/import/expert-certificates/", only(Role.COORDINATOR)),
        ("/import/expert-certificates/template/", only(Role.COORDINATOR)),
    ]


# Pages and query counts -------------------------------------------------------------------------
def grow(world, n, start=0):
    """n more colleges with programs in the session, n experts with certificates, n submitted reviews."""
    for i in range(start, start + n):
        college = OrganizationFactory(kind="college")
        participant = SessionParticipant.objects.create(session=world.session, college=college, order=10 + i)
        participant.enterprises.add(OrganizationFactory(kind="employer"))
        sp = SessionProgram.objects.create(participant=participant, program=ProgramFactory(college=college), order=1)
        expert = ExpertFactory(person=PersonFactory(organization=OrganizationFactory(kind="employer")))
        CertificateFactory(expert=expert, valid_until=dt.date.today() + dt.timedelta(days=30))
        expert.sectors.set([SectorFactory(cluster=world.session.cluster)])  # every related row the list's rows print
        for target in (sp, world.program):
            review = Review.objects.create(session_program=target, expert=expert)
            review_save(
                review=review,
                criteria=world.criteria,
                answers=complete_answers(world.criteria),
                conclusion="",
                expected_version=0,
                user=None,
                submit=True,
            )
        other = SessionFactory(cluster=world.session.cluster, template=world.session.template)
        SessionParticipant.objects.create(session=other, college=college)


def query_urls(world):
    s = world.session.pk
    return [
        "/expertise/",
        "/expertise/reviews/",
        "/expertise/experts/",
        "/expertise/templates/",
        f"/expertise/{s}/",
        f"/expertise/{s}/results/",
        f"/expertise/{s}/assign/",
        f"/expertise/{s}/edit/",
        f"/expertise/programs/{world.program.pk}/",
        f"/expertise/reviews/{world.review.pk}/",
        f"/expertise/experts/{world.expert.pk}/",
        f"/expertise/templates/{world.session.template.pk}/",
        "/",
    ]


class TestPages(PageTests):
    @pytest.fixture
    def pages(self, world):
        return [
            *(Page(url, expected) for url, expected in matrix(world)),
            *policy_pages(world.session.template),
            *policy_pages(world.expert, actions=("list", "export", "detail", "add", "edit", "delete")),
        ]

    @pytest.fixture
    def measured(self, world):
        expert_pages = [
            "/expertise/reviews/",
            f"/expertise/reviews/{world.review.pk}/fill/",
            f"/expertise/{world.session.pk}/",
            "/",
        ]
        urls = [*query_urls(world), *((Role.EXPERT, url) for url in expert_pages)]
        return Measured(urls=urls, grow=lambda n, start: grow(world, n, start))


def review_urls(review):
    base = f"/expertise/reviews/{review.pk}/"
    return [base, f"{base}fill/", f"{base}return/", f"{base}pdf/", f"{base}delete/"]


@pytest.mark.django_db
def test_another_expert_cannot_learn_a_review_exists(client, world, expert2_user, filled):
    client.force_login(expert2_user)
    missing = "/expertise/reviews/999999/"
    for url in review_urls(world.review):
        nowhere = url.replace(f"/{world.review.pk}/", "/999999/")
        assert client.get(url).status_code == client.get(nowhere).status_code == 404, url
        # the same answer as for a review that does not exist at all (the read-only page allows no POST)
        posted = client.post(url, filled(world, version=0, action="submit")).status_code
        assert posted == client.post(nowhere, filled(world, version=0, action="submit")).status_code
        assert posted in (404, 405), url
    assert client.get(missing).status_code == 404
    world.review.refresh_from_db()
    assert (world.review.status, world.review.version, world.review.answers.count()) == (ReviewStatus.ASSIGNED, 0, 0)
    listing = client.get("/expertise/reviews/").content.decode()
    assert "Оператор станков" not in listing and "Монтаж оборудования" in listing
    export = client.get("/expertise/reviews/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and "Монтаж" in rows[1][2]
    session_page = client.get(f"/expertise/{world.session.pk}/").content.decode()
    assert f"/expertise/reviews/{world.review.pk}/" not in session_page and "Экспертов" not in session_page


@pytest.mark.django_db
def test_expert_fills_in_saves_a_draft_and_submits(client_as, world):
    client = client_as(Role.EXPERT)
    page = client.get(f"/expertise/reviews/{world.review.pk}/fill/").content.decode()
    assert "Доля выпускников, трудоустроившихся по специальности в течение года" in page
    assert "62,5%" in page and "Кадры для машиностроения региона" in page  # the program card beside the form
    c11 = world.criterion("1.1")
    draft = {"version": 0, "action": "save", f"c{c11.pk}-value": "yes"}
    response = client.post(f"/expertise/reviews/{world.review.pk}/fill/", draft)
    assert response.status_code == 302 and response["Location"].endswith("/fill/")
    world.review.refresh_from_db()
    assert (world.review.status, world.review.version) == (ReviewStatus.DRAFT, 1)
    page = client.get(response["Location"]).content.decode()
    import re

    assert "Черновик сохранён" in page, page[page.find("<main") : page.find("<main") + 3000]
    assert re.search(rf'name="c{c11.pk}-value" value="yes"[^>]*checked', page)
    data = fill_data(world, version=1, action="submit", overrides={"3.2": {"value": "60"}})
    response = client.post(f"/expertise/reviews/{world.review.pk}/fill/", data)
    assert response.status_code == 200
    assert "Замечание обязательно, если критерий не соответствует нормативу." in response.content.decode()
    world.review.refresh_from_db()
    assert world.review.status == ReviewStatus.DRAFT and world.review.version == 1  # nothing saved
    data[f"c{world.criterion('3.2').pk}-remark"] = "Трудоустроено 60% при нормативе 62,5%"
    response = client.post(f"/expertise/reviews/{world.review.pk}/fill/", data)
    assert response.status_code == 302 and response["Location"] == f"/expertise/reviews/{world.review.pk}/"
    world.review.refresh_from_db()
    assert world.review.status == ReviewStatus.SUBMITTED
    answer = ReviewAnswer.objects.get(review=world.review, criterion=world.criterion("3.2"))
    assert (str(answer.value_share), answer.verdict) == ("60.00", Verdict.FAILS)
    detail = client.get(response["Location"]).content.decode()
    assert "не соответствует" in detail and "Трудоустроено 60% при нормативе 62,5%" in detail
    # read-only now: the form sends the expert to the detail page
    assert client.get(f"/expertise/reviews/{world.review.pk}/fill/").status_code == 302


@pytest.mark.django_db
def test_submitted_review_cannot_be_changed_by_a_crafted_request(client_as, world):
    client = client_as(Role.EXPERT)
    client.post(f"/expertise/reviews/{world.review.pk}/fill/", fill_data(world, version=0, action="submit"))
    world.review.refresh_from_db()
    assert world.review.status == ReviewStatus.SUBMITTED
    before = list(ReviewAnswer.objects.filter(review=world.review).values_list("value_yes", "verdict", "remark"))
    crafted = fill_data(
        world, version=world.review.version, action="save", overrides={"1.1": {"value": "no", "remark": "X"}}
    )
    assert client.post(f"/expertise/reviews/{world.review.pk}/fill/", crafted).status_code == 403
    assert client.post(f"/expertise/reviews/{world.review.pk}/delete/").status_code == 403
    assert client.post(f"/expertise/reviews/{world.review.pk}/return/", {"reason": "сам себе"}).status_code == 403
    world.review.refresh_from_db()
    assert world.review.status == ReviewStatus.SUBMITTED
    assert (
        list(ReviewAnswer.objects.filter(review=world.review).values_list("value_yes", "verdict", "remark")) == before
    )
    # the coordinator reads it but does not fill it in for the expert
    assert client_as(Role.COORDINATOR).post(f"/expertise/reviews/{world.review.pk}/fill/", crafted).status_code == 403


@pytest.mark.django_db
def test_two_tabs_do_not_silently_overwrite_each_other(client_as, world):
    client = client_as(Role.EXPERT)
    url = f"/expertise/reviews/{world.review.pk}/fill/"
    first = fill_data(world, version=0, overrides={"1.1": {"remark": "Из первой вкладки"}})
    assert client.post(url, first).status_code == 302
    second = fill_data(world, version=0, overrides={"1.1": {"remark": "Из второй вкладки"}})
    response = client.post(url, second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "изменён в другой вкладке" in page and "НЕ сохранены" in page
    assert "Из второй вкладки" in page  # the user's input is kept
    assert "сохранено: Из первой вкладки" in page  # beside the stored version
    assert ReviewAnswer.objects.get(review=world.review, criterion=world.criterion("1.1")).remark == "Из первой вкладки"
    assert response.context["form"]["version"].value() == "1"  # saving again now replaces knowingly
    assert client.post(url, {**second, "version": "1"}).status_code == 302
    assert ReviewAnswer.objects.get(review=world.review, criterion=world.criterion("1.1")).remark == "Из второй вкладки"


@pytest.mark.django_db
def test_bad_share_is_refused_with_nothing_saved(client_as, world):
    client = client_as(Role.EXPERT)
    data = fill_data(world, version=0, overrides={"2.1": {"value": "120"}, "2.2": {"value": "много"}})
    response = client.post(f"/expertise/reviews/{world.review.pk}/fill/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Введите число, например 62,5." in body and "120" in body
    assert not ReviewAnswer.objects.filter(review=world.review).exists()


@pytest.mark.django_db
def test_coordinator_sees_results_per_program_and_exports_them(client_as, world):
    client_as(Role.EXPERT).post(
        f"/expertise/reviews/{world.review.pk}/fill/",
        fill_data(
            world, version=0, action="submit", overrides={"3.2": {"value": "60", "remark": "Мало трудоустроенных"}}
        ),
    )
    client = client_as(Role.COORDINATOR)
    page = client.get(f"/expertise/programs/{world.program.pk}/").content.decode()
    assert "не соответствует по критериям 3.2" in page and "Мало трудоустроенных" in page and "Экспертов И.И." in page
    response = client.get(f"/expertise/programs/{world.program.pk}/?export=xlsx")
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0].iter_rows(values_only=True)
    )
    assert rows[0][:4] == ("ПОО", "Программа", "№", "Название критерия")
    row32 = next(r for r in rows if r[2] == "3.2.")
    assert row32[4:] == (
        "62,5%",
        "Экспертов Иван Иванович",
        "ООО «Тестовый завод»",
        "60%",
        "не соответствует",
        "Мало трудоустроенных",
        "не соответствует",
    )
    assert len(rows) == 1 + len(world.criteria)
    summary = client.get(f"/expertise/{world.session.pk}/results/").content.decode()
    assert "не соответствует по критериям 3.2" in summary and "оценка не завершена (отправлено 0 из 1)" in summary
    book = load_workbook(
        io.BytesIO(b"".join(client.get(f"/expertise/{world.session.pk}/results/?export=xlsx").streaming_content))
    )
    assert book.sheetnames == ["Итоги", "Оценки по критериям"]
    # the observer reads the outcome without the experts' names
    observer_page = client_as(Role.OBSERVER).get(f"/expertise/programs/{world.program.pk}/").content.decode()
    assert "Мало трудоустроенных" in observer_page and "Экспертов" not in observer_page


@pytest.mark.django_db
def test_pdfs_of_a_filled_checklist_and_of_the_session_summary(client_as, world):
    client_as(Role.EXPERT).post(
        f"/expertise/reviews/{world.review.pk}/fill/", fill_data(world, version=0, action="submit")
    )
    response = client_as(Role.EXPERT).get(f"/expertise/reviews/{world.review.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    response = client_as(Role.COORDINATOR).get(f"/expertise/{world.session.pk}/results/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert client_as(Role.EXPERT).get(f"/expertise/{world.session.pk}/results/pdf/").status_code == 403
    blank = client_as(Role.OBSERVER).get(f"/expertise/templates/{world.session.template.pk}/pdf/")
    assert blank["Content-Type"] == "application/pdf" and blank.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_pdf_template_renders_name_organization_and_date(world, rf, users):
    from django.template.loader import render_to_string

    from ..views.reviews import review_context

    world.review.status = ReviewStatus.SUBMITTED
    html = render_to_string(
        "expertise/pdf/review.html",
        {
            **review_context(world.review),
            "program": world.program.program,
            "session": world.session,
            "expert": world.expert,
            "date": world.session.date_from,
            "title": "Экспертный лист для оценки программы",
        },
    )
    assert "Экспертов Иван Иванович" in html and "ООО «Тестовый завод»" in html and "21.06.2022" in html


@pytest.mark.django_db
def test_coordinator_returns_a_review_with_a_reason(client_as, world, django_capture_on_commit_callbacks):
    client_as(Role.EXPERT).post(
        f"/expertise/reviews/{world.review.pk}/fill/", fill_data(world, version=0, action="submit")
    )
    assert (
        client_as(Role.SECRETARY).post(f"/expertise/reviews/{world.review.pk}/return/", {"reason": "x"}).status_code
        == 403
    )
    client = client_as(Role.COORDINATOR)
    response = client.post(f"/expertise/reviews/{world.review.pk}/return/", {"reason": ""})
    assert response.status_code == 200 and "Укажите, что нужно доработать" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/expertise/reviews/{world.review.pk}/return/", {"reason": "Уточните замечания по 2.1"})
    world.review.refresh_from_db()
    assert world.review.status == ReviewStatus.RETURNED
    page = client_as(Role.EXPERT).get(f"/expertise/reviews/{world.review.pk}/fill/").content.decode()
    assert "Лист возвращён на доработку" in page and "Уточните замечания по 2.1" in page


@pytest.mark.django_db
def test_bulk_assignment_grid(client_as, world, college_org, django_capture_on_commit_callbacks, jobs_run_at_once):
    client = client_as(Role.COORDINATOR)
    url = f"/expertise/{world.session.pk}/assign/"
    page = client.get(url).content.decode()
    assert f'name="a-{world.program.pk}-{world.expert.pk}" value="1" checked' in page
    world.expert2.affiliations.add(college_org)  # expert2 also teaches at the program's college
    data = {
        f"a-{world.program.pk}-{world.expert.pk}": "1",
        f"a-{world.other_program.pk}-{world.expert2.pk}": "1",
        f"a-{world.program.pk}-{world.expert2.pk}": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Конфликт интересов" in response.content.decode()
    assert not Review.objects.filter(session_program=world.program, expert=world.expert2).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert Review.objects.filter(session_program=world.program, expert=world.expert2).exists()
    assert [m.to for m in mail.outbox] == [[world.expert2.user.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {f"a-{world.program.pk}-{world.expert.pk}": "1", "confirm": "1"})
    assert set(Review.objects.values_list("expert", flat=True)) == {world.expert.pk}


@pytest.mark.django_db
def test_coordinator_creates_a_session_with_a_college_without_programs(
    client_as, world, college_org, other_college_org, employer_org
):
    client = client_as(Role.COORDINATOR)
    page = client.get("/expertise/add/")
    assert page.status_code == 200
    data = {
        "cluster": world.session.cluster_id,
        "title": "Экспертиза 2023",
        "date_from": "2023-04-10",
        "date_to": "2023-04-20",
        "template": world.session.template_id,
        "p-TOTAL_FORMS": "2",
        "p-INITIAL_FORMS": "0",
        "p-0-college": college_org.pk,
        "p-0-enterprises": [employer_org.pk],
        "p-0-programs": [world.program.program_id],
        "p-0-order": "1",
        "p-1-college": other_college_org.pk,
        "p-1-order": "2",
    }
    response = client.post("/expertise/add/", data)
    assert response.status_code == 302
    session = ExpertSession.objects.get(title="Экспертиза 2023")
    assert [(p.college_id, p.programs.count()) for p in session.participants.order_by("order")] == [
        (college_org.pk, 1),
        (other_college_org.pk, 0),
    ]
    bad = {**data, "title": "Плохая", "p-1-programs": [world.program.program_id], "date_to": "2023-04-01"}
    response = client.post("/expertise/add/", bad)
    assert response.status_code == 200
    body = response.content.decode()
    assert "принадлежит другой ПОО" in body
    assert not ExpertSession.objects.filter(title="Плохая").exists()


@pytest.mark.django_db
def test_editing_a_template_in_use_makes_a_new_version(client_as, world):
    client = client_as(Role.COORDINATOR)
    old = world.session.template
    url = f"/expertise/templates/{old.pk}/edit/"
    page = client.get(url)
    assert "новой версией" in page.content.decode()
    sections = page.context["sections"].initial
    criteria = page.context["criteria"].initial
    data = {
        "title": old.title,
        "note": "Норматив 3.2 — 70%",
        "s-TOTAL_FORMS": len(sections),
        "s-INITIAL_FORMS": len(sections),
    }
    data.update({"c-TOTAL_FORMS": len(criteria), "c-INITIAL_FORMS": len(criteria)})
    for i, s in enumerate(sections):
        data.update({f"s-{i}-number": s["number"], f"s-{i}-title": s["title"]})
    for i, c in enumerate(criteria):
        share = "70" if c["number"] == "3.2" else ("" if c["norm_share"] is None else str(c["norm_share"]))
        data.update(
            {
                f"c-{i}-section": c["section"],
                f"c-{i}-number": c["number"],
                f"c-{i}-text": c["text"],
                f"c-{i}-norm_kind": c["norm_kind"],
                f"c-{i}-norm_share": share,
                f"c-{i}-practice_figure": c["practice_figure"],
            }
        )
    response = client.post(url, data)
    assert response.status_code == 302
    new = ChecklistTemplate.objects.get(version=2)
    assert response["Location"] == new.get_absolute_url()
    assert new.sections.get(number=3).criteria.get(number="3.2").norm_share == 70
    assert old.sections.get(number=3).criteria.get(number="3.2").norm_share == 62.5
    assert client.get(url).status_code == 403  # the archived version is not edited again


@pytest.mark.django_db
def test_coordinator_adds_an_expert_with_a_certificate(client_as, users, employer_org):
    from members.tests.factories import PersonFactory, UserFactory

    person = PersonFactory(organization=employer_org, last_name="Новиков")
    user = UserFactory(username="new-expert", role=Role.EXPERT, organization=employer_org, person=person)
    data = {
        "user": user.pk,
        "person": "",
        "is_active": "on",
        "cert-TOTAL_FORMS": "1",
        "cert-INITIAL_FORMS": "0",
        "cert-0-kind": "exam",
        "cert-0-title": "Право оценки демонстрационного экзамена",
        "cert-0-issued_on": "2022-12-15",
        "cert-0-valid_until": "2022-01-01",
    }
    client = client_as(Role.COORDINATOR)
    response = client.post("/expertise/experts/add/", data)
    assert response.status_code == 200 and "раньше даты выдачи" in response.content.decode()
    assert not Expert.objects.filter(user=user).exists()
    data["cert-0-valid_until"] = "2024-12-15"
    response = client.post("/expertise/experts/add/", data)
    assert response.status_code == 302
    expert = Expert.objects.get(user=user)
    assert expert.person == person and expert.certificates.count() == 1
    assert "Срок действия истёк 15.12.2024" in client.get(expert.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_grid_and_checklist_inputs_are_named_for_screen_readers(client_as, world):
    """A grid of identical «назначить эксперта» boxes and unnamed textboxes cannot be used by ear."""
    grid = client_as(Role.COORDINATOR).get(f"/expertise/{world.session.pk}/assign/").content.decode()
    expert, expert2 = world.expert.person.short_name, world.expert2.person.short_name
    assert f'aria-label="{expert}: назначен, лист начат"' not in grid  # not started yet: still a live box
    assert f'aria-label="Назначить {expert} — 15.02.32 Оператор станков"' in grid
    assert f'aria-label="Назначить {expert2} — 15.02.32 Оператор станков"' in grid
    assert 'aria-label="назначить эксперта"' not in grid
    form = client_as(Role.EXPERT).get(f"/expertise/reviews/{world.review.pk}/fill/").content.decode()
    assert 'role="radiogroup" aria-label="Ответ по критерию 1.1."' in form
    assert "Оценка эксперта по критерию" not in form  # one control per criterion: the answer is the verdict
    c32 = world.criterion("3.2")
    label = f'<label class="form-label small mb-1" for="id_c{c32.pk}-value">Значение<span class="visually-hidden">'
    assert label + " критерия 3.2.</span>, %" in form
    assert f'for="id_c{c32.pk}-remark">Замечание<span class="visually-hidden"> к критерию 3.2.</span></label>' in form


@pytest.mark.django_db
def test_expert_list_names_the_soonest_expiring_certificates_and_links_to_all(client_as, users):
    import datetime as dt

    from django.utils import timezone

    from .factories import CertificateFactory

    today = timezone.localdate()
    for days in range(7):  # the first one expired yesterday; the rest expire within the warning period
        CertificateFactory(number=f"С-{days}", valid_until=today + dt.timedelta(days=days * 5 - 1))
    CertificateFactory(number="Д-1", valid_until=today + dt.timedelta(days=400))  # far off: not listed
    page = client_as(Role.COORDINATOR).get("/expertise/experts/").content.decode()
    alert = page.split('class="alert alert-warning"')[1].split("</div>")[0]
    assert "истекает в ближайшие 60 дней: 7; ближайшие по сроку:" in alert
    assert [n for n in ("С-0", "С-4", "С-5", "С-6", "Д-1") if n in alert] == ["С-0", "С-4"]
    assert 'href="?expiring=true"' in alert
    filtered = client_as(Role.COORDINATOR).get("/expertise/experts/?expiring=true").content.decode()
    rows = filtered.split("<tbody")[1].split("</tbody>")[0]
    assert rows.count("С-") == 7 and "Д-1" not in rows


# The checklist's autosave (htmx) ----------------------------------------------------------------
def autosave(client, world, data):
    return client.post(f"/expertise/reviews/{world.review.pk}/autosave/", data, headers={"HX-Request": "true"})


@pytest.mark.django_db
def test_autosave_keeps_the_draft_and_answers_with_time_progress_and_states(client_as, world):
    client = client_as(Role.EXPERT)
    c11, c12, c21 = world.criterion("1.1"), world.criterion("1.2"), world.criterion("2.1")
    data = {"version": 0, f"c{c11.pk}-value": "yes", f"c{c12.pk}-value": "no", f"c{c21.pk}-value": "40"}
    response = autosave(client, world, data)
    body = response.content.decode()
    assert response.status_code == 200 and "Черновик сохранён в " in body
    total = len(world.criteria)
    assert f"Заполнено 1 из {total}" in body  # 1.2 and 2.1 fail without a remark: not filled yet
    assert body.count("Нужно замечание: критерий не соответствует нормативу.") == 2
    assert f'id="state-c{c21.pk}"' in body and "Оценка портала: <strong" in body and "не соответствует" in body
    assert 'name="version" value="1" id="id_version" hx-swap-oob="true"' in body  # the next save is not stale
    world.review.refresh_from_db()
    assert (world.review.status, world.review.version) == (ReviewStatus.DRAFT, 1)
    saved = {a.criterion_id: (a.value_yes, a.verdict) for a in world.review.answers.all() if a.verdict}
    assert saved == {c11.pk: (True, Verdict.COMPLIES), c12.pk: (False, Verdict.FAILS), c21.pk: (None, Verdict.FAILS)}
    # A reload shows the draft: the answers checked, the progress as it stands.
    page = client.get(f"/expertise/reviews/{world.review.pk}/fill/").content.decode()
    assert f'value="yes" class="btn-check" aria-describedby="state-c{c11.pk}" id="id_c{c11.pk}-value_0" checked' in page
    assert f"Заполнено 1 из {total}" in page
    more = {**data, "version": 1, f"c{c12.pk}-remark": "Нет стажировок", f"c{c21.pk}-remark": "Мало"}
    assert f"Заполнено 3 из {total}" in autosave(client, world, more).content.decode()


@pytest.mark.django_db
def test_autosave_refuses_stale_invalid_and_submitted_drafts_and_other_users(client_as, users, world):
    client = client_as(Role.EXPERT)
    c11, c21 = world.criterion("1.1"), world.criterion("2.1")
    assert "Черновик сохранён в" in autosave(client, world, {"version": 0, f"c{c11.pk}-value": "yes"}).content.decode()
    stale = autosave(client, world, {"version": 0, f"c{c11.pk}-value": "no"}).content.decode()
    assert "изменён в другой вкладке" in stale and "Черновик сохранён в" not in stale
    invalid = autosave(client, world, {"version": 1, f"c{c21.pk}-value": "120"}).content.decode()
    assert "Черновик не сохранён" in invalid and "Ensure" not in invalid
    assert ReviewAnswer.objects.get(review=world.review, criterion=c11).value_yes is True
    assert ReviewAnswer.objects.get(review=world.review, criterion=c21).value_share is None
    # Someone else's review: the other expert does not find it, the coordinator does not fill it in.
    other = Client()
    other.force_login(world.expert2.user)
    assert autosave(other, world, {"version": 1}).status_code == 404
    other.force_login(users[Role.COORDINATOR])
    assert autosave(other, world, {"version": 1}).status_code == 403
    assert client.get(f"/expertise/reviews/{world.review.pk}/autosave/").status_code == 405
    client.post(f"/expertise/reviews/{world.review.pk}/fill/", fill_data(world, version=1, action="submit"))
    world.review.refresh_from_db()
    assert world.review.status == ReviewStatus.SUBMITTED
    locked = autosave(client, world, {"version": world.review.version, f"c{c11.pk}-value": "no"}).content.decode()
    assert "Лист отправлен: изменения больше не сохраняются." in locked
    assert ReviewAnswer.objects.get(review=world.review, criterion=c11).value_yes is True


@pytest.mark.usefixtures("empty_cache")
class TestExpiringKept:
    """The expiring certificates above the experts list are kept with the table: between changes a view reads no
    certificate; a certificate changed shows on the next view."""

    pytestmark = KEPT_FIGURE_TESTS

    def test_kept_until_a_certificate_changes(self, client_as, users):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        soon = timezone.localdate() + dt.timedelta(days=10)
        CertificateFactory(number="С-1", valid_until=soon)
        client = client_as(Role.COORDINATOR)
        assert "С-1" in client.get("/expertise/experts/").content.decode()
        with CaptureQueriesContext(connection) as queries:
            assert "С-1" in client.get("/expertise/experts/").content.decode()
        assert not [q for q in queries.captured_queries if '"expertise_expertcertificate"' in q["sql"]]
        CertificateFactory(number="С-2", valid_until=soon)
        page = client.get("/expertise/experts/").content.decode()
        assert "С-2" in page and "истекает в ближайшие 60 дней: 2" in page
