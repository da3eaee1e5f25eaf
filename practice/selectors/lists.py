"""Scoped lists of the practice records and their counts for the overview."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from cluster_portal.core import dataversion
from cluster_portal.core.access import may, restrict
from programs.models import Specialty

from ..models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    StudentDataAccess,
    Submission,
    TeacherInternship,
)


def practice_base_list(*, user, action: str = "view") -> QuerySet[PracticeBase]:
    """Bases with their ``specialty_list`` (a list: a prefetched manager per row costs a page more than its query)."""
    specialties = Prefetch("specialties", queryset=Specialty.objects.all(), to_attr="specialty_list")
    return restrict(
        PracticeBase.objects.select_related("enterprise", "added_by").prefetch_related(specialties), user, action
    )


def agreement_list(*, user, action: str = "view") -> QuerySet[PracticeAgreement]:
    return restrict(PracticeAgreement.objects.select_related("college", "enterprise"), user, action)


def student_list(*, user, action: str = "view") -> QuerySet[Student]:
    return restrict(Student.objects.select_related("college", "program__specialty", "program__college"), user, action)


def placement_list(*, user, action: str = "view") -> QuerySet[Placement]:
    return restrict(
        Placement.objects.select_related(
            "student__college", "student__program__specialty", "base__enterprise"
        ).prefetch_related("mentors"),
        user,
        action,
    )


def outcome_list(*, user, action: str = "view") -> QuerySet[EmploymentOutcome]:
    return restrict(
        EmploymentOutcome.objects.select_related("student__college", "student__program__specialty", "employer"),
        user,
        action,
    )


def internship_list(*, user, action: str = "view") -> QuerySet[TeacherInternship]:
    return restrict(TeacherInternship.objects.select_related("college", "enterprise"), user, action)


def collection_list(*, user, action: str = "view") -> QuerySet[DataCollection]:
    counts = {
        f"n_{status}": Count("submissions", filter=Q(submissions__status=status))
        for status in ("pending", "submitted", "returned", "accepted")
    }
    return restrict(
        DataCollection.objects.select_related("cluster").annotate(**counts).order_by("-deadline", "pk"), user, action
    )


def submission_list(*, user, action: str = "view") -> QuerySet[Submission]:
    return restrict(
        Submission.objects.select_related("collection__cluster", "college", "submitted_by", "reviewed_by"), user, action
    )


def access_log_list(*, user, action: str = "view") -> QuerySet[StudentDataAccess]:
    return restrict(StudentDataAccess.objects.select_related("user__organization"), user, action)


def overview(*, user) -> list[tuple[str, int, str]]:
    """Counts of the practice records the user may see, with links; kept per user and day until the data change."""
    return dataversion.kept(
        "practice.overview", dataversion.user_day_key(user), reads=overview_reads(), compute=lambda: _overview(user)
    )


def overview_reads() -> tuple:
    """Every model whose table the counts read, scoping included (not the journal of student-data views, which
    each view of a student list writes)."""
    return (*OVERVIEW_MODELS, *dataversion.models_of(("members",)))


OVERVIEW_MODELS = (
    PracticeBase,
    PracticeAgreement,
    Student,
    Placement,
    EmploymentOutcome,
    TeacherInternship,
    DataCollection,
    Submission,
)


def _overview(user) -> list[tuple[str, int, str]]:
    sections = [
        ("Базы практики", PracticeBase, practice_base_list, "practice:practicebase_list"),
        ("Договоры о практике", PracticeAgreement, agreement_list, "practice:practiceagreement_list"),
        ("Студенты", Student, student_list, "practice:student_list"),
        ("Практики студентов", Placement, placement_list, "practice:placement_list"),
        ("Трудоустройство выпускников", EmploymentOutcome, outcome_list, "practice:employmentoutcome_list"),
        ("Стажировки преподавателей", TeacherInternship, internship_list, "practice:teacherinternship_list"),
        ("Сборы данных", DataCollection, collection_list, "practice:datacollection_list"),
    ]
    result = []
    for label, model, selector, url_name in sections:
        if may(user, model, "view"):
            qs = selector(user=user)
            result.append((label, qs.order_by().values("pk").count(), reverse(url_name)))
    return result
