"""manage.py import_xlsx KIND FILE [--dry-run] | KIND --template OUT.xlsx"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cluster_portal.core.imports import all_kinds, get_kind, run_import
from cluster_portal.core.imports.template import template_workbook
from cluster_portal.core.system_user import SYSTEM_USER


class Command(BaseCommand):
    help = "Загрузка данных из Excel теми же шаблонами и проверками, что и в веб-интерфейсе."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="Вид данных: " + ", ".join(k.key for k in all_kinds()))
        parser.add_argument("file", nargs="?", help="Книга Excel (.xlsx)")
        parser.add_argument("--dry-run", action="store_true", help="Только проверить, ничего не сохранять")
        parser.add_argument("--template", metavar="OUT", help="Записать пустой шаблон в файл OUT")
        parser.add_argument("--user", help="Загружать от имени пользователя (с его ограничениями доступа)")

    def progress(self, done: int, total: int) -> None:
        """Rows checked so far, one line per batch (on stderr: stdout keeps the result alone)."""
        self.stderr.write(f"Обработано строк: {done} из {total}", style_func=lambda text: text)

    def handle(self, *args, kind, file, dry_run, template, user, **options):
        try:
            import_kind = get_kind(kind)
        except LookupError:
            raise CommandError(
                f"Неизвестный вид данных «{kind}». Доступны: {', '.join(k.key for k in all_kinds())}."
            ) from None
        actor = SYSTEM_USER
        if user:
            try:
                actor = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Нет пользователя «{user}».") from None
        if template:
            template_workbook(import_kind, actor).save(template)
            self.stdout.write(f"Шаблон «{import_kind.label}» записан в {template}")
            return
        if not file:
            raise CommandError("Укажите файл для загрузки или --template OUT.xlsx.")
        try:
            with open(file, "rb") as handle:
                result = run_import(import_kind, handle, user=actor, dry_run=dry_run, progress=self.progress)
        except OSError as exc:
            raise CommandError(f"Не удалось открыть файл: {exc}") from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            if result.error_count > len(result.errors):
                self.stderr.write(f"… и ещё ошибок: {result.error_count - len(result.errors)}")
            raise CommandError(f"Файл отклонён: ошибок {result.error_count}, ничего не сохранено.")
        verb = "проверено (без сохранения)" if dry_run else "сохранено"
        self.stdout.write(
            f"{import_kind.label}: строк {result.rows}, {verb}: новых {result.created}, изменённых {result.updated}, "
            f"без изменений {result.unchanged}."
        )
