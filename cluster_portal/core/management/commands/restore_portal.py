"""manage.py restore_portal IN.tar.gz — into an empty, migrated installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cluster_portal.core.backup import RestoreRefused, backup_restore


class Command(BaseCommand):
    help = "Восстановление из архива backup_portal в пустую установку (после manage.py migrate)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Архив .tar.gz, созданный backup_portal")
        parser.add_argument("--force", action="store_true", help="Загрузить, даже если в базе уже есть данные")

    def handle(self, *args, source, force, **options):
        if not Path(source).is_file():
            raise CommandError(f"Нет файла {source}.")
        try:
            manifest = backup_restore(source=Path(source), force=force)
        except RestoreRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Восстановлено: записей {manifest['objects']}, файлов {manifest['files']}.")
