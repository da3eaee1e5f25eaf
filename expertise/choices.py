from django.db import models


class NormKind(models.TextChoices):
    YES_NO = "yesno", "Да / нет"
    SHARE = "share", "Доля не менее, %"


class PracticeFigure(models.TextChoices):
    """Figures of the practice database the form shows beside a criterion."""

    NONE = "", "—"
    EMPLOYMENT = "employment", "Трудоустройство выпускников по специальности"
    JOB_OFFERS = "job_offers", "Приглашения на работу по итогам практики"
    ASSESSMENT = "assessment", "Выпускники, прошедшие ДЭ или НОК (результаты экзаменов)"


class CertificateKind(models.TextChoices):
    """What a certificate entitles its holder to; the exam panels ask for the first two."""

    EXAM_ASSESSMENT = "exam", "Право оценки демонстрационного экзамена"
    QUALIFICATION_ASSESSMENT = "nok", "Эксперт по независимой оценке квалификации"
    COMPETITION = "competition", "Эксперт чемпионата по компетенции"
    OTHER = "other", "Иное"


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
