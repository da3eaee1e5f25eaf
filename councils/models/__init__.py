"""Governance of a cluster: councils, meetings, minutes, decisions and the yearly work plan."""

from .councils import Council, CouncilMember
from .decisions import Decision
from .feeds import CalendarFeed
from .meetings import (
    YEAR,
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    Minutes,
    minutes_readers,
    responsible_for,
    votes_problem,
)
from .plans import PLAN_NUMBER, PlanItem, PlanReport, PlanSection, WorkPlan, normalize_plan_number
from .revisions import ProtocolRevision

__all__ = [
    "PLAN_NUMBER",
    "YEAR",
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "Council",
    "CouncilMember",
    "Decision",
    "Invitation",
    "Meeting",
    "Minutes",
    "PlanItem",
    "PlanReport",
    "PlanSection",
    "ProtocolRevision",
    "WorkPlan",
    "minutes_readers",
    "normalize_plan_number",
    "responsible_for",
    "votes_problem",
]
