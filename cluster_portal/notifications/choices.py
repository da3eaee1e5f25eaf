from django.db import models


class NotificationKind(models.TextChoices):
    EXPERT_ASSIGNED = "expert_assigned", "Назначение экспертом"
    REVIEW_RETURNED = "review_returned", "Экспертный лист возвращён на доработку"
    REVIEW_SUBMITTED = "review_submitted", "Экспертный лист отправлен"
    RESULTS_PUBLISHED = "results_published", "Результаты экспертизы программ"
    COLLECTION_OPENED = "collection_opened", "Открыт сбор данных"
    COLLECTION_RETURNED = "collection_returned", "Данные возвращены на доработку"
    COLLECTION_ACCEPTED = "collection_accepted", "Данные приняты"
    INVITATION = "invitation", "Приглашение на заседание"
    DEADLINE = "deadline", "Сроки: ежедневная сводка"
    JOB_FINISHED = "job_finished", "Фоновая задача завершена"


# Kinds sent by e-mail too unless the user turns it off; the rest stay in the portal unless turned on.
EMAIL_BY_DEFAULT = frozenset(NotificationKind) - {NotificationKind.JOB_FINISHED}
