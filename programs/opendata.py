"""The public catalog as open data: programs, colleges and agreed state-funded places (КЦП)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from cluster_portal.api.serializers import PortalModelSerializer
from members.choices import OrganizationKind
from members.models import Organization

from . import selectors
from .choices import TargetStatus
from .models import AdmissionTarget, Program


class OpenProgramSerializer(serializers.ModelSerializer):
    """Программа открытого каталога."""

    college_name = serializers.CharField(source="college.short_name", help_text="ПОО (краткое наименование).")
    specialty_code = serializers.CharField(source="specialty.code", help_text="Код специальности (профессии).")
    specialty_name = serializers.CharField(source="specialty.name", help_text="Специальность (профессия).")
    study_form = serializers.CharField(source="get_study_form_display", help_text="Форма обучения.")
    base_education = serializers.CharField(source="get_base_education_display", help_text="На базе образования.")
    catalog_url = serializers.SerializerMethodField(help_text="Страница программы в открытом каталоге.")

    class Meta:
        model = Program
        fields = [
            "id",
            "college",
            "college_name",
            "specialty_code",
            "specialty_name",
            "qualification",
            "study_form",
            "base_education",
            "duration",
            "first_year",
            "last_year",
            "network_form",
            "dual_training",
            "catalog_url",
        ]
        extra_kwargs = {"college": {"help_text": "Идентификатор ПОО (открытые данные «Колледжи»)."}}

    def get_catalog_url(self, program) -> str:
        return reverse("catalog:program", args=[program.pk])


class OpenCollegeSerializer(PortalModelSerializer):
    """ПОО, чьи программы есть в открытом каталоге."""

    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "town", "address", "phone", "email", "website", "inn", "ogrn"]


class OpenAdmissionTargetSerializer(serializers.ModelSerializer):
    """Согласованные контрольные цифры приёма (бюджетные места)."""

    college_name = serializers.CharField(source="college.short_name", help_text="ПОО (краткое наименование).")
    specialty_code = serializers.CharField(source="specialty.code", help_text="Код специальности (профессии).")
    specialty_name = serializers.CharField(source="specialty.name", help_text="Специальность (профессия).")
    places = serializers.IntegerField(source="agreed", help_text="Согласовано бюджетных мест.")

    class Meta:
        model = AdmissionTarget
        fields = ["id", "year", "college", "college_name", "specialty_code", "specialty_name", "places"]
        extra_kwargs = {"college": {"help_text": "Идентификатор ПОО (открытые данные «Колледжи»)."}}


def open_programs():
    return selectors.catalog_programs().order_by("pk")


def open_colleges():
    return Organization.objects.filter(
        kind=OrganizationKind.COLLEGE, pk__in=selectors.catalog_programs().values("college")
    ).order_by("pk")


def open_admission_targets():
    return (
        AdmissionTarget.objects.filter(status=TargetStatus.AGREED, agreed__isnull=False)
        .select_related("college", "specialty")
        .order_by("pk")
    )
