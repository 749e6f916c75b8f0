"""Translations follow the unit's rules, in wagtail-localize's screens too.

wagtail-localize guards its "Translate" and "Sync translated pages" screens
with one global permission (`submit_translation`), which every unit group
holds so that editors can translate their own unit's pages. On its own that
permission let any unit's staff translate, sync and publish any page of any
unit. The views here are wagtail-localize's own, with the checks a unit needs
added through their public methods:

- translating a page needs the right to edit it and to add pages under the
  target parent (or to edit the existing copy) in the target language;
- syncing translations needs the right to edit the source and every copy;
  publishing them while syncing needs the right to publish every copy;
- new translations are drafts (`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`
  is off); an editor sends one to the unit's moderators through the unit's
  workflow (`submit_for_moderation`), like any other change, and the
  translation editor publishes only for those who may publish the page.

`cms/core/admin_overrides.py` mounts these views at wagtail-localize's own
paths, ahead of the admin's URLs, so every link wagtail-localize renders
leads to them.
"""

from __future__ import annotations

import tempfile

import polib
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import OverridableSegment, Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .page_access import page_for
from .page_forms import REFUSED_REFERENCE, chooseable
from .queries import is_integer


def can_create_translation(user: AbstractBaseUser, page: Page, locale: Locale) -> bool:
    """Whether `user` may create (or refresh) the `locale` copy of `page`."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.permissions_for_user(user).can_edit()
    parent = page.get_parent()
    target_parent = parent.get_translation_or_none(locale) if parent else None
    return target_parent is not None and (
        target_parent.permissions_for_user(user).can_add_subpage()
    )


def translated_objects(source: TranslationSource) -> list:
    """The existing copies made by the enabled translations of `source`."""
    copies = []
    for translation in source.translations.filter(enabled=True):
        try:
            copies.append(translation.get_target_instance())
        except ObjectDoesNotExist:
            continue
    return copies


def can_edit_object(user: AbstractBaseUser, instance) -> bool:
    """Edit permission on a page (its subtree's rules) or a snippet (its model's)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


def can_publish_object(user: AbstractBaseUser, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.has_perm(get_permission_name("publish", type(instance)))


class UnitSubmitPageTranslationView(SubmitPageTranslationView):
    """ "Translate this page", for the page's own editors, into languages where
    they may create the copy."""

    def get_object(self):
        page = super().get_object()
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page

    def get_form(self):
        form = super().get_form()
        locales = form.fields["locales"].queryset
        allowed = [
            locale.pk
            for locale in locales
            if can_create_translation(self.request.user, self.object, locale)
        ]
        form.fields["locales"].queryset = locales.filter(pk__in=allowed)
        return form


class UnitSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    """ "Translate" a snippet, for those who may change snippets of its type."""

    def get_object(self):
        snippet = super().get_object()
        if not can_edit_object(self.request.user, snippet):
            raise PermissionDenied
        return snippet


class UnitUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages": edit rights on the source and every copy;
    "publish immediately" only for those who may publish every copy, none of
    which is locked for them."""

    def get_object(self):
        source = super().get_object()
        user = self.request.user
        objects = [source.get_source_instance(), *translated_objects(source)]
        if not all(can_edit_object(user, obj) for obj in objects):
            raise PermissionDenied
        locks = [lock_message(user, copy) for copy in objects[1:]]
        self.lock_refusal = next((message for message in locks if message), None)
        self.may_publish = self.lock_refusal is None and all(
            can_publish_object(user, t) for t in objects[1:]
        )
        return source

    def get_form(self):
        form = super().get_form()
        if not self.may_publish:
            field = form.fields["publish_translations"]
            field.disabled = True
            field.initial = False
            field.help_text = self.lock_refusal or _(
                "Your unit's moderators publish translations: send each one to "
                "moderation from the page explorer once it is translated."
            )
        return form


class UnitTranslationsReportView(TranslationsReportView):
    """The translations report, limited to the pages the user may edit (it
    names every source page, drafts included)."""

    def get_queryset(self):
        translations = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return translations
        editable = PagePermissionPolicy().instances_user_has_permission_for(
            user, "change"
        )
        return translations.filter(
            source__object_id__in=editable.values("translation_key")
        )


class UnitSnippetsAPIViewSet(SnippetViewSet):
    """wagtail-localize's snippet chooser API, for those who may change the
    snippet type it lists."""

    def get_queryset(self):
        model = self.get_model()
        if not self.request.user.has_perm(get_permission_name("change", model)):
            raise PermissionDenied
        return super().get_queryset()


def enabled_translation_of(page: Page) -> Translation | None:
    """The wagtail-localize translation whose target is `page`, if enabled."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def stop_translation(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's "stop synced translation", for those who may publish
    the translated page: once stopped, the page no longer follows its source
    (not its facts either: a fee changed in Indonesian stayed old in English,
    with no notice), a decision the unit's editors could take alone."""
    translation = get_object_or_404(Translation, id=translation_id)
    instance = translation.get_target_instance()
    if isinstance(instance, Page) and not can_publish_object(request.user, instance):
        if not can_edit_object(request.user, instance):
            raise PermissionDenied
        messages.error(
            request,
            _(
                "Only the unit's moderators can stop this translation from "
                "following its source: it would then keep old facts, such as a "
                "fee, when the source changes."
            ),
        )
        return redirect("wagtailadmin_pages:edit", instance.pk)
    return edit_translation.stop_translation(request, translation_id)


def may_submit_for_moderation(user: AbstractBaseUser, page: Page) -> bool:
    """An editor (who cannot publish) of a translated copy outside moderation
    (or sent back with changes requested), which nobody else has locked."""
    permissions = page.permissions_for_user(user)
    return (
        permissions.can_edit()
        and not permissions.can_publish()
        and page.get_workflow() is not None
        and not page.workflow_in_progress
        and lock_message(user, page) is None
    )


def lock_message(user: AbstractBaseUser, instance) -> str | None:
    """Why `instance` (a page, or a snippet that can be locked) is locked for
    `user`, or None. Wagtail's editor refuses changes to a locked page;
    wagtail-localize's translation editor does not look at locks."""
    get_lock = getattr(instance, "get_lock", None)
    lock = get_lock() if get_lock is not None else None
    if lock is None or not lock.for_user(user):
        return None
    return str(lock.get_message(user))


def edit_string(
    request: HttpRequest, translation_id: int, string_segment_id: int
) -> HttpResponse:
    """wagtail-localize's edit of one translated string, refused (409, with
    the lock's message) while the page is locked for the user, as Wagtail's
    editor refuses its changes: an editor kept rewriting a translation that
    its moderator had locked."""
    refusal = locked_translation(request, translation_id)
    if refusal is not None:
        return refusal
    return edit_translation.edit_string_translation(
        request, translation_id=translation_id, string_segment_id=string_segment_id
    )


def locked_translation(
    request: HttpRequest, translation_id: int
) -> HttpResponse | None:
    """409 with the lock's message for a change to a translation whose target
    is locked for the user; None otherwise (and for reading)."""
    if request.method not in ("PUT", "DELETE") or not request.user.is_authenticated:
        return None
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        return None
    message = lock_message(request.user, instance)
    if message is None:
        return None
    # Wagtail's message is HTML (the title and the name in bold).
    return JsonResponse({"error": strip_tags(message)}, status=409)


def save_translation_as_draft(translation: Translation, user: AbstractBaseUser) -> Page:
    """Save the translated strings as a new draft revision of the target page.

    wagtail-localize's `save_target(publish=False)` saves the revision but
    also writes the translated content to the page's row, which is what
    readers, the API and search are served: an editor's unreviewed words went
    public at once, and stayed public when the moderators asked for changes.
    The row is given back the content of its live revision; the new revision
    waits for moderation, as a draft saved in the page editor does."""
    target = translation.get_target_instance()
    live_revision = target.live_revision if target.live else None
    # What the page's row says of its publication, which `as_object` takes
    # from the revision or leaves out (`live_revision`: without it, the next
    # sending found no live revision to give back and published its words).
    publication = {name: getattr(target, name) for name in PUBLICATION_FIELDS}
    translation.save_target(user=user, publish=False)
    if live_revision is not None:
        restored = live_revision.as_object()
        for name, value in publication.items():
            setattr(restored, name, value)
        restored.save(clean=False)
    return Page.objects.get(pk=target.pk).specific


PUBLICATION_FIELDS = (
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
)


def send_to_moderation(page: Page, user: AbstractBaseUser) -> None:
    """Start the page's workflow, or resume the one whose moderators asked
    for changes (starting a second one is refused by Wagtail)."""
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        page.get_workflow().start(page, user)


def submit_for_moderation(request: HttpRequest, page_id: int) -> HttpResponse:
    """Save a translated copy as a draft and send it to the unit's moderators.

    GET asks for confirmation; POST saves the current translated strings as a
    new draft revision and starts the page's workflow, so the unit's
    moderators review and publish it as they do any other change.
    """
    page = page_for(request, Page, page_id).specific
    translation = enabled_translation_of(page)
    if translation is None:
        raise Http404
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if not may_submit_for_moderation(request.user, page):
        messages.error(request, _("This translation cannot be sent to moderation now."))
        return redirect(edit_url)
    if request.method == "POST":
        with transaction.atomic():
            page = save_translation_as_draft(translation, request.user)
            send_to_moderation(page, request.user)
        messages.success(
            request,
            _("'%(title)s' was sent to your unit's moderators.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    return TemplateResponse(
        request,
        "core/admin/submit_translation_for_moderation.html",
        {
            "page": page,
            "locale": translation.target_locale,
            "workflow": page.get_workflow(),
            "edit_url": edit_url,
        },
    )


def convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    """wagtail-localize's "Convert to alias", for those who may publish the copy.

    An alias mirrors its source's content and live status, so converting a
    draft translation publishes it: an editor, who cannot publish, would
    publish outside the unit's moderation. Others who may edit the copy are
    sent back to it with the reason."""
    page = page_for(request, Page, page_id)
    if not page.permissions_for_user(request.user).can_publish():
        messages.error(
            request,
            _(
                "Only those who may publish this page can turn it into an alias "
                "of its source: the alias is published whenever the source is."
            ),
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    message = lock_message(request.user, page)
    if message is not None:  # the alias would replace the locked page's content
        messages.error(request, message)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return convert.convert_to_alias(request, page_id)


def upload_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's PO import, which reads the file's translation header
    with `[]`: a PO file without it answered 500. Such a file gets the same
    "valid PO file" message as an unreadable one."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if request.method == "POST" and upload is not None:
        if TRANSLATION_HEADER not in po_metadata(upload):
            messages.error(request, _("Please upload a valid PO file."))
            next_url = get_valid_next_url_from_request(request)
            return redirect(next_url or reverse("wagtailadmin_home"))
        upload.seek(0)
    return edit_translation.upload_pofile(request, translation_id)


TRANSLATION_HEADER = "X-WagtailLocalize-TranslationID"


def po_metadata(upload) -> dict:
    """The header of an uploaded PO file (empty when it cannot be read).

    Read from a temporary file, as wagtail-localize does: `polib.pofile`
    takes a file name *or* contents, so contents are never passed to it."""
    with tempfile.NamedTemporaryFile(suffix=".po") as file:
        file.write(upload.read())
        file.flush()
        try:
            return polib.pofile(file.name).metadata
        except (OSError, UnicodeDecodeError):
            return {}


def overridden_model(segment: OverridableSegment, source_instance) -> type | None:
    """The model whose object an overridable segment names (an image, a
    document or a page chooser's), None for other values (a URL, an embed)."""
    parts = segment.context.get_field_path(source_instance).split(".")
    field = source_instance._meta.get_field(parts[0])
    if isinstance(field, StreamField):
        block = field.stream_block.child_blocks.get(parts[1])
        for part in parts[2:]:
            children = getattr(block, "child_blocks", None)
            block = children.get(part) if children else block.child_block
        return getattr(block, "model_class", None)
    if field.one_to_many and len(parts) > 1:
        field = field.related_model._meta.get_field(parts[1])
    return field.related_model if field.many_to_one else None


def put_value(request: HttpRequest) -> str:
    """The `value` of a PUT as wagtail-localize's view reads it: its API view
    takes `request.POST` from Django REST framework's parsers, so the body is
    parsed here by the same parsers (a form, the editor's `FormData`, or
    nothing for another type). Read as a query string, a multipart body
    could carry a second `value` that only this check saw."""
    request.body  # noqa: B018 - kept, so that the view parses its own copy
    try:
        data = Request(request, parsers=[FormParser(), MultiPartParser()]).POST
    except APIException:  # malformed, or a type the view reads no `value` from
        return ""
    return data.get("value", "")


def refused_override(
    request: HttpRequest, translation_id: int, segment_id: int
) -> bool:
    """Whether a PUT overrides an image, document or page with one the user
    could not choose in that field's chooser (or with no object at all)."""
    translation = get_object_or_404(Translation, id=translation_id)
    segment = get_object_or_404(OverridableSegment, id=segment_id)
    if segment.context.object_id != translation.source.object_id:
        raise Http404
    model = overridden_model(segment, translation.source.as_instance())
    if model is None:
        return False
    value = put_value(request)
    if not is_integer(value):
        return True
    allowed = chooseable(request.user, model)
    objects = model._default_manager.all() if allowed is None else allowed
    return not objects.filter(pk=value).exists()


def edit_override(
    request: HttpRequest, translation_id: int, overridable_segment_id: int
) -> HttpResponse:
    """wagtail-localize's override of a translated image, document or page,
    for objects the user may choose: its own view stored any id, and publishing
    the translation made another unit's private file public."""
    user = request.user
    refusal = locked_translation(request, translation_id)
    if refusal is not None:
        return refusal
    if (
        request.method == "PUT"
        and user.is_authenticated
        and refused_override(request, translation_id, overridable_segment_id)
    ):
        return JsonResponse({"error": str(REFUSED_REFERENCE)}, status=400)
    return edit_translation.edit_override(
        request,
        translation_id=translation_id,
        overridable_segment_id=overridable_segment_id,
    )
