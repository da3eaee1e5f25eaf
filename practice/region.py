"""The practice app's figures on the region's comparison page: graduates of the year and their employment."""

from django.db.models import Count, Q

from cluster_portal.core.regional import Figure
from programs.selectors import member_colleges

from .models import Student
from .selectors.conditions import employed_exists, percent


def figures(*, cluster, year) -> list[Figure]:
    graduates = Student.objects.filter(
        college__in=member_colleges(cluster=cluster, year=year), graduation_year=year.start + 1
    ).aggregate(
        total=Count("pk"),
        by_specialty=Count("pk", filter=Q(employed_exists(by_specialty=True))),
        employed=Count("pk", filter=Q(employed_exists(by_specialty=False))),
    )
    share = percent(graduates["by_specialty"], graduates["total"])
    group = f"Выпуск {year.start + 1} года"
    return [
        Figure(group, "Выпускников (в базе портала)", graduates["total"]),
        Figure(group, "Трудоустроены", graduates["employed"]),
        Figure(group, "из них по специальности", graduates["by_specialty"]),
        Figure(
            group,
            "Доля трудоустроенных по специальности, %",
            str(share).replace(".", ",") if share is not None else "—",
        ),
    ]
