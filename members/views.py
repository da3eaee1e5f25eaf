"""Pages of the members app: declarations over the kernel's generic views."""

from cluster_portal.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

from . import filters, forms, io, selectors, services, tables


# Organizations ---------------------------------------------------------------------------------
class OrganizationListView(ObjectListView):
    list_reads = ("members",)
    filter_reads = ("members.Cluster",)
    selector = selectors.organization_list
    table_class = tables.OrganizationTable
    filterset_class = filters.OrganizationFilter
    export_columns = io.ORGANIZATION_COLUMNS
    export_name = "organizations"
    import_kind = "organizations"


class OrganizationDetailView(ObjectDetailView):
    selector = selectors.organization_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        context["memberships"] = org.memberships.select_related("cluster")
        context["branches"] = org.branches.all()
        context["former_names"] = org.former_names.order_by("-valid_until")
        context["sectors"] = org.sectors.select_related("cluster")
        context["people"] = selectors.person_list(user=self.request.user).filter(organization=org)
        context["next_steps"] = [
            step
            for step in selectors.organization_next_steps(organization=org, user=self.request.user)
            if step.url and not step.done
        ]
        return context


class OrganizationEditView(ObjectEditView):
    selector = selectors.organization_list
    form_class = forms.OrganizationForm

    def save(self, form):
        return services.organization_save(organization=form.instance, renamed_on=form.cleaned_data.get("renamed_on"))


class OrganizationDeleteView(ObjectDeleteView):
    selector = selectors.organization_list


# Clusters --------------------------------------------------------------------------------------
class ClusterListView(ObjectListView):
    selector = selectors.cluster_list
    table_class = tables.ClusterTable
    filterset_class = filters.ClusterFilter
    export_columns = io.CLUSTER_COLUMNS
    export_name = "clusters"


class ClusterDetailView(ObjectDetailView):
    selector = selectors.cluster_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["composition"] = selectors.composition(cluster=self.object)
        context["sectors"] = selectors.sector_list(user=user).filter(cluster=self.object)
        context["documents"] = selectors.document_list(user=user).filter(cluster=self.object)
        return context


class ClusterEditView(ObjectEditView):
    selector = selectors.cluster_list
    form_class = forms.ClusterForm


class ClusterDeleteView(ObjectDeleteView):
    selector = selectors.cluster_list


# Memberships -----------------------------------------------------------------------------------
class MembershipListView(ObjectListView):
    selector = selectors.membership_list
    table_class = tables.MembershipTable
    filterset_class = filters.MembershipFilter
    export_columns = io.MEMBERSHIP_COLUMNS
    export_name = "memberships"


class MembershipDetailView(ObjectDetailView):
    selector = selectors.membership_list


class MembershipEditView(ObjectEditView):
    selector = selectors.membership_list
    form_class = forms.MembershipForm


class MembershipDeleteView(ObjectDeleteView):
    selector = selectors.membership_list


# Enlarged groups -------------------------------------------------------------------------------
class EnlargedGroupListView(ObjectListView):
    selector = selectors.enlarged_group_list
    table_class = tables.EnlargedGroupTable
    filterset_class = filters.EnlargedGroupFilter
    export_columns = io.ENLARGED_GROUP_COLUMNS
    export_name = "ugps"


class EnlargedGroupDetailView(ObjectDetailView):
    selector = selectors.enlarged_group_list
    show_history = False


class EnlargedGroupEditView(ObjectEditView):
    selector = selectors.enlarged_group_list
    form_class = forms.EnlargedGroupForm


class EnlargedGroupDeleteView(ObjectDeleteView):
    selector = selectors.enlarged_group_list


# Sectors ---------------------------------------------------------------------------------------
class SectorListView(ObjectListView):
    selector = selectors.sector_list
    table_class = tables.SectorTable
    filterset_class = filters.SectorFilter
    export_columns = io.SECTOR_COLUMNS
    export_name = "sectors"


class SectorDetailView(ObjectDetailView):
    selector = selectors.sector_list


class SectorEditView(ObjectEditView):
    selector = selectors.sector_list
    form_class = forms.SectorForm


class SectorDeleteView(ObjectDeleteView):
    selector = selectors.sector_list


# People ----------------------------------------------------------------------------------------
class PersonListView(ObjectListView):
    list_reads = ("members",)
    filter_reads = ()
    selector = selectors.person_list
    table_class = tables.PersonTable
    filterset_class = filters.PersonFilter
    export_columns = io.PERSON_COLUMNS
    export_name = "persons"
    import_kind = "persons"


class PersonDetailView(ObjectDetailView):
    selector = selectors.person_list


class PersonEditView(ObjectEditView):
    selector = selectors.person_list
    form_class = forms.PersonForm


class PersonDeleteView(ObjectDeleteView):
    selector = selectors.person_list


# Normative documents ---------------------------------------------------------------------------
class DocumentListView(ObjectListView):
    selector = selectors.document_list
    table_class = tables.DocumentTable
    filterset_class = filters.DocumentFilter
    export_columns = io.DOCUMENT_COLUMNS
    export_name = "documents"


class DocumentDetailView(ObjectDetailView):
    selector = selectors.document_list


class DocumentEditView(ObjectEditView):
    selector = selectors.document_list
    form_class = forms.NormativeDocumentForm


class DocumentDeleteView(ObjectDeleteView):
    selector = selectors.document_list


# Users -----------------------------------------------------------------------------------------
class UserListView(ObjectListView):
    selector = selectors.user_list
    table_class = tables.UserTable
    filterset_class = filters.UserFilter
    export_columns = io.USER_COLUMNS
    export_name = "users"


class UserDetailView(ObjectDetailView):
    selector = selectors.user_list


class UserEditView(ObjectEditView):
    selector = selectors.user_list
    form_class = forms.UserForm
    success_message = "Пользователь «%(object)s» сохранён."

    def save(self, form):
        if self.object is None:
            return services.user_create(**form.cleaned_data)
        return form.save()
