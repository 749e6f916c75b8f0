"""The world of the permission matrix: two units, their content and their people.

Unit A ("KJRI Toronto") is the unit of the staff who try the admin's routes;
unit B ("KBRI Singapura") owns every object the routes are tried on. B has a
page of every page type, a draft in moderation, a never-published draft, a
private page, a locked page, a scheduled revision, an alias, a translation,
images, documents, uploads, form submissions, survey answers, comments, a
kiosk enrolment, KIPP entries with scores, a replication record, an editing
session, log entries and two members of staff.

What only B's staff (and superusers) may read carries `SECRET` ("RAHASIA-B"),
in any case: draft titles, private pages, media titles, answers, staff names.
What the KIPP committee may also read carries `COMMITTEE_SECRET`. The public
titles of B's live pages carry neither: everyone may read them.

`build_world()` writes it all through the ordinary models and factories and
returns a `World`: the users of each role and `refs`, the named values the
matrix fills URL arguments with.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from cms.core.factories import (
    ContentPageFactory,
    HomePageFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
    UserFactory,
)
from cms.core.models import ContentPage, SiteContact, UnitPage
from cms.core.translation import translate_page
from cms.core.unit_access import ensure_unit_access
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    PollPageFactory,
)
from consultation.models import (
    ComponentComment,
    ConsultationPage,
    ConsultationSubmission,
    KioskEnrolment,
    SatisfactionSurveyPage,
    SurveyResponse,
)
from consultation.surveys import kiosk
from consultation.surveys.factories import (
    SatisfactionOverviewPageFactory,
    SatisfactionSurveyPageFactory,
    SurveyResponseFactory,
)
from innovation import kipp
from innovation.factories import (
    InnovationEntryPageFactory,
    InnovationShowcasePageFactory,
    ReplicationFactory,
)
from innovation.models import (
    CriterionScore,
    InnovationEntryPage,
    Replication,
    ScoreSheet,
    StageChange,
)
from innovation.permissions import (
    COMMITTEE_GROUP,
    COMMITTEE_PERMISSIONS,
    PANEL_GROUP,
    PANEL_PERMISSIONS,
)
from search.models import SearchTermDay, Synonym
from standards.factories import (
    ServicePledgePageFactory,
    ServiceStandardIndexPageFactory,
    ServiceStandardPageFactory,
)

SECRET = "RAHASIA-B"
COMMITTEE_SECRET = "INTERN-B"

ANONYMOUS = "anonymous"
EDITOR_A = "editor_a"
MODERATOR_A = "moderator_a"
PANEL = "kipp_panel"
COMMITTEE = "kipp_committee"
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, EDITOR_A, MODERATOR_A, PANEL, COMMITTEE, SUPERUSER)

# The markers each role must never read (the superuser reads everything).
FORBIDDEN_MARKERS = {
    ANONYMOUS: (SECRET, COMMITTEE_SECRET),
    EDITOR_A: (SECRET, COMMITTEE_SECRET),
    MODERATOR_A: (SECRET, COMMITTEE_SECRET),
    PANEL: (SECRET, COMMITTEE_SECRET),
    COMMITTEE: (SECRET,),
    SUPERUSER: (),
}


@dataclass
class World:
    """The users of each role (None: anonymous) and the values URLs are filled
    with (`refs`: page ids, object ids, names)."""

    users: dict[str, object | None]
    refs: dict[str, object] = field(default_factory=dict)


def build_world() -> World:
    """Create the whole world; call inside a transaction that is rolled back."""
    locale_id, locale_en = site_locales()
    home = home_page(locale_id, locale_en)
    units_index = UnitIndexPageFactory(parent=home)
    translate_page(units_index, "en", {})
    unit_a = UnitPageFactory(parent=units_index, title="KJRI Toronto", slug="toronto")
    unit_b = UnitPageFactory(
        parent=units_index,
        title="KBRI Singapura",
        short_name="KBRI Singapura",
        slug="singapura",
        unit_type="kbri",
        city="Singapore",
        country="SG",
        time_zone="Asia/Singapore",
        currency="SGD",
    )
    for unit in (unit_a, unit_b):
        translate_page(unit, "en", {})
    world = World(users=make_users(unit_a, unit_b))
    refs = world.refs
    refs.update(site_refs(home, locale_en))
    refs.update(unit_pages(unit_a, "a", world.users[EDITOR_A]))
    refs.update(unit_pages(unit_b, "b", world.users["editor_b"]))
    refs.update(home_sections(home))
    refs.update(unit_refs(unit_a, unit_b))
    refs.update(media(world))
    refs.update(answers(refs, world.users))
    refs.update(competition(refs, unit_b, world.users))
    refs.update(translations(refs))
    refs.update(admin_records(refs, world.users))
    return world


# The site ---------------------------------------------------------------------


def site_locales() -> tuple[Locale, Locale]:
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale_id, _ = Locale.objects.get_or_create(language_code="id")
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    return locale_id, locale_en


def home_page(locale_id: Locale, locale_en: Locale) -> Page:
    """The Indonesian home page as the default site's root, and its English copy."""
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale_id)
    )
    home = HomePageFactory(parent=root, locale=locale_id)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Terpadu"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    english = home.copy_for_translation(locale_en)
    english.title = "Home"
    english.save_revision().publish()
    return home


def site_refs(home: Page, locale_en: Locale) -> dict:
    site = Site.objects.get(is_default_site=True)
    contact = SiteContact.load()
    return {
        "home": home.pk,
        "site": site.pk,
        "locale_en": locale_en.pk,
        "site_contact": contact.pk,
    }


def home_sections(home: Page) -> dict:
    """The site-wide pages under the home page (one of each type)."""
    showcase = publish(InnovationShowcasePageFactory(parent=home))
    standards = publish(ServiceStandardIndexPageFactory(parent=home))
    consultations = publish(ConsultationIndexPageFactory(parent=home))
    overview = publish(SatisfactionOverviewPageFactory(parent=home))
    return {
        "showcase": showcase.pk,
        "standards_index": standards.pk,
        "consultations_index": consultations.pk,
        "satisfaction_overview": overview.pk,
    }


def publish(page: Page) -> Page:
    """Publish `page` as the admin does; returns it fresh from the database."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


# People -----------------------------------------------------------------------


def make_users(unit_a: UnitPage, unit_b: UnitPage) -> dict:
    """A user of each role, and unit B's own staff (whose names are secret)."""
    access_a, access_b = ensure_unit_access(unit_a), ensure_unit_access(unit_b)
    return {
        ANONYMOUS: None,
        EDITOR_A: UserFactory(username="editor-a", groups=[access_a.editors]),
        MODERATOR_A: UserFactory(username="moderator-a", groups=[access_a.moderators]),
        PANEL: UserFactory(
            username="panel", groups=[kipp_group(PANEL_GROUP, PANEL_PERMISSIONS)]
        ),
        COMMITTEE: UserFactory(
            username="committee",
            groups=[kipp_group(COMMITTEE_GROUP, COMMITTEE_PERMISSIONS)],
        ),
        SUPERUSER: UserFactory(username="admin", is_staff=True, is_superuser=True),
        "editor_b": UserFactory(
            username=f"{SECRET}-penyunting",
            first_name=SECRET,
            last_name="Penyunting",
            email="penyunting@rahasia-b.example",
            groups=[access_b.editors],
        ),
        "moderator_b": UserFactory(
            username=f"{SECRET}-moderator",
            first_name=SECRET,
            last_name="Moderator",
            email="moderator@rahasia-b.example",
            groups=[access_b.moderators],
        ),
    }


def kipp_group(name: str, wanted: tuple[tuple[str, str], ...]) -> Group:
    """A KIPP group as its migration makes it (a transactional test run earlier
    on the same worker empties the tables the migrations filled)."""
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codename in wanted:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


def unit_refs(unit_a: UnitPage, unit_b: UnitPage) -> dict:
    """The units, B's English copy, and what `ensure_unit_access` made for them."""
    access_a, access_b = ensure_unit_access(unit_a), ensure_unit_access(unit_b)
    return {
        "unit_a": unit_a.pk,
        "unit_b": unit_b.pk,
        "unit_b_en": unit_b.get_translation(Locale.objects.get(language_code="en")).pk,
        "collection_a": access_a.collection.pk,
        "collection_b": access_b.collection.pk,
        "group_b": access_b.editors.pk,
        "workflow_b": access_b.workflow.pk,
        "task_b": access_b.workflow.tasks.first().pk,
    }


# Pages of a unit ----------------------------------------------------------------


def unit_pages(unit: UnitPage, key: str, editor) -> dict:
    """A page of every type under `unit`, public unless a title says otherwise."""
    secret = SECRET if key == "b" else "RAHASIA-A"
    label = key.upper()
    standard = publish(
        ServiceStandardPageFactory(
            parent=unit, title=f"Paspor {label}", slug=f"paspor-{key}"
        )
    )
    refs = {
        f"content_{key}": publish(
            ContentPageFactory(
                parent=unit, title=f"Informasi {label}", slug=f"info-{key}"
            )
        ).pk,
        f"standard_{key}": standard.pk,
        f"pledge_{key}": publish(ServicePledgePageFactory(parent=unit)).pk,
        f"poll_{key}": publish(
            PollPageFactory(parent=unit, title=f"Jajak {label}", slug=f"jajak-{key}")
        ).pk,
        f"survey_{key}": survey(unit, label, standard).pk,
        f"consultation_{key}": consultation(unit, label).pk,
        f"entry_{key}": publish(
            InnovationEntryPageFactory(
                parent=unit, title=f"Inovasi {label}", slug=f"inovasi-{key}"
            )
        ).pk,
        f"entry_draft_{key}": InnovationEntryPageFactory(
            parent=unit,
            title=f"{secret} inovasi draf",
            slug=f"inovasi-draf-{key}",
            stage=kipp.DRAFT,
            live=False,
        ).pk,
        f"draft_{key}": ContentPageFactory(
            parent=unit,
            title=f"{secret} draf",
            slug=f"draf-{key}",
            live=False,
        ).pk,
    }
    refs[f"moderation_{key}"] = in_moderation(unit, label, secret, editor).pk
    refs[f"private_{key}"] = private_page(unit, label, secret).pk
    refs[f"locked_{key}"] = locked_page(unit, label, editor).pk
    refs.update(scheduled_page(unit, key, label, secret))
    refs[f"alias_{key}"] = (
        Page.objects.get(pk=refs[f"content_{key}"])
        .create_alias(parent=unit, update_slug=f"info-alias-{key}")
        .pk
    )
    return refs


def survey(unit: UnitPage, label: str, standard) -> Page:
    page = SatisfactionSurveyPageFactory(
        parent=unit, title=f"SKM {label}", slug=f"skm-{label.lower()}", population=1000
    )
    page.services.set([standard])
    return publish(page)


def consultation(unit: UnitPage, label: str) -> Page:
    page = ConsultationPageFactory(
        parent=unit, title=f"Konsultasi {label}", slug=f"konsultasi-{label.lower()}"
    )
    ConsultationFormFieldFactory(page=page, label="Saran Anda", clean_name="saran")
    return publish(page)


def in_moderation(unit: UnitPage, label: str, secret: str, editor) -> Page:
    """A live page whose newer draft (secret title) waits for the moderators."""
    page = publish(
        ContentPageFactory(
            parent=unit, title=f"Layanan {label}", slug=f"layanan-{label.lower()}"
        )
    )
    page.title = f"{secret} revisi dalam moderasi"
    page.save_revision(user=editor, log_action=True)
    page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, editor)
    return page


def private_page(unit: UnitPage, label: str, secret: str) -> Page:
    page = publish(
        ContentPageFactory(
            parent=unit, title=f"{secret} privat", slug=f"privat-{label.lower()}"
        )
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return page


def locked_page(unit: UnitPage, label: str, editor) -> Page:
    page = publish(
        ContentPageFactory(
            parent=unit, title=f"Jadwal {label}", slug=f"jadwal-{label.lower()}"
        )
    )
    page.locked, page.locked_by, page.locked_at = True, editor, timezone.now()
    page.save()
    return page


def scheduled_page(unit: UnitPage, key: str, label: str, secret: str) -> dict:
    """A live page with a revision (secret title) scheduled to go live."""
    page = publish(
        ContentPageFactory(
            parent=unit, title=f"Agenda {label}", slug=f"agenda-{label.lower()}"
        )
    )
    page.title = f"{secret} terjadwal"
    page.go_live_at = timezone.now() + datetime.timedelta(days=30)
    revision = page.save_revision()
    revision.publish()
    return {f"scheduled_{key}": page.pk, f"scheduled_revision_{key}": revision.pk}


# Media ------------------------------------------------------------------------


def png_file(name: str) -> ContentFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def media(world: World) -> dict:
    """An image and a document in each unit's collection, and B's uploads."""
    refs = {}
    for key in ("a", "b"):
        collection = Collection.objects.get(pk=world.refs[f"collection_{key}"])
        secret = SECRET if key == "b" else "RAHASIA-A"
        image = get_image_model().objects.create(
            title=f"{secret} foto",
            file=png_file(f"foto-{key}.png"),
            collection=collection,
        )
        document = get_document_model().objects.create(
            title=f"{secret} dokumen",
            file=ContentFile(b"%PDF-1.4\n", name=f"dokumen-{key}.pdf"),
            collection=collection,
        )
        # Tags are free text: another unit's may name people (tag_access).
        for item in (image, document):
            item.tags.add(f"{secret} tanda")
        refs[f"image_{key}"], refs[f"document_{key}"] = image.pk, document.pk
    empty = Collection.objects.get(pk=world.refs["collection_b"]).add_child(
        name="Arsip kosong B"
    )
    refs["collection_empty_b"] = empty.pk
    refs.update(uploads("b", world.users["editor_b"]))
    refs.update(uploads("own", world.users[SUPERUSER]))
    return refs


def uploads(key: str, user) -> dict:
    """A file `user` uploaded through the multiple uploader that is not an
    image or a document yet (`UploadedFile`), for each of the two."""
    refs = {}
    for kind, model in (
        ("image", get_image_model()),
        ("document", get_document_model()),
    ):
        upload = UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(model),
            file=png_file(f"unggah-{kind}-{key}.png"),
            uploaded_by_user=user,
        )
        refs[f"upload_{kind}_{key}"] = upload.pk
    return refs


# Public answers -----------------------------------------------------------------


def answers(refs: dict, users: dict) -> dict:
    """B's form submissions, survey answers, comments and kiosk enrolment."""
    page = ConsultationPage.objects.get(pk=refs["consultation_b"])
    submission = ConsultationSubmission.objects.create(
        page=page,
        form_data={"saran": f"{SECRET} jawaban"},
        respondent_key="c:1",
        name=f"{SECRET} responden",
        confirmed=True,
    )
    survey_page = SatisfactionSurveyPage.objects.get(pk=refs["survey_b"])
    suggestion = SurveyResponseFactory(survey=survey_page, suggestion=f"{SECRET} saran")
    comment = ComponentComment.objects.create(
        consultation=page,
        standard_id=refs["standard_b"],
        component="fees",
        text=f"{SECRET} komentar",
        respondent_key="c:2",
    )
    enrolment = kiosk.create_enrolment(
        survey_page, f"{SECRET} loket", users["editor_b"]
    )
    return {
        "submission_b": submission.pk,
        "enrolment_b": enrolment.pk,
        "suggestion_b": suggestion.pk,
        "comment_b": comment.pk,
    }


# The competition ----------------------------------------------------------------


def competition(refs: dict, unit_b: UnitPage, users: dict) -> dict:
    """A panel member's scores of B's entry and B's replication of A's entry."""
    sheet = ScoreSheet.objects.create(entry_id=refs["entry_b"], member=users[PANEL])
    for criterion in kipp.criteria():
        CriterionScore.objects.create(sheet=sheet, criterion=criterion.key, value=70)
    replication = ReplicationFactory(
        original_id=refs["entry_a"],
        unit=unit_b,
        notes=f"{COMMITTEE_SECRET} catatan replikasi",
    )
    return {"replication_b": replication.pk}


# Translations -------------------------------------------------------------------


def translations(refs: dict) -> dict:
    """B's content page translated into English (a draft copy)."""
    page = Page.objects.get(pk=refs["content_b"])
    copy = translate_page(page, "en", {}, publish=False)
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source)
    overridable = OverridableSegment.objects.filter(source=source).first()
    string = StringSegment.objects.filter(source=source).first()
    return {
        "translation_source_b": source.pk,
        "translation_b": translation.pk,
        "translated_b": copy.pk,
        "string_segment_b": string.pk,
        "overridable_segment_b": overridable.pk,
    }


# Admin records --------------------------------------------------------------------


def admin_records(refs: dict, users: dict) -> dict:
    """Workflow states, revisions, an editing session, a redirect, a synonym."""
    page = Page.objects.get(pk=refs["moderation_b"])
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state
    session = EditingSession.objects.create(
        user=users["editor_b"],
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    redirect = Redirect.objects.create(
        old_path=f"/{SECRET.lower()}-lama", redirect_page=page
    )
    synonym, _ = Synonym.objects.get_or_create(terms="matriks, izin akses")
    promoted = Query.get("matriks izin")
    SearchPromotion.objects.get_or_create(query=promoted, page=page)
    log(instance=page, action="wagtail.edit", user=users["editor_b"])
    return {
        "workflow_state_b": workflow_state.pk,
        "task_state_b": task_state.pk,
        "revision_b": page.latest_revision_id,
        "editing_session_b": session.pk,
        "redirect_b": redirect.pk,
        "synonym": synonym.pk,
        "promoted_query": promoted.pk,
        "user_b": users["editor_b"].pk,
        "block_definition": ContentPage.body.field.stream_block.definition_prefix,
    }


# What a denied request must not change ------------------------------------------------

COUNTED = (
    Revision,
    WorkflowState,
    TaskState,
    PageLogEntry,
    ModelLogEntry,
    ConsultationSubmission,
    SurveyResponse,
    ComponentComment,
    KioskEnrolment,
    StageChange,
    ScoreSheet,
    CriterionScore,
    Replication,
    Group,
    GroupPagePermission,
    GroupCollectionPermission,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Site,
    Locale,
    Redirect,
    Workflow,
    Task,
    WorkflowPage,
    Synonym,
    Query,
    SearchPromotion,
    SearchTermDay,
    UploadedFile,
    TranslationSource,
    Translation,
    EditingSession,
    Tag,
    TaggedItem,
    Group.permissions.through,
    get_user_model().groups.through,
)
WATCHED = (
    (
        Page,
        (
            "pk",
            "path",
            "live",
            "has_unpublished_changes",
            "latest_revision_id",
            "live_revision_id",
            "locked",
            "title",
            "draft_title",
            "slug",
            "alias_of_id",
        ),
    ),
    (InnovationEntryPage, ("pk", "stage")),
    (WorkflowState, ("pk", "status")),
    (TaskState, ("pk", "status")),
    (get_image_model(), ("pk", "title", "collection_id")),
    (get_document_model(), ("pk", "title", "collection_id")),
    (KioskEnrolment, ("pk", "name", "revoked_at")),
    (Replication, ("pk", "unit_id", "notes", "published_notes")),
    (get_user_model(), ("pk", "username", "is_active", "is_superuser", "first_name")),
    (Workflow, ("pk", "active")),
    (Task, ("pk", "active")),
    (Translation, ("pk", "enabled")),
    (SiteContact, ()),
)


def snapshot() -> tuple:
    """The state a denied request must leave as it was: the rows of every page,
    medium, record and user that access rules protect, and the number of rows
    of each protected model. The queries are compiled once (a dozen small
    queries, a millisecond or two)."""
    with connection.cursor() as cursor:
        results = []
        for sql, params in snapshot_queries():
            cursor.execute(sql, params)
            results.append(tuple(cursor.fetchall()))
    return tuple(results)


@cache
def snapshot_queries() -> list[tuple[str, tuple]]:
    counts = Locale.objects.annotate(
        **{model.__name__: row_count(model) for model in COUNTED}
    ).values(*[model.__name__ for model in COUNTED])[:1]
    querysets = [
        counts,
        *(
            model.objects.order_by("pk").values_list(*fields)
            for model, fields in WATCHED
        ),
    ]
    return [queryset.query.sql_with_params() for queryset in querysets]


def row_count(model) -> Coalesce:
    """The number of rows of `model`, as a scalar subquery."""
    rows = model.objects.order_by().annotate(one=Value(1)).values("one")
    return Coalesce(Subquery(rows.annotate(count=Count("pk")).values("count")[:1]), 0)
