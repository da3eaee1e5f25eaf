"""Choices of the practice app."""

from django.db import models


class PlacementKind(models.TextChoices):
    TRAINING = "training", "Учебная"
    INDUSTRIAL = "industrial", "Производственная"
    PRE_DIPLOMA = "prediploma", "Преддипломная"


class MentoringFormat(models.TextChoices):
    INDIVIDUAL = "individual", "Индивидуальный наставник"
    SHIFTS = "shifts", "Несколько наставников (сменный график)"
    GROUP = "group", "Руководитель группы без наставничества"


class AgreementForm(models.TextChoices):
    REGIONAL = "regional", "По региональной модели наставничества"
    ENTERPRISE = "enterprise", "По форме предприятия"


class OutcomeStatus(models.TextChoices):
    BY_SPECIALTY = "by_specialty", "Трудоустроен по специальности"
    NOT_BY_SPECIALTY = "not_by_specialty", "Трудоустроен не по специальности"
    EDUCATION = "education", "Продолжает обучение"
    ARMY = "army", "Служба в армии"
    PARENTAL_LEAVE = "parental_leave", "Отпуск по уходу за ребёнком"
    SELF_EMPLOYED = "self_employed", "Самозанятый, ИП"
    NOT_EMPLOYED = "not_employed", "Не трудоустроен"


# Statuses counted as employment (the total rate); only BY_SPECIALTY counts «по специальности».
EMPLOYED_STATUSES = (OutcomeStatus.BY_SPECIALTY, OutcomeStatus.NOT_BY_SPECIALTY, OutcomeStatus.SELF_EMPLOYED)


class CollectionTopic(models.TextChoices):
    EMPLOYMENT = "employment", "Трудоустройство выпускников"
    PRACTICE = "practice", "Практика и наставничество"
    STUDENTS = "students", "Контингент студентов"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "Не отправлено"
    SUBMITTED = "submitted", "Отправлено на проверку"
    RETURNED = "returned", "Возвращено на доработку"
    ACCEPTED = "accepted", "Принято"


class Grade(models.IntegerChoices):
    EXCELLENT = 5, "5 (отлично)"
    GOOD = 4, "4 (хорошо)"
    SATISFACTORY = 3, "3 (удовлетворительно)"
    FAIL = 2, "2 (неудовлетворительно)"
