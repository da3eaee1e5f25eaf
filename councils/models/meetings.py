"""Meetings with their agenda, attendance, minutes and invitations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from cluster_portal.core.access import Policy, Where, everyone, roles
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import NON_STAFF_ROLES, STAFF_ROLES
from cluster_portal.core.urls_helpers import object_url
from members.models import Person

from ..choices import MeetingFormat, MeetingStatus, MinutesStatus
from ..deadlines import academic_year_of
from .councils import Council, CouncilMember

YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


def _member_councils(user):
    """Councils the user sits on (through the person linked to the account), as a subquery."""
    return CouncilMember.objects.filter(person_id=user.person_id).values("council_id")


def minutes_readers(meeting_path: str, *, responsible: bool = False) -> Where:
    """Signed minutes are read by every role; drafts only by staff and the council's members.

    ``meeting_path`` leads from the model to its meeting ("meeting__", "agenda_item__meeting__").
    With ``responsible`` the people and organizations a decision names also read it.
    """

    def build(user):
        condition = Q(**{f"{meeting_path}minutes__status": MinutesStatus.SIGNED})
        if getattr(user, "person_id", None):
            condition |= Q(**{f"{meeting_path}council_id__in": _member_councils(user)})
        if responsible:
            condition |= responsible_for(user)
        return condition

    return Where(build)


def responsible_for(user) -> Q:
    """Decisions naming the user's person or organization as responsible; none without either."""
    condition = Q(pk__in=[])
    if getattr(user, "person_id", None):
        condition |= Q(responsible_person_id=user.person_id)
    if getattr(user, "organization_id", None):
        condition |= Q(responsible_organization_id=user.organization_id)
    return condition


class Meeting(TimeStampedModel):
    """A council meeting: planned for a date or a period, held, or cancelled."""

    council = models.ForeignKey(Council, verbose_name="совет", on_delete=models.PROTECT, related_name="meetings")
    status = models.CharField("статус", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    academic_year = models.PositiveSmallIntegerField(
        "учебный год", blank=True, validators=YEAR, help_text="Определяется по дате, если она известна"
    )
    date = models.DateField("дата", null=True, blank=True)
    date_text = models.CharField(
        "дата как в документе", max_length=20, blank=True, help_text="Например: «23.06.22»; иначе ДД.ММ.ГГГГ"
    )
    period = models.CharField(
        "планируемый период",
        max_length=100,
        blank=True,
        help_text="Пока нет даты: «ноябрь», «апрель-май», «IV квартал»",
    )
    start_time = models.TimeField("начало", null=True, blank=True)
    end_time = models.TimeField("окончание", null=True, blank=True)
    format = models.CharField("формат", max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON)
    place = models.CharField("место проведения", max_length=300, blank=True)
    online_link = models.URLField("ссылка на видеоконференцию", blank=True)
    topics = models.TextField(
        "вопросы для обсуждения",
        blank=True,
        help_text="Тематика заседания, как в плане; повестка — отдельными пунктами",
    )
    guests = models.TextField("приглашённые", blank=True, help_text="Кто приглашён, кроме членов совета")
    members_count = models.PositiveSmallIntegerField("членов совета на дату заседания", null=True, blank=True)
    present_count = models.PositiveSmallIntegerField("присутствовало членов совета", null=True, blank=True)
    quorum_reached = models.BooleanField("кворум", null=True, blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    # Who was there, the quorum and the minutes (number included) are read, like the minutes, by staff
    # and the council's members until the minutes are signed, then by everyone.
    access_policy = Policy(
        view=everyone(),
        add=STAFF_ROLES,
        change=roles(STAFF_ROLES),
        fields={
            ("guests", "members_count", "present_count", "quorum_reached", "minutes"): {
                **roles(STAFF_ROLES),
                **roles(NON_STAFF_ROLES, minutes_readers("")),
            }
        },
        cluster="council__cluster",
    )

    class Meta:
        verbose_name = "заседание"
        verbose_name_plural = "заседания"
        ordering = ["academic_year", "council__order", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date__isnull=False) | ~Q(period=""),
                name="meeting_date_or_period",
                violation_error_message="Укажите дату заседания или планируемый период («ноябрь», «IV квартал»).",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.HELD) | Q(date__isnull=False),
                name="meeting_held_has_date",
                violation_error_message="У проведённого заседания должна быть дата.",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="meeting_times_ordered",
                violation_error_message="Окончание заседания должно быть позже начала.",
            ),
        ]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["academic_year", "status"]),
            # The row's council beside its key: lists scoped to a cluster (decisions, agenda items) join
            # the meetings from this index alone (an index-only scan), not from the table.
            models.Index(fields=["council", "id"], name="meeting_council_key_idx"),
        ]

    def __str__(self):
        return f"{self.council}, {self.when}"

    def get_absolute_url(self):
        return object_url("councils:meeting_detail", self.pk)

    @property
    def when(self) -> str:
        """The date as the documents write it, or the planned period."""
        if self.date:
            return self.date_text or self.date.strftime("%d.%m.%Y")
        return self.period

    @property
    def academic_year_label(self) -> str:
        return f"{self.academic_year}/{self.academic_year + 1}" if self.academic_year else ""

    def clean(self):
        errors = {}
        if self.date:
            expected = academic_year_of(self.date)
            if not self.academic_year:
                self.academic_year = expected
            elif self.academic_year != expected:
                errors["academic_year"] = (
                    f"Дата {self.date:%d.%m.%Y} относится к {expected}/{expected + 1} учебному году, "
                    f"а не к {self.academic_year}/{self.academic_year + 1}."
                )
        elif not self.academic_year:
            errors["academic_year"] = "Укажите учебный год, к которому относится планируемое заседание."
        if self.end_time and not self.start_time:
            errors["start_time"] = "Укажите время начала."
        if self.status == MeetingStatus.HELD and self.date and self.date > timezone.localdate():
            errors["status"] = (
                f"Заседание назначено на {self.date:%d.%m.%Y}: проведённым его можно отметить не раньше этого дня."
            )
        if errors:
            raise ValidationError(errors)

    def starts_at(self) -> dt.datetime | None:
        if not self.date or not self.start_time:
            return None
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    def ends_at(self) -> dt.datetime | None:
        start = self.starts_at()
        if start is None:
            return None
        if self.end_time:
            return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))
        return start + dt.timedelta(hours=2)


def votes_problem(
    *, votes_for: int | None, votes_against: int | None, votes_abstained: int | None, present: int | None
) -> str:
    """Why the votes on a question cannot be right, or "": only the members present vote, once each."""
    votes = [v for v in (votes_for, votes_against, votes_abstained) if v is not None]
    if not votes:
        return ""
    if present is None:
        return "Сначала отметьте присутствие: голосуют присутствующие члены совета, а их число ещё не отмечено."
    total = sum(votes)
    if total > present:
        return (
            f"Голосов {total} (за {votes_for or 0}, против {votes_against or 0}, "
            f"воздержались {votes_abstained or 0}), а присутствовало членов совета с правом голоса {present}: "
            "голосов не может быть больше, чем присутствующих."
        )
    return ""


class AgendaItem(TimeStampedModel):
    """One question of a meeting's agenda; after the meeting, what was heard on it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="заседание", on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField("№ в повестке", default=0)
    title = models.TextField("вопрос повестки")
    speaker = models.ForeignKey(
        Person, verbose_name="докладчик", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    speaker_text = models.CharField(
        "докладчики (текстом)", max_length=300, blank=True, help_text="Если докладчика нет в списке персон"
    )
    heard = models.TextField("слушали", blank=True, help_text="Кратко: о чём доложили и что обсуждали")
    votes_for = models.PositiveSmallIntegerField("голосовали «за»", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("«против»", null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField("«воздержались»", null=True, blank=True)

    access_policy = Policy(
        view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="meeting__council__cluster"
    )

    class Meta:
        verbose_name = "вопрос повестки"
        verbose_name_plural = "вопросы повестки"
        ordering = ["meeting", "order", "pk"]
        # The item's meeting beside its key: «Решения советов» counts its rows of a cluster by joining the
        # agenda items from this index alone (an index-only scan), not from the table: half the count's
        # time at x100.
        indexes = [models.Index(fields=["meeting", "id"], name="agendaitem_meeting_key_idx")]

    def __str__(self):
        return f"{self.order}. {self.title[:80]}"

    def get_absolute_url(self):
        return object_url("councils:meeting_detail", self.meeting_id) + f"#item-{self.pk}"

    @property
    def speakers(self) -> str:
        names = [self.speaker.short_name] if self.speaker_id else []
        if self.speaker_text:
            names.append(self.speaker_text)
        return ", ".join(names)

    @property
    def has_votes(self) -> bool:
        return any(v is not None for v in (self.votes_for, self.votes_against, self.votes_abstained))

    def clean(self):
        if self.meeting_id:
            problem = votes_problem(
                votes_for=self.votes_for,
                votes_against=self.votes_against,
                votes_abstained=self.votes_abstained,
                present=self.meeting.present_count,
            )
            if problem:
                raise ValidationError({"votes_for": problem})

    @property
    def votes_text(self) -> str:
        """«за» — 8, «против» — 0 …: the counts that were recorded."""
        pairs = (("за", self.votes_for), ("против", self.votes_against), ("воздержались", self.votes_abstained))
        return ", ".join(f"«{label}» — {value}" for label, value in pairs if value is not None)


class Attendance(models.Model):
    """Whether a council member attended a meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name="заседание", on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name="член совета", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("присутствовал", default=True)

    access_policy = Policy(
        view={**roles(STAFF_ROLES), **roles(NON_STAFF_ROLES, minutes_readers("meeting__"))},
        add=STAFF_ROLES,
        change=roles(STAFF_ROLES),
        cluster="meeting__council__cluster",
    )

    class Meta:
        verbose_name = "присутствие на заседании"
        verbose_name_plural = "присутствие на заседаниях"
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_unique_person",
                violation_error_message="Присутствие этого члена совета уже отмечено.",
            )
        ]

    def __str__(self):
        return f"{self.person.short_name}: {'присутствовал' if self.present else 'отсутствовал'}"

    def clean(self):
        if self.meeting_id and self.person_id:
            meeting = self.meeting
            if not CouncilMember.objects.filter(council_id=meeting.council_id, person_id=self.person_id).exists():
                raise ValidationError(
                    {"person": f"{self.person.short_name} не входит в состав совета «{meeting.council}»."}
                )


class Minutes(TimeStampedModel):
    """The protocol of a held meeting: number, date, who chaired, and the signed scan."""

    meeting = models.OneToOneField(Meeting, verbose_name="заседание", on_delete=models.CASCADE, related_name="minutes")
    number = models.CharField("номер протокола", max_length=30)
    date = models.DateField("дата протокола")
    chair = models.ForeignKey(
        Person, verbose_name="председательствующий", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        Person, verbose_name="секретарь", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "статус протокола", max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    signed_scan = models.FileField(
        "скан подписанного протокола",
        upload_to=upload_to,
        validators=[document_validator],
        blank=True,
        max_length=200,
    )

    protected_file_fields = ("signed_scan",)
    access_policy = Policy(
        view={**roles(STAFF_ROLES), **roles(NON_STAFF_ROLES, minutes_readers("meeting__"))},
        add=STAFF_ROLES,
        change=roles(STAFF_ROLES),
        cluster="meeting__council__cluster",
    )

    class Meta:
        verbose_name = "протокол"
        verbose_name_plural = "протоколы"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"Протокол № {self.number} от {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return object_url("councils:meeting_detail", self.meeting_id) + "#minutes"

    def download_name(self, field: str) -> str:
        suffix = self.signed_scan.name.rsplit(".", 1)[-1] if self.signed_scan else "pdf"
        return f"protokol-{self.number}-{self.date:%Y-%m-%d}.{suffix}".replace("/", "-")


class Invitation(models.Model):
    """An invitation e-mailed to a meeting, with its calendar file."""

    meeting = models.ForeignKey(Meeting, verbose_name="заседание", on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        Person, verbose_name="персона", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField("адрес")
    sent_at = models.DateTimeField("отправлено", auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отправил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    access_policy = Policy(
        view=roles(STAFF_ROLES), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="meeting__council__cluster"
    )

    class Meta:
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        ordering = ["-sent_at", "pk"]

    def __str__(self):
        return f"{self.email} ({self.sent_at:%d.%m.%Y %H:%M})"
