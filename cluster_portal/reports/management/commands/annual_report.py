"""manage.py annual_report 2021-2022 -o report.pdf"""

from django.core.management.base import BaseCommand, CommandError

from cluster_portal.core.reporting import AcademicYear
from cluster_portal.reports.services import annual_report_pdf
from members.models import Cluster
from members.selectors import default_cluster


class Command(BaseCommand):
    help = "Формирует PDF годового отчёта кластера за учебный год (тот же, что на странице отчёта)."

    def add_arguments(self, parser):
        parser.add_argument("year", help="Учебный год, например 2021-2022")
        parser.add_argument("-o", "--output", required=True, help="Куда записать PDF")
        parser.add_argument("--cluster", type=int, help="Номер кластера (по умолчанию — первый)")

    def handle(self, *args, year, output, cluster, **options):
        try:
            academic_year = AcademicYear.parse(year)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        target = Cluster.objects.filter(pk=cluster).first() if cluster else default_cluster()
        if target is None:
            raise CommandError("Кластер не найден: загрузите данные (manage.py seed_demo) или укажите --cluster.")
        pdf = annual_report_pdf(cluster=target, year=academic_year)
        with open(output, "wb") as handle:
            handle.write(pdf)
        self.stdout.write(f"Отчёт за {academic_year.label} учебный год: {output} ({len(pdf) // 1024} КБ)")
