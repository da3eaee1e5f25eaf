"""The expertise app's sections of the annual report: expert sessions of the year and the checklist."""

from __future__ import annotations

from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet
from cluster_portal.core.xlsx import Column
from members.selectors import names_as_of

from .selectors import sessions_of_year, template_of_year, template_structure

SESSION_COLUMNS = [
    Column("№", "number", width=5),
    Column("ПОО", "college", width=45),
    Column("Название образовательной программы", "programs", width=70),
    Column("Эксперты со стороны предприятий", "enterprises", width=40),
]
CHECKLIST_COLUMNS = [
    Column("№", "number", width=6),
    Column("Название критерия", "text", width=80),
    Column("Нормативное значение", "norm", width=14),
    Column("Оценка эксперта (соответствует/ не соответствует)", "verdict", width=20),
    Column("Замечания эксперта", "remark", width=30),
]


def _of_colleges(count: int) -> str:
    """«из 3-х ПОО» as the report writes it."""
    suffix = "-х" if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14) else ""
    return f"из {count}{suffix} ПОО"


def outcome_text(programs: int, colleges: int) -> str:
    return f"{programs} ОПОП {_of_colleges(colleges)}"


def sessions_section(*, cluster, year: AcademicYear) -> ReportSection:
    sessions = sessions_of_year(cluster=cluster, first_day=year.first_day, last_day=year.last_day)
    # Colleges and enterprises named as on the session's first day.
    names_as_of(
        (org, session.date_from)
        for session in sessions
        for participant in session.participants.all()
        for org in (participant.college, *participant.enterprises.all())
    )
    tables = []
    rows_for_sheet = []
    program_ids, college_ids = set(), set()
    for session in sessions:
        rows = []
        for number, participant in enumerate(session.participants.all(), start=1):
            programs = [sp.program for sp in participant.programs.all()]
            enterprises = [o.short_name for o in participant.enterprises.all()]
            college = participant.college.name or participant.college.short_name
            rows.append({"number": f"{number}.", "college": college, "programs": programs, "enterprises": enterprises})
            rows_for_sheet.append(
                (
                    number,
                    college,
                    "\n".join(f"{p.specialty.code} {p.specialty.name}" for p in programs),
                    "; ".join(enterprises),
                )
            )
            program_ids.update(p.pk for p in programs)
            if programs:
                college_ids.add(participant.college_id)
        tables.append({"session": session, "rows": rows})
    outcome = outcome_text(len(program_ids), len(college_ids)) if program_ids else ""
    return ReportSection(
        key="expert_sessions",
        title="Участие в проведении экспертизы ОП через организацию экспертных сессий",
        template="reports/sections/expertise_expert_sessions.html",
        context={
            "tables": tables,
            "outcome": outcome,
            "program_count": len(program_ids),
            "college_count": len(college_ids),
            "year": year,
        },
        sheets=[Sheet("Экспертные сессии", SESSION_COLUMNS, rows_for_sheet)] if sessions else [],
        empty=not sessions,
    )


def checklist_section(*, cluster, year: AcademicYear) -> ReportSection:
    template = template_of_year(cluster=cluster, first_day=year.first_day, last_day=year.last_day)
    structure = template_structure(template) if template else []
    rows = [(c.label, c.text, c.norm_display, "", "") for _s, items in structure for c in items]
    return ReportSection(
        key="checklist",
        title=template.title if template else "Экспертный лист для оценки программы",
        template="reports/sections/expertise_checklist.html",
        context={"template": template, "structure": structure},
        sheets=[Sheet("Экспертный лист", CHECKLIST_COLUMNS, rows)] if template else [],
        empty=template is None,
    )


def sections(*, cluster, year: AcademicYear) -> list[ReportSection]:
    return [sessions_section(cluster=cluster, year=year), checklist_section(cluster=cluster, year=year)]
