from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    """Councils, meetings, minutes, decisions and the work plan."""

    name = "councils"
    verbose_name = "Советы и план работы"
