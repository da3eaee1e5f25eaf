"""Dashboard panels of the expertise app."""

from django.db.models import Count
from django.urls import reverse

from cluster_portal.core import dashboard
from cluster_portal.core.dashboard import Figure, Panel
from cluster_portal.core.roles import STAFF_ROLES, Role, role_of

from .choices import ReviewStatus
from .selectors import expiring_certificates, my_review_counts, session_list


@dashboard.reads("expertise")
def my_reviews_panel(user):
    """An expert's own checklists: what is still to fill in."""
    if role_of(user) != Role.EXPERT:
        return None
    counts = my_review_counts(user=user)
    url = reverse("expertise:review_list")
    return Panel(
        title="Мои экспертные листы",
        order=5,
        figures=[
            Figure("К заполнению", counts["open"], url, hint="не начатые, черновики и возвращённые"),
            Figure("Возвращено на доработку", counts["returned"], f"{url}?status={ReviewStatus.RETURNED}"),
            Figure("Отправлено", counts["submitted"], f"{url}?status={ReviewStatus.SUBMITTED}"),
        ],
    )


@dashboard.reads("expertise", "programs", "members")
def expertise_panel(user):
    """For the coordinator and secretary: the latest session's progress and expiring certificates."""
    if role_of(user) not in STAFF_ROLES:
        return None
    session = session_list(user=user).order_by("-date_from", "-pk").first()
    expiring = expiring_certificates(user=user).aggregate(n=Count("pk"), experts=Count("expert", distinct=True))
    figures = []
    if session is not None:
        figures.append(Figure(f"Сессия {session.period}: программ", session.program_count, session.get_absolute_url()))
        figures.append(
            Figure(
                "Экспертных листов отправлено",
                f"{session.submitted_count} из {session.review_count}",
                reverse("expertise:expertsession_results", args=[session.pk]),
            )
        )
    figures.append(
        Figure(
            "Сертификаты экспертов истекают (60 дней) или истекли",
            expiring["n"],
            reverse("expertise:expert_list") + "?expiring=true",
            hint=f"экспертов: {expiring['experts']}" if expiring["n"] else "",
        )
    )
    demo = session is not None and session.is_demo
    return Panel(title="Экспертиза программ", order=40, figures=figures, demo=demo)
