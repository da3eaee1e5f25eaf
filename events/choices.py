from django.db import models


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", "На публикации"
    PUBLISHED = "published", "Опубликовано"
    RETURNED = "returned", "Возвращено на доработку"


class FileKind(models.TextChoices):
    PHOTO = "photo", "Фотография"
    DOCUMENT = "document", "Документ"


class ExpertRole(models.TextChoices):
    """The role of an enterprise's expert at a competition."""

    INDEPENDENT = "independent", "Независимый эксперт"
    CHIEF = "chief", "Главный эксперт"
    COMPETENCE = "competence", "Эксперт-компатриот"


class ExamKind(models.TextChoices):
    DE_BASIC = "de_basic", "ДЭ базового уровня (ГИА)"
    DE_PROFILE = "de_profile", "ДЭ профильного уровня (ГИА)"
    NOK = "nok", "Независимая оценка квалификации (НОК)"


class PanelRole(models.TextChoices):
    CHIEF = "chief", "Главный эксперт"
    EXPERT = "expert", "Эксперт"


class ExamGrade(models.IntegerChoices):
    EXCELLENT = 5, "отлично"
    GOOD = 4, "хорошо"
    SATISFACTORY = 3, "удовлетворительно"
    FAILED = 2, "неудовлетворительно"
