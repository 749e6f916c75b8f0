from django import template
from wagtail.models import Page

from consultation import answers
from consultation.surveys.results import published_step

register = template.Library()


@register.simple_tag
def answer_url(page: Page, route_name: str | None = None) -> str:
    """`{% answer_url page %}` or `{% answer_url page "kiosk" %}`: the form's
    action, where the answer is posted (`consultation.answers`)."""
    return answers.answer_url(page, route_name)


@register.simple_tag
def skm_published_step() -> int:
    """`{% skm_published_step as step %}`: how many answers the public SKM
    figures take in at a time (`consultation.surveys.results.publicly_counted`)."""
    return published_step()
