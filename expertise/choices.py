from django.db import models


class NormKind(models.TextChoices):
    YES_NO = "yesno", "Да / нет"
    SHARE = "share", "Доля не менее, %"


class PracticeFigure(models.TextChoices):
    """Figures of the practice database the form shows beside a criterion."""

    NONE = "", "—"
    EMPLOYMENT = "employment", "Трудоустройство выпускников по специальности"
    JOB_OFFERS = "job_offers", "Приглашения на работу по итогам практики"


class Verdict(models.TextChoices):
    COMPLIES = "complies", "соответствует"
    FAILS = "fails", "не соответствует"


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", "Не начат"
    DRAFT = "draft", "Черновик"
    RETURNED = "returned", "Возвращён на доработку"
    SUBMITTED = "submitted", "Отправлен"


EDITABLE_STATUSES = (ReviewStatus.ASSIGNED, ReviewStatus.DRAFT, ReviewStatus.RETURNED)


class ReviewAction(models.TextChoices):
    ASSIGNED = "assigned", "Назначен эксперт"
    SAVED = "saved", "Сохранён черновик"
    SUBMITTED = "submitted", "Отправлен"
    RETURNED = "returned", "Возвращён на доработку"
