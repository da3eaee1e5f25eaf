"""Approval freezes a report: a kept version (HTML, PDF/A-3b, data) with its SHA-256, compared with the live data."""

import contextlib
import hashlib
import shutil
import subprocess
import threading

import pytest
from django.contrib import admin
from django.db import connections, transaction
from django.urls import reverse

from cluster_portal.core.access import restrict
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.core.templatetags.portal import file_url
from cluster_portal.jobs.models import Job, JobStatus
from cluster_portal.jobs.services import job_run
from cluster_portal.reports import approval
from cluster_portal.reports.approval import version_approve
from cluster_portal.reports.models import AnnualReport, ReportVersion
from cluster_portal.reports.services import annual_report_save
from cluster_portal.reports.tests.test_period_true import change_everything_after_the_year, seeded  # noqa: F401
from members.selectors import default_cluster
from members.tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

NOW = AcademicYear(2026)  # the year the later changes fall in (period-true: 2021/2022 does not move)
PAGE = f"/reports/annual/{NOW.slug}/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run_last_job(client, url: str) -> Job:
    """POST ``url`` (a button of the page), check the request only queued a job, then run it as a worker would."""
    response = client.post(url)
    job = Job.objects.order_by("-created_at").first()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.QUEUED
    assert job_run(job_id=str(job.pk)) == JobStatus.DONE
    job.refresh_from_db()
    return job


def downloaded(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("нет pdftotext (apt-get install poppler-utils): текст PDF не проверить")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_an_approved_version_stays_as_approved_and_the_page_lists_what_now_differs(client_as, users, seeded):  # noqa: F811
    secretary = client_as(Role.SECRETARY)
    job = run_last_job(secretary, f"{PAGE}approve/")
    version = ReportVersion.objects.get(cluster=seeded, year=NOW.start)
    pdf = version.pdf_bytes()
    assert version.number == 1 and version.approved_by == users[Role.SECRETARY]
    assert version.sha256 == hashlib.sha256(pdf).hexdigest() == job.result["sha256"]
    assert version.data_sha256 in "".join(pdf_text(pdf).split())  # printed in the footer (the PDF's own cannot be)
    page = secretary.get(PAGE).content.decode()
    assert "Утверждён:" in page and "версия 1" in page and version.sha256 in page and version.data_sha256 in page
    assert "дают тот же отчёт" in page
    assert "версия 1, " in secretary.get("/reports/").content.decode()  # the index says which years are approved

    change_everything_after_the_year(client_as(Role.COORDINATOR), users[Role.COORDINATOR], default_cluster())
    secretary = client_as(Role.SECRETARY)
    run_last_job(secretary, f"{PAGE}draft/")  # «Обновить» on the draft
    kept = ReportVersion.objects.get(pk=version.pk)
    assert kept.pdf_bytes() == pdf and kept.sha256 == version.sha256 and kept.intact()
    page = secretary.get(PAGE).content.decode()
    notice = page[page.index('id="live-changes"') : page.index("</section>", page.index('id="live-changes"'))]
    assert "Текущие данные дают другой отчёт" in notice
    assert "Состав" in notice and "ОГБПОУ «НК»" in notice and "О новом составе кластера" in notice
    draft = secretary.get(f"{PAGE}?version=draft").content.decode()
    assert "ОГБПОУ «НК»" in draft and "Текущие данные (черновик)" in draft

    run_last_job(secretary, f"{PAGE}approve/")
    second = ReportVersion.objects.get(cluster=seeded, year=NOW.start, number=2)
    assert second.sha256 != version.sha256
    page = secretary.get(PAGE).content.decode()
    assert "версия 2" in page and "дают тот же отчёт" in page
    # version 1 stays downloadable, byte for byte, with the HTML it was approved with
    for role in (Role.SECRETARY, Role.OBSERVER):
        assert downloaded(client_as(role), file_url(version, "pdf")) == pdf
    first_page = client_as(Role.OBSERVER).get(f"{PAGE}?version=1").content.decode()
    assert "версия 1" in first_page and "ОГБПОУ «НК»" in first_page.split("<article")[0]  # listed as a change
    assert "ОГБПОУ «НК»" not in first_page.split("<article")[1]  # not in the report as approved
    html = downloaded(client_as(Role.OBSERVER), reverse("reports:annual_version_html", args=[NOW.slug, 1])).decode()
    assert version.data_sha256 in html and "ОГБПОУ «НК»" not in html


def test_the_old_pdf_address_renders_nothing_in_the_request(client_as, seeded, django_assert_max_num_queries):  # noqa: F811
    client = client_as(Role.SECRETARY)
    with django_assert_max_num_queries(12):
        response = client.get(f"{PAGE}pdf/")
    assert response.status_code == 302 and "version=draft" in response["Location"]
    run_last_job(client, f"{PAGE}approve/")
    version = ReportVersion.objects.get()
    response = client.get(f"{PAGE}pdf/")
    assert response["Location"] == file_url(version, "pdf")
    assert downloaded(client, response["Location"]) == version.pdf_bytes()


@pytest.mark.parametrize("role", [Role.COLLEGE, Role.EMPLOYER, Role.EXPERT, Role.OBSERVER])
def test_only_the_clusters_staff_approve(client_as, users, role):
    cluster = ClusterFactory()
    response = client_as(role).post(f"{PAGE}approve/?cluster={cluster.pk}")
    assert response.status_code == 403
    assert not Job.objects.exists() and not ReportVersion.objects.exists()
    with pytest.raises(PermissionError):  # the job asks again: a job queued for a role that lost the right fails
        version_approve(cluster=cluster, year=NOW, user=users[role])


def test_a_coordinator_of_another_cluster_cannot_approve_this_one(client, client_as, users):
    mine, theirs = ClusterFactory(), ClusterFactory()
    coordinator = users[Role.COORDINATOR]
    coordinator.clusters.set([mine])
    client.force_login(coordinator)
    assert client.post(f"{PAGE}approve/?cluster={theirs.pk}").status_code == 404
    assert client.get(f"{PAGE}?cluster={theirs.pk}").status_code == 404
    with pytest.raises(PermissionError):
        version_approve(cluster=theirs, year=NOW, user=coordinator)
    assert not ReportVersion.objects.exists()
    client.logout()
    assert client.post(f"{PAGE}approve/?cluster={mine.pk}").status_code == 302  # to the login page
    assert not Job.objects.exists()


def test_a_version_has_no_path_to_change_or_delete_it(client_as, users, seeded):  # noqa: F811
    client = client_as(Role.SECRETARY)
    run_last_job(client, f"{PAGE}approve/")
    version = ReportVersion.objects.get()
    for role, user in users.items():
        assert not restrict(ReportVersion.objects.all(), user, "change").exists(), role
        assert not restrict(ReportVersion.objects.all(), user, "delete").exists(), role
    assert not admin.site.is_registered(ReportVersion)
    for url in (f"{PAGE}v1/edit/", f"{PAGE}v1/delete/", f"/api/reports/versions/{version.pk}/"):
        assert client.post(url).status_code == 404, url
    client.post(file_url(version, "pdf"), {"pdf": b"%PDF-1.7 other"})  # the download view reads, whatever is posted
    with pytest.raises(ValueError, match="never rewritten"):
        version.keep(b"%PDF-1.7", name="x.pdf", user=users[Role.SECRETARY])
    assert ReportVersion.objects.get().intact()


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_the_same_moment_take_the_next_numbers_in_turn(users, monkeypatch):
    """Two «Утвердить отчёт» jobs started together: the second waits for the first and becomes version 2
    (without the year's lock both read «no version yet» and the second failed on the unique number)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite runs one writer at a time)")
    cluster = ClusterFactory()
    coordinator = users[Role.COORDINATOR]
    coordinator.clusters.set([cluster])
    together = threading.Barrier(2, timeout=3)
    real_build = approval.build

    def build_waiting_for_the_other(**kwargs):
        # Both approvals reach the build together, as they would without the lock; with it, the first waits
        # here in vain (the second is held at the lock) and goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            together.wait()
        return real_build(**kwargs)

    monkeypatch.setattr(approval, "build", build_waiting_for_the_other)
    numbers, errors = [], []

    def approve():
        try:
            numbers.append(version_approve(cluster=cluster, year=NOW, user=coordinator).number)
        except Exception as exc:  # the test reports what a job would have failed with
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and sorted(numbers) == [1, 2]
    assert list(ReportVersion.objects.filter(cluster=cluster).order_by("number").values_list("number", flat=True)) == [
        1,
        2,
    ]


@pytest.mark.django_db(transaction=True)
def test_the_years_texts_stay_editable_while_an_approval_builds(users, monkeypatch):
    """An approval can build for minutes at scale: the secretary saving the year's texts meanwhile is not held up
    (the approvals queue on a lock of their own, not on the texts' row)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the queue is a PostgreSQL advisory lock (SQLite runs one writer at a time)")
    cluster = ClusterFactory()
    coordinator = users[Role.COORDINATOR]
    coordinator.clusters.set([cluster])
    texts = AnnualReport.objects.create(cluster=cluster, year=NOW.start)
    building, saved = threading.Event(), threading.Event()
    real_build = approval.build

    def build_until_the_texts_are_saved(**kwargs):
        building.set()
        saved.wait(timeout=30)
        return real_build(**kwargs)

    monkeypatch.setattr(approval, "build", build_until_the_texts_are_saved)
    errors = []

    def approve():
        try:
            version_approve(cluster=cluster, year=NOW, user=coordinator)
        except Exception as exc:  # the test reports what a job would have failed with
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=approve)
    thread.start()
    try:
        assert building.wait(timeout=30)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            annual_report_save(report=texts, texts={"results_text": "Итоги года"}, order=[], hidden=[])
    finally:
        saved.set()
        thread.join(timeout=120)
    assert errors == []
    assert ReportVersion.objects.filter(cluster=cluster).count() == 1
