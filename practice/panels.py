"""Dashboard panel of the practice app."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from cluster_portal.core import dashboard
from cluster_portal.core.dashboard import Figure, Panel
from cluster_portal.core.roles import Role, role_of

from .choices import SubmissionStatus
from .models import Submission
from .selectors import latest_cohort

OPEN = (SubmissionStatus.PENDING, SubmissionStatus.RETURNED)


@dashboard.reads("practice", "programs", "members")
def practice_panel(user):
    """Employment of the latest cohort for everyone; open collections for colleges and the coordinator."""
    role = role_of(user)
    cohort = latest_cohort()
    demo = bool(cohort and cohort.demo)
    figures = []
    url = reverse("practice:analytics")
    if cohort:
        share = cohort.employed_share
        figures.append(
            Figure(
                f"Выпуск {cohort.year}: выпускников",
                cohort.graduates,
                f"{url}?year_from={cohort.year}&year_to={cohort.year}",
            )
        )
        figures.append(
            Figure(
                "Трудоустроены по специальности в течение года",
                f"{number_format(share, 1)} %" if share is not None else "—",
            )
        )
        figures.append(Figure("Приглашения на работу по итогам практики", cohort.job_offers))
    today = timezone.localdate()
    submissions = Submission.objects.filter(collection__is_closed=False)
    if role == Role.COLLEGE:
        mine = submissions.filter(college=user.organization_id).aggregate(
            open=Count("pk", filter=Q(status__in=OPEN)),
            late=Count("pk", filter=Q(status__in=OPEN, collection__deadline__lt=today)),
        )
        figures.append(
            Figure(
                "Сборы данных ждут ответа ПОО", mine["open"], reverse("practice:submission_list") + "?status=pending"
            )
        )
        if mine["late"]:
            figures.append(Figure("Из них просрочено", mine["late"], hint="Срок представления прошёл"))
    elif role == Role.COORDINATOR:
        counts = submissions.aggregate(
            review=Count("pk", filter=Q(status=SubmissionStatus.SUBMITTED)),
            late=Count("pk", filter=Q(status__in=OPEN, collection__deadline__lt=today)),
        )
        figures.append(
            Figure(
                "Ответы ПОО на проверке", counts["review"], reverse("practice:submission_list") + "?status=submitted"
            )
        )
        figures.append(Figure("ПОО просрочили сбор данных", counts["late"], reverse("practice:datacollection_list")))
    if not figures:
        return None
    return Panel(title="Практика и трудоустройство", figures=figures, order=50, demo=demo)
