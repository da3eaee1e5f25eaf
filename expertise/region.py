"""The expertise app's figures on the region's comparison page: sessions, programs reviewed, checklists."""

from django.db.models import Count, Q

from cluster_portal.core.regional import Figure

from .choices import ReviewStatus
from .models import ExpertSession, Review, SessionProgram


def figures(*, cluster, year) -> list[Figure]:
    sessions = ExpertSession.objects.filter(cluster=cluster, date_from__range=(year.first_day, year.last_day))
    programs = SessionProgram.objects.filter(participant__session__in=sessions)
    reviews = Review.objects.filter(session_program__in=programs).aggregate(
        total=Count("pk"), submitted=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED))
    )
    return [
        Figure("Экспертиза программ", "Экспертных сессий", sessions.count()),
        Figure("Экспертиза программ", "Программ на экспертизе", programs.count()),
        Figure("Экспертиза программ", "Экспертных листов назначено", reviews["total"]),
        Figure("Экспертиза программ", "из них отправлено", reviews["submitted"]),
    ]
