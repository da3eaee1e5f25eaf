"""Tables of the members lists."""

import django_tables2 as tables

from cluster_portal.core.tables import NarrowScreens, RowTemplate

from .models import Cluster, EnlargedGroup, Membership, NormativeDocument, Organization, Person, Sector, User


class OrganizationTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("name", "town", "phone", "email")
    row_template = "members/rows/organization.html"
    short_name = tables.Column(linkify=True)
    name = tables.Column()
    kind = tables.Column()
    town = tables.Column()
    phone = tables.Column(orderable=False)
    email = tables.EmailColumn(orderable=False)

    class Meta:
        model = Organization
        fields = ("short_name", "name", "kind", "town", "phone", "email")
        order_by = ("short_name",)


class ClusterTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Cluster
        fields = ("name", "region", "lead_college")


class MembershipTable(NarrowScreens, tables.Table):
    wide_only = ("with_branches", "date_from", "date_to", "agreement")
    organization = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = Membership
        fields = ("organization", "cluster", "role", "with_branches", "date_from", "date_to", "agreement")
        order_by = ("cluster", "order")


class EnlargedGroupTable(tables.Table):
    code = tables.Column(linkify=True)

    class Meta:
        model = EnlargedGroup
        fields = ("code", "name")


class SectorTable(tables.Table):
    name = tables.Column(linkify=True)
    groups = tables.ManyToManyColumn(verbose_name="УГПС", transform=lambda g: g.code, orderable=False)
    colleges = tables.Column(verbose_name="ПОО", accessor="college_links", orderable=False, empty_values=())

    class Meta:
        model = Sector
        fields = ("name", "cluster", "groups", "colleges", "order")
        order_by = ("cluster", "order")

    def render_colleges(self, record):
        return ", ".join(link.college.short_name for link in record.college_links.all()) or "—"


class PersonTable(NarrowScreens, RowTemplate, tables.Table):
    wide_only = ("position", "email", "phone")
    row_template = "members/rows/person.html"
    full_name = tables.Column(
        "ФИО", linkify=lambda record: record.get_absolute_url(), order_by=("last_name", "first_name")
    )

    class Meta:
        model = Person
        fields = ("full_name", "position", "organization", "email", "phone")


class DocumentTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = NormativeDocument
        fields = ("kind", "title", "number", "date", "issuer", "cluster")
        order_by = ("date",)


class UserTable(tables.Table):
    username = tables.Column(linkify=lambda record: record.get_absolute_url())
    full_name = tables.Column("ФИО", accessor="get_full_name", order_by=("last_name", "first_name"))

    class Meta:
        model = User
        fields = ("username", "full_name", "role", "organization", "email", "is_active", "last_login")
