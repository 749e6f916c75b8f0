"""Tags of images and documents, as far as the user may see them.

Tags are free text (a person's name, a case), kept once for the whole site by
django-taggit. Wagtail offers every tag to every admin user: the tag field's
autocompletion, the "Tag" filter of the image and document listings and the
image chooser's "popular tags". A unit's editor read there the tags another
unit had put on its own private files. Here each of those screens offers only
the tags of images and documents in collections the user may use (Wagtail's
collection permissions: add, change or choose), through the listings'
public filter sets and the chooser viewset's `construct_view`; `admin_overrides`
mounts the views ahead of Wagtail's.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentsIndexView
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImagesIndexView
from wagtail.permissions import policy_registry

User = AbstractBaseUser | AnonymousUser

# As many as Wagtail's autocompletion and "popular tags" show.
TAGS_SHOWN = 10
ACTIONS = ["add", "change", "choose"]


def _tagged_in_reach(model, user: User) -> Q:
    policy = policy_registry.get_by_type(model)
    collections = policy.collections_user_has_any_permission_for(user, ACTIONS)
    objects = model.objects.filter(collection__in=collections).values("pk")
    return Q(
        taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
        taggit_taggeditem_items__object_id__in=objects,
    )


def visible_tags(
    user: User, models: tuple[str, ...] = ("image", "document")
) -> QuerySet:
    """Tags on the images and documents (`models`) the user may use."""
    media = {"image": get_image_model(), "document": get_document_model()}
    reach = Q(pk__in=[])
    for name in models:
        reach |= _tagged_in_reach(media[name], user)
    return Tag.objects.filter(reach)


def popular_visible_tags(user: User, kind: str) -> list[Tag]:
    """The tags most used on the user's images or documents (`kind`)."""
    return list(
        visible_tags(user, (kind,))
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:TAGS_SHOWN]
    )


def autocomplete(
    request: HttpRequest, app_name: str | None = None, model_name: str | None = None
) -> JsonResponse:
    """Wagtail's tag autocompletion, limited to the tags the user may see.
    The site has one tag model (taggit's); any other is not found."""
    if (app_name, model_name) not in ((None, None), ("taggit", "tag")):
        raise Http404
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        visible_tags(request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()[:TAGS_SHOWN]
    )
    return JsonResponse(list(names), safe=False)


def limit_tag_filter(filterset, kind: str) -> None:
    """Offer in a listing's "Tag" filter only the tags the user may see."""
    tag_filter = filterset.filters.get("tag")
    if tag_filter is None:
        return
    tags = popular_visible_tags(filterset.request.user, kind)
    if not tags:
        del filterset.filters["tag"]
        return
    tag_filter.extra["choices"] = [(tag.name, tag.name) for tag in tags]


class UnitImagesFilterSet(ImagesFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_tag_filter(self, "image")


class UnitDocumentsFilterSet(DocumentsFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_tag_filter(self, "document")


class UnitImagesIndexView(ImagesIndexView):
    filterset_class = UnitImagesFilterSet


class UnitDocumentsIndexView(DocumentsIndexView):
    filterset_class = UnitDocumentsFilterSet


class UnitImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_visible_tags(self.request.user, "image")
        return context


class UnitImageChooserViewSet(ImageChooserViewSet):
    """Wagtail's image chooser, its "popular tags" the user's own. Only its
    choose view is mounted (`admin_overrides`); the names of its URLs are
    Wagtail's, so every link leads where it did."""

    choose_view_class = UnitImageChooseView


image_chooser = UnitImageChooserViewSet(
    "wagtailimages_chooser", model=get_image_model(), url_prefix="images/chooser"
)
