"""Tables of the practice lists."""

import django_tables2 as tables
from django.utils.html import format_html

from cluster_portal.core.tables import NarrowScreens, RowTemplate

from .models import (
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


class PracticeBaseTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("specialties", "capacity", "has_mentoring_program", "usual_format")
    row_template = "practice/rows/practice_base.html"
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url(), order_by=("enterprise__short_name",))
    specialties = tables.Column("Специальности", accessor="pk", orderable=False)

    class Meta:
        model = PracticeBase
        fields = ("enterprise", "address", "specialties", "capacity", "has_mentoring_program", "usual_format")
        order_by = ("enterprise",)

    def render_specialties(self, record):
        return ", ".join(specialty.code for specialty in record.specialty_list) or "—"


class PracticeAgreementTable(tables.Table):
    number = tables.Column(linkify=lambda record: record.get_absolute_url())
    college = tables.Column(accessor="college__short_name", verbose_name="ПОО")
    enterprise = tables.Column(accessor="enterprise__short_name", verbose_name="Предприятие")

    class Meta:
        model = PracticeAgreement
        fields = ("number", "date", "college", "enterprise", "form", "valid_until", "mentors_assigned")
        order_by = ("-date",)


class StudentTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("group_name", "admission_year", "graduation_year")
    row_template = "practice/rows/student.html"
    record_number = tables.Column(linkify=lambda record: record.get_absolute_url())
    college = tables.Column(accessor="college__short_name", verbose_name="ПОО")
    specialty = tables.Column(
        accessor="program__specialty__code", verbose_name="Специальность", order_by=("program__specialty__code",)
    )

    class Meta:
        model = Student
        fields = (
            "record_number",
            "full_name",
            "college",
            "specialty",
            "group_name",
            "admission_year",
            "graduation_year",
        )
        order_by = ("college", "group_name", "record_number")


class PlacementTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("date_end", "mentoring_format", "real_assignment", "paid_employment", "job_offer", "grade")
    row_template = "practice/rows/placement.html"
    student = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        order_by=("student__record_number",),
        verbose_name="Студент",
    )
    college = tables.Column(accessor="student__college__short_name", verbose_name="ПОО")
    enterprise = tables.Column(accessor="base__enterprise__short_name", verbose_name="Предприятие")

    class Meta:
        model = Placement
        fields = (
            "student",
            "college",
            "enterprise",
            "kind",
            "date_start",
            "date_end",
            "mentoring_format",
            "real_assignment",
            "paid_employment",
            "job_offer",
            "grade",
        )
        order_by = ("-date_start",)


class EmploymentOutcomeTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("specialty", "date", "employer", "position")
    row_template = "practice/rows/outcome.html"
    student = tables.Column(
        linkify=lambda record: record.get_absolute_url(), order_by=("student__record_number",), verbose_name="Студент"
    )
    college = tables.Column(accessor="student__college__short_name", verbose_name="ПОО")
    specialty = tables.Column(accessor="student__program__specialty__code", verbose_name="Специальность")
    employer = tables.Column(accessor="employer_label", verbose_name="Работодатель", order_by=("employer_name",))

    class Meta:
        model = EmploymentOutcome
        fields = ("student", "college", "specialty", "year", "status", "date", "employer", "position")
        # The newest statuses of the latest year first, read from the index «outcome_list_order»;
        # ordering by college joins and sorts the whole year (tens of thousands of rows in a region).
        order_by = ("-year", "-date")


class TeacherInternshipTable(tables.Table):
    teacher = tables.Column(linkify=lambda record: record.get_absolute_url())
    college = tables.Column(accessor="college__short_name", verbose_name="ПОО")
    enterprise = tables.Column(accessor="enterprise__short_name", verbose_name="Предприятие")

    class Meta:
        model = TeacherInternship
        fields = ("teacher", "position", "college", "enterprise", "topic", "date_start", "date_end", "hours")
        order_by = ("-date_start",)


class DataCollectionTable(tables.Table):
    title = tables.Column(linkify=lambda record: record.get_absolute_url())
    progress = tables.Column(verbose_name="Принято / всего", empty_values=(), orderable=False)

    class Meta:
        model = DataCollection
        fields = ("title", "topic", "year", "deadline", "is_closed", "progress")
        order_by = ("-deadline",)

    def render_progress(self, record):
        total = record.n_pending + record.n_submitted + record.n_returned + record.n_accepted
        return f"{record.n_accepted} / {total}"


class SubmissionTable(tables.Table):
    college = tables.Column(
        accessor="college__short_name", verbose_name="ПОО", linkify=lambda record: record.get_absolute_url()
    )
    collection = tables.Column(accessor="collection__title", verbose_name="Сбор данных")
    deadline = tables.Column(accessor="collection__deadline", verbose_name="Срок")

    class Meta:
        model = Submission
        fields = ("collection", "college", "status", "deadline", "submitted_at", "reviewed_at")
        order_by = ("-deadline", "college")

    def render_status(self, record, value):
        css = {"accepted": "success", "submitted": "primary", "returned": "warning"}.get(record.status, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', css, value)


class StudentDataAccessTable(tables.Table):
    user = tables.Column(accessor="user__username", verbose_name="Пользователь")
    organization = tables.Column(accessor="user__organization__short_name", verbose_name="Организация")

    class Meta:
        model = StudentDataAccess
        fields = ("at", "user", "organization", "page", "path", "exported")
        order_by = ("-at",)
