from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    """Expert sessions and checklists."""

    name = "expertise"
    verbose_name = "Экспертиза программ"
