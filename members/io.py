"""Excel columns and import kinds of the members app."""

from cluster_portal.core.imports import ByName, Code, ImportKind, Name, own_college
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.xlsx import Column

from .choices import OrganizationKind
from .models import Organization, Person
from .services import organization_former_names

ORGANIZATION_COLUMNS = [
    Column(
        "Вид",
        "kind",
        getter=lambda o: o.get_kind_display(),
        width=30,
        help="Одно из: " + "; ".join(OrganizationKind.labels) + ". Обязательно.",
    ),
    Column("Полное наименование", "name", width=50, help="Обязательно."),
    Column(
        "Краткое наименование",
        "short_name",
        width=25,
        help="Например: ОГБПОУ «ТЭПК». Обязательно, уникально: по нему строка находит существующую запись.",
    ),
    Column(
        "Головная организация",
        "parent",
        getter=lambda o: o.parent.short_name if o.parent_id else "",
        width=25,
        help="Краткое наименование головной организации, для филиалов.",
        cell=Name(),
    ),
    Column("Населённый пункт", "town"),
    Column("Адрес", "address", width=40),
    Column("Телефон", "phone"),
    Column("Электронная почта", "email"),
    Column("Сайт", "website"),
    Column("ИНН", "inn", help="10 или 12 цифр.", cell=Code(digits=(10, 12)), example="7017000000"),
    Column("ОГРН", "ogrn", help="13 или 15 цифр.", cell=Code(digits=(13, 15)), example="1027000000000"),
]

PERSON_COLUMNS = [
    Column("Фамилия", "last_name", help="Обязательно."),
    Column("Имя", "first_name", help="Обязательно."),
    Column("Отчество", "middle_name"),
    Column("Должность", "position", width=40),
    Column(
        "Организация",
        "organization",
        getter=lambda p: p.organization.short_name if p.organization_id else "",
        width=25,
        help="Краткое наименование организации, как в портале. Представитель ПОО загружает персон своей ПОО.",
        cell=Name(),
        preset=own_college,
    ),
    Column("Электронная почта", "email"),
    Column("Телефон", "phone"),
]

CLUSTER_COLUMNS = [
    Column("Наименование", "name", width=50),
    Column("Регион", "region"),
    Column("Ведущая ПОО", "lead_college"),
    Column("Город", "town"),
]
MEMBERSHIP_COLUMNS = [
    Column("Кластер", "cluster", width=40),
    Column("Организация", "organization", width=30),
    Column("Роль", "role", getter=lambda m: m.get_role_display(), width=30),
    Column("С филиалами", "with_branches"),
    Column("Участвует с", "date_from"),
    Column("Участвует по", "date_to"),
    Column("Соглашение", "agreement", width=40),
]
ENLARGED_GROUP_COLUMNS = [Column("Код", "code"), Column("Наименование", "name", width=60)]
SECTOR_COLUMNS = [
    Column("Кластер", "cluster", width=40),
    Column("Отрасль", "name", width=35),
    Column("УГПС", "groups", getter=lambda s: "; ".join(g.code for g in s.groups.all())),
    Column(
        "ПОО",
        "colleges",
        getter=lambda s: "; ".join(link.college.short_name for link in s.college_links.all()),
        width=60,
    ),
]
USER_COLUMNS = [
    Column("Имя пользователя", "username"),
    Column("ФИО", "get_full_name", getter=lambda u: u.get_full_name(), width=35),
    Column("Роль", "role", getter=lambda u: u.get_role_display(), width=30),
    Column("Организация", "organization", width=30),
    Column("Электронная почта", "email", width=30),
    Column("Активен", "is_active"),
    Column("Последний вход", "last_login"),
]
DOCUMENT_COLUMNS = [
    Column("Вид", "kind", getter=lambda d: d.get_kind_display()),
    Column("Наименование", "title", width=60),
    Column("Номер", "number"),
    Column("Дата", "date"),
    Column("Кем издан", "issuer", width=40),
    Column("Кластер", "cluster", width=40),
]


def _organizations(user):
    return Organization.objects.only("pk", "short_name")


def _own_organization(user):
    """A college representative adds people of their own organization only."""
    if role_of(user) == Role.COLLEGE:
        return Organization.objects.filter(pk=user.organization_id).only("pk", "short_name")
    return _organizations(user)


class OrganizationImport(ImportKind):
    key = "organizations"
    label = "Организации"
    model = Organization
    columns = ORGANIZATION_COLUMNS
    references = (
        ByName("parent", "parent", _organizations, "short_name", missing="Головная организация не найдена в портале."),
    )
    natural_key = ("short_name",)
    natural_key_help = "Строка с уже известным кратким наименованием обновляет эту организацию, а не создаёт новую."
    success_url_name = "members:organization_list"

    def kept_beside(self, rows, ctx):
        """A renamed organization keeps its former name, as through the form (``organization_former_names``)."""
        renamed = {row.instance.pk: row for row in rows if "name" in row.changes or "short_name" in row.changes}
        if not renamed:
            return [], []
        former = {pk: {"name": row.old["name"], "short_name": row.old["short_name"]} for pk, row in renamed.items()}
        kept, refused = organization_former_names(former=former)
        return kept, [(renamed[pk], error) for pk, error in refused.items()]


class PersonImport(ImportKind):
    key = "persons"
    label = "Персоны"
    model = Person
    columns = PERSON_COLUMNS
    references = (
        ByName(
            "organization", "organization", _own_organization, "short_name", missing="Организация не найдена в портале."
        ),
    )
    natural_key = ("last_name", "first_name", "middle_name", "organization")
    natural_key_help = "Строка с теми же ФИО и организацией обновляет запись о персоне, а не создаёт новую."
    success_url_name = "members:person_list"
