"""Tables of the expertise lists."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from cluster_portal.core.tables import DateColumn, DateTimeColumn, NarrowScreens, RowTemplate

from .models import ChecklistTemplate, Expert, ExpertSession, Review

STATUS_BADGES = {"assigned": "secondary", "draft": "warning", "returned": "danger", "submitted": "success"}


class SessionTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("college_count", "program_count", "template")
    row_template = "expertise/rows/session.html"
    title = tables.Column(linkify=True)
    date_from = DateColumn("d.m.Y")
    date_to = DateColumn("d.m.Y")
    college_count = tables.Column("ПОО")
    program_count = tables.Column("Программ")
    progress = tables.Column("Листов отправлено", accessor="submitted_count", order_by=("submitted_count",))

    class Meta:
        model = ExpertSession
        fields = ("title", "date_from", "date_to", "college_count", "program_count", "progress", "template")
        order_by = ("-date_from",)

    def render_progress(self, record):
        return f"{record.submitted_count} из {record.review_count}"


def _expiry_badge(certificate, today) -> str:
    warning = certificate.expiry_warning_on(today)
    if not warning:
        return ""
    css = "danger" if certificate.expiry_state(today) == "expired" else "warning"
    return format_html(' <span class="badge text-bg-{}">{}</span>', css, warning)


def certificates_cell(expert, today) -> str:
    items = expert.certificate_list
    if not items:
        return "—"
    return format_html_join("", "<div>{}{}</div>", ((str(c), _expiry_badge(c, today)) for c in items))


class ExpertTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("position", "sectors", "certificates")
    row_template = "expertise/rows/expert.html"
    rows_kept = True
    name = tables.Column(
        "ФИО",
        accessor="person__full_name",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("person__last_name", "person__first_name"),
    )
    organization = tables.Column("Организация", accessor="person__organization__short_name")
    position = tables.Column("Должность", accessor="person__position", orderable=False)
    sectors = tables.Column("Отрасли", accessor="pk", orderable=False)
    certificates = tables.Column("Сертификаты", accessor="pk", orderable=False)
    next_expiry = DateColumn("d.m.Y", verbose_name="Ближайшее окончание срока")
    is_active = tables.BooleanColumn()

    class Meta:
        model = Expert
        fields = ("name", "organization", "position", "sectors", "certificates", "next_expiry", "is_active")

    def render_sectors(self, record):
        return ", ".join(str(sector) for sector in record.sector_list) or "—"

    def render_certificates(self, record):
        return certificates_cell(record, timezone.localdate())


def status_badge(review) -> str:
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        STATUS_BADGES.get(review.status, "secondary"),
        review.get_status_display(),
    )


def deadline_cell(review) -> str:
    deadline = review.deadline
    if deadline is None:
        return "—"
    if review.is_editable and review.is_past_deadline():
        return format_html('{} <span class="badge text-bg-secondary">срок истёк</span>', f"{deadline:%d.%m.%Y}")
    return f"{deadline:%d.%m.%Y}"


def action_cell(review, user) -> str:
    """The review's button: «Заполнить» for its own expert while it may be changed, else «Открыть»."""
    own = user is not None and review.expert.user_id == user.pk
    if review.is_editable and review.is_past_deadline():
        url = review.get_fill_url() if own else review.get_absolute_url()
        return format_html('<a class="btn btn-sm btn-outline-secondary" href="{}">Открыть</a>', url)
    if own and review.is_editable:
        return format_html('<a class="btn btn-sm btn-primary" href="{}">Заполнить</a>', review.get_fill_url())
    return format_html('<a class="btn btn-sm btn-outline-secondary" href="{}">Открыть</a>', review.get_absolute_url())


class ReviewTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("session", "organization", "deadline", "updated_at")
    row_template = "expertise/rows/review.html"
    program = tables.Column(
        "Программа",
        accessor="session_program__program",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("session_program__program__specialty__code",),
    )
    college = tables.Column("ПОО", accessor="session_program__program__college__short_name")
    session = tables.Column("Сессия", accessor="session_program__participant__session", orderable=False)
    expert = tables.Column("Эксперт", accessor="expert", order_by=("expert__person__last_name",))
    organization = tables.Column("Организация эксперта", accessor="expert__person__organization__short_name")
    status = tables.Column()
    deadline = tables.Column("Срок заполнения", accessor="pk", orderable=False)
    updated_at = DateTimeColumn("d.m.Y H:i", verbose_name="Изменён")
    action = tables.Column("", accessor="pk", orderable=False)

    class Meta:
        model = Review
        fields = (
            "program",
            "college",
            "session",
            "expert",
            "organization",
            "status",
            "deadline",
            "updated_at",
            "action",
        )
        order_by = ("-updated_at",)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def prepare(self, records):
        for record in records:
            record.status_cell = status_badge(record)
            record.deadline_cell = deadline_cell(record)
            record.action_cell = action_cell(record, self.user)

    def render_status(self, record):
        return status_badge(record)

    def render_deadline(self, record):
        return deadline_cell(record)

    def render_action(self, record):
        return action_cell(record, self.user)


class TemplateTable(tables.Table):
    title = tables.Column(linkify=True)
    version = tables.Column()
    criteria_count = tables.Column("Критериев")
    session_count = tables.Column("Сессий")
    is_archived = tables.BooleanColumn()
    created_at = DateColumn("d.m.Y", verbose_name="Создан")

    class Meta:
        model = ChecklistTemplate
        fields = ("title", "version", "criteria_count", "session_count", "is_archived", "created_at")
        order_by = ("title", "-version")
