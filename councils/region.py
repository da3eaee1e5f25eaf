"""The councils app's figures on the region's comparison page: meetings held and the plan's execution."""

from django.db.models import Max

from cluster_portal.core.regional import Figure
from cluster_portal.core.reporting import AcademicYear

from .choices import MeetingStatus, PlanItemStatus
from .execution import executions
from .models import Meeting, PlanItem


def figures(*, cluster, year) -> list[Figure]:
    held = Meeting.objects.filter(council__cluster=cluster, status=MeetingStatus.HELD, academic_year=year.start)
    items = PlanItem.objects.filter(plan__cluster=cluster, plan__year=year.plan_year).select_related("plan")
    statuses = [run.status for run in executions(items).values()]
    plan = f"План работы на {year.plan_year} год"
    return [
        Figure("Советы", "Проведено заседаний", held.count()),
        Figure(plan, "Пунктов плана", len(statuses)),
        Figure(plan, "Выполнено", statuses.count(PlanItemStatus.DONE)),
        Figure(plan, "Просрочено", statuses.count(PlanItemStatus.OVERDUE)),
    ]


def latest() -> AcademicYear | None:
    """The latest academic year with a meeting held."""
    start = Meeting.objects.filter(status=MeetingStatus.HELD).aggregate(start=Max("academic_year"))["start"]
    return AcademicYear(start) if start is not None else None
