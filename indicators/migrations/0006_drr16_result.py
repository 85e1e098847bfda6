"""The official indicator's 2016-17 result as the department reported it in its Departmental
Results Report 2016-17 (GC InfoBase `doc` drr16, Open Government Licence – Canada): 90 % against a
90 % target, met; 21 meetings identified as important attended, 19 with favourable outcomes.

GC InfoBase files the row under indicator NI050-0377-2016 and a placeholder result NR050-9999-2016
("Efficiency", a quirk of the 2016-17 extract, not a second expected result of the program): it is
recorded here as the 2016-17 result of the program's official indicator (NI050-0377-2017), and
the row itself is kept as published, so the GC InfoBase export gives it back field for field.
The official methodology now says how the figure is rounded, as GC InfoBase publishes it.
"""

from decimal import Decimal

from django.db import migrations

OFFICIAL = "NI050-0377-2017"

# infobase-program-4.3-indicator-drr16.csv, its one data row, every field as the file has it
DRR16 = {
    "id": "NI050-0377-2016",
    "result_id": "NR050-9999-2016",
    "name_en": "i) Percentage of decisions/reports from international meetings and fora identified as important that reflect the delivered IRCC migration-related position",
    "name_fr": "i) Pourcentage de décisions/rapports issus de rencontres internationales considérées comme importantes qui cadrent avec la position relative aux migrations qu’a présentée IRCC",
    "target_year": "2017",
    "target_month": "3",
    "explanation_en": "In 2016–2017, IRCC attended 21 meetings identified as important, of which 19 resulted in outcomes that were favourable to Canadian positions on migration. Canada’s approach to migration is to be open, accepting and generous, while not compromising security. Of particular note, the Department led negotiations of the modalities for the Global Compact on Migration and was able to influence much of that document and the process going forward.",
    "explanation_fr": "En 2016-2017, IRCC a assisté à 21 réunions jugées importantes, dont 19 ont permis d’obtenir des résultats favorables aux positions canadiennes en matière de migration. L’approche du Canada en matière de migration doit être ouverte, accueillante et généreuse, sans compromettre la sécurité. Il convient de noter que le Ministère a mené des négociations sur les modalités du Pacte mondial sur la migration et a pu exercer son influence en ce qui concerne une grande partie de ce document et du processus qui sera appliqué dans l’avenir.",
    "target_type": "percent",
    "target_min": "90.00",
    "target_max": "90.00",
    "target_narrative_en": "",
    "target_narrative_fr": "",
    "doc": "drr16",
    "actual_datatype": "percent",
    "actual_result_en": "90",
    "actual_result_fr": "90",
    "status_color": "success",
    "status_period": "past",
}

ROUNDING_EN = (
    "Result = numerator ÷ denominator × 100, rounded half up to a whole number, as GC InfoBase "
    "publishes this indicator (19 of 21 is 90.48 %, published as 90); not available when the "
    "denominator is zero."
)
ROUNDING_FR = (
    "Résultat = numérateur ÷ dénominateur × 100, arrondi à l’entier le plus proche (la moitié "
    "vers le haut), comme l’InfoBase du GC publie cet indicateur (19 sur 21 donne 90,48 %, publié "
    "90); non disponible lorsque le dénominateur est nul."
)
OLD_EN = (
    "Result = numerator ÷ denominator × 100, rounded to one decimal; not available when the "
    "denominator is zero."
)
OLD_FR = (
    "Résultat = numérateur ÷ dénominateur × 100, arrondi à une décimale; non disponible lorsque le "
    "dénominateur est nul."
)


def load(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Result = apps.get_model("indicators", "Result")
    indicator = Indicator.objects.filter(code=OFFICIAL).first()
    if indicator is None:
        return
    if OLD_EN in indicator.methodology_en:
        indicator.methodology_en = indicator.methodology_en.replace(OLD_EN, ROUNDING_EN)
    if OLD_FR in indicator.methodology_fr:
        indicator.methodology_fr = indicator.methodology_fr.replace(OLD_FR, ROUNDING_FR)
    indicator.save()
    Result.objects.update_or_create(
        indicator=indicator,
        fiscal_year=2016,
        defaults={
            "is_percentage": True,
            "value": Decimal(DRR16["actual_result_en"]),
            # the department counted meetings: 19 of the 21 important ones attended
            "numerator": Decimal(19),
            "denominator": Decimal(21),
            "status": "met",  # GC InfoBase's "success"
            "explanation_en": DRR16["explanation_en"],
            "explanation_fr": DRR16["explanation_fr"],
            "recorded_by": None,
            "source": DRR16["doc"],
            "published": DRR16,
        },
    )


def unload(apps, schema_editor):
    Result = apps.get_model("indicators", "Result")
    Result.objects.filter(indicator__code=OFFICIAL, fiscal_year=2016, source="drr16").delete()
    Indicator = apps.get_model("indicators", "Indicator")
    indicator = Indicator.objects.filter(code=OFFICIAL).first()
    if indicator is not None:
        indicator.methodology_en = indicator.methodology_en.replace(ROUNDING_EN, OLD_EN)
        indicator.methodology_fr = indicator.methodology_fr.replace(ROUNDING_FR, OLD_FR)
        indicator.save()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_results_published_in_gc_infobase")]

    operations = [migrations.RunPython(load, unload)]
