"""Tables of the program bank's lists."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join

from cluster_portal.core.tables import NarrowScreens, RowTemplate

from .choices import Level
from .models import AdditionalProgram, AdmissionRound, AdmissionTarget, Program, Specialty

LEVEL_SHORT = {Level.MID_LEVEL: "ППССЗ", Level.SKILLED_WORKERS: "ППКРС"}


def _flags(specialty) -> str:
    marks = []
    if specialty.is_top50:
        marks.append(("ТОП-50", "text-bg-primary"))
    if specialty.is_regional_priority:
        marks.append(("приоритет", "text-bg-success"))
    if specialty.is_advanced_competence:
        marks.append(("опережающая", "text-bg-warning"))
    return format_html_join("", '<span class="badge {} me-1">{}</span>', ((css, label) for label, css in marks))


class SpecialtyTable(tables.Table):
    code = tables.Column(linkify=True)
    name = tables.Column(linkify=lambda record: record.get_absolute_url())
    group = tables.Column(verbose_name="УГПС", accessor="group__code", order_by=("group__code",))
    flags = tables.Column("Отметки", accessor="pk", orderable=False, empty_values=())

    class Meta:
        model = Specialty
        fields = ("code", "name", "level", "group", "flags")
        order_by = ("code",)

    def render_flags(self, record):
        return _flags(record) or "—"


def level_abbr(specialty) -> str:
    return format_html('<abbr title="{}">{}</abbr>', specialty.get_level_display(), LEVEL_SHORT[specialty.level])


def program_flags(program) -> str:
    extra = []
    if program.network_form:
        extra.append(("сетевая", "text-bg-light border"))
    if program.dual_training:
        extra.append(("дуальное", "text-bg-light border"))
    if not program.is_published:
        extra.append(("не в каталоге", "text-bg-secondary"))
    own = format_html_join("", '<span class="badge {} me-1">{}</span>', ((css, label) for label, css in extra))
    return (_flags(program.specialty) + own) or "—"


class ProgramTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("level", "base_education", "years", "flags", "partners")
    row_template = "programs/rows/program.html"
    code = tables.Column("Код", accessor="specialty__code", linkify=lambda record: record.get_absolute_url())
    specialty = tables.Column(
        "Специальность (профессия)", accessor="specialty__name", linkify=lambda record: record.get_absolute_url()
    )
    college = tables.Column("ПОО", accessor="college__short_name")
    level = tables.Column("Уровень", accessor="specialty__level", order_by=("specialty__level",))
    years = tables.Column("Годы реализации", accessor="first_year", order_by=("first_year",))
    flags = tables.Column("Отметки", accessor="pk", orderable=False, empty_values=())
    partners = tables.Column("Партнёры", accessor="pk", orderable=False, empty_values=())

    class Meta:
        model = Program
        fields = ("code", "specialty", "college", "level", "study_form", "base_education", "years", "flags")
        sequence = (*fields, "partners")
        order_by = ("code", "college")

    def prepare(self, records):
        for record in records:
            record.level_cell = level_abbr(record.specialty) if record.specialty.get_level_display() else ""
            record.flags_cell = program_flags(record)

    def render_level(self, record):
        return level_abbr(record.specialty)

    def render_years(self, record):
        return f"{record.first_year}–{record.last_year}" if record.last_year else f"с {record.first_year}"

    def render_flags(self, record):
        return program_flags(record)

    def render_partners(self, record):
        return ", ".join(p.short_name for p in record.partner_list) or "—"


class AdditionalProgramTable(tables.Table):
    title = tables.Column(linkify=True)
    college = tables.Column(accessor="college__short_name")
    group = tables.Column(verbose_name="УГПС", accessor="group__code")

    class Meta:
        model = AdditionalProgram
        fields = ("title", "college", "kind", "group", "hours", "year", "is_advanced_competence")
        order_by = ("college", "title")


class AdmissionTargetTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("name", "comment")
    row_template = "programs/rows/admission_target.html"
    specialty = tables.Column(
        "Специальность", accessor="specialty__code", linkify=lambda record: record.get_absolute_url()
    )
    name = tables.Column("Наименование", accessor="specialty__name")
    college = tables.Column(accessor="college__short_name")
    status = tables.Column()

    class Meta:
        model = AdmissionTarget
        fields = ("year", "college", "specialty", "name", "proposed", "agreed", "status", "comment")
        order_by = ("-year", "college", "specialty")

    def render_status(self, record, value):
        css = {"agreed": "text-bg-success", "returned": "text-bg-danger"}.get(record.status, "text-bg-warning")
        return format_html('<span class="badge {}">{}</span>', css, value)

    def render_comment(self, value):
        return value if len(value) <= 80 else value[:79] + "…"


class AdmissionRoundTable(tables.Table):
    year = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = AdmissionRound
        fields = ("year", "propose_by", "agree_by")
        order_by = ("-year",)
