"""Events of the cluster, their files and photos."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from cluster_portal.core.access import ALL, Policy
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import PROPOSER_ROLES, Role
from cluster_portal.core.urls_helpers import object_url
from members.models import Cluster, Organization, Sector

from ..choices import EventStatus, FileKind
from ..periods import PERIOD_HELP, period_bounds
from .access import own_org, own_unpublished, published, visible_events
from .kinds import EventKind

C, S, OB = Role.COORDINATOR, Role.SECRETARY, Role.OBSERVER
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png")


def event_policy(prefix: str = "") -> dict:
    """Who sees an event (or a row of it): staff all, the observer the published, others theirs and the published."""
    return {
        C: ALL,
        S: ALL,
        OB: published(prefix),
        Role.EXPERT: visible_events(prefix),
        **{role: visible_events(prefix) for role in PROPOSER_ROLES},
    }


class Event(TimeStampedModel):
    """What the cluster does together: an action, a Day of the industry, an open day, a championship …"""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(EventKind, verbose_name="вид", on_delete=models.PROTECT, related_name="events")
    title = models.CharField("наименование", max_length=300)
    description = models.TextField("о мероприятии", blank=True)
    date_start = models.DateField("дата (начало)", null=True, blank=True)
    date_end = models.DateField("дата окончания", null=True, blank=True, help_text="Для многодневных мероприятий")
    period = models.CharField("период (если точной даты нет)", max_length=100, blank=True, help_text=PERIOD_HELP)
    starts_on = models.DateField("начало периода", editable=False)
    ends_on = models.DateField("конец периода", editable=False)
    academic_year = models.PositiveSmallIntegerField("учебный год (год начала)", editable=False)
    place = models.CharField("место проведения", max_length=300, blank=True)
    organizer = models.ForeignKey(
        Organization,
        verbose_name="организатор",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organized_events",
    )
    organizer_text = models.CharField(
        "организаторы (текстом)",
        max_length=300,
        blank=True,
        help_text="Если организатор не одна организация портала, например: «Участники Кластера»",
    )
    participants = models.ManyToManyField(
        Organization, verbose_name="участвующие организации", related_name="joined_events", blank=True
    )
    sectors = models.ManyToManyField(Sector, verbose_name="отрасли", related_name="events", blank=True)
    specialties = models.ManyToManyField(
        "programs.Specialty", verbose_name="специальности и профессии", related_name="events", blank=True
    )
    students_count = models.PositiveIntegerField("участвовало студентов", null=True, blank=True)
    schoolchildren_count = models.PositiveIntegerField("участвовало школьников", null=True, blank=True)
    teachers_count = models.PositiveIntegerField("участвовало педагогов", null=True, blank=True)
    employer_staff_count = models.PositiveIntegerField("участвовало работников предприятий", null=True, blank=True)
    plan_items = models.ManyToManyField(
        "councils.PlanItem", verbose_name="выполняет пункты плана", related_name="events", blank=True
    )
    results = models.TextField("итоги", blank=True, help_text="Несколько строк: что получилось, главные цифры")
    news_url = models.URLField("новость о мероприятии", blank=True, help_text="Ссылка на страницу новости участника")
    is_public = models.BooleanField(
        "показывать в открытом каталоге",
        default=False,
        help_text="Для абитуриентов и родителей: дни открытых дверей, Дни отрасли",
    )
    status = models.CharField("состояние", max_length=20, choices=EventStatus.choices, default=EventStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        Organization,
        verbose_name="предложено организацией",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("опубликовано", null=True, blank=True, editable=False)
    return_comment = models.TextField("замечание координатора", blank=True, editable=False)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view=event_policy(),
        add=(C, S, *PROPOSER_ROLES),
        change={C: ALL, S: ALL, **{role: own_org("proposed_by") for role in PROPOSER_ROLES}},
        delete={C: ALL, **{role: own_unpublished() for role in PROPOSER_ROLES}},
        cluster="cluster",
    )

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__isnull=False) | ~Q(period=""),
                name="event_date_or_period",
                violation_error_message="Укажите дату мероприятия или, если точной даты нет, период.",
            ),
            models.CheckConstraint(
                condition=Q(organizer__isnull=False) | ~Q(organizer_text=""),
                name="event_has_organizer",
                violation_error_message="Укажите организатора: организацию портала или текстом.",
            ),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_start__isnull=False, date_end__gte=F("date_start")),
                name="event_dates_ordered",
                violation_error_message="Дата окончания раньше даты начала (или не указана дата начала).",
            ),
        ]
        indexes = [
            models.Index(fields=["-starts_on", "-id"], name="event_list_order"),
            models.Index(fields=["status", "is_public", "ends_on"], name="event_public_upcoming"),
            models.Index(fields=["academic_year", "status"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.when})"

    def get_absolute_url(self):
        return object_url("events:event_detail", self.pk)

    @property
    def when(self) -> str:
        """The dates as written (14.06.2022, 14.06.2022–18.06.2022) or the period."""
        if self.date_start is None:
            return self.period
        if self.date_end and self.date_end != self.date_start:
            return f"{self.date_start:%d.%m.%Y}–{self.date_end:%d.%m.%Y}"
        return f"{self.date_start:%d.%m.%Y}"

    @property
    def organizer_label(self) -> str:
        if self.organizer_id:
            return self.organizer.short_name
        return self.organizer_text

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def audience(self) -> list[tuple[str, int]]:
        """(who, how many) of the audiences counted."""
        counts = (
            ("студентов", self.students_count),
            ("школьников", self.schoolchildren_count),
            ("педагогов", self.teachers_count),
            ("работников предприятий", self.employer_staff_count),
        )
        return [(label, n) for label, n in counts if n]

    def clean(self):
        """The period bounds the lists and the report sort and filter by."""
        if self.date_start is not None:
            self.starts_on, self.ends_on = self.date_start, self.date_end or self.date_start
        elif self.period:
            bounds = period_bounds(self.period)
            if bounds is None:
                raise ValidationError(
                    {
                        "period": f"Не удалось понять период «{self.period}»: укажите год, например «2022 г.» "
                        "или «IV квартал 2022»."
                    }
                )
            self.starts_on, self.ends_on = bounds
        else:
            return  # the constraint words the missing date
        self.academic_year = AcademicYear.current(self.starts_on).start


class EventFile(TimeStampedModel):
    """A photo or a document of an event, served through the access check; photos get a thumbnail."""

    event = models.ForeignKey(Event, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="files")
    kind = models.CharField("вид", max_length=10, choices=FileKind.choices, default=FileKind.PHOTO)
    file = models.FileField("файл", upload_to=upload_to, validators=[document_validator], max_length=200)
    thumbnail = models.FileField("миниатюра", upload_to=upload_to, blank=True, editable=False, max_length=200)
    caption = models.CharField("подпись", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="загрузил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    protected_file_fields = ("file", "thumbnail")
    inline_file_fields = ("thumbnail",)
    access_policy = Policy(
        view=event_policy("event__"),
        add=(C, S, *PROPOSER_ROLES),
        change={C: ALL, S: ALL, **{role: own_org("event__proposed_by") for role in PROPOSER_ROLES}},
        cluster="event__cluster",
    )

    class Meta:
        verbose_name = "файл мероприятия"
        verbose_name_plural = "файлы и фотографии мероприятий"
        ordering = ["event", "kind", "pk"]

    def __str__(self):
        return self.caption or f"{self.get_kind_display()} {self.pk or ''}".strip()

    def get_absolute_url(self):
        return self.event.get_absolute_url() + "#files"

    @property
    def extension(self) -> str:
        return PurePath(self.file.name or "").suffix.lower()

    def download_name(self, field: str) -> str:
        suffix = ".jpg" if field == "thumbnail" else self.extension
        return f"event-{self.event_id}-{self.pk}{'-mini' if field == 'thumbnail' else ''}{suffix}"

    def clean(self):
        if self.kind == FileKind.PHOTO and self.file and self.extension not in PHOTO_EXTENSIONS:
            raise ValidationError(
                {"file": f"Фотография — файл JPEG или PNG; «{PurePath(self.file.name).name}» не изображение."}
            )
