"""manage.py seed_demo [--force] [--no-generated]: the demo data of the seed report, idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cluster_portal.core.seeding import DEMO_PASSWORD, steps


class Command(BaseCommand):
    help = "Загружает демонстрационные данные отчёта кластера 2021/2022 (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Загрузить и при DEBUG=False (в рабочую базу)")
        parser.add_argument(
            "--no-generated",
            action="store_true",
            help="Только то, что сказано в отчёте кластера: без сгенерированных записей (студентов, практик и т. п.)",
        )

    def handle(self, *args, force, no_generated=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG выключен: похоже, это рабочая база. Демонстрационные данные загружаются только с --force."
            )
        with transaction.atomic():
            for step in steps(generated=not no_generated):
                summary = step.run()
                self.stdout.write(f"{step.label}: {summary}")
        self.stdout.write(self.style.SUCCESS(f"Демо-данные загружены. Пароль демо-пользователей: {DEMO_PASSWORD}"))
