"""The program bank's figures on the region's comparison page."""

from cluster_portal.core.regional import Figure

from .selectors import member_colleges, program_counts


def figures(*, cluster, year) -> list[Figure]:
    counts = program_counts(cluster=cluster, year=year)
    return [
        Figure("Программы", "ПОО — участники в учебном году", member_colleges(cluster=cluster, year=year).count()),
        Figure("Программы", "Реализуемых программ (по специальностям)", counts.total),
        Figure("Программы", "из них — несколькими ПОО", counts.multi_college),
    ]
