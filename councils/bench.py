"""Key pages of the councils app for ``make bench`` (their data is the seed's at every scale)."""

from cluster_portal.core.benchmark import BenchPage

PAGES = [
    BenchPage(
        "Заседания советов", "/councils/meetings/", "secretary", "councils.Meeting", ("date", "period", "status")
    ),
    BenchPage(
        "Решения советов", "/councils/decisions/", "secretary", "councils.Decision", ("text", "due_date", "status")
    ),
    BenchPage(
        "Пункты планов работы",
        "/councils/plans/items/",
        "secretary",
        "councils.PlanItem",
        ("number", "title", "status"),
    ),
]


def register() -> None:
    """Called by ``manage.py bench`` (benchmark.autodiscover), never at start-up."""
    from cluster_portal.core import benchmark

    benchmark.register_pages(PAGES)
