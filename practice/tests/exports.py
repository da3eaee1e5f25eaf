"""The analytics export as its user gets it: «Экспорт в Excel» queues a job, the worker writes the file."""

from io import BytesIO

from openpyxl import load_workbook

from cluster_portal.jobs.models import Job, JobStatus
from cluster_portal.jobs.services import job_run


def exported_workbook(client, query: str = ""):
    """POST the export for ``query``, run its job as a worker would and open the downloaded workbook."""
    response = client.post(f"/practice/analytics/export/?{query}")
    assert response.status_code == 302, response.status_code
    job = Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.status == JobStatus.QUEUED  # the request built nothing
    assert job_run(job_id=str(job.pk)) == JobStatus.DONE
    job.refresh_from_db()
    download = client.get(job.result_url)
    return load_workbook(BytesIO(b"".join(download.streaming_content)), read_only=True)
