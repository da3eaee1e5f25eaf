"""The bell in the header (the ``navbar.user`` place of base.html) with the unread count."""

from cluster_portal.core.fragments import Fragment

from .selectors import UNREAD_CAP, unread_count


def bell(request, **values):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    count = unread_count(user=user)
    shown = f"{UNREAD_CAP}+" if count > UNREAD_CAP else str(count)
    return Fragment("notifications/partials/_bell.html", {"unread": count, "unread_shown": shown})
