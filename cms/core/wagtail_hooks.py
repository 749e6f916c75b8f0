"""Wagtail hooks of the site core: who may download an uploaded document."""

from django.http import Http404, HttpRequest
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from .visibility import opened_by, pages_using, unrestricted


def may_download(document, request: HttpRequest) -> bool:
    """Staff who may choose the document, and visitors of a live page using it.

    A visitor of a page is whoever passes its view restrictions (and its
    ancestors'): everybody for a public page, those who gave the password or
    are logged in for a restricted one. The collection's own restriction is
    checked by Wagtail after this.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        policy = policy_registry.get_by_type(get_document_model())
        if policy.user_has_permission_for_instance(user, "choose", document):
            return True
    pages = pages_using(document)
    if pages.filter(unrestricted()).exists():
        return True
    return bool(opened_by(request, list(pages)))


@hooks.register("before_serve_document")
def refuse_unused_documents(document, request: HttpRequest):
    """Not found, for a document that no page the visitor may open uses."""
    if not may_download(document, request):
        raise Http404
