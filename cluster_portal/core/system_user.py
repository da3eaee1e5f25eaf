"""The actor of management commands: unrestricted, like a superuser, but not a database row."""


class SystemUser:
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    is_anonymous = False
    pk = id = None
    organization_id = None
    role = "coordinator"
    username = "system"

    def __str__(self):
        return "Система"


SYSTEM_USER = SystemUser()
