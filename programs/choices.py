from django.db import models


class Level(models.TextChoices):
    MID_LEVEL = "ppssz", "Специалисты среднего звена (ППССЗ)"
    SKILLED_WORKERS = "ppkrs", "Квалифицированные рабочие, служащие (ППКРС)"


# What each level means to a school leaver (the public catalog explains the abbreviation).
LEVEL_HINTS = {
    Level.MID_LEVEL: "ППССЗ — программа подготовки специалистов среднего звена; после неё — техник, технолог, "
    "мастер и другие специалисты.",
    Level.SKILLED_WORKERS: "ППКРС — программа подготовки квалифицированных рабочих и служащих; после неё — "
    "рабочая профессия (оператор, сварщик, электромонтёр…).",
}


class StudyForm(models.TextChoices):
    FULL_TIME = "full", "Очная"
    PART_TIME = "part", "Очно-заочная"
    EXTRAMURAL = "extra", "Заочная"


class BaseEducation(models.TextChoices):
    BASIC = "basic", "Основное общее (9 классов)"
    SECONDARY = "secondary", "Среднее общее (11 классов)"


class AdditionalKind(models.TextChoices):
    ADVANCED_TRAINING = "dpo_pk", "ДПО — повышение квалификации"
    RETRAINING = "dpo_pp", "ДПО — профессиональная переподготовка"
    VOCATIONAL = "po", "Профессиональное обучение"


class TargetStatus(models.TextChoices):
    PROPOSED = "proposed", "Предложено ПОО"
    AGREED = "agreed", "Согласовано"
    RETURNED = "returned", "Возвращено на доработку"
