"""A past year's report reads the state of that year: later changes leave it byte for byte as it was."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.reports.services import annual_report_html, annual_report_pdf
from councils.models import Council
from councils.tests.factories import CouncilMemberFactory
from expertise.models import ChecklistTemplate
from expertise.tests.factories import ExpertFactory
from members.forms import MembershipForm, NormativeDocumentForm, OrganizationForm
from members.models import Membership, NormativeDocument, Organization, Sector, SectorCollege
from members.selectors import default_cluster, names_on
from programs.forms import AdmissionTargetForm, ProgramForm
from programs.models import AdmissionTarget, Program, Specialty
from programs.tests.factories import ProgramFactory

YEAR = AcademicYear(2021)
LATER = dt.date(2026, 12, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(users, demo_cluster):
    return demo_cluster


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("нет pdftotext (apt-get install poppler-utils): текст PDF не проверить")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def form_data(form) -> dict:
    """What the browser posts back for an unchanged edit form."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False, "") or hasattr(value, "url"):
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def post_form(client, url: str, form, **changes) -> None:
    data = {**form_data(form), **{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in changes.items()}}
    response = client.post(url, data)
    assert response.status_code == 302, (url, response.context["form"].errors if response.context else response)


def change_everything_after_the_year(client, user, cluster) -> None:
    """What the UI lets people do after 2021/2022: join, leave, rename, open, close, appoint, revoke."""
    college = Membership.objects.filter(cluster=cluster, role="college").order_by("order").first().organization
    employer = Membership.objects.filter(cluster=cluster, role="employer").order_by("order").first()
    # Renamed organizations: a college and an employer, from a date after the year.
    for org in (college, employer.organization):
        post_form(
            client,
            reverse("members:organization_edit", args=[org.pk]),
            OrganizationForm(instance=org, user=user),
            name=f"{org.name} (переименовано)",
            short_name=f"{org.short_name[:-1]} нов.»",
            renamed_on=LATER,
        )
    # A new member, first in its group, and a new college training for a sector.
    post_form(
        client,
        reverse("members:organization_add"),
        OrganizationForm(user=user),
        kind="college",
        name="Областное государственное бюджетное ПОУ «Новый колледж»",
        short_name="ОГБПОУ «НК»",
    )
    newcomer = Organization.objects.get(short_name="ОГБПОУ «НК»")
    post_form(
        client,
        reverse("members:membership_add"),
        MembershipForm(user=user),
        cluster=cluster.pk,
        organization=newcomer.pk,
        role="college",
        date_from=LATER,
        order=0,
    )
    SectorCollege.objects.create(sector=Sector.objects.filter(cluster=cluster).first(), college=newcomer, order=0)
    # An ended membership.
    post_form(
        client,
        reverse("members:membership_edit", args=[employer.pk]),
        MembershipForm(instance=employer, user=user),
        date_to=dt.date(2026, 11, 30),
    )
    # A new document, and one that lost force after the year.
    post_form(
        client,
        reverse("members:normativedocument_add"),
        NormativeDocumentForm(user=user),
        cluster=cluster.pk,
        kind="order",
        title="О новом составе кластера",
        number="999",
        date=dt.date(2026, 11, 1),
    )
    old = NormativeDocument.objects.filter(cluster=cluster).order_by("date").first()
    post_form(
        client,
        reverse("members:normativedocument_edit", args=[old.pk]),
        NormativeDocumentForm(instance=old, user=user),
        valid_until=dt.date(2026, 11, 1),
    )
    # New programs of the new member and of an old one; a program closed after the year.
    ProgramFactory(college=newcomer, specialty=Specialty.objects.order_by("code").first(), first_year=2026)
    ProgramFactory(college=college, specialty=Specialty.objects.order_by("-code").first(), first_year=2026)
    running = Program.objects.filter(college=college, first_year__lte=2021, last_year=None).first()
    post_form(
        client,
        reverse("programs:program_edit", args=[running.pk]),
        ProgramForm(instance=running, user=user),
        last_year=2025,
    )
    change_admission_targets_after_the_year(client, user)
    # New experts, a new council member and a new version of the checklist.
    ExpertFactory.create_batch(2)
    CouncilMemberFactory(council=Council.objects.filter(cluster=cluster).first(), date_from=LATER)
    template = ChecklistTemplate.objects.order_by("-pk").first()
    ChecklistTemplate.objects.create(title=f"{template.title} (ред. 2026)", version=template.version + 1)


def change_admission_targets_after_the_year(client, user) -> None:
    """КЦП agreed on 16.05.2022: re-agreed with another number, edited, returned, deleted; new ones agreed."""
    agreed = list(AdmissionTarget.objects.filter(agreed_on=dt.date(2022, 5, 16)).order_by("pk")[:4])
    assert len(agreed) == 4
    review = reverse("programs:admissiontarget_review", args=[agreed[0].pk])
    response = client.post(review, {"decision": "agree", "agreed": agreed[0].agreed + 10, "comment": ""})
    assert response.status_code == 302
    # The edit form shows the old date: a new number saved with it is a decision of today.
    post_form(
        client,
        reverse("programs:admissiontarget_edit", args=[agreed[1].pk]),
        AdmissionTargetForm(instance=agreed[1], user=user),
        agreed=agreed[1].agreed + 3,
    )
    response = client.post(
        reverse("programs:admissiontarget_review", args=[agreed[2].pk]),
        {"decision": "return", "comment": "Пересчитать под новый набор"},
    )
    assert response.status_code == 302
    # An agreed target is history: deleting it is refused with a message, the row stays.
    client.post(reverse("programs:admissiontarget_delete", args=[agreed[3].pk]))
    assert AdmissionTarget.objects.filter(pk=agreed[3].pk).exists()
    # A new target of an agreed college and specialty for 2027, proposed and agreed now.
    post_form(
        client,
        reverse("programs:admissiontarget_add"),
        AdmissionTargetForm(user=user),
        college=agreed[0].college_id,
        specialty=agreed[0].specialty_id,
        year=2027,
        proposed=40,
        agreed=35,
        agreed_on=LATER,
    )
    assert AdmissionTarget.objects.get(year=2027, college=agreed[0].college_id).agreements.count() == 1


def test_later_changes_leave_a_past_years_report_byte_for_byte_as_it_was(client_as, users, seeded):
    before_html = annual_report_html(cluster=seeded, year=YEAR)
    before_pdf = pdf_text(annual_report_pdf(cluster=seeded, year=YEAR))
    assert "16.05.2022 согласованы контрольные цифры приёма в ПОО кластера на 2023 год" in before_pdf
    client = client_as(Role.COORDINATOR)
    change_everything_after_the_year(client, users[Role.COORDINATOR], seeded)

    cluster = default_cluster()
    assert annual_report_html(cluster=cluster, year=YEAR) == before_html
    assert pdf_text(annual_report_pdf(cluster=cluster, year=YEAR)) == before_pdf
    # …while the current year shows the changes.
    now = annual_report_html(cluster=cluster, year=AcademicYear(2026))
    assert "ОГБПОУ «НК»" in now and "нов.»" in now and "О новом составе кластера" in now
    assert "01.12.2026 согласованы контрольные цифры приёма в ПОО кластера на 2027 год: 35 мест" in now
    assert "КЦП, согласованных" not in before_html


def test_a_renamed_organization_keeps_its_former_name_for_the_days_before(client_as, users, seeded):
    org = Organization.objects.get(short_name="ОГБПОУ «ТЭПК»")
    client = client_as(Role.COORDINATOR)
    url = reverse("members:organization_edit", args=[org.pk])
    post_form(client, url, OrganizationForm(instance=org, user=users[Role.COORDINATOR]), short_name="ОГБПОУ «ТЭК»")
    org.refresh_from_db()
    # A second renaming cannot start before the first one ended: refused at the field, nothing saved.
    data = {
        **form_data(OrganizationForm(instance=org, user=users[Role.COORDINATOR])),
        "short_name": "X",
        "renamed_on": "2020-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "укажите более позднюю дату" in response.context["form"].errors["renamed_on"][0]
    org.refresh_from_db()
    assert org.short_name == "ОГБПОУ «ТЭК»" and org.former_names.count() == 1

    past, today = Organization.objects.get(pk=org.pk), Organization.objects.get(pk=org.pk)
    names_on([past], dt.date(2022, 8, 31))
    names_on([today], dt.date.today())
    assert (past.short_name, today.short_name) == ("ОГБПОУ «ТЭПК»", "ОГБПОУ «ТЭК»")
    assert "Прежние наименования" in client.get(org.get_absolute_url()).content.decode()
