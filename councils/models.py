"""Governance of a cluster: councils, meetings, minutes, decisions and the yearly work plan."""

from __future__ import annotations

import datetime as dt
import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from cluster_portal.core.access import Policy, Where, everyone, roles
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import Role
from members.models import Cluster, NormativeDocument, Organization, Person

from .choices import (
    OPEN_PLAN_STATUSES,
    CouncilKind,
    DecisionStatus,
    MeetingFormat,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    PlanItemStatus,
    QuorumRule,
)
from .deadlines import academic_year_of

STAFF = (Role.COORDINATOR, Role.SECRETARY)
READERS = (Role.OBSERVER, Role.COLLEGE, Role.EMPLOYER, Role.EXPERT)
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]
PLAN_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})$")


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
                condition |= Q(responsible_person_id=user.person_id)
        if responsible and getattr(user, "organization_id", None):
            condition |= Q(responsible_organization_id=user.organization_id)
        return condition

    return Where(build)


def overdue_q(prefix: str = "") -> Q:
    """Open decisions or plan items whose tracking date has passed."""
    return Q(**{f"{prefix}due_date__lt": timezone.localdate()})


class Council(TimeStampedModel):
    """An expert or coordination council of a cluster."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="councils")
    kind = models.CharField("вид", max_length=20, choices=CouncilKind.choices)
    name = models.CharField("наименование", max_length=200, help_text="Как в документах кластера: «Экспертный Совет»")
    name_genitive = models.CharField(
        "наименование в родительном падеже",
        max_length=200,
        help_text="Для заголовков: «заседания Экспертного Совета»",
    )
    quorum_rule = models.CharField("кворум", max_length=20, choices=QuorumRule.choices, default=QuorumRule.MAJORITY)
    regulation = models.ForeignKey(
        NormativeDocument,
        verbose_name="положение / распоряжение о совете",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField("задачи совета", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "совет"
        verbose_name_plural = "советы"
        ordering = ["cluster", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "kind"],
                name="council_unique_kind",
                violation_error_message="Совет этого вида в кластере уже есть.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:council_detail", args=[self.pk])

    def quorum_needed(self, members: int) -> int:
        """How many members make a quorum out of ``members``."""
        if members <= 0:
            return 0
        if self.quorum_rule == QuorumRule.TWO_THIRDS:
            return math.ceil(members * 2 / 3)
        return members // 2 + 1


class CouncilMember(TimeStampedModel):
    """A person on a council, with the role they hold there."""

    council = models.ForeignKey(Council, verbose_name="совет", on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name="персона", on_delete=models.PROTECT, related_name="council_seats")
    role = models.CharField("роль в совете", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    date_from = models.DateField("в составе с", null=True, blank=True)
    date_to = models.DateField("в составе по", null=True, blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "член совета"
        verbose_name_plural = "члены советов"
        ordering = ["council", "order", "person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"],
                name="councilmember_unique_person",
                violation_error_message="Эта персона уже входит в совет.",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role=MemberRole.CHAIR, date_to__isnull=True),
                name="councilmember_one_chair",
                violation_error_message="У совета уже есть председатель: укажите дату окончания его полномочий.",
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_from__isnull=True) | Q(date_to__gte=F("date_from")),
                name="councilmember_dates_ordered",
                violation_error_message="Дата выхода из совета раньше даты включения.",
            ),
        ]

    def __str__(self):
        return f"{self.person.short_name} — {self.get_role_display().lower()}"

    def get_absolute_url(self):
        return reverse("councils:council_detail", args=[self.council_id]) + "#members"

    def active_on(self, date: dt.date) -> bool:
        return (self.date_from is None or self.date_from <= date) and (self.date_to is None or self.date_to >= date)


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

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

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
        indexes = [models.Index(fields=["date"]), models.Index(fields=["academic_year", "status"])]

    def __str__(self):
        return f"{self.council}, {self.when}"

    def get_absolute_url(self):
        return reverse("councils:meeting_detail", args=[self.pk])

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

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "вопрос повестки"
        verbose_name_plural = "вопросы повестки"
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return f"{self.order}. {self.title[:80]}"

    def get_absolute_url(self):
        return reverse("councils:meeting_detail", args=[self.meeting_id]) + f"#item-{self.pk}"

    @property
    def speakers(self) -> str:
        names = [self.speaker.short_name] if self.speaker_id else []
        if self.speaker_text:
            names.append(self.speaker_text)
        return ", ".join(names)

    @property
    def has_votes(self) -> bool:
        return any(v is not None for v in (self.votes_for, self.votes_against, self.votes_abstained))

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
        view={**roles(STAFF), **roles(READERS, minutes_readers("meeting__"))}, add=STAFF, change=roles(STAFF)
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
        view={**roles(STAFF), **roles(READERS, minutes_readers("meeting__"))}, add=STAFF, change=roles(STAFF)
    )

    class Meta:
        verbose_name = "протокол"
        verbose_name_plural = "протоколы"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"Протокол № {self.number} от {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("councils:meeting_detail", args=[self.meeting_id]) + "#minutes"

    def download_name(self, field: str) -> str:
        suffix = self.signed_scan.name.rsplit(".", 1)[-1] if self.signed_scan else "pdf"
        return f"protokol-{self.number}-{self.date:%Y-%m-%d}.{suffix}".replace("/", "-")


class Decision(TimeStampedModel):
    """A decision of a meeting on one agenda item, tracked until it is done."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name="вопрос повестки", on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.PositiveSmallIntegerField("№ решения по вопросу", default=0)
    text = models.TextField("решение")
    responsible_person = models.ForeignKey(
        Person, verbose_name="ответственный", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responsible_organization = models.ForeignKey(
        Organization,
        verbose_name="ответственная организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_text = models.CharField(
        "ответственные (текстом)", max_length=300, blank=True, help_text="Например: «ПОО - участники Кластера»"
    )
    deadline_text = models.CharField("срок (как в протоколе)", max_length=200, blank=True)
    due_date = models.DateField(
        "срок для контроля", null=True, blank=True, help_text="По нему решение считается просроченным"
    )
    status = models.CharField("статус", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    done_date = models.DateField("дата исполнения", null=True, blank=True)
    result = models.TextField("отметка об исполнении", blank=True)
    plan_item = models.ForeignKey(
        "PlanItem",
        verbose_name="пункт плана работы",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    access_policy = Policy(
        view={**roles(STAFF), **roles(READERS, minutes_readers("agenda_item__meeting__", responsible=True))},
        add=STAFF,
        change=roles(STAFF),
    )

    class Meta:
        verbose_name = "решение"
        verbose_name_plural = "решения"
        ordering = ["agenda_item__meeting__date", "agenda_item__order", "number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=DecisionStatus.DONE) | Q(done_date__isnull=False),
                name="decision_done_has_date",
                violation_error_message="Укажите дату исполнения решения.",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"Решение {self.agenda_item.order}.{self.number}: {self.text[:70]}"

    def get_absolute_url(self):
        return reverse("councils:decision_detail", args=[self.pk])

    @property
    def responsible(self) -> str:
        parts = []
        if self.responsible_person_id:
            parts.append(self.responsible_person.short_name)
        if self.responsible_organization_id:
            parts.append(self.responsible_organization.short_name)
        if self.responsible_text:
            parts.append(self.responsible_text)
        return ", ".join(parts)

    @property
    def deadline(self) -> str:
        return self.deadline_text or (self.due_date.strftime("%d.%m.%Y") if self.due_date else "")

    @property
    def is_overdue(self) -> bool:
        return self.status == DecisionStatus.OPEN and self.due_date is not None and self.due_date < timezone.localdate()


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

    access_policy = Policy(view=roles(STAFF), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        ordering = ["-sent_at", "pk"]

    def __str__(self):
        return f"{self.email} ({self.sent_at:%d.%m.%Y %H:%M})"


class WorkPlan(TimeStampedModel):
    """The work plan of a cluster for a calendar year («ПЛАН РАБОТЫ … на 2022 год»)."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField("год", validators=YEAR)
    title = models.CharField(
        "заголовок после «ПЛАН РАБОТЫ»",
        max_length=300,
        help_text="Например: «Промышленного образовательно-отраслевого кластера на 2022 год»",
    )
    approved_by = models.CharField("кем утверждён", max_length=300, blank=True)
    approved_date = models.DateField("дата утверждения", null=True, blank=True)
    approval_meeting = models.ForeignKey(
        Meeting,
        verbose_name="утверждён на заседании",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "план работы"
        verbose_name_plural = "планы работы"
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="workplan_unique_year",
                violation_error_message="План работы кластера на этот год уже есть.",
            )
        ]

    def __str__(self):
        return f"План работы на {self.year} год"

    def get_absolute_url(self):
        return reverse("councils:workplan_detail", args=[self.pk])

    @property
    def heading(self) -> str:
        return f"ПЛАН РАБОТЫ {self.title}".strip()


class PlanSection(models.Model):
    """A numbered section of a work plan."""

    plan = models.ForeignKey(WorkPlan, verbose_name="план работы", on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField("номер раздела", validators=[MinValueValidator(1), MaxValueValidator(99)])
    title = models.CharField("название раздела", max_length=500)

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "раздел плана"
        verbose_name_plural = "разделы плана"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plansection_unique_number",
                violation_error_message="Раздел с таким номером в плане уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("councils:workplan_detail", args=[self.plan_id]) + f"#section-{self.number}"


def normalize_plan_number(value: str) -> str:
    """«1.1.» and « 1.1 » are the same item number: 1.1."""
    return (value or "").strip().rstrip(".").strip()


class PlanItem(TimeStampedModel):
    """A numbered item of a work plan (1.1 …): what, who, by when, with what result."""

    plan = models.ForeignKey(WorkPlan, verbose_name="план работы", on_delete=models.PROTECT, related_name="items")
    section = models.ForeignKey(PlanSection, verbose_name="раздел", on_delete=models.PROTECT, related_name="items")
    number = models.CharField("№ п/п", max_length=10, help_text="Например: 1.1 (номер раздела, точка, номер пункта)")
    position = models.PositiveIntegerField("порядок", default=0, editable=False)
    title = models.TextField("наименование мероприятия")
    executors = models.TextField("исполнители", blank=True)
    responsible_person = models.ForeignKey(
        Person,
        verbose_name="ответственный (для контроля)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline_text = models.CharField(
        "срок исполнения",
        max_length=200,
        blank=True,
        help_text="Как в плане: «Не реже 1 раза в квартал», «IV квартал 2022»",
    )
    due_date = models.DateField(
        "срок для контроля", null=True, blank=True, help_text="Если не указан, определяется по сроку исполнения"
    )
    expected_result = models.TextField("результат", blank=True)
    status = models.CharField("статус", max_length=20, choices=PlanItemStatus.choices, default=PlanItemStatus.PLANNED)
    council = models.ForeignKey(
        Council,
        verbose_name="исполнение отражают заседания совета",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Для пунктов «Проведение заседаний …»: проведённые заседания года попадут в отчёт",
    )

    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "пункт плана"
        verbose_name_plural = "пункты плана"
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="planitem_unique_number",
                violation_error_message="Пункт с таким номером в этом плане уже есть.",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.display_number} {self.title[:80]}"

    def get_absolute_url(self):
        return reverse("councils:planitem_detail", args=[self.pk])

    @property
    def display_number(self) -> str:
        return f"{self.number}."

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_PLAN_STATUSES and self.due_date is not None and self.due_date < timezone.localdate()

    def clean(self):
        self.number = normalize_plan_number(self.number)
        match = PLAN_NUMBER.match(self.number)
        if not match:
            raise ValidationError({"number": "Номер пункта записывается как 1.1: номер раздела, точка, номер пункта."})
        self.position = int(match[1]) * 1000 + int(match[2])
        if self.section_id:
            if self.plan_id and self.section.plan_id != self.plan_id:
                raise ValidationError({"section": "Раздел относится к другому плану."})
            if int(match[1]) != self.section.number:
                raise ValidationError(
                    {
                        "number": f"Пункт {self.number} не может стоять в разделе {self.section.number}: "
                        "номер пункта начинается с номера раздела."
                    }
                )


class PlanReport(TimeStampedModel):
    """What was done on a plan item: an event held, a document issued."""

    item = models.ForeignKey(PlanItem, verbose_name="пункт плана", on_delete=models.CASCADE, related_name="reports")
    date = models.DateField("дата")
    text = models.TextField("что сделано")
    file = models.FileField("файл", upload_to=upload_to, validators=[document_validator], blank=True, max_length=200)
    link = models.URLField("ссылка", blank=True, help_text="Новость, страница мероприятия")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    protected_file_fields = ("file",)
    access_policy = Policy(view=everyone(), add=STAFF, change=roles(STAFF))

    class Meta:
        verbose_name = "отчёт о выполнении"
        verbose_name_plural = "отчёты о выполнении"
        ordering = ["item", "date", "pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.text[:80]}"

    def get_absolute_url(self):
        return reverse("councils:planitem_detail", args=[self.item_id]) + f"#report-{self.pk}"


class CalendarFeed(models.Model):
    """A user's secret calendar address: the token in the URL is the only credential."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField("ключ", max_length=64, unique=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее обращение", null=True, blank=True)

    access_policy = Policy(view=everyone(Where(lambda user: Q(user_id=user.pk))), add=(), change={})

    class Meta:
        verbose_name = "подписка на календарь"
        verbose_name_plural = "подписки на календарь"

    def __str__(self):
        return f"Календарь пользователя {self.user}"
