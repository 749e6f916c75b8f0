"""Template tags of the site chrome: language switcher and page sections."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per site language: its name, the URL of this content in it
    (None when a page has no translation in that language) and whether it is
    the current one."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    urls: dict[str, str | None] = {}
    if isinstance(page, Page):
        translations = (
            page.get_translations(inclusive=True).live().select_related("locale")
        )
        for translation in translations:
            urls[translation.locale.language_code] = translation.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = urls.get(code)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return links


@register.inclusion_tag("core/includes/section.html", takes_context=True)
def render_section(context, section):
    """Render one `Section` contributed by a domain app."""
    ctx = context.flatten()
    ctx.update(section.context)
    ctx["section_template"] = section.template
    return ctx
