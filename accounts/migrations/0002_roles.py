"""Create the portal's three role groups. Their permissions are applied after every migrate by
accounts.roles.sync_role_permissions (each app's permissions exist only once it has migrated)."""

from django.db import migrations

ROLES = ["Policy officers", "Program managers", "Administrators"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
