from django.db import migrations

BUILT_IN = [
    ("mentoring", "Mentoring"),
    ("funding", "Funding"),
    ("premises", "Premises"),
    ("data_access", "Access to data"),
    ("pilot_site", "A pilot site"),
    ("procurement", "A route to procurement"),
    ("publicity", "Publicity"),
]


def add_built_in(apps, schema_editor):
    SupportKind = apps.get_model("challenges", "SupportKind")
    for code, name in BUILT_IN:
        SupportKind.objects.get_or_create(code=code, space=None, defaults={"name": name})


def remove_built_in(apps, schema_editor):
    apps.get_model("challenges", "SupportKind").objects.filter(space=None).exclude(code="").delete()


class Migration(migrations.Migration):
    dependencies = [("challenges", "0001_initial")]

    operations = [migrations.RunPython(add_built_in, remove_built_in)]
