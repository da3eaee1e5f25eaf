"""Reviews: one expert's checklist for one program, its answers and its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cluster_portal.core.access import ALL, Policy, Where, roles
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import COORDINATION, STAFF_ROLES, Role
from cluster_portal.core.urls_helpers import object_url

from ..choices import EDITABLE_STATUSES, ReviewAction, ReviewStatus, Verdict
from .access import as_expert, own_org
from .experts import Expert
from .sessions import SessionProgram
from .templates import SHARE, Criterion, format_share


class Review(TimeStampedModel):
    """One expert's checklist for one program of a session: draft → submitted (read-only)."""

    demo_lookup = "session_program__participant__session__is_demo"  # a checklist of a demo session (core.demo)

    session_program = models.ForeignKey(
        SessionProgram, verbose_name="программа на экспертизе", on_delete=models.PROTECT, related_name="reviews"
    )
    expert = models.ForeignKey(Expert, verbose_name="эксперт", on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField("состояние", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED)
    version = models.PositiveIntegerField("версия записи", default=0, editable=False)
    conclusion = models.TextField("общее заключение эксперта", blank=True)
    submitted_at = models.DateTimeField("отправлен", null=True, blank=True)
    extended_until = models.DateField("срок продлён эксперту до", null=True, blank=True)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: as_expert("expert__user"),
            Role.COLLEGE: own_org("session_program__program__college", status=ReviewStatus.SUBMITTED),
        },
        add=COORDINATION,
        change={
            Role.COORDINATOR: ALL,
            Role.EXPERT: as_expert("expert__user", status__in=EDITABLE_STATUSES),
        },
        delete={Role.COORDINATOR: Where(lambda u: Q(status=ReviewStatus.ASSIGNED))},
        # Whose review it is: the observer reads the verdicts without the experts' names.
        fields={"expert": roles(STAFF_ROLES | {Role.COLLEGE, Role.EXPERT})},
        cluster="session_program__participant__session__cluster",
    )

    class Meta:
        verbose_name = "экспертный лист"
        verbose_name_plural = "экспертные листы"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session_program", "expert"],
                name="review_unique_expert",
                violation_error_message="Этот эксперт уже назначен на программу.",
            )
        ]

    def __str__(self):
        return f"Экспертный лист: {self.session_program.program} — {self.expert}"

    def get_absolute_url(self):
        return object_url("expertise:review_detail", self.pk)

    def get_fill_url(self):
        return object_url("expertise:review_fill", self.pk)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def deadline(self):
        """The last day the expert may change the checklist: the session's, or later if extended; None: no limit."""
        deadline = self.session_program.participant.session.checklist_deadline
        if deadline is None:
            return None
        return max(deadline, self.extended_until) if self.extended_until else deadline

    def is_past_deadline(self, today=None) -> bool:
        deadline = self.deadline
        return deadline is not None and (today or timezone.localdate()) > deadline


class ReviewAnswer(models.Model):
    """The expert's value, verdict and remark on one criterion."""

    review = models.ForeignKey(Review, verbose_name="экспертный лист", on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, verbose_name="критерий", on_delete=models.PROTECT, related_name="answers")
    value_yes = models.BooleanField("значение (да/нет)", null=True, blank=True)
    value_share = models.DecimalField(
        "значение, %", max_digits=5, decimal_places=2, null=True, blank=True, validators=SHARE
    )
    verdict = models.CharField("оценка эксперта", max_length=10, choices=Verdict.choices, blank=True)
    remark = models.TextField("замечания эксперта", blank=True)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: as_expert("review__expert__user"),
            Role.COLLEGE: own_org("review__session_program__program__college", review__status=ReviewStatus.SUBMITTED),
        },
        change={Role.EXPERT: as_expert("review__expert__user", review__status__in=EDITABLE_STATUSES)},
        cluster="review__session_program__participant__session__cluster",
    )

    class Meta:
        verbose_name = "ответ по критерию"
        verbose_name_plural = "ответы по критериям"
        ordering = ["review", "criterion__section__number", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"],
                name="reviewanswer_unique_criterion",
                violation_error_message="По этому критерию ответ уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(value_share__isnull=True) | (Q(value_share__gte=0) & Q(value_share__lte=100)),
                name="reviewanswer_share_range",
                violation_error_message="Доля — от 0 до 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.criterion.number}: {self.get_verdict_display() or '—'}"

    @property
    def value_display(self) -> str:
        if self.value_share is not None:
            return format_share(self.value_share)
        if self.value_yes is None:
            return ""
        return "да" if self.value_yes else "нет"


class ReviewEvent(models.Model):
    """A step in a review's life: assigned, saved, submitted, returned for revision (with a reason)."""

    review = models.ForeignKey(Review, verbose_name="экспертный лист", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("действие", max_length=10, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("когда", default=timezone.now)
    reason = models.TextField("причина / комментарий", blank=True)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: as_expert("review__expert__user"),
        },
        cluster="review__session_program__participant__session__cluster",
    )

    class Meta:
        verbose_name = "событие экспертного листа"
        verbose_name_plural = "события экспертных листов"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%d.%m.%Y %H:%M}"
