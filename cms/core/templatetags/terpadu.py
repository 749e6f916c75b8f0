"""Template tags of the site chrome: language switcher and page sections."""

from django import template

from cms.core import menus

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The language switcher's entries (see `cms.core.menus.language_links`)."""
    return menus.language_links(context["request"], context.get("page"))


@register.inclusion_tag("core/includes/section.html", takes_context=True)
def render_section(context, section):
    """Render one `Section` contributed by a domain app."""
    ctx = context.flatten()
    ctx.update(section.context)
    ctx["section_template"] = section.template
    return ctx
