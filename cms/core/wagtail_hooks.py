"""Admin hooks of the site core."""

from django.db import models
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override

from .page_chooser import visible_pages
from .public_text import AdminTextField


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_visible_pages(pages, request):
    """A unit's staff choose among their own pages and live, public ones."""
    return visible_pages(pages, request.user)


# What editors type in plain text fields (titles, names, short texts) loses
# its invisible control characters (`public_text.py`). Exact classes only, as
# Wagtail's own TextField override: e-mail, URL, slug and rich text fields
# keep their own form fields. The TextField entry keeps Wagtail's widget.
register_form_field_override(
    models.CharField, override={"form_class": AdminTextField}, exact_class=True
)
register_form_field_override(
    models.TextField,
    override={
        "form_class": AdminTextField,
        "widget": widgets.AdminAutoHeightTextInput,
    },
    exact_class=True,
)
