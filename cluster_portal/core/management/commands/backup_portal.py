"""manage.py backup_portal OUT.tar.gz — the data and the uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand

from cluster_portal.core.backup import backup_create


class Command(BaseCommand):
    help = "Резервная копия: данные портала и загруженные файлы в одном архиве .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("target", help="Файл архива, например backup-2026-11-26.tar.gz")

    def handle(self, *args, target, **options):
        manifest = backup_create(target=Path(target))
        self.stdout.write(f"Архив {target}: записей {manifest['objects']}, файлов {manifest['files']}.")
