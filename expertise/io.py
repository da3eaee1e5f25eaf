"""Excel columns of the expertise lists and results, and the import of experts' certificates."""

from cluster_portal.core.imports import ByName, Code, ImportKind, Name
from cluster_portal.core.imports.cells import word
from cluster_portal.core.imports.kinds import short_list
from cluster_portal.core.xlsx import Column

from .models import Expert, ExpertCertificate

SESSION_COLUMNS = [
    Column("Наименование", "title", width=40),
    Column("Начало", "date_from", width=12),
    Column("Окончание", "date_to", width=12),
    Column("ПОО", "college_count", width=8),
    Column("Программ", "program_count", width=10),
    Column("Листов назначено", "review_count", width=10),
    Column("Листов отправлено", "submitted_count", width=10),
    Column("Экспертный лист", "template", width=40),
]

EXPERT_COLUMNS = [
    Column("ФИО", "person", getter=lambda e: e.person.full_name, width=35),
    Column("Организация", "organization", getter=lambda e: e.person.organization.short_name, width=30),
    Column("Должность", "position", getter=lambda e: e.person.position, width=30),
    Column("Область экспертизы", "specialization", width=30),
    Column("Отрасли", "sectors", getter=lambda e: "; ".join(s.name for s in e.sector_list), width=30),
    Column(
        "Сертификаты",
        "certificates",
        getter=lambda e: "; ".join(
            f"{c}{f' (до {c.valid_until:%d.%m.%Y})' if c.valid_until else ''}" for c in e.certificate_list
        ),
        width=50,
    ),
    Column("Ближайшее окончание срока", "next_expiry", width=14),
    Column("Привлекается", "is_active", width=10),
]

REVIEW_COLUMNS = [
    Column("Сессия", "session", getter=lambda r: str(r.session_program.participant.session), width=40),
    Column("ПОО", "college", getter=lambda r: r.session_program.program.college.short_name, width=25),
    Column("Программа", "program", getter=lambda r: f"{r.session_program.program.specialty}", width=50),
    Column("Эксперт", "expert", getter=lambda r: r.expert.person.full_name, width=30),
    Column("Организация эксперта", "organization", getter=lambda r: r.expert.person.organization.short_name, width=30),
    Column("Состояние", "status", getter=lambda r: r.get_status_display(), width=18),
    Column("Отправлен", "submitted_at", width=16),
]

TEMPLATE_COLUMNS = [
    Column("Наименование", "title", width=40),
    Column("Версия", "version", width=8),
    Column("Критериев", "criteria_count", width=10),
    Column("Сессий", "session_count", width=10),
    Column("В архиве", "is_archived", width=10),
    Column("Что изменено", "note", width=50),
]

# Results: one row per criterion and expert.
RESULT_COLUMNS = [
    Column("ПОО", "college", width=25),
    Column("Программа", "program", width=45),
    Column("№", "number", width=6),
    Column("Название критерия", "criterion", width=60),
    Column("Нормативное значение", "norm", width=12),
    Column("Эксперт", "expert", width=30),
    Column("Организация эксперта", "organization", width=30),
    Column("Значение", "value", width=10),
    Column("Оценка эксперта", "verdict", width=18),
    Column("Замечания эксперта", "remark", width=50),
    Column("Итог по критерию", "overall", width=18),
]
SUMMARY_COLUMNS = [
    Column("№", "number", width=5),
    Column("ПОО", "college", width=30),
    Column("Программа", "program", width=50),
    Column("Эксперты", "experts", width=40),
    Column("Листов отправлено", "submitted", width=12),
    Column("Критериев не соответствует", "fails", width=14),
    Column("Итог", "outcome", width=40),
]


def result_columns(*, names: bool) -> list[Column]:
    """RESULT_COLUMNS, without the expert's name for a reader who may not read it."""
    return [c for c in RESULT_COLUMNS if names or c.field != "expert"]


def result_rows(results, *, names: bool):
    """``result_columns(names=names)`` rows of program results."""
    for result in results:
        program = result.session_program.program
        for _section, rows in result.sections:
            for row in rows:
                base = (program.college.short_name, str(program.specialty), row.criterion.label, row.criterion.text)
                if not result.reviews:
                    yield (*base, row.criterion.norm_display, *([""] * (6 if names else 5)))
                for review, answer in zip(result.reviews, row.answers, strict=True):
                    expert = (review.expert.person.full_name,) if names else ()
                    yield (
                        *base,
                        row.criterion.norm_display,
                        *expert,
                        review.expert.person.organization.short_name,
                        answer.value_display if answer else "",
                        answer.get_verdict_display() if answer else "",
                        answer.remark if answer else "",
                        row.verdict_label,
                    )


def summary_rows(results, *, names: bool):
    """SUMMARY_COLUMNS rows; «Эксперты» names the experts' organizations only for a reader without names."""
    for number, result in enumerate(results, start=1):
        program = result.session_program.program
        if names:
            experts = "; ".join(f"{r.expert} ({r.expert.person.organization})" for r in result.reviews)
        else:
            experts = "; ".join(str(r.expert.person.organization) for r in result.reviews)
        yield (
            number,
            program.college.short_name,
            str(program.specialty),
            experts,
            f"{len(result.reviews)} из {result.assigned}",
            len(result.failed_numbers),
            result.outcome.label,
        )


# Import of certificates -------------------------------------------------------------------------
CERTIFICATE_COLUMNS = [
    Column(
        "Логин эксперта",
        "expert",
        getter=lambda c: c.expert.user.username,
        help="Имя пользователя эксперта в портале.",
        cell=Name(),
        example="expert",
    ),
    Column("Наименование", "title", width=45, example="Право оценки демонстрационного экзамена"),
    Column("Компетенция", "competence", width=35),
    Column(
        "Номер",
        "number",
        help="Строка с тем же экспертом, наименованием и номером обновляет сертификат.",
        cell=Code(),
        example="0000123456",
    ),
    Column("Кем выдан", "issued_by", width=35),
    Column("Дата выдачи", "issued_on", example="15.03.2022"),
    Column("Действует до", "valid_until", help="Пусто — бессрочно.", example="15.03.2025"),
]


class ExpertByLogin(ByName):
    """An expert by the login of their user."""

    def load(self, keys, ctx):
        def everything():
            return {(word(expert.user.username),): [expert] for expert in self.queryset(ctx.user) if expert.user_id}

        return ctx.once("experts", everything)

    def name(self, expert):
        return f"{expert.user.username} ({expert.person})"

    def choices(self, user):
        return short_list(self.queryset(user).filter(user__isnull=False).values_list("user__username", flat=True))


def _experts(user):
    return Expert.objects.select_related("person", "user").only(
        "pk", "user__username", "person__last_name", "person__first_name", "person__middle_name"
    )


class CertificateImport(ImportKind):
    key = "expert-certificates"
    label = "Сертификаты экспертов"
    model = ExpertCertificate
    columns = CERTIFICATE_COLUMNS
    references = (
        ExpertByLogin("expert", "expert", _experts, "user", missing="Эксперт с таким логином не найден в портале."),
    )
    natural_key = ("expert", "title", "number")
    natural_key_help = (
        "Строка с тем же логином эксперта, наименованием и номером обновляет сертификат, а не создаёт новый."
    )
    success_url_name = "expertise:expert_list"
