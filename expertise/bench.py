"""Key pages of the expertise app for ``make bench`` (their data is the seed's at every scale)."""

from cluster_portal.core.benchmark import BenchPage

PAGES = [
    BenchPage("Экспертные сессии", "/expertise/", "coordinator", "expertise.ExpertSession", ("title", "date_from")),
    BenchPage("Экспертные листы", "/expertise/reviews/", "coordinator", "expertise.Review", ("status", "conclusion")),
    BenchPage("Эксперты", "/expertise/experts/", "coordinator", "expertise.Expert", ("is_active",)),
]


def register() -> None:
    """Called by ``manage.py bench`` (benchmark.autodiscover), never at start-up."""
    from cluster_portal.core import benchmark

    benchmark.register_pages(PAGES)
