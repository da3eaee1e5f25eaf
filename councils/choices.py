from django.db import models


class CouncilKind(models.TextChoices):
    EXPERT = "expert", "Экспертный совет"
    COORDINATION = "coordination", "Координационный совет"


class QuorumRule(models.TextChoices):
    MAJORITY = "majority", "Более половины членов совета"
    TWO_THIRDS = "two_thirds", "Не менее двух третей членов совета"


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Председатель"
    DEPUTY = "deputy", "Заместитель председателя"
    SECRETARY = "secretary", "Секретарь"
    MEMBER = "member", "Член совета"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Запланировано"
    HELD = "held", "Проведено"
    CANCELLED = "cancelled", "Отменено"


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "Очно"
    REMOTE = "remote", "Дистанционно (видеоконференция)"
    MIXED = "mixed", "Очно и дистанционно"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    SIGNED = "signed", "Подписан"


class DecisionStatus(models.TextChoices):
    OPEN = "open", "На исполнении"
    DONE = "done", "Исполнено"
    CANCELLED = "cancelled", "Снято с контроля"


class PlanItemStatus(models.TextChoices):
    """A plan item's status, computed from its evidence and deadline (``councils.execution``)."""

    DONE = "done", "Выполнено"
    IN_PROGRESS = "in_progress", "В работе"
    OVERDUE = "overdue", "Просрочено"
    PLANNED = "planned", "Запланировано"
    CANCELLED = "cancelled", "Отменено"  # only by a manual override


# The statuses a computation gives; an override may also cancel an item.
COMPUTED_PLAN_STATUSES = (
    PlanItemStatus.DONE,
    PlanItemStatus.IN_PROGRESS,
    PlanItemStatus.OVERDUE,
    PlanItemStatus.PLANNED,
)
