"""Documents as jobs: «Скачать PDF» of the annual report queues a job; its page ends with the file's download."""

import pytest
from django.urls import reverse

from cluster_portal.core.roles import Role
from cluster_portal.jobs.models import Job, JobStatus
from cluster_portal.jobs.services import job_run
from cluster_portal.reports.tests.test_annual_report import seeded  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

START = "/reports/annual/2021-2022/pdf/job/"


def test_the_report_page_starts_a_pdf_job_and_the_owner_downloads_it(client_as, users, seeded):  # noqa: F811
    client = client_as(Role.SECRETARY)
    preview = client.get("/reports/annual/2021-2022/").content.decode()
    assert f'action="{START}?cluster=' in preview and 'method="post"' in preview
    response = client.post(START)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.QUEUED and job.kind == "annual_report_pdf"  # the request built nothing
    assert client.get(job.get_absolute_url()).status_code == 200

    assert job_run(job_id=str(job.pk)) == JobStatus.DONE
    job.refresh_from_db()
    assert (job.done, job.total) == (2, 2) and job.result["filename"] == "otchet-klastera-2021-2022.pdf"
    page = client.get(reverse("jobs:job_status", kwargs={"pk": job.pk})).content.decode()
    assert "Выполнено шагов: 2 из 2." in page and job.result_url in page and "every 1s" not in page
    download = client.get(job.result_url)
    assert download["Content-Type"] == "application/pdf"
    assert "otchet-klastera-2021-2022.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    # only its owner gets the file; a role without the report cannot start the job
    assert client_as(Role.OBSERVER).get(job.result_url).status_code == 404
    assert client_as(Role.COLLEGE).post(START).status_code == 403
    assert Job.objects.count() == 1
