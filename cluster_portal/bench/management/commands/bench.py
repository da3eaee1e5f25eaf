"""manage.py bench: data at several scales, then page, import and PDF timings into docs/performance.md."""

from __future__ import annotations

import io
import platform
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from cluster_portal.bench import registry as benchmark


class Command(BaseCommand):
    help = "Производительность: генерация данных в нескольких масштабах и замеры ключевых страниц."

    def add_arguments(self, parser):
        parser.add_argument("--scales", default="seed,x10", help="Масштабы через запятую: seed, x10, x100")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "performance.md"))
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument(
            "--force", action="store_true", help="Разрешить работу с базой, в имени которой нет «bench»"
        )
        parser.add_argument(
            "--measure-only",
            action="store_true",
            help="Не пересоздавать данные: замерить базу как есть (один масштаб, для повторных замеров)",
        )
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="Только страницы, без дополнительных замеров (загрузки, PDF): для повторных замеров списков",
        )
        parser.add_argument(
            "--extras",
            default="",
            help="Только эти дополнительные замеры (названия через запятую, например «Импорт трудоустройства»), "
            "без страниц; цифры выводятся, файл с результатами не меняется",
        )

    def handle(self, *args, scales, output, repeat, force, measure_only, pages_only, extras, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name and not force:
            raise CommandError(
                f"База «{name}» будет очищена. Запускайте на отдельной базе с «bench» в имени (make bench)."
            )
        benchmark.load()
        chosen = [s.strip() for s in scales.split(",") if s.strip()]
        unknown = [s for s in chosen if s not in benchmark.SCALES]
        if unknown:
            raise CommandError(f"Неизвестные масштабы: {', '.join(unknown)}. Доступны: {', '.join(benchmark.SCALES)}.")
        if measure_only and len(chosen) != 1:
            raise CommandError("С --measure-only укажите один масштаб: тот, в котором база уже заполнена.")
        self.measure_only = measure_only
        self.pages_only = pages_only
        if extras:
            self.run_extras_only(chosen, [label.strip() for label in extras.split(",") if label.strip()])
            return
        measured = [
            f"Measured by `make bench` on {timezone.localtime():%Y-%m-%d %H:%M} ({platform.machine()}, "
            f"{connection.vendor}, Python {platform.python_version()}). Times are medians of {repeat} runs after a "
            "warm-up, measured in-process through Django's test client (middleware included, no network); a "
            "page, its admin change list and its bare view are timed in turns.",
            "",
        ]
        by_scale = {}
        for scale in chosen:
            lines, by_scale[scale] = self.run_scale(scale, benchmark.SCALES[scale], repeat)
            measured += lines
        measured += ["## Against the targets", "", *benchmark.verdict_table(by_scale), ""]
        write_between_markers(Path(output), measured)
        self.stdout.write(self.style.SUCCESS(f"Результаты записаны в {output}"))

    def run_scale(self, scale: str, factor: int, repeat: int) -> list[str]:
        self.stdout.write(f"== {scale} (×{factor}) ==")
        if self.measure_only:
            generated_line = "Data as found in the database (`--measure-only`): not regenerated."
        else:
            generated_line = self.generate(factor)
        admin = get_user_model().objects.filter(
            username="bench-admin"
        ).first() or get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "bench-admin-pass")
        lines = [f"## Scale {scale} (×{factor})", "", generated_line, ""]
        with override_settings(ROOT_URLCONF="cluster_portal.bench.urls", DEBUG=False):
            results = [self.measure_page(page, admin, repeat) for page in benchmark.pages()]
        lines += benchmark.scale_table(results)
        extras = {} if self.pages_only else benchmark.extras()
        if self.pages_only:
            lines += ["", "Extra measurements (imports, PDF) not run (`--pages-only`)."]
        if extras:
            lines += ["", "| measurement | figure | comparison |", "|---|---|---|"]
            for run in extras.values():
                for what, figure, comparison in self.undone(run, factor):
                    lines.append(f"| {what} | {figure} | {comparison} |")
                    self.stdout.write(f"  {what}: {figure} ({comparison})")
        lines.append("")
        return lines, results

    def run_extras_only(self, chosen: list[str], labels: list[str]) -> None:
        """The named extra measurements alone at each scale, printed (the performance file is not rewritten)."""
        registered = benchmark.extras()
        unknown = [label for label in labels if label not in registered]
        if unknown:
            raise CommandError(f"Неизвестные замеры: {', '.join(unknown)}. Доступны: {', '.join(registered)}.")
        for scale in chosen:
            factor = benchmark.SCALES[scale]
            self.stdout.write(f"== {scale} (×{factor}) ==")
            if not self.measure_only:
                self.stdout.write(f"  {self.generate(factor)}")
            for label in labels:
                for what, figure, comparison in self.undone(registered[label], factor):
                    self.stdout.write(f"  {what}: {figure} ({comparison})")

    @staticmethod
    def undone(run, factor: int) -> list[tuple[str, str, str]]:
        """An extra measurement (imports write rows) rolled back, so the data stays as generated."""
        with transaction.atomic():
            rows = run(factor=factor)
            transaction.set_rollback(True)
        return rows

    def generate(self, factor: int) -> str:
        """The seed, then every app's generator; then the state autovacuum would keep (vacuumed, analyzed)."""
        call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        with transaction.atomic():
            call_command("seed_demo", force=True, verbosity=0, stdout=io.StringIO())
        summaries = []
        rng = benchmark.rng()
        for generator in benchmark.generators():
            with transaction.atomic():
                summary = generator.run(factor=factor, rng=rng)
            summaries.append(f"{generator.label}: {summary}")
            self.stdout.write(f"  {generator.label}: {summary}")
        with connection.cursor() as cursor:
            # A database in service has its rows vacuumed (hint bits, visibility map) and analyzed,
            # and not a gigabyte of fresh pages still to write: without CHECKPOINT, PostgreSQL
            # writes them out in the background while the pages are timed (minutes at x100).
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
            if connection.vendor == "postgresql":
                _checkpoint(cursor)
        generated = time.perf_counter() - started
        return f"Data generated in {generated:.0f} s: " + "; ".join(summaries) + "."

    def measure_page(self, page, admin, repeat) -> benchmark.PageResult:
        client = Client()
        client.force_login(get_user_model().objects.get(username=page.username))
        url = page.url() if callable(page.url) else page.url
        if page.prepare:
            page.prepare()
        calls = {"portal": lambda: client.get(url)}
        if page.model:
            app_label, model_name = page.model.split(".")
            admin_client = Client()
            admin_client.force_login(admin)
            admin_url = f"/admin/{app_label}/{model_name.lower()}/"
            calls["admin"] = lambda: admin_client.get(admin_url)
            if page.bare_fields:
                bare_url = f"/__bench__/bare/{page.model}/{','.join(page.bare_fields)}/"
                calls["bare"] = lambda: client.get(bare_url)
                calls["fresh"] = lambda: client.get(url)
        before = {"portal": benchmark.touch(page.after_change)} if page.after_change else {}
        if "fresh" in calls:
            before["fresh"] = benchmark.touch(page.model)
        timings = benchmark.time_calls(calls, repeat, before=before)
        result = benchmark.PageResult(
            page, timings["portal"], timings.get("admin"), timings.get("bare"), timings.get("fresh")
        )
        status = "" if result.portal.status == 200 else f" (HTTP {result.portal.status})"
        self.stdout.write(f"  {page.label}: {result.portal.median_ms:.0f} ms, {result.portal.queries} queries{status}")
        return result


def _checkpoint(cursor) -> None:
    """CHECKPOINT when this database role may (a superuser or ``pg_checkpoint``), else nothing."""
    cursor.execute(
        "SELECT rolsuper OR pg_has_role('pg_checkpoint', 'MEMBER') FROM pg_roles WHERE rolname = current_user"
    )
    if cursor.fetchone()[0]:
        cursor.execute("CHECKPOINT")


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def write_between_markers(path: Path, lines: list[str]) -> None:
    """Replace the measured part of ``path`` (between the markers), keeping what people wrote around it."""
    block = "\n".join([BEGIN, *lines, END])
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = "# Performance\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
