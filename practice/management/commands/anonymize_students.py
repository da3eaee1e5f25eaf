"""manage.py anonymize_students [--years N] [--dry-run]"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from practice.services import students_anonymize

DEFAULT_YEARS = 5


class Command(BaseCommand):
    help = (
        "Обезличивает студентов, выпустившихся N и более лет назад: удаляет ФИО и заменяет номер личного дела. "
        "Срок по умолчанию — настройка PRACTICE_ANONYMIZE_AFTER_YEARS (5 лет)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=getattr(settings, "PRACTICE_ANONYMIZE_AFTER_YEARS", DEFAULT_YEARS),
            help="Через сколько лет после выпуска обезличивать",
        )
        parser.add_argument("--dry-run", action="store_true", help="Только посчитать, ничего не менять")

    def handle(self, *args, years, dry_run, **options):
        try:
            count = students_anonymize(years=years, dry_run=dry_run)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        verb = "будет обезличено" if dry_run else "обезличено"
        self.stdout.write(f"Студентов, выпустившихся {years} и более лет назад: {verb} {count}.")
