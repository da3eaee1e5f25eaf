"""Every PDF the portal makes, on the seed's demo data: tagged, titled, numbered, inside its pages.

poppler's pdfinfo and pdftotext read the files as a department's archive would; the tests are
skipped, with the reason, where poppler is not installed.
"""

import re
import shutil
import subprocess
import zlib

import pytest

from cluster_portal.core.pdf import words_near_the_right_edge
from cluster_portal.core.roles import Role

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
        reason="нет pdftotext/pdfinfo (apt-get install poppler-utils)",
    ),
]

DEMO_NOTE = "Внимание: демонстрационные данные"
PAGE = re.compile(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', re.S)


@pytest.fixture
def demo(users, demo_cluster):
    return demo_cluster


def draft_protocol_of_a_demo_meeting():
    """The minutes of the seed's first held meeting, drafted as the secretary would, with a long agenda."""
    from councils import services
    from councils.models import AgendaItem, Meeting

    meeting = Meeting.objects.filter(status="held", is_demo=False).order_by("date").first()
    for order in range(AgendaItem.objects.filter(meeting=meeting).count() + 1, 9):
        AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title="О ходе реализации образовательно-производственного взаимодействия с предприятиями-партнёрами",
            speaker_text="Пояркова О.Н., заместитель директора ОГБПОУ «ТЭПК»",
        )
    seats = list(meeting.council.members.order_by("order"))
    services.meeting_record_attendance(meeting=meeting, present=[seat.person for seat in seats])
    items = {
        item.pk: {"heard": "Пояркову О.Н. о результатах. " * 12, "votes_for": len(seats) - 1, "votes_abstained": 1}
        for item in meeting.agenda_items.all()
    }
    services.meeting_record_minutes(
        meeting=meeting, number="1", date=meeting.date, chair=None, secretary=None, items=items
    )
    return meeting


def approved_annual_report(settings, tmp_path) -> str:
    """The kept PDF of the 2021/2022 report approved now by the secretary (what a job does), as its download URL."""
    from cluster_portal.core.reporting import AcademicYear
    from cluster_portal.core.templatetags.portal import file_url
    from cluster_portal.reports.approval import version_approve
    from members.models import User
    from members.selectors import default_cluster

    settings.MEDIA_ROOT = tmp_path / "media"
    secretary = User.objects.get(username="t-secretary")
    version = version_approve(cluster=default_cluster(), year=AcademicYear(2021), user=secretary)
    return file_url(version, "pdf")


def job_file(client, url: str) -> str:
    """POST ``url`` (a button that starts a file job), run the job as a worker would: the download URL."""
    from cluster_portal.jobs.models import JobStatus
    from cluster_portal.jobs.services import job_run
    from cluster_portal.jobs.testing import job_started_by

    response = client.post(url)
    assert response.status_code == 302, (url, response.status_code)
    job = job_started_by(response)
    assert job_run(job_id=str(job.pk)) == JobStatus.DONE, job.error
    job.refresh_from_db()
    return job.result_url


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def every_pdf(client, annual_report: str) -> dict[str, str]:
    """Name → URL of each kind of PDF the portal renders, on the demo data."""
    from expertise.models import ChecklistTemplate, ExpertSession, Review

    review = Review.objects.filter(submitted_at__isnull=False).order_by("pk").first() or Review.objects.first()
    return {
        "annual report": annual_report,
        "protocol": f"/councils/meetings/{draft_protocol_of_a_demo_meeting().pk}/protocol.pdf",
        "checklist": f"/expertise/reviews/{review.pk}/pdf/",
        "blank checklist": f"/expertise/templates/{ChecklistTemplate.objects.order_by('pk').first().pk}/pdf/",
        "session results": f"/expertise/{ExpertSession.objects.order_by('pk').first().pk}/results/pdf/",
        "brochure": job_file(client, "/programs/brochure/?year=2021"),
    }


def poppler(tool, path, *args) -> str:
    return subprocess.run([tool, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_pdf_is_tagged_titled_numbered_and_inside_its_pages(client_as, demo, settings, tmp_path):
    client = client_as(Role.SECRETARY)
    noted = []
    for name, url in every_pdf(client, approved_annual_report(settings, tmp_path)).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        content = body(response)
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(content)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), (name, info)
        title = re.search(r"^Title:\s+(.+)$", info, re.M)
        assert title and title[1].strip(), (name, info)
        pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1])
        text = " ".join(poppler("pdftotext", path).split())
        assert f"Стр. {pages} из {pages}" in text, name
        assert title[1].strip() in text, (name, "the title is printed", title[1])
        if name in ("annual report", "protocol", "checklist", "blank checklist"):
            assert words_near_the_right_edge(content) == [], name
        first_page = " ".join(poppler("pdftotext", path, "-f", "1", "-l", "1").split())
        if DEMO_NOTE in first_page:
            noted.append(name)
            assert first_page.index(DEMO_NOTE) > 0, (name, "the title comes first, then the demo note", first_page)
    assert {"session results", "brochure"} <= set(noted)


def test_the_work_plan_of_the_annual_report_is_on_landscape_pages(client_as, demo, settings, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(body(client_as(Role.SECRETARY).get(approved_annual_report(settings, tmp_path))))
    plan_pages = [
        (float(width), text)
        for width, text in PAGE.findall(poppler("pdftotext", path, "-bbox"))
        if ">Исполнители<" in text
    ]
    assert plan_pages and all(width > 800 for width, _body in plan_pages)


def test_pdf_language_is_russian(client_as, demo, settings, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(body(client_as(Role.SECRETARY).get(approved_annual_report(settings, tmp_path))))
    assert b"/Lang (ru)" in inflated(path.read_bytes())


def inflated(raw: bytes) -> bytes:
    """The PDF with its compressed streams (the catalog sits in an object stream) inflated."""
    parts = [raw]
    for match in re.finditer(rb"stream\r?\n", raw):
        try:
            parts.append(zlib.decompressobj().decompress(raw[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)
