from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """Practice, mentoring and employment."""

    name = "practice"
    verbose_name = "Практика и трудоустройство"
