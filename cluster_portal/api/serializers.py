"""Serializers of the read endpoints: one per registered endpoint, built from its model's fields."""

from __future__ import annotations

from django.db import models
from rest_framework import serializers

from cluster_portal.core.access import readable, readable_fields

from .registry import ReadEndpoint


class PortalModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose schema admits what the portal stores: an optional e-mail or site may be empty."""

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        # The schema's "email"/"uri" formats refuse "", which a blank field holds: it is plain text then.
        if model_field.blank and isinstance(model_field, models.EmailField | models.URLField):
            field_class = serializers.CharField
            for name in ("validators", "allow_unicode"):
                field_kwargs.pop(name, None)
        return field_class, field_kwargs


class ReadableFieldsSerializer(PortalModelSerializer):
    """A row as its reader may read it: a field the model's policy keeps from them comes as null.

    The view annotates the rows with ``core.access.with_readable``, so the check asks no query.
    """

    guarded: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        for name in self.guarded:
            if name in data and not readable(user, instance, name):
                data[name] = None
        return data


def _help(model_field) -> str:
    """The model field's Russian name (and help), the field's description in the schema."""
    text = str(model_field.verbose_name)
    text = text[:1].upper() + text[1:]
    help_text = str(model_field.help_text or "")
    return f"{text}. {help_text}" if help_text else text


def serializer_for(endpoint: ReadEndpoint) -> type[ReadableFieldsSerializer]:
    """A ModelSerializer of the endpoint's fields (served by a read-only viewset); guarded fields are nullable."""
    model = endpoint.model
    fields = ["id", *[f for f in endpoint.served_fields() if f != "id"]]
    guarded = tuple(f for f in fields if f in readable_fields(model))
    extra = {}
    for name in fields:
        model_field = model._meta.get_field(name)
        extra[name] = {"help_text": _help(model_field)}
        if name in guarded:
            extra[name]["allow_null"] = True
    # Not marked read-only (the viewset only reads): DRF drops allow_blank from read-only fields, and the
    # schema would then refuse the empty choice a blank field holds.
    meta = type("Meta", (), {"model": model, "fields": fields, "extra_kwargs": extra})
    return type(
        f"{model.__name__}Serializer",
        (ReadableFieldsSerializer,),
        {"Meta": meta, "guarded": guarded, "__doc__": f"{endpoint.title}: строка списка."},
    )
