"""Django's JSON serialization format with timestamps to the microsecond.

Django's ``DjangoJSONEncoder`` writes datetimes and times to the millisecond (ECMA-262), so a
dump of the history reorders changes made within one millisecond. This format writes them whole;
Django's own JSON deserializer reads both. Registered as ``json-exact`` by the backup.
"""

from __future__ import annotations

import datetime as dt

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "ExactJSONEncoder", "Serializer"]


class ExactJSONEncoder(DjangoJSONEncoder):
    """``DjangoJSONEncoder`` that keeps the microseconds of datetimes and times."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    """The JSON serializer with ``ExactJSONEncoder`` (``cls`` is passed on to ``json.dump``)."""

    def serialize(self, queryset, **options):
        options.setdefault("cls", ExactJSONEncoder)
        return super().serialize(queryset, **options)
