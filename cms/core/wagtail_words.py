"""Indonesian for words of Wagtail's admin that Wagtail's own catalogue lacks.

Wagtail 8's Indonesian catalogue has no translation for its workflow words
("Approve with comment", "Request changes", …), so a unit's moderator read
"Approve with comment dan Publikasikan". Marked here with `gettext_noop`, they
are kept by `makemessages` in the project's catalogue (`cms/locale`, first in
`LOCALE_PATHS`, so read before every app's), where Wagtail's code and templates
asking for the same words find them.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

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
    # Found untranslated by an editor and a moderator working in Indonesian
    # (2026-12-07): the moderator's refusal to approve, autosave, the reports
    # menu, listings and the translation's confirmation.
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("Autosave is paused"),
    gettext_noop("Saved"),
    gettext_noop("Workflows"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Site history"),
    gettext_noop("Aging pages"),
    gettext_noop("Page types usage"),
    gettext_noop("Locked pages"),
    gettext_noop("Filter by"),
    gettext_noop("Bulk actions"),
    gettext_noop("Privacy and access"),
    gettext_noop("Toggle section"),
    gettext_noop("Add comment"),
    gettext_noop("Download XLSX"),
    gettext_noop(
        "The page '{page_title}' was successfully submitted for translation into"
        " {locales}"
    ),
    gettext_noop("Translation has been stopped."),
    gettext_noop("Sync translated pages"),
    gettext_noop("Show filters"),
    gettext_noop("Requested by"),
    gettext_noop("Date / Time"),
    gettext_noop("Search all pages…"),
)

# A listing's count after a search or a filter (Indonesian has one form).
WAGTAIL_COUNTS = (
    ngettext_lazy("There is %(counter)s match", "There are %(counter)s matches", 1),
)
