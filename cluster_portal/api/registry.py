"""What the apps offer through the API: each registers its read endpoints from its ``AppConfig.ready()``.

A read endpoint is one of the portal's list pages served as JSON: the page's own selector (taking
the user) and filter set, so the API reads exactly the rows the page shows, with cursor pagination.
The kernel names no app: it serves what is registered here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import FileField, Model
from django.utils.text import capfirst

# Fields never served whatever the endpoint: secrets and files (files go through the portal's access check).
NEVER_SERVED = frozenset({"password"})


@dataclass(frozen=True)
class ReadEndpoint:
    """A list page of the portal as an API endpoint: ``/api/<path>/`` and ``/api/<path>/<id>/``.

    ``view`` is the page's ``ObjectListView``: its ``selector`` and ``filterset_class`` are used as
    they are. ``fields`` are the served model fields (all concrete fields but files and secrets when
    empty); ``on_read`` is called with the request after rows were served (a journal of personal-data reads).
    """

    path: str
    view: type
    fields: Sequence[str] = ()
    description: str = ""
    on_read: Callable[[object], None] | None = None

    @property
    def selector(self) -> Callable:
        return self.view.selector

    @property
    def filterset_class(self):
        return self.view.filterset_class

    @property
    def model(self) -> type[Model]:
        return self.view.filterset_class._meta.model

    @property
    def title(self) -> str:
        return capfirst(str(self.model._meta.verbose_name_plural))

    @property
    def basename(self) -> str:
        return self.path.replace("/", "-")

    def served_fields(self) -> list[str]:
        if self.fields:
            return list(self.fields)
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.name not in NEVER_SERVED and not isinstance(f, FileField)
        ]


_endpoints: dict[str, ReadEndpoint] = {}


def register(*endpoints: ReadEndpoint) -> None:
    for endpoint in endpoints:
        _endpoints[endpoint.path] = endpoint


def read_endpoints() -> list[ReadEndpoint]:
    return sorted(_endpoints.values(), key=lambda e: e.path)


@dataclass(frozen=True)
class OpenDataset:
    """A public data set: ``/api/open/<name>/`` without a token, as JSON (cursor pages) or CSV (every row).

    ``queryset`` takes nothing (public rows only, their joins named); ``serializer`` names the public
    fields; ``filterset_fields`` are django-filter's exact filters.
    """

    name: str
    title: str
    description: str
    queryset: Callable[[], object]
    serializer: type
    filterset_fields: Sequence[str] = ()


_open: dict[str, OpenDataset] = {}


def register_open(*datasets: OpenDataset) -> None:
    for dataset in datasets:
        _open[dataset.name] = dataset


def open_datasets() -> list[OpenDataset]:
    return sorted(_open.values(), key=lambda d: d.name)
