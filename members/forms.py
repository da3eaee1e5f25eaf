"""Forms of the members app; choices a user may pick are scoped like the rows they may see."""

from django import forms
from django.db import transaction
from django.utils import timezone

from cluster_portal.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple, plain_select
from cluster_portal.core.forms import PortalForm
from cluster_portal.core.roles import CLUSTER_ROLES, Role, role_of

from . import services
from .choices import OrganizationKind
from .models import (
    Cluster,
    EnlargedGroup,
    Membership,
    NormativeDocument,
    Organization,
    Person,
    Sector,
    SectorCollege,
    User,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganizationForm(PortalForm):
    renamed_on = forms.DateField(
        label="Новое наименование действует с",
        required=False,
        widget=DATE_INPUT,
        help_text="Если наименование меняется (по умолчанию — с сегодняшнего дня). Прежнее наименование "
        "сохраняется: отчёты за прошлые годы выводят его.",
    )

    class Meta:
        model = Organization
        fields = ["kind", "name", "short_name", "parent", "town", "address", "phone", "email", "website", "inn", "ogrn"]
        widgets = {"parent": AutocompleteSelect("members.organizations")}


class ClusterForm(PortalForm):
    class Meta:
        model = Cluster
        fields = [
            "name",
            "short_name",
            "region",
            "region_genitive",
            "town",
            "department",
            "lead_college",
            "contact_person",
            "composition_order",
            "description",
        ]
        widgets = {
            "lead_college": AutocompleteSelect("members.colleges"),
            "contact_person": AutocompleteSelect("members.persons"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT)
        documents = NormativeDocument.objects.all()
        if self.instance.pk:
            documents = documents.filter(cluster=self.instance)
        self.fields["composition_order"].queryset = documents


class MembershipForm(PortalForm):
    class Meta:
        model = Membership
        fields = ["cluster", "organization", "role", "with_branches", "date_from", "date_to", "agreement", "order"]
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "organization": AutocompleteSelect("members.organizations"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["date_from"].help_text = "Пусто — с сегодняшнего дня"

    def clean_date_from(self):
        # Reports of a year list the members of that year: a new member joins today unless told.
        value = self.cleaned_data.get("date_from")
        return value or (timezone.localdate() if self.instance.pk is None else None)


class EnlargedGroupForm(PortalForm):
    class Meta:
        model = EnlargedGroup
        fields = ["code", "name"]


class SectorForm(PortalForm):
    colleges = forms.ModelMultipleChoiceField(
        label="ПОО, готовящие кадры",
        queryset=Organization.objects.filter(kind=OrganizationKind.COLLEGE),
        required=False,
        widget=AutocompleteSelectMultiple("members.colleges"),
    )

    class Meta:
        model = Sector
        fields = ["cluster", "name", "groups", "order"]
        widgets = {"groups": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["colleges"] = [link.college_id for link in self.instance.college_links.all()]

    @transaction.atomic
    def save(self, commit=True):
        sector = super().save(commit=commit)
        wanted = list(self.cleaned_data["colleges"])
        existing = {link.college_id: link for link in sector.college_links.all()}
        SectorCollege.objects.filter(sector=sector).exclude(college__in=wanted).delete()
        next_order = max((link.order for link in existing.values()), default=0)
        for college in wanted:
            if college.pk not in existing:
                next_order += 1
                SectorCollege.objects.create(sector=sector, college=college, order=next_order)
        return sector


class PersonForm(PortalForm):
    class Meta:
        model = Person
        fields = ["last_name", "first_name", "middle_name", "position", "organization", "email", "phone"]
        widgets = {"organization": AutocompleteSelect("members.organizations")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if role_of(self.user) == Role.COLLEGE:
            self.fields["organization"].queryset = Organization.objects.filter(pk=self.user.organization_id)
            self.fields["organization"].required = True
            self.fields["organization"].empty_label = None
            plain_select(self.fields["organization"])


class NormativeDocumentForm(PortalForm):
    class Meta:
        model = NormativeDocument
        fields = ["cluster", "kind", "title", "number", "date", "date_text", "issuer", "valid_until", "file"]
        widgets = {"date": DATE_INPUT, "valid_until": DATE_INPUT}


class UserForm(PortalForm):
    class Meta:
        model = User
        fields = [
            "username",
            "last_name",
            "first_name",
            "email",
            "role",
            "organization",
            "person",
            "clusters",
            "is_active",
        ]
        help_texts = {"username": "Латинские буквы, цифры и символы @ . + - _"}
        widgets = {
            "organization": AutocompleteSelect("members.organizations"),
            "person": AutocompleteSelect("members.persons"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "На этот адрес придёт ссылка для установки пароля."
        if not services.appoints_to_clusters(self.user):
            self.fields["clusters"].disabled = True
            self.fields["clusters"].help_text = (
                "Координатор или секретарь, которого вы заводите, работает в ваших кластерах; "
                "другие кластеры назначает региональный администратор."
            )

    def clean(self):
        cleaned = super().clean()
        if self.user is None or services.appoints_to_clusters(self.user):
            return cleaned
        role = cleaned.get("role")
        if role == Role.OBSERVER:
            self.add_error(
                "role",
                "Наблюдатель видит все кластеры региона: эту роль назначает региональный администратор.",
            )
        elif role in CLUSTER_ROLES and not cleaned.get("clusters"):
            # A coordinator of some clusters never makes a region-wide coordinator or secretary.
            cleaned["clusters"] = self.user.clusters.all()
        return cleaned
