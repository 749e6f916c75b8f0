"""Create the 17 SDGs and the competition's committee and panel groups.

Least privilege: the committee may move stages, see scores and the ranking and
manage replication records; the panel may score entries and see scores. No page
permissions: drafts stay the units' business.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from innovation import kipp
from innovation.permissions import (
    COMMITTEE_GROUP,
    COMMITTEE_PERMISSIONS,
    PANEL_GROUP,
    PANEL_PERMISSIONS,
)


def create_goals_and_groups(apps, schema_editor):
    goal_model = apps.get_model("innovation", "SustainableDevelopmentGoal")
    for row in kipp.sdg_rows():
        goal_model.objects.get_or_create(number=row["no"])

    for config in global_apps.get_app_configs():
        if config.label == "innovation":
            create_permissions(config, verbosity=0, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, wanted in (
        (COMMITTEE_GROUP, COMMITTEE_PERMISSIONS),
        (PANEL_GROUP, PANEL_PERMISSIONS),
    ):
        group, _ = group_model.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            permission = permission_model.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def remove_groups(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    group_model.objects.filter(name__in=[COMMITTEE_GROUP, PANEL_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("innovation", "0001_entries_stages_scores_replications"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_goals_and_groups, remove_groups)]
