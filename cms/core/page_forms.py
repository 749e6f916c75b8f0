"""The admin form of every page type: what an editor may put in a page.

Wagtail's choosers show a unit's staff their own documents and images and, of
pages, their unit's and other units' published ones (`cms.core.page_chooser`).
The page form itself accepted any id in the POST: an editor could place
another unit's private document or image in a page of their own (the preview
showed it, publishing made the file public) or link it to another unit's
unpublished page, and the choice lists of standards (a consultation's, a
survey's) listed every unit's drafts by title.

`UnitPageForm` lists and accepts only what the user could have chosen, and
shows only what they may see (`GuardedBoundField`):

- pages they may see in the chooser: their unit's, in every state, and every
  live public page;
- documents and images of collections on which they may "choose";
- anything the page already held (an administrator may have placed it), so
  that editing a page never forces its editor to remove it.

A refused field is shown again as the page held it, so the refused object is
never looked up for the form (its title, or an image's thumbnail, which the
chooser widget generated as a public file); and another unit's page chosen in
a field or a block shows under its live title, as the chooser lists it, not
under the draft title of changes that unit has not published.

References inside rich text and StreamField blocks (links, embedded images,
chooser blocks) are found with the fields' own `extract_references`, the
public method Wagtail's reference index reads them with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model, Q, QuerySet
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .middleware import MalformedFormData
from .queries import first_row, is_integer

# No title: the error would name another unit's draft to whoever typed its id.
REFUSED_REFERENCE = _(
    "This refers to a document, image or page you may not use here: another "
    "unit's, or not published. Choose one of your unit's, or a published page. "
    "The field is shown as it was last saved."
)

# A reference: the referenced model and its primary key, as text.
Reference = tuple[type[Model], str]


def chooseable(user, model: type[Model]) -> QuerySet | None:
    """The objects of `model` that `user` may choose, or None when any will do
    (superusers, and models without a per-unit rule)."""
    if user is None or user.is_superuser:
        return None
    if issubclass(model, Page):
        from .page_chooser import visible_pages

        # Of the field's page type: another type stored in a translation's
        # override broke every preview and publication of the translation.
        pages = Page.objects.all() if model is Page else Page.objects.type(model)
        return visible_pages(pages, user)
    if not issubclass(model, (get_document_model(), get_image_model())):
        return None
    # Their collections' "choose" permission, as in their choosers.
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_permission_for(user, "choose")


def refused(user, references: Iterable[Reference], held: set[Reference]) -> bool:
    """Whether a referenced object is one `user` may not use and the page did
    not hold."""
    wanted: dict[type[Model], set[str]] = {}
    for model, pk in references:
        base = Page if issubclass(model, Page) else model
        if (base, str(pk)) not in held:
            wanted.setdefault(base, set()).add(str(pk))
    for model, pks in wanted.items():
        allowed = chooseable(user, model)
        if allowed is None:
            continue
        found = model._default_manager.filter(pk__in=pks)
        if found.exclude(pk__in=allowed.filter(pk__in=pks)).exists():
            return True
    return False


def model_references(instance: Model, names: Iterable[str]) -> set[Reference]:
    """What the fields `names` of `instance` refer to: their objects through
    rich text, StreamField blocks, foreign keys and many-to-many fields."""
    held: set[Reference] = set()
    for name in names:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if instance.pk is None and field.many_to_many:
            continue
        held |= field_references(field, field.value_from_object(instance))
    return held


def field_references(field, value) -> set[Reference]:
    """What one model field's `value` refers to (see `model_references`).
    Every referenced model has integer keys: any other text names nothing."""
    extract = getattr(field, "extract_references", None)
    if extract is not None:
        found = [(model, pk) for model, pk, *_ in extract(value)]
    else:
        related = getattr(field, "related_model", None)
        if related is None or value in (None, ""):
            return set()
        values = value if isinstance(value, list | tuple | QuerySet) else [value]
        found = [
            (related, item.pk if isinstance(item, Model) else item) for item in values
        ]
    return {
        (Page if issubclass(model, Page) else model, str(pk))
        for model, pk in found
        if is_integer(str(pk))
    }


def pages_in(value: Any) -> Iterator[Page]:
    """The pages inside a StreamField value (its chooser blocks), at any depth."""
    if isinstance(value, Page):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from pages_in(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            yield from pages_in(item)
    elif isinstance(value, ListValue):
        for item in value:
            yield from pages_in(item)


def chosen_page(field: forms.Field, value: Any) -> Page | None:
    """The page a page chooser field holds (by its id), if it is one."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or not issubclass(queryset.model, Page):
        return None
    if not is_integer(str(value)):
        return None
    page = first_row(queryset.model._default_manager.filter(pk=value))
    return None if page is None else page.specific


class GuardedBoundField(BoundField):
    """A page form's field as its user may see it (see the module's docstring):
    a refused field shows the value the page held, and the pages it names show
    under their live titles unless they are the user's own."""

    def value(self) -> Any:
        # Imported here: the chooser's views load models (this module is
        # imported by the models).
        from .page_chooser import hide_draft_title, sees_drafts_of, sees_every_page

        if self.name in getattr(self.form, "refused_fields", ()):
            value = self.field.prepare_value(self.initial)
        else:
            value = super().value()
        user = getattr(self.form, "guarding_user", None)
        if user is None or sees_every_page(user):
            return value
        if isinstance(value, StreamValue):
            for page in pages_in(value):
                hide_draft_title(page.specific, user)
            return value
        # The chooser widget takes the page itself as well as its id.
        page = chosen_page(self.field, value)
        if page is None:
            return value
        if not page.live and not sees_drafts_of(page, user):
            # A posted id the field refused (another unit's unpublished page)
            # is not shown back under its title: trying ids in turn listed
            # other units' drafts.
            return self.field.prepare_value(self.initial)
        return hide_draft_title(page, user)


def guard(form: forms.BaseForm, user) -> None:
    """Render `form`'s fields through `GuardedBoundField` for `user`."""
    form.bound_field_class = GuardedBoundField
    form.guarding_user = user
    form.refused_fields = set()


def formset_rows(formset: forms.BaseFormSet) -> list[forms.BaseForm]:
    """The forms of an inline panel's rows. modelcluster reads each posted
    row id unchecked: one that is not an id (a tampered request; a browser
    sends the ids it was given) raised ValidationError, a 500; it is now
    malformed data, which the admin answers with a 400."""
    try:
        return formset.forms
    except ValidationError as error:
        raise MalformedFormData(error.messages[0]) from error


class UnitPageForm(WagtailAdminPageForm):
    """Every page type's admin form (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard(self, self.for_user)
        self.held = model_references(self.instance, self.fields)
        for formset in self.formsets.values():
            for form in formset_rows(formset):
                guard(form, self.for_user)
                self.held |= model_references(form.instance, form.fields)
        self.narrow_page_choices()
        self.narrow_unit_choices()

    def narrow_unit_choices(self) -> None:
        """The fields a page type names in `unit_choice_fields` list only the
        pages of the page's unit (and its sub-units) in its language, and
        those already chosen: a survey covers, a consultation reviews and an
        innovation improves the unit's own services. Every unit's standards
        in both languages were listed, and another unit's service appeared
        in the unit's survey and its IKM."""
        parent = getattr(self, "parent_page", None)
        names = getattr(self._meta.model, "unit_choice_fields", ())
        if parent is None or not names:
            return
        held = [pk for held_model, pk in self.held if held_model is Page]
        for name in names:
            field = self.fields.get(name)
            if field is None:
                continue
            model = field.queryset.model
            own = model.objects.descendant_of(parent).filter(locale_id=parent.locale_id)
            field.queryset = model.objects.filter(
                Q(pk__in=own.values("pk")) | Q(pk__in=held)
            ).order_by("title")

    def narrow_page_choices(self) -> None:
        """List only the pages the user may choose, and those already chosen."""
        visible = chooseable(self.for_user, Page)
        if visible is None:
            return
        held = [pk for held_model, pk in self.held if held_model is Page]
        for field in self.fields.values():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if not issubclass(field.queryset.model, Page):
                continue
            field.queryset = field.queryset.filter(
                pk__in=visible.values("pk")
            ) | field.queryset.filter(pk__in=held)

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            self.refuse_references(self, name, value)
        return cleaned_data

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not self.is_bound:
            return valid
        for formset in self.formsets.values():
            for form in formset.forms:
                if form in formset.deleted_forms or not form.is_valid():
                    continue
                for name, value in list(form.cleaned_data.items()):
                    valid &= self.refuse_references(form, name, value)
        return valid

    def refuse_references(self, form, name: str, value) -> bool:
        """Add an error to `name` of `form` for each reference the user may
        not use; True when there is none."""
        try:
            field = form.instance._meta.get_field(name)
        except FieldDoesNotExist:
            return True
        references = field_references(field, value)
        if not references:
            return True
        if not refused(self.for_user, references, self.held):
            return True
        form.add_error(name, REFUSED_REFERENCE)
        form.refused_fields.add(name)
        return False
