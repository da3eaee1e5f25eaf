"""The practice app's evidence for the work plan: teacher internships at partner enterprises."""

from __future__ import annotations

from councils.evidence import yearly
from members.selectors import names_as_of

from .models import TeacherInternship

# An internship fulfils once it has ended.
PROVIDER = yearly(
    "practice.internships",
    "Стажировки преподавателей года",
    TeacherInternship,
    kind="Стажировка преподавателя",
    title=lambda r: f"{r.college.short_name} → {r.enterprise.short_name}: {r.topic}",
    start="date_start",
    end="date_end",
    rows=lambda internships: internships.select_related("college", "enterprise"),
    # Named as on the day the internship ended: a later renaming does not rewrite the record.
    prepare=lambda internships: names_as_of(
        (org, r.date_end) for r in internships for org in (r.college, r.enterprise)
    ),
)
