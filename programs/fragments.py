"""What the program bank shows on other apps' pages (registered in ``ProgramsConfig.ready()``)."""

from django.urls import reverse

from cluster_portal.core.access import may
from cluster_portal.core.fragments import Fragment
from members.choices import OrganizationKind

from .models import Program


def organization_next_program(request, *, organization=None, **values):
    """On a college's page without programs: «Добавить программу», for a viewer who may add one."""
    if organization is None or organization.kind != OrganizationKind.COLLEGE or not may(request.user, Program, "add"):
        return None
    if Program.objects.filter(college=organization).exists():
        return None
    url = reverse("programs:program_add") + f"?college={organization.pk}"
    return Fragment("programs/partials/_next_step_program.html", {"url": url})
