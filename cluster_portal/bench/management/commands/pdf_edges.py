"""manage.py pdf_edges: the documents a department files, rendered from the database as it is (a ``make bench``
database at x10, say), checked for words within 20 pt of the right page edge."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test import Client

from cluster_portal.core.pdf import words_near_the_right_edge


def documents() -> dict[str, str]:
    """Name → URL: the annual report, and the largest checklist and protocols of the data."""
    from councils.models import Meeting
    from expertise.models import ChecklistTemplate, Review

    urls = {"Годовой отчёт 2021/2022": "/reports/annual/2021-2022/pdf/"}
    review = Review.objects.annotate(n=Count("answers")).order_by("-n", "pk").first()
    if review is not None:
        urls[f"Экспертный лист {review.pk}"] = f"/expertise/reviews/{review.pk}/pdf/"
    template = ChecklistTemplate.objects.annotate(n=Count("sections__criteria")).order_by("-n", "pk").first()
    if template is not None:
        urls[f"Бланк экспертного листа {template.pk}"] = f"/expertise/templates/{template.pk}/pdf/"
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

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            raise CommandError("Нет суперпользователя: PDF строятся от его имени.")
        client = Client()
        client.force_login(user)
        failures = 0
        for name, url in documents().items():
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{name}: {url} ответил {response.status_code}")
            near = words_near_the_right_edge(response.content)
            failures += len(near)
            verdict = "в полях" if not near else f"слов у правого края: {len(near)}, например {near[:3]}"
            self.stdout.write(f"{name} ({len(response.content) // 1024} КБ): {verdict}")
        if failures:
            raise CommandError(f"Слов ближе 20 pt к правому краю: {failures}")
