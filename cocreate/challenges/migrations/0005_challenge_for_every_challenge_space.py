from django.db import migrations


def add_missing(apps, schema_editor):
    """Challenge spaces made before the challenges app get their Challenge row (its settings)."""
    Space = apps.get_model("spaces", "Space")
    Challenge = apps.get_model("challenges", "Challenge")
    missing = Space.objects.filter(kind="challenge", challenge__isnull=True)
    Challenge.objects.bulk_create(
        [Challenge(space=space, template="competition", created_by_id=space.created_by_id) for space in missing]
    )


class Migration(migrations.Migration):
    dependencies = [("challenges", "0004_judging_entry_once_per_team"), ("spaces", "0001_initial")]

    operations = [migrations.RunPython(add_missing, migrations.RunPython.noop)]
