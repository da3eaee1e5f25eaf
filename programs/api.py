"""The programs app's lists and the catalog's open data in the API (registered from ``ProgramsConfig.ready``)."""

from cluster_portal.api.registry import OpenDataset, ReadEndpoint

from . import opendata, views
from .views import rounds

ENDPOINTS = (
    ReadEndpoint("programs/programs", views.ProgramListView),
    ReadEndpoint("programs/specialties", views.SpecialtyListView),
    ReadEndpoint("programs/additional", views.AdditionalProgramListView),
    ReadEndpoint("programs/targets", views.AdmissionTargetListView),
    ReadEndpoint(
        "programs/rounds",
        rounds.AdmissionRoundListView,
        description="Сроки КЦП: приём предложений ПОО и согласование по годам приёма.",
    ),
)

OPEN_DATA = (
    OpenDataset(
        "programs",
        "программы",
        "Образовательные программы открытого каталога: опубликованные и набирающие сейчас.",
        opendata.open_programs,
        opendata.OpenProgramSerializer,
        filterset_fields=("college",),
    ),
    OpenDataset(
        "colleges",
        "колледжи",
        "ПОО, чьи программы есть в открытом каталоге, с контактами.",
        opendata.open_colleges,
        opendata.OpenCollegeSerializer,
    ),
    OpenDataset(
        "admission-targets",
        "бюджетные места (КЦП)",
        "Согласованные контрольные цифры приёма по ПОО, специальностям и годам приёма.",
        opendata.open_admission_targets,
        opendata.OpenAdmissionTargetSerializer,
        filterset_fields=("year", "college"),
    ),
)
