"""The admin's forms do not list a table that grows with the region in a select.

At the largest benchmark scale a select of students, persons or organizations would carry
hundreds of thousands of options: such a relation is a raw id or an autocomplete in the admin.
"""

from django.apps import apps
from django.contrib import admin
from django.forms.models import InlineForeignKeyField

from cluster_portal.core.admin_scale import grows
from practice.models import Placement, Student


def _forms(request):
    """(model, admin, form class) of every admin page and inline of the portal."""
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        yield model, model_admin, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield inline.model, inline, inline.get_formset(request).form


def test_large_relations_are_raw_ids_or_autocompletes(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    offending = []
    for model, model_admin, form in _forms(request):
        quick = set(model_admin.raw_id_fields) | set(model_admin.autocomplete_fields)
        for field in model._meta.get_fields():
            form_field = form.base_fields.get(field.name) if grows(field) else None
            if form_field is None or isinstance(form_field, InlineForeignKeyField) or field.name in quick:
                continue
            offending.append(f"{model._meta.label}.{field.name} → {field.related_model._meta.label}")
    assert offending == [], "\n".join(offending)


def test_a_relation_is_an_autocomplete_where_the_related_admin_searches(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user

    placement_admin = admin.site.get_model_admin(Placement)
    assert "student" in placement_admin.autocomplete_fields  # students are searched by record number
    assert "base" in placement_admin.raw_id_fields  # practice bases have no search in the admin
    form = placement_admin.get_form(request)()
    assert "admin-autocomplete" in str(form["student"]) and "vForeignKeyRawIdAdminField" in str(form["base"])
    assert {"college", "program"} <= set(admin.site.get_model_admin(Student).autocomplete_fields)
