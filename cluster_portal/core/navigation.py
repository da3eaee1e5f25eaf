"""The main menu, assembled from what each app registers in its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass, field

from .roles import role_of
from .urls_helpers import fixed_url


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every logged-in user
    icon: str = ""

    def visible_to(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.roles is None or user.is_superuser or role_of(user) in self.roles

    @property
    def url(self) -> str:
        return fixed_url(self.url_name)


@dataclass(frozen=True)
class Menu:
    label: str
    items: tuple[MenuItem, ...]
    order: int = 100
    icon: str = ""
    key: str = field(default="")


_menus: dict[str, Menu] = {}


def register(menu: Menu) -> None:
    _menus[menu.key or menu.label] = menu


def menus_for(user) -> list[tuple[Menu, list[MenuItem]]]:
    """The menus and items a user may see, in order; menus with nothing visible are left out."""
    result = []
    for menu in sorted(_menus.values(), key=lambda m: (m.order, m.label)):
        items = [item for item in menu.items if item.visible_to(user)]
        if items:
            result.append((menu, items))
    return result
