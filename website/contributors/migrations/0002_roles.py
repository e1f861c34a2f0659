"""The three roles: Beheerder, Redactie and Bijdrager (docs/roles.md).

- Wagtail's default groups "Moderators" and "Editors" give their members to Redactie and are
  removed; the moderation task that pointed at Moderators points at Redactie, and the
  workflow is named "Controle door de redactie".
- Page permissions for Bijdrager (add, under the agenda, local initiatives and news) need
  those pages; the seed step `contributor_sections` gives them.
- A later app's models are not in these lists: its own migration adds its permissions to
  the roles, as this one does.
"""

from django.db import migrations

ADMINISTRATORS, EDITORS, CONTRIBUTORS = "Beheerder", "Redactie", "Bijdrager"
OLD_GROUPS = ["Moderators", "Editors"]
WORKFLOW_NAME = "Controle door de redactie"
OLD_WORKFLOW_NAMES = ["Goedkeuring redactie", "Moderators approval"]

ALL = ("add", "change", "delete", "view")
# Redactie: every kind of content and the inboxes, not accounts, roles or site settings.
EDITOR_MODELS = {
    ("network", "memberorganisation"): ALL,
    ("network", "chairterm"): ALL,
    ("agenda", "registration"): ("change", "delete", "view"),
    ("stories", "storysubmission"): ALL,
    ("stories", "storycontact"): ALL,
    ("pages", "contactmessage"): ("change", "delete", "view"),
    ("newsletter", "subscriber"): ("change", "delete", "view"),
    ("core", "outgoingemail"): ("change", "view"),
    ("contributors", "contributor"): ALL,
    ("wagtailredirects", "redirect"): ALL,
    ("wagtailimages", "image"): ("add", "change", "delete", "choose"),
    ("wagtaildocs", "document"): ("add", "change", "delete", "choose"),
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ADMINISTRATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "bulk_delete_page"]
# Bijdrager: into the admin, images and documents to add to their pages, and the member
# organisations to choose as an event's organiser (public information anyway).
CONTRIBUTOR_MODELS = {
    ("network", "memberorganisation"): ("view",),
    ("wagtailimages", "image"): ("add", "choose"),
    ("wagtaildocs", "document"): ("add", "choose"),
}
COLLECTION_MODELS = {("wagtailimages", "image"), ("wagtaildocs", "document")}


def make_permissions(apps):
    """Permissions are normally made after all migrations ran; make them now."""
    from django.contrib.auth.management import create_permissions  # noqa: PLC0415
    from django.contrib.contenttypes.management import create_contenttypes  # noqa: PLC0415

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permissions_for(apps, models):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for (app_label, model), actions in models.items():
        codenames = [f"{action}_{model}" for action in actions]
        found += Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    return found


def grant_collections(apps, group, models):
    """Image and document permissions on the root collection (so on all of them)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for permission in permissions_for(apps, {k: v for k, v in models.items() if k in COLLECTION_MODELS}):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def grant_root_pages(apps, group, codenames):
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def make_roles(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )

    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*Permission.objects.all())
    grant_root_pages(apps, administrators, ADMINISTRATOR_PAGE_PERMISSIONS)
    grant_collections(apps, administrators, EDITOR_MODELS)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(access_admin, *permissions_for(apps, EDITOR_MODELS))
    grant_root_pages(apps, editors, EDITOR_PAGE_PERMISSIONS)
    grant_collections(apps, editors, EDITOR_MODELS)

    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    contributors.permissions.add(access_admin, *permissions_for(apps, CONTRIBUTOR_MODELS))
    grant_collections(apps, contributors, CONTRIBUTOR_MODELS)

    move_old_groups(apps, editors)


def move_old_groups(apps, editors):
    """Members of Wagtail's default groups become Redactie; moderation goes to Redactie."""
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("auth", "User")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    old_groups = Group.objects.filter(name__in=OLD_GROUPS)
    for user in User.objects.filter(groups__in=old_groups).distinct():
        user.groups.add(editors)
    for task in GroupApprovalTask.objects.filter(groups__in=old_groups).distinct():
        task.groups.remove(*old_groups)
        task.groups.add(editors)
    Workflow.objects.filter(name__in=OLD_WORKFLOW_NAMES).update(name=WORKFLOW_NAME)
    Task.objects.filter(name__in=["Goedkeuring door de redactie", "Moderators approval"]).update(
        name=WORKFLOW_NAME
    )
    old_groups.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contributors", "0001_initial"),
        ("agenda", "0011_eventpage_contributed_by"),
        ("articles", "0006_articlepage_contributed_by"),
        ("core", "0008_alter_outgoingemail_status"),
        ("initiatives", "0004_initiativepage_contributed_by"),
        ("library", "0004_block_descriptions"),
        ("network", "0005_member_revisions"),
        ("newsletter", "0004_newsletterpage_sent_sections"),
        ("pages", "0005_block_descriptions"),
        ("stories", "0008_story_line_breaks_editors_can_open"),
        ("themes", "0002_page_type_plurals"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back keeps the groups: removing them would take people's access with them.
    operations = [migrations.RunPython(make_roles, migrations.RunPython.noop)]
