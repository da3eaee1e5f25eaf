"""The analytics export as its user gets it: «Экспорт в Excel» queues a job, the worker writes the file."""

from io import BytesIO

from openpyxl import load_workbook

from cluster_portal.jobs.models import JobStatus
from cluster_portal.jobs.testing import job_started_by, run_to_download


def exported_workbook(client, query: str = ""):
    """POST the export for ``query``, run its job as a worker would and open the downloaded workbook."""
    response = client.post(f"/practice/analytics/export/?{query}")
    assert response.status_code == 302, response.status_code
    job = job_started_by(response)
    assert job.status == JobStatus.QUEUED  # the request built nothing
    download = run_to_download(client, job)
    return load_workbook(BytesIO(b"".join(download.streaming_content)), read_only=True)
