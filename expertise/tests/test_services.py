"""Rules of the checklist, template versions, assignments and reviews, at the service level."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cluster_portal.core.roles import Role
from members.tests.factories import PersonFactory, SectorFactory, UserFactory

from ..choices import NormKind, ReviewAction, ReviewStatus, Verdict
from ..models import ChecklistTemplate, Criterion, Expert, ExpertCertificate, Review, ReviewAnswer, format_share
from ..seed import CHECKLIST
from ..selectors import current_template, program_results, template_structure
from ..services import (
    AnswerInput,
    ConflictOfInterest,
    CriterionSpec,
    ParticipantSpec,
    ReviewLocked,
    SectionSpec,
    StaleReview,
    answer_errors,
    expert_save,
    review_return,
    review_save,
    reviews_assign,
    sections_from_rows,
    session_save,
    template_save,
)
from .factories import CertificateFactory, ProgramFactory, seed_template


def complete_answers(criteria, **shares):
    answers = {}
    for c in criteria:
        if c.is_share:
            answers[c.pk] = AnswerInput(value_share=shares.get(c.number.replace(".", "_"), c.norm_share))
        else:
            answers[c.pk] = AnswerInput(value_yes=True, verdict=Verdict.COMPLIES)
    return answers


@pytest.mark.django_db
def test_default_template_is_the_seeds_checklist():
    template = seed_template()
    structure = template_structure(template)
    assert [s.number for s, _ in structure] == [1, 2, 3]
    assert structure[2][0].title == "Востребованность выпускников"
    numbers = [c.number for _s, items in structure for c in items]
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3"]
    norms = {c.number: c.norm_display for _s, items in structure for c in items}
    assert (norms["2.1"], norms["2.2"], norms["3.2"], norms["1.1"]) == ("100%", "25%", "62,5%", "ДА /Нет")
    assert structure[2][1][1].text == "Доля выпускников, трудоустроившихся по специальности в течение года"


def test_share_formatting_and_verdict():
    assert format_share(Decimal("62.50")) == "62,5%"
    assert format_share(Decimal("100.00")) == "100%"
    criterion = Criterion(number="3.2", norm_kind=NormKind.SHARE, norm_share=Decimal("62.5"))
    assert criterion.share_verdict(Decimal("60")) == Verdict.FAILS
    assert criterion.share_verdict(Decimal("62.5")) == Verdict.COMPLIES
    assert criterion.share_verdict(None) == ""


@pytest.mark.django_db
def test_sixty_percent_for_3_2_does_not_comply_and_needs_a_remark():
    criteria = [c for _s, items in template_structure(seed_template()) for c in items]
    c32 = next(c for c in criteria if c.number == "3.2")
    answers = complete_answers(criteria, **{"3_2": Decimal("60")})
    errors = answer_errors(criteria, answers, submit=True)
    assert answers[c32.pk].verdict == Verdict.FAILS
    assert errors == {(c32.pk, "remark"): "Замечание обязательно, если критерий не соответствует нормативу."}
    answers[c32.pk].remark = "Трудоустроено меньше норматива"
    assert answer_errors(criteria, answers, submit=True) == {}


@pytest.mark.django_db
def test_submit_needs_every_value_and_verdict_a_draft_does_not():
    criteria = [c for _s, items in template_structure(seed_template()) for c in items]
    answers = {criteria[0].pk: AnswerInput(value_yes=False, verdict=Verdict.FAILS)}
    assert answer_errors(criteria, dict(answers), submit=False) == {}
    errors = answer_errors(criteria, dict(answers), submit=True)
    assert errors[(criteria[0].pk, "remark")].startswith("Замечание обязательно")
    assert errors[(criteria[1].pk, "value")] == "Ответьте: да или нет."
    assert not [part for _c, part in errors if part == "verdict"]  # one control per criterion: no verdict to pick


@pytest.mark.django_db
def test_a_yes_no_answer_is_the_verdict_whatever_the_request_says():
    criteria = [c for _s, items in template_structure(seed_template()) for c in items]
    yes_no = [c for c in criteria if not c.is_share][:3]
    answers = {
        yes_no[0].pk: AnswerInput(value_yes=True, verdict=Verdict.FAILS),
        yes_no[1].pk: AnswerInput(value_yes=False, verdict=Verdict.COMPLIES, remark="нет стажировок"),
        yes_no[2].pk: AnswerInput(verdict=Verdict.COMPLIES),
    }
    answer_errors(criteria, answers, submit=False)
    assert [answers[c.pk].verdict for c in yes_no] == [Verdict.COMPLIES, Verdict.FAILS, ""]


@pytest.mark.django_db
def test_share_verdict_cannot_be_forced_by_the_request():
    criteria = [c for _s, items in template_structure(seed_template()) for c in items]
    c21 = next(c for c in criteria if c.number == "2.1")
    answers = {c21.pk: AnswerInput(value_share=Decimal("90"), verdict=Verdict.COMPLIES)}
    answer_errors(criteria, answers, submit=False)
    assert answers[c21.pk].verdict == Verdict.FAILS


# Versioning -------------------------------------------------------------------------------------
def edited_checklist(text):
    first = CHECKLIST[0]
    changed = SectionSpec(first.number, first.title, [CriterionSpec("1.1", text), *first.criteria[1:]])
    return [changed, *CHECKLIST[1:]]


@pytest.mark.django_db
def test_unused_template_is_edited_in_place():
    template = seed_template()
    saved, new_version = template_save(template=template, title=template.title, note="", sections=edited_checklist("X"))
    assert (saved.pk, saved.version, new_version) == (template.pk, 1, False)
    assert template_structure(saved)[0][1][0].text == "X"


@pytest.mark.django_db
def test_template_with_reviews_is_never_changed_in_place(world):
    old = world.session.template
    old_texts = [c.text for c in world.criteria]
    new, new_version = template_save(
        template=old, title=old.title, note="Уточнён 1.1", sections=edited_checklist("Новый")
    )
    assert new_version and new.pk != old.pk
    assert (new.version, new.based_on_id, new.note) == (2, old.pk, "Уточнён 1.1")
    old.refresh_from_db()
    assert old.is_archived
    assert [c.text for _s, items in template_structure(old) for c in items] == old_texts
    assert template_structure(new)[0][1][0].text == "Новый"
    assert current_template() == new
    world.session.refresh_from_db()
    assert world.session.template_id == old.pk  # the session keeps the version its reviews use
    with pytest.raises(ValidationError):
        template_save(template=old, title=old.title, note="", sections=CHECKLIST)


@pytest.mark.django_db
def test_template_structure_is_checked():
    bad = [SectionSpec(1, "Раздел", [CriterionSpec("2.1", "Не тот раздел"), CriterionSpec("2.1", "Повтор")])]
    with pytest.raises(ValidationError) as exc:
        template_save(template=None, title="Т", note="", sections=bad)
    assert "Критерий 2.1 должен начинаться с номера раздела (1)." in exc.value.messages
    assert "Номер критерия 2.1 повторяется." in exc.value.messages
    assert not ChecklistTemplate.objects.filter(title="Т").exists()


def test_structure_from_the_edit_page_rows():
    sections = [{"number": 2, "title": "Второй"}, {"number": 1, "title": "Первый"}]
    criteria = [
        {"section": 1, "number": "1.1", "text": " Есть ли  ", "norm_kind": NormKind.YES_NO},
        {"section": 2, "number": "2.1", "text": "Доля", "norm_kind": NormKind.SHARE, "norm_share": Decimal("0.5")},
        {"section": 1, "number": "1.2", "text": "Ещё", "norm_kind": NormKind.YES_NO, "practice_figure": None},
    ]
    specs = sections_from_rows(sections=sections, criteria=criteria)
    assert [(s.number, s.title, [c.number for c in s.criteria]) for s in specs] == [
        (1, "Первый", ["1.1", "1.2"]),
        (2, "Второй", ["2.1"]),
    ]
    assert specs[0].criteria[0] == CriterionSpec("1.1", "Есть ли", NormKind.YES_NO, None, "")
    assert specs[1].criteria[0].norm_share == Decimal("0.5")


def test_a_criterion_of_a_missing_section_is_refused():
    with pytest.raises(ValidationError, match=r"Критерии 3\.1, 3\.2 относятся к несуществующему разделу"):
        sections_from_rows(
            sections=[{"number": 1, "title": "Раздел"}],
            criteria=[
                {"section": 3, "number": "3.2", "text": "Б", "norm_kind": NormKind.YES_NO},
                {"section": 3, "number": "3.1", "text": "А", "norm_kind": NormKind.YES_NO},
            ],
        )


# Reviews ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_draft_then_submit_then_read_only(world, users):
    review = world.review
    draft = {world.criteria[0].pk: AnswerInput(value_yes=True, verdict=Verdict.COMPLIES)}
    review = review_save(
        review=review,
        criteria=world.criteria,
        answers=draft,
        conclusion="",
        expected_version=0,
        user=users[Role.EXPERT],
    )
    assert (review.status, review.version, review.answers.count()) == (ReviewStatus.DRAFT, 1, len(world.criteria))
    answers = complete_answers(world.criteria)
    review = review_save(
        review=review,
        criteria=world.criteria,
        answers=answers,
        conclusion="Готово",
        expected_version=1,
        user=users[Role.EXPERT],
        submit=True,
    )
    assert review.status == ReviewStatus.SUBMITTED and review.submitted_at
    with pytest.raises(ReviewLocked):
        review_save(
            review=review,
            criteria=world.criteria,
            answers=answers,
            conclusion="",
            expected_version=2,
            user=users[Role.EXPERT],
        )
    assert [e.action for e in review.events.order_by("at", "pk")] == [ReviewAction.SAVED, ReviewAction.SUBMITTED]


@pytest.mark.django_db
def test_stale_version_is_refused_and_nothing_saved(world, users):
    c = world.criteria[0]
    first = {c.pk: AnswerInput(value_yes=True, verdict=Verdict.COMPLIES, remark="из первой вкладки")}
    review_save(
        review=world.review, criteria=world.criteria, answers=first, conclusion="", expected_version=0, user=None
    )
    second = {c.pk: AnswerInput(value_yes=False, verdict=Verdict.FAILS, remark="из второй вкладки")}
    with pytest.raises(StaleReview) as exc:
        review_save(
            review=world.review, criteria=world.criteria, answers=second, conclusion="", expected_version=0, user=None
        )
    assert exc.value.review.version == 1
    assert ReviewAnswer.objects.get(review=world.review, criterion=c).remark == "из первой вкладки"


@pytest.mark.django_db
def test_return_for_revision_keeps_the_reason(
    world, users, django_capture_on_commit_callbacks, mailoutbox, jobs_run_at_once
):
    answers = complete_answers(world.criteria)
    review_save(
        review=world.review,
        criteria=world.criteria,
        answers=answers,
        conclusion="",
        expected_version=0,
        user=None,
        submit=True,
    )
    with pytest.raises(ValidationError):
        review_return(review=world.review, reason="  ", user=users[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        review = review_return(review=world.review, reason="Уточните 2.1", user=users[Role.COORDINATOR])
    assert review.status == ReviewStatus.RETURNED
    event = review.events.get(action=ReviewAction.RETURNED)
    assert (event.reason, event.actor) == ("Уточните 2.1", users[Role.COORDINATOR])
    assert len(mailoutbox) == 1 and "Уточните 2.1" in mailoutbox[0].body
    with pytest.raises(ValidationError):
        review_return(review=review, reason="ещё раз", user=users[Role.COORDINATOR])
    review = review_save(
        review=review,
        criteria=world.criteria,
        answers=answers,
        conclusion="",
        expected_version=review.version,
        user=None,
    )
    assert review.status == ReviewStatus.DRAFT


@pytest.mark.django_db
def test_program_results_and_outcome(world):
    answers = complete_answers(world.criteria, **{"3_2": Decimal("60")})
    c32 = world.criterion("3.2")
    answers[c32.pk].remark = "Ниже норматива"
    review_save(
        review=world.review,
        criteria=world.criteria,
        answers=answers,
        conclusion="",
        expected_version=0,
        user=None,
        submit=True,
    )
    [result] = program_results(session_programs=[world.program])
    assert result.failed_numbers == ["3.2"]
    assert result.outcome.code == "fails" and result.outcome.label == "не соответствует по критериям 3.2"
    row = next(r for _s, rows in result.sections for r in rows if r.criterion.number == "3.2")
    assert row.answers[0].value_display == "60%" and row.answers[0].remark == "Ниже норматива"
    [pending] = program_results(session_programs=[world.other_program])
    assert pending.outcome.code == "pending"


# Assignments ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_assignment_mails_the_expert_a_link(
    world, users, django_capture_on_commit_callbacks, mailoutbox, jobs_run_at_once
):
    wanted = {
        (world.program.pk, world.expert.pk),
        (world.other_program.pk, world.expert2.pk),
        (world.other_program.pk, world.expert.pk),
    }
    with django_capture_on_commit_callbacks(execute=True):
        result = reviews_assign(session=world.session, wanted=wanted, user=users[Role.COORDINATOR])
    assert len(result.created) == 1 and result.removed == 0
    new = result.created[0]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [users[Role.EXPERT].email]
    assert f"/expertise/reviews/{new.pk}/fill/" in mailoutbox[0].body
    assert new.events.get().action == ReviewAction.ASSIGNED


@pytest.mark.django_db
def test_conflict_of_interest_needs_confirmation(world, users, college_org):
    world.expert.affiliations.add(college_org)
    world.review.delete()
    wanted = {(world.program.pk, world.expert.pk), (world.other_program.pk, world.expert2.pk)}
    with pytest.raises(ConflictOfInterest) as exc:
        reviews_assign(session=world.session, wanted=wanted, user=users[Role.COORDINATOR])
    assert exc.value.pairs == [(world.program, world.expert)]
    assert not Review.objects.filter(expert=world.expert).exists()
    reviews_assign(session=world.session, wanted=wanted, user=users[Role.COORDINATOR], confirm_conflicts=True)
    assert Review.objects.filter(expert=world.expert, session_program=world.program).exists()


@pytest.mark.django_db
def test_started_review_cannot_be_unassigned(world, users):
    review_save(review=world.review, criteria=world.criteria, answers={}, conclusion="", expected_version=0, user=None)
    with pytest.raises(ValidationError):
        reviews_assign(
            session=world.session, wanted={(world.other_program.pk, world.expert2.pk)}, user=users[Role.COORDINATOR]
        )
    assert Review.objects.filter(pk=world.review.pk).exists()
    reviews_assign(session=world.session, wanted={(world.program.pk, world.expert.pk)}, user=users[Role.COORDINATOR])
    assert not Review.objects.filter(pk=world.review2.pk).exists()


@pytest.mark.django_db
def test_session_programs_must_belong_to_their_college(world, college_org, other_college_org):
    foreign = ProgramFactory(college=other_college_org)
    with pytest.raises(ValidationError):
        session_save(session=world.session, participants=[ParticipantSpec(college=college_org, programs=[foreign])])
    with pytest.raises(ValidationError):  # a program with experts assigned cannot silently drop out
        session_save(session=world.session, participants=[ParticipantSpec(college=college_org)])
    assert world.session.participants.count() == 2


# Experts ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_expert_needs_an_expert_login(users, employer_org):
    expert = Expert(person=PersonFactory(organization=employer_org), user=users[Role.EMPLOYER])
    with pytest.raises(ValidationError) as exc:
        expert.full_clean()
    assert "user" in exc.value.message_dict


@pytest.mark.django_db
def test_certificate_expiry_warning(today):
    soon = CertificateFactory(valid_until=today + dt.timedelta(days=59))
    later = CertificateFactory(valid_until=today + dt.timedelta(days=61))
    gone = CertificateFactory(valid_until=today - dt.timedelta(days=1))
    forever = CertificateFactory(valid_until=None)
    assert [c.expiry_state(today) for c in (soon, later, gone, forever)] == ["soon", "ok", "expired", "ok"]
    assert soon.expiry_warning.startswith("Истекает")


# Experts ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_expert_is_saved_from_plain_values(employer_org):
    person = PersonFactory(organization=employer_org)
    user = UserFactory(role=Role.EXPERT, organization=employer_org, person=person)
    sector = SectorFactory()
    certificate = ExpertCertificate(kind="exam", title="Право оценки ДЭ", issued_on=dt.date(2023, 1, 10))
    expert = expert_save(
        expert=Expert(user=user, person=person),
        sectors=[sector],
        affiliations=[employer_org],
        certificates=[certificate],
    )
    assert list(expert.sectors.all()) == [sector] and list(expert.affiliations.all()) == [employer_org]
    assert list(expert.certificates.values_list("title", flat=True)) == ["Право оценки ДЭ"]

    others = CertificateFactory()  # another expert's: never removed through this one
    expert_save(expert=expert, certificates=[], removed=[certificate, others])
    assert not expert.certificates.exists() and ExpertCertificate.objects.filter(pk=others.pk).exists()
    assert list(expert.sectors.all()) == []  # what is not given is cleared, as an emptied field


@pytest.mark.django_db
def test_an_expert_with_an_expired_certificate_is_not_saved(employer_org):

    person = PersonFactory(organization=employer_org)
    bad = ExpertCertificate(kind="exam", title="ДЭ", issued_on=dt.date(2023, 1, 10), valid_until=dt.date(2022, 1, 1))
    with pytest.raises(ValidationError):
        expert_save(expert=Expert(person=person), certificates=[bad])
