"""French typography for stored French text: the apostrophe is ’ (U+2019), as the department
writes it (« l’exercice », « d’intégration »), never the typewriter '."""

APOSTROPHE = "\u2019"


def french_apostrophes(text: str) -> str:
    return text.replace("'", APOSTROPHE) if text else text


def fix_french_apostrophes(apps, fields_by_model: dict[str, list[str]]) -> None:
    """For data migrations: rewrite the French fields of each model ("app.Model") in place."""
    for label, fields in fields_by_model.items():
        model = apps.get_model(label)
        for row in model.objects.all():
            changed = {
                field: french_apostrophes(getattr(row, field))
                for field in fields
                if "'" in (getattr(row, field) or "")
            }
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)
