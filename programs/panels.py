"""Dashboard panel of the program bank."""

from django.urls import reverse

from cluster_portal.core import dashboard
from cluster_portal.core.access import may
from cluster_portal.core.dashboard import Figure, Panel
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role, role_of
from members.selectors import default_cluster

from .choices import TargetStatus
from .models import AdmissionTarget
from .selectors import admission_target_list, program_counts, program_list, running_in


@dashboard.reads("programs", "members")
def program_bank_panel(user):
    """Programs running this academic year; for colleges their own; for the coordinator pending КЦП."""
    cluster = default_cluster()
    if cluster is None:
        return None
    year = AcademicYear.current()
    counts = program_counts(cluster=cluster, year=year)
    url = reverse("programs:program_list")
    figures = [
        Figure(f"Программ в {year.label} уч. году", counts.total, f"{url}?year={year.start}"),
        Figure("из них реализуются несколькими ПОО", counts.multi_college),
    ]
    if role_of(user) == Role.COLLEGE and user.organization_id:
        own = running_in(program_list(user=user).filter(college_id=user.organization_id), year.start).count()
        figures.append(Figure("Программ моей ПОО", own, f"{url}?college={user.organization_id}&year={year.start}"))
    if may(user, AdmissionTarget, "view"):
        pending = admission_target_list(user=user).exclude(status=TargetStatus.AGREED).count()
        figures.append(
            Figure(
                "КЦП ждут согласования или доработки",
                pending,
                reverse("programs:admissiontarget_list") + "?status=proposed",
            )
        )
    return Panel(title="Банк программ", figures=figures, order=20, demo=counts.demo)
