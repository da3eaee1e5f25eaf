"""manage.py pdf_edges: the documents a department files, rendered from the database as it is (a ``make bench``
database at x10, say), checked for words within 20 pt of the right page edge."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test import Client
from django.utils.text import slugify

from cluster_portal.core.pdf import words_near_the_right_edge


def annual_report() -> bytes:
    """The 2021/2022 report as «Скачать PDF» builds it (a job on the site; here in the command itself)."""
    from cluster_portal.core.reporting import AcademicYear
    from cluster_portal.reports.services import annual_report_pdf
    from members.selectors import default_cluster

    return annual_report_pdf(cluster=default_cluster(), year=AcademicYear(2021))


def documents() -> dict:
    """Name → URL (or the function that builds it): the annual report, the largest checklist, the largest
    session's results and protocols."""
    from councils.models import Meeting
    from expertise.models import ChecklistTemplate, ExpertSession, Review

    urls = {"Годовой отчёт 2021/2022": annual_report}
    review = Review.objects.annotate(n=Count("answers")).order_by("-n", "pk").first()
    if review is not None:
        urls[f"Экспертный лист {review.pk}"] = f"/expertise/reviews/{review.pk}/pdf/"
    template = ChecklistTemplate.objects.annotate(n=Count("sections__criteria")).order_by("-n", "pk").first()
    if template is not None:
        urls[f"Бланк экспертного листа {template.pk}"] = f"/expertise/templates/{template.pk}/pdf/"
    session = ExpertSession.objects.annotate(n=Count("participants__programs")).order_by("-n", "pk").first()
    if session is not None:
        urls[f"Результаты экспертной сессии {session.pk}"] = f"/expertise/{session.pk}/results/pdf/"
    meetings = (
        Meeting.objects.filter(minutes__isnull=False)
        .annotate(items=Count("agenda_items", distinct=True), decisions=Count("agenda_items__decisions"))
        .order_by("-decisions", "-items", "pk")
    )
    for status, label in (("signed", "подписан"), ("draft", "проект")):
        meeting = meetings.filter(minutes__status=status).first()
        if meeting is not None:
            urls[f"Протокол ({label}) заседания {meeting.pk}"] = f"/councils/meetings/{meeting.pk}/protocol.pdf"
    return urls


class Command(BaseCommand):
    help = "PDF в полях: ни одного слова ближе 20 pt к правому краю (годовой отчёт, экспертный лист, протоколы)."

    def add_arguments(self, parser):
        parser.add_argument("--save", metavar="DIR", help="Сохранить PDF в эту папку (чтобы посмотреть страницы)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            raise CommandError("Нет суперпользователя: PDF строятся от его имени.")
        client = Client()
        client.force_login(user)
        failures = 0
        for name, url in documents().items():
            content = url() if callable(url) else self.fetch(client, name, url)
            if options["save"]:
                Path(options["save"], f"{slugify(name, allow_unicode=True)}.pdf").write_bytes(content)
            near = words_near_the_right_edge(content)
            failures += len(near)
            verdict = "в полях" if not near else f"слов у правого края: {len(near)}, например {near[:3]}"
            self.stdout.write(f"{name} ({len(content) // 1024} КБ): {verdict}")
        if failures:
            raise CommandError(f"Слов ближе 20 pt к правому краю: {failures}")

    @staticmethod
    def fetch(client, name: str, url: str) -> bytes:
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{name}: {url} ответил {response.status_code}")
        return response.content
