"""Per-unit isolation, proven through the Wagtail admin views."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.core.factories import ContentPageFactory
from cms.core.models import ContentPage, UnitPage
from cms.core.unit_access import ensure_unit_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_b(unit_b):
    """An unpublished draft in unit B."""
    page = ContentPageFactory(parent=unit_b, title="Draf rahasia B", live=False)
    page.save_revision()
    return page


@pytest.fixture
def page_a(unit_a):
    return ContentPageFactory(parent=unit_a, title="Informasi A")


def login(client, user):
    client.force_login(user)
    return client


def test_new_unit_gets_editor_and_moderator_groups(unit_a):
    assert Group.objects.filter(name="KJRI Toronto — Editor").exists()
    assert Group.objects.filter(name="KJRI Toronto — Moderator").exists()


def test_unit_groups_have_page_permissions_on_their_unit_only(unit_a, unit_b):
    editors = ensure_unit_access(unit_a).editors
    pages = set(
        GroupPagePermission.objects.filter(group=editors).values_list("page", flat=True)
    )
    assert pages == {unit_a.pk}


def test_editors_cannot_publish(unit_a):
    editors = ensure_unit_access(unit_a).editors
    codenames = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" not in codenames
    assert "bulk_delete_page" not in codenames


def test_ensure_unit_access_is_idempotent(unit_a):
    before = GroupPagePermission.objects.count()
    ensure_unit_access(unit_a)
    ensure_unit_access(unit_a)
    assert GroupPagePermission.objects.count() == before
    assert Group.objects.filter(name__startswith="KJRI Toronto").count() == 2


def test_unit_is_moderated_by_its_own_workflow(unit_a):
    workflow = WorkflowPage.objects.get(page=unit_a).workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [ensure_unit_access(unit_a).moderators]


def test_translated_unit_is_covered_by_the_same_groups(unit_a, locales):
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    editors = ensure_unit_access(unit_a).editors
    assert GroupPagePermission.objects.filter(group=editors, page=english).exists()


def test_access_set_up_from_a_translation_is_the_source_units(unit_a, locales):
    english = unit_a.copy_for_translation(locales[1], copy_parents=True)
    english.title = "Consulate General in Toronto"
    english.short_name = "CG Toronto"
    english.save()
    from_english = ensure_unit_access(english)
    assert from_english == ensure_unit_access(unit_a)
    assert from_english.editors.name.startswith(unit_a.short_name or unit_a.title)


def test_editor_can_open_own_units_page(client, make_staff, unit_a, page_a):
    login(client, make_staff(unit_a))
    assert client.get(f"/admin/pages/{page_a.pk}/edit/").status_code == 200


def test_editor_cannot_open_other_units_draft(client, make_staff, unit_a, draft_b):
    login(client, make_staff(unit_a))
    response = client.get(f"/admin/pages/{draft_b.pk}/edit/")
    assert response.status_code in (302, 403)
    assert "Draf rahasia B" not in response.content.decode()


def test_editor_cannot_preview_other_units_draft(client, make_staff, unit_a, draft_b):
    login(client, make_staff(unit_a))
    response = client.get(f"/admin/pages/{draft_b.pk}/edit/preview/")
    assert response.status_code in (302, 403, 404)


def test_editor_cannot_list_other_units_pages(
    client, make_staff, unit_a, unit_b, draft_b
):
    login(client, make_staff(unit_a))
    response = client.get(f"/admin/pages/{unit_b.pk}/")
    assert "Draf rahasia B" not in response.content.decode()


def test_editor_cannot_change_other_units_page(client, make_staff, unit_a, draft_b):
    login(client, make_staff(unit_a))
    data = nested_form_data(
        {"title": "Diubah", "slug": draft_b.slug, "intro": "", "body": streamfield([])}
    )
    client.post(f"/admin/pages/{draft_b.pk}/edit/", data)
    draft_b.refresh_from_db()
    assert draft_b.title == "Draf rahasia B"


def test_editor_cannot_add_page_in_other_unit(client, make_staff, unit_a, unit_b):
    login(client, make_staff(unit_a))
    data = nested_form_data(
        {"title": "Penyusup", "slug": "penyusup", "intro": "", "body": streamfield([])}
    )
    client.post(f"/admin/pages/add/core/contentpage/{unit_b.pk}/", data)
    assert not ContentPage.objects.filter(slug="penyusup").exists()


def test_editor_can_add_page_in_own_unit(client, make_staff, unit_a):
    login(client, make_staff(unit_a))
    data = nested_form_data(
        {
            "title": "Jam layanan",
            "slug": "jam-layanan",
            "intro": "",
            "body": streamfield([]),
        }
    )
    response = client.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    assert response.status_code == 302
    page = ContentPage.objects.get(slug="jam-layanan")
    assert page.get_parent().pk == unit_a.pk
    assert not page.live


def test_editor_cannot_delete_other_units_page(client, make_staff, unit_a, draft_b):
    login(client, make_staff(unit_a))
    client.post(f"/admin/pages/{draft_b.pk}/delete/")
    assert Page.objects.filter(pk=draft_b.pk).exists()


def test_moderator_cannot_move_page_into_other_unit(
    client, make_staff, unit_a, unit_b, page_a
):
    login(client, make_staff(unit_a, "moderator"))
    client.post(f"/admin/pages/{page_a.pk}/move/{unit_b.pk}/confirm/")
    page_a.refresh_from_db()
    assert page_a.get_parent().pk == unit_a.pk


def test_editor_cannot_publish_directly(client, make_staff, unit_a):
    login(client, make_staff(unit_a))
    data = nested_form_data(
        {
            "title": "Langsung tayang",
            "slug": "langsung-tayang",
            "intro": "",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    client.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    page = ContentPage.objects.filter(slug="langsung-tayang").first()
    assert page is None or not page.live


def test_submitted_page_is_published_when_unit_moderator_approves(
    client, make_staff, unit_a
):
    login(client, make_staff(unit_a))
    data = nested_form_data(
        {
            "title": "Pengumuman",
            "slug": "pengumuman",
            "intro": "",
            "body": streamfield([]),
            "action-submit": "submit",
        }
    )
    client.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    page = ContentPage.objects.get(slug="pengumuman")
    task_state = page.current_workflow_task_state
    assert task_state is not None and not page.live

    client.logout()
    login(client, make_staff(unit_a, "moderator"))
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert page.live


def test_other_units_moderator_cannot_approve(client, make_staff, unit_a, unit_b):
    login(client, make_staff(unit_a))
    data = nested_form_data(
        {
            "title": "Menunggu",
            "slug": "menunggu",
            "intro": "",
            "body": streamfield([]),
            "action-submit": "submit",
        }
    )
    client.post(f"/admin/pages/add/core/contentpage/{unit_a.pk}/", data)
    page = ContentPage.objects.get(slug="menunggu")
    task_state = page.current_workflow_task_state
    client.logout()
    login(client, make_staff(unit_b, "moderator"))
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def test_ensuring_a_unit_s_access_again_saves_nothing(unit_a):
    """A second `seed_demo` finds every unit set up: no row is saved, so the
    seeding has nothing to catch up (`cms.core.seeding.upkeep_deferred`)."""
    ensure_unit_access(unit_a)
    saved = []

    def note(sender, instance, **kwargs) -> None:
        saved.append(f"{sender.__name__} {instance.pk}")

    post_save.connect(note, weak=False)
    try:
        ensure_unit_access(unit_a)
    finally:
        post_save.disconnect(note)
    assert saved == []


def unit_form(unit, **changes) -> dict:
    """The admin's edit form of `unit` as its staff would send it."""
    fields = {
        "title": unit.title,
        "slug": unit.slug,
        "short_name": unit.short_name,
        "unit_type": unit.unit_type,
        "intro": rich_text("<p>Layanan konsuler.</p>"),
        "city": unit.city,
        "country": unit.country.code,
        "time_zone": unit.time_zone,
        "currency": unit.currency,
        "opening_hours": inline_formset([]),
        "action-publish": "action-publish",
    }
    return nested_form_data({**fields, **changes})


def test_a_moderator_cannot_give_their_unit_another_units_name(
    client, make_staff, unit_a, unit_b
):
    """Readers tell units apart by their short names, and a unit renamed to
    another's would pass for it: refused next to the field."""
    login(client, make_staff(unit_a, "moderator"))
    url = f"/admin/pages/{unit_a.pk}/edit/"
    response = client.post(url, unit_form(unit_a, short_name="kbri singapura"))
    assert response.status_code == 200
    assert "Unit lain sudah memakai nama singkat ini." in response.content.decode()
    unit_a.refresh_from_db()
    assert unit_a.short_name == "KJRI Toronto"
    renamed = client.post(url, unit_form(unit_a, short_name="KJRI Toronto Raya"))
    assert renamed.status_code == 302  # a name of its own is fine
    unit_a.refresh_from_db()
    assert unit_a.short_name == "KJRI Toronto Raya"


def test_a_renamed_unit_keeps_its_groups_and_takes_no_one_elses(unit_a, unit_b):
    """Access is kept per unit, not found by name: a unit whose name once
    matched another's groups (renamed before names were checked, or made
    beside an old group) is repaired with its own, and the other unit's
    groups get no permission on it."""
    own = ensure_unit_access(unit_a)
    before = ensure_unit_access(unit_b)
    UnitPage.objects.filter(pk=unit_a.pk).update(short_name=unit_b.short_name)
    unit_a.refresh_from_db()
    call_command("sync_unit_access", stdout=io.StringIO())
    assert ensure_unit_access(unit_a) == own
    assert ensure_unit_access(unit_b) == before
    on_a = GroupPagePermission.objects.filter(page=unit_a)
    assert set(on_a.values_list("group", flat=True)) == {
        own.editors.pk,
        own.moderators.pk,
    }
    assert WorkflowPage.objects.get(page=unit_a).workflow == own.workflow


def test_a_new_unit_named_like_an_old_group_gets_groups_of_its_own(make_unit):
    stray = Group.objects.create(name="KJRI Vancouver — Editor")
    unit = make_unit("KJRI Vancouver")
    access = ensure_unit_access(unit)
    assert access.editors != stray
    assert access.editors.name == "KJRI Vancouver — Editor (2)"
    assert not GroupPagePermission.objects.filter(group=stray).exists()
    assert access.moderators.name == "KJRI Vancouver — Moderator"


def test_a_removed_group_is_made_again_by_the_repair(unit_a):
    access = ensure_unit_access(unit_a)
    access.moderators.delete()
    repaired = ensure_unit_access(unit_a)
    assert repaired.editors == access.editors
    assert repaired.moderators.name == "KJRI Toronto — Moderator"
    task = repaired.workflow.tasks.get().specific
    assert repaired.moderators in task.groups.all()


def test_existing_units_keep_the_groups_their_names_found(unit_a, unit_b):
    """The migration to records links what each unit was given under its
    name; a name two units shared goes to the older unit only."""
    from importlib import import_module

    from django.apps import apps

    from cms.core.models import UnitAccessRecord

    migration = import_module("cms.core.migrations.0009_unit_access_records")
    access_a, access_b = ensure_unit_access(unit_a), ensure_unit_access(unit_b)
    UnitAccessRecord.objects.all().delete()
    UnitPage.objects.filter(pk=unit_b.pk).update(short_name=unit_a.short_name)
    migration.link_what_names_found(apps, None)
    assert ensure_unit_access(unit_a) == access_a
    unit_b.refresh_from_db()
    taken_b = ensure_unit_access(unit_b)
    assert taken_b.editors not in (access_a.editors, access_b.editors)
    assert taken_b.editors.name == "KJRI Toronto — Editor (2)"


@pytest.mark.parametrize(
    "name",
    ["KBRI  Singapura", "KBRI\u00a0Singapura", "KBRI-Singapura", " kbri singapura. "],
)
def test_another_units_name_is_refused_however_it_is_spaced(unit_a, unit_b, name):
    """A doubled or no-break space, a hyphen or a dot is not seen by a reader:
    "KBRI  Kuala Lumpur" passed and two units read alike (outside probe)."""
    from django.core.exceptions import ValidationError

    unit_a.short_name = name
    with pytest.raises(ValidationError) as refused:
        unit_a.full_clean()
    assert "short_name" in refused.value.message_dict


def test_a_short_name_keeps_one_space_between_words(unit_a):
    unit_a.short_name = "KJRI  Toronto\u00a0 Raya "
    unit_a.full_clean()
    assert unit_a.short_name == "KJRI Toronto Raya"
