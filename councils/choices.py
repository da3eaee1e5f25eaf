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
    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "Выполняется"
    DONE = "done", "Выполнено"
    PARTLY = "partly", "Выполнено частично"
    NOT_DONE = "not_done", "Не выполнено"
    CANCELLED = "cancelled", "Отменено"


# Statuses whose due date is still being tracked.
OPEN_PLAN_STATUSES = (PlanItemStatus.PLANNED, PlanItemStatus.IN_PROGRESS)
