from django.db import models


class OrganizationKind(models.TextChoices):
    COLLEGE = "college", "Профессиональная образовательная организация (ПОО)"
    EMPLOYER = "employer", "Работодатель (предприятие)"
    EMPLOYERS_UNION = "union", "Объединение работодателей"
    GOVERNMENT = "government", "Орган государственной власти"
    SCHOOL = "school", "Общеобразовательная организация"
    OTHER = "other", "Иная организация"


class MembershipRole(models.TextChoices):
    LEAD_COLLEGE = "lead_college", "Ведущая ПОО кластера"
    COLLEGE = "college", "ПОО Томской области"
    EMPLOYER = "employer", "Представитель работодателей"
    GOVERNMENT = "government", "Орган государственной власти"
    SCHOOL = "school", "Общеобразовательная организация"
    OTHER = "other", "Иной участник"


class DocumentKind(models.TextChoices):
    ORDER = "order", "Распоряжение"
    REGULATION = "regulation", "Положение"
    AGREEMENT = "agreement", "Соглашение"
    ROADMAP = "roadmap", "Дорожная карта"
    OTHER = "other", "Иной документ"
