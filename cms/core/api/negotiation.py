"""The API's content negotiation (DRF's `DEFAULT_CONTENT_NEGOTIATION_CLASS`).

Its own module: DRF imports it while `rest_framework.views` is still loading,
so it may not import the API's views.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown `format` (`?format=xml`) is a 406 that names the formats
    offered, where DRF answers 404 ("not found", for a record that exists)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            asked = format_suffix or request.query_params.get(
                self.settings.URL_FORMAT_OVERRIDE
            )
            offered = ", ".join(sorted({renderer.format for renderer in renderers}))
            message = _(
                "This address does not give the format “%(format)s”; "
                "it gives: %(offered)s."
            )
            raise exceptions.NotAcceptable(
                message % {"format": asked, "offered": offered}
            ) from None
