from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """The program bank: specialties, programs, admission targets, public catalog."""

    name = "programs"
    verbose_name = "Банк программ"
