"""The named factors a new partnership's panel starts with (categories.DEFAULT_FACTORS).

get_or_create by name: a panel that already has a factor of that name keeps its own. Reversing
leaves the factors alone: by then reviews may name them.
"""

from django.db import migrations

from lscp.child_deaths.categories import DEFAULT_FACTORS


def add_default_factors(apps, schema_editor):
    Factor = apps.get_model("child_deaths", "Factor")
    for name, domain in DEFAULT_FACTORS:
        Factor.objects.get_or_create(name=name, defaults={"domain": domain})


class Migration(migrations.Migration):
    dependencies = [("child_deaths", "0001_initial")]

    operations = [migrations.RunPython(add_default_factors, migrations.RunPython.noop)]
