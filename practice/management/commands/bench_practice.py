"""manage.py bench_practice [--rows N] [--placements N]: time the outcome import and the analytics page."""

from django.core.management.base import BaseCommand

from practice import bench


class Command(BaseCommand):
    help = "Замер: загрузка 50 000 строк трудоустройства и страница аналитики при 100 000 практик."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=50_000, help="Строк в файле трудоустройства")
        parser.add_argument("--placements", type=int, default=100_000, help="Практик для страницы аналитики")
        parser.add_argument("--keep", action="store_true", help="Не удалять сгенерированные данные")

    def handle(self, *args, rows, placements, keep, **options):
        for line in bench.run(rows=rows, placements=placements, keep=keep):
            self.stdout.write(line)
