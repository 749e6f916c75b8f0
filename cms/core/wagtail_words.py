"""Indonesian for words of Wagtail's admin that Wagtail's own catalogue lacks.

Wagtail 8's Indonesian catalogue has no translation for its workflow words
("Approve with comment", "Request changes", …), so a unit's moderator read
"Approve with comment dan Publikasikan". Marked here with `gettext_noop`, they
are kept by `makemessages` in the project's catalogue (`cms/locale`, first in
`LOCALE_PATHS`, so read before every app's), where Wagtail's code and templates
asking for the same words find them.
"""

from django.utils.translation import gettext_noop

WAGTAIL_WORDS = (
    gettext_noop("Approve with comment"),
    gettext_noop("Request changes"),
    gettext_noop("Needs changes"),
    gettext_noop("Changes requested"),
    gettext_noop("Changes requested at"),
    gettext_noop("Rejected"),
    gettext_noop("Cancelled"),
    gettext_noop("Not started"),
    gettext_noop("Skipped"),
    gettext_noop("with comment:"),
    gettext_noop("Task"),
    gettext_noop("Tasks"),
    gettext_noop("Task started"),
    gettext_noop("Task submitted by"),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("Your locked pages"),
    gettext_noop("Compare with previous version"),
    gettext_noop("See full history"),
    gettext_noop("live + in moderation"),
    gettext_noop("Group approval task"),
    # Found untranslated by an editor working in Indonesian (2026-12-06).
    gettext_noop("- Select an option -"),
    gettext_noop("Draft saved"),
    gettext_noop("'%(workflow)s' started. Next step '%(task)s'"),
    gettext_noop("More actions"),
    gettext_noop("Go to the first error"),
    gettext_noop("Go back"),
    gettext_noop("Profile"),
    gettext_noop("Notifications"),
    gettext_noop("Workflow on page '%(page_title)s' has been cancelled."),
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("Reports"),
    gettext_noop("Help"),
    gettext_noop("Form data"),
    # Wagtail's catalogue calls both "Kotak centang".
    gettext_noop("Checkbox"),
    gettext_noop("Checkboxes"),
    gettext_noop(
        "Default value. Comma or new line separated values supported for checkboxes."
    ),
    gettext_noop("Locales"),
    gettext_noop("Translate"),
    gettext_noop("Translate page"),
    gettext_noop("Translate this page"),
    gettext_noop("Translated manually on {date}"),
    gettext_noop("Convert to alias page"),
)
