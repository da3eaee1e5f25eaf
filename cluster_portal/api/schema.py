"""The token's security scheme in the OpenAPI schema (a drf-spectacular extension registers itself)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "cluster_portal.api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Личный токен из профиля пользователя: заголовок «Authorization: Bearer <токен>». "
                "Токен действует от имени пользователя (его роль и организация) до даты окончания "
                "или отзыва; токен «только чтение» не может загружать данные."
            ),
        }
