"""The periodic entry point for cron or a systemd timer: queue the daily digest and deadline sweep."""

from django.core.management.base import BaseCommand

from cluster_portal.worklist.digest import send_digests
from cluster_portal.worklist.tasks import daily_digest


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs (the daily digest of what is due in 3 days and overdue) for the workers; "
        "with --now run them here. Safe to run more than once a day: a user gets one digest a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"Сводок отправлено: {send_digests()}")
            return
        result = daily_digest.enqueue()
        self.stdout.write(f"Поставлено в очередь: ежедневная сводка ({result.id})")
