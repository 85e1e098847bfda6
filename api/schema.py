"""What drf-spectacular cannot guess: the Bearer token scheme, and the error answers every
operation may give (documented so that clients, and schemathesis, can rely on them)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each parameter refused, with the reasons.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

ERRORS = {
    "400": (_("A filter is unknown or its value is malformed."), "FieldErrors"),
    "401": (_("No valid token (or session) was sent."), "Error"),
    "403": (_("Your role may not read this resource."), "Error"),
    "404": (_("No such record among those you may see, or an invalid cursor."), "Error"),
    "429": (_("Too many requests: wait the seconds Retry-After says."), "Error"),
}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A personal token, made on the API tokens page (My profile, API tokens), "
                    "sent with every request as `Authorization: Bearer <token>`."
                )
            ),
        }


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = DETAIL
    schemas["FieldErrors"] = FIELD_ERRORS
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, (description, schema) in ERRORS.items():
                response = {
                    "description": str(description),
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                    },
                }
                if status == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "required": True}
                    }
                responses.setdefault(status, response)
    return result
