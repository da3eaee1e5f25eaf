"""The cluster and who is in it: organizations, memberships, sectors, people, documents, users."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from cluster_portal.core.access import ALL, Policy, Where, everyone, own, roles
from cluster_portal.core.collation import NAME_COLLATION
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import COORDINATION, ORGANIZATION_ROLES, STAFF_ROLES, Role
from cluster_portal.core.urls_helpers import object_url

from .choices import DocumentKind, MembershipRole, OrganizationKind

# What an organization's own representatives change of it: how to reach it, not what it is.
CONTACT_FIELDS = ("town", "address", "phone", "email", "website")


class Organization(TimeStampedModel):
    """A college, an enterprise, a union of employers, a government body or a school."""

    kind = models.CharField("вид", max_length=20, choices=OrganizationKind.choices)
    name = models.CharField("полное наименование", max_length=400, db_collation=NAME_COLLATION)
    short_name = models.CharField(
        "краткое наименование", max_length=150, help_text="Например: ОГБПОУ «ТЭПК»", db_collation=NAME_COLLATION
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="головная организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="branches",
        help_text="Для филиалов",
    )
    town = models.CharField("населённый пункт", max_length=100, blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    inn = models.CharField(
        "ИНН", max_length=12, blank=True, validators=[RegexValidator(r"^(\d{10}|\d{12})$", "ИНН — 10 или 12 цифр.")]
    )
    ogrn = models.CharField(
        "ОГРН", max_length=15, blank=True, validators=[RegexValidator(r"^(\d{13}|\d{15})$", "ОГРН — 13 или 15 цифр.")]
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view=everyone(),
        add=COORDINATION,
        change={Role.COORDINATOR: ALL, Role.COLLEGE: own("pk"), Role.EMPLOYER: own("pk")},
        delete={Role.COORDINATOR: ALL},
        # Representatives keep their organization's contacts current, not its identity (name, ИНН, ОГРН).
        writable={Role.COLLEGE: CONTACT_FIELDS, Role.EMPLOYER: CONTACT_FIELDS},
    )

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                "short_name",
                name="organization_unique_short_name",
                violation_error_message="Организация с таким кратким наименованием уже есть.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="organization_not_own_parent",
                violation_error_message="Организация не может быть филиалом самой себя.",
            ),
        ]
        indexes = [models.Index(fields=["kind", "short_name"])]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return object_url("members:organization_detail", self.pk)


class OrganizationName(models.Model):
    """A name an organization bore until a date: its names before a renaming.

    The organization's own ``name``/``short_name`` are its name now; each former name is valid up to
    and including ``valid_until`` (and from the day after the previous former name's end). A
    document about a past period prints the name valid on its date (``selectors.names_as_of``).
    """

    organization = models.ForeignKey(
        Organization, verbose_name="организация", on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField("полное наименование", max_length=400)
    short_name = models.CharField("краткое наименование", max_length=150)
    valid_until = models.DateField("действовало по")

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION))

    class Meta:
        verbose_name = "прежнее наименование"
        verbose_name_plural = "прежние наименования"
        ordering = ["organization", "valid_until"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "valid_until"],
                name="organizationname_unique_end",
                violation_error_message="У организации уже есть наименование, действовавшее по эту дату.",
            )
        ]

    def __str__(self):
        return f"{self.short_name} (по {self.valid_until:%d.%m.%Y})"


class Cluster(TimeStampedModel):
    """An educational-industry cluster of a region."""

    name = models.CharField("наименование", max_length=300, unique=True, db_collation=NAME_COLLATION)
    short_name = models.CharField("краткое наименование", max_length=150, db_collation=NAME_COLLATION)
    region = models.CharField("регион", max_length=150)
    region_genitive = models.CharField(
        "регион в родительном падеже", max_length=150, blank=True, help_text="Например: Томской области"
    )
    town = models.CharField("город", max_length=100, help_text="Для титульного листа отчёта")
    department = models.ForeignKey(
        Organization,
        verbose_name="курирующий орган власти",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_college = models.ForeignKey(
        Organization,
        verbose_name="ведущая ПОО",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_clusters",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    contact_person = models.ForeignKey(
        "Person",
        verbose_name="контактное лицо",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField("описание", blank=True)
    composition_order = models.ForeignKey(
        "NormativeDocument",
        verbose_name="распоряжение о составе кластера",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Документ, которым утверждены отрасли кластера и ПОО, готовящие для них кадры",
    )

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION), cluster="pk")

    class Meta:
        verbose_name = "кластер"
        verbose_name_plural = "кластеры"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("members:cluster_detail", self.pk)


class Membership(TimeStampedModel):
    """An organization's participation in a cluster."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name="организация", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("роль в кластере", max_length=20, choices=MembershipRole.choices)
    with_branches = models.BooleanField("с филиалами", default=False)
    date_from = models.DateField("участвует с", null=True, blank=True)
    date_to = models.DateField("участвует по", null=True, blank=True)
    agreement = models.CharField("соглашение (реквизиты)", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("порядок в списке", default=0)

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION), cluster="cluster")

    class Meta:
        verbose_name = "участие в кластере"
        verbose_name_plural = "участники кластеров"
        ordering = ["cluster", "order", "organization__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organization"],
                name="membership_unique_organization",
                violation_error_message="Эта организация уже входит в кластер.",
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_from__isnull=True) | Q(date_to__gte=models.F("date_from")),
                name="membership_dates_ordered",
                violation_error_message="Дата окончания участия раньше даты начала.",
            ),
        ]

    def __str__(self):
        return f"{self.organization} — {self.get_role_display()}"

    def get_absolute_url(self):
        return object_url("members:membership_detail", self.pk)


class EnlargedGroup(models.Model):
    """An enlarged group of specialties (УГПС), e.g. 15.00.00 Машиностроение."""

    code = models.CharField(
        "код",
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{2}\.00\.00$", "Код УГПС записывается как 15.00.00.")],
    )
    name = models.CharField("наименование", max_length=300, db_collation=NAME_COLLATION)

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION))

    class Meta:
        verbose_name = "укрупнённая группа (УГПС)"
        verbose_name_plural = "укрупнённые группы (УГПС)"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return object_url("members:enlargedgroup_detail", self.pk)


class Sector(TimeStampedModel):
    """An industry sector of a cluster, its enlarged groups and the colleges training for it."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.CASCADE, related_name="sectors")
    name = models.CharField("отрасль", max_length=200, db_collation=NAME_COLLATION)
    groups = models.ManyToManyField(EnlargedGroup, verbose_name="УГПС", related_name="sectors")
    colleges = models.ManyToManyField(
        Organization,
        verbose_name="ПОО, готовящие кадры",
        through="SectorCollege",
        related_name="sectors",
        blank=True,
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION), cluster="cluster")

    class Meta:
        verbose_name = "отрасль"
        verbose_name_plural = "отрасли"
        ordering = ["cluster", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "name"],
                name="sector_unique_name",
                violation_error_message="Такая отрасль в кластере уже есть.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("members:sector_detail", self.pk)


class SectorCollege(models.Model):
    """A college training for a sector, in the order of the cluster's composition order."""

    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="college_links")
    college = models.ForeignKey(
        Organization,
        verbose_name="ПОО",
        on_delete=models.PROTECT,
        related_name="sector_links",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "ПОО отрасли"
        verbose_name_plural = "ПОО отрасли"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sector", "college"],
                name="sectorcollege_unique",
                violation_error_message="Эта ПОО уже указана для отрасли.",
            )
        ]

    def __str__(self):
        return f"{self.sector}: {self.college}"


class Person(TimeStampedModel):
    """A person behind records: council members, experts, mentors, contacts."""

    last_name = models.CharField("фамилия", max_length=100, db_collation=NAME_COLLATION)
    first_name = models.CharField("имя", max_length=100, db_collation=NAME_COLLATION)
    middle_name = models.CharField("отчество", max_length=100, blank=True, db_collation=NAME_COLLATION)
    position = models.CharField("должность", max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.COLLEGE: own("organization"),
            Role.EMPLOYER: own("organization"),
            Role.EXPERT: own("organization"),
        },
        add=(Role.COORDINATOR, Role.SECRETARY, Role.COLLEGE),
        change={Role.COORDINATOR: ALL, Role.SECRETARY: ALL, Role.COLLEGE: own("organization")},
    )

    class Meta:
        verbose_name = "персона"
        verbose_name_plural = "персоны"
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    def get_absolute_url(self):
        return object_url("members:person_detail", self.pk)


class NormativeDocument(TimeStampedModel):
    """An order, regulation, agreement or roadmap the cluster works under."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("вид", max_length=20, choices=DocumentKind.choices)
    title = models.CharField("наименование", max_length=500)
    number = models.CharField("номер", max_length=50, blank=True)
    date = models.DateField("дата")
    date_text = models.CharField(
        "дата как в документе", max_length=50, blank=True, help_text="Например: «04 мая 2021»; иначе ДД.ММ.ГГГГ"
    )
    issuer = models.CharField(
        "кем издан (в родительном падеже)",
        max_length=300,
        blank=True,
        help_text="Департамента профессионального образования",
    )
    valid_until = models.DateField(
        "действует по", null=True, blank=True, help_text="Дата, после которой документ утратил силу; пусто — действует"
    )
    file = models.FileField("файл", upload_to=upload_to, validators=[document_validator], blank=True, max_length=200)

    protected_file_fields = ("file",)
    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="cluster")

    class Meta:
        verbose_name = "нормативный документ"
        verbose_name_plural = "нормативные документы"
        ordering = ["cluster", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("date")),
                name="normativedocument_dates_ordered",
                violation_error_message="Документ не может утратить силу раньше своей даты.",
            )
        ]

    def __str__(self):
        return self.citation

    @property
    def citation(self) -> str:
        """The document as a report cites it."""
        date = self.date_text or self.date.strftime("%d.%m.%Y")
        number = f" № {self.number}" if self.number else ""
        if self.kind == DocumentKind.ORDER:
            issuer = f" {self.issuer}" if self.issuer else ""
            return f"{self.get_kind_display()}{issuer} от {date}{number} «{self.title}»"
        return f"{self.title} от {date}{number}"

    def get_absolute_url(self):
        return object_url("members:normativedocument_detail", self.pk)


class User(AbstractUser):
    """A portal user with a role and, except for staff roles, an organization."""

    objects = UserManager()

    role = models.CharField("роль", max_length=20, choices=Role.choices, default=Role.OBSERVER)
    organization = models.ForeignKey(
        Organization,
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    person = models.OneToOneField(
        Person, verbose_name="персона", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    clusters = models.ManyToManyField(
        Cluster,
        verbose_name="кластеры",
        blank=True,
        related_name="staff",
        help_text="Кластеры, в которых координатор или секретарь ведёт работу. "
        "Пусто — все кластеры региона (региональный администратор).",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=sorted(ORGANIZATION_ROLES)) | Q(organization__isnull=False),
                name="user_org_required_for_role",
                violation_error_message="Для представителей ПОО, работодателей и экспертов укажите организацию.",
            )
        ]

    def get_absolute_url(self):
        return object_url("members:user_detail", self.pk)

    def get_full_name(self):
        if self.person_id:
            return self.person.full_name
        return super().get_full_name()


def users_a_coordinator_reaches(coordinator) -> Q:
    """The users a coordinator sees and changes.

    The region's administrator (a coordinator assigned to no cluster) reaches every user. A coordinator of
    some clusters reaches the representatives of organizations that are members of those clusters, the
    coordinators and secretaries assigned to those clusters only, and themselves: never the region's
    administrator, the observer or the staff of another cluster.
    """
    own_clusters = coordinator.clusters.values("pk")
    assignments = User.clusters.through.objects.filter(user=OuterRef("pk"))
    return (
        ~Q(Exists(own_clusters))
        | Q(
            role__in=sorted(ORGANIZATION_ROLES),
            organization__in=Membership.objects.filter(cluster__in=own_clusters).values("organization"),
        )
        | (
            Q(Exists(assignments.filter(cluster__in=own_clusters)))
            & ~Q(Exists(assignments.exclude(cluster__in=own_clusters)))
        )
        | Q(pk=coordinator.pk)
    )


COORDINATOR_REACH = {Role.COORDINATOR: Where(users_a_coordinator_reaches)}
User.access_policy = Policy(view=COORDINATOR_REACH, add=COORDINATION, change=COORDINATOR_REACH)
