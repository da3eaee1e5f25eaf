"""Reads of the practice app: scoped lists, collection progress, analytics and checklist figures.

The definitions every figure uses are in ``conditions``.
"""

from .analytics import (
    FACTORS,
    Analytics,
    Factor,
    FactorRow,
    RateRow,
    Scope,
    analytics,
    latest_cohort,
    latest_monitored_year,
    rates_by_specialty,
    total_row,
)
from .conditions import (
    GRADUATION_MONTH_DAY,
    employed_exists,
    employment_statuses,
    percent,
    placement_exists,
    within_year_of_graduation,
)
from .data_collections import (
    PROGRESS_LABELS,
    Progress,
    academic_year_bounds,
    collection_links,
    collection_progress,
    submission_is_late,
)
from .figures import ChecklistFigures, base_figures, program_checklist_figures
from .lists import (
    access_log_list,
    agreement_list,
    collection_list,
    internship_list,
    outcome_list,
    overview,
    placement_list,
    practice_base_list,
    student_list,
    submission_list,
)

__all__ = [
    "FACTORS",
    "GRADUATION_MONTH_DAY",
    "PROGRESS_LABELS",
    "Analytics",
    "ChecklistFigures",
    "Factor",
    "FactorRow",
    "Progress",
    "RateRow",
    "Scope",
    "academic_year_bounds",
    "access_log_list",
    "agreement_list",
    "analytics",
    "base_figures",
    "collection_links",
    "collection_list",
    "collection_progress",
    "employed_exists",
    "employment_statuses",
    "internship_list",
    "latest_cohort",
    "latest_monitored_year",
    "outcome_list",
    "overview",
    "percent",
    "placement_exists",
    "placement_list",
    "practice_base_list",
    "program_checklist_figures",
    "rates_by_specialty",
    "student_list",
    "submission_is_late",
    "submission_list",
    "total_row",
    "within_year_of_graduation",
]
