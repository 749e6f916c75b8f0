"""The submissions screen of a consultation in Wagtail's form builder.

Kept apart from `admin_views` because the page type names it
(`ConsultationPage.get_submissions_list_view_class`): this module imports no
page type.
"""

from wagtail.contrib.forms.views import SubmissionsListView

from cms.core.spreadsheets import SafeSpreadsheetExportMixin


class ConsultationSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's form-submissions list of a consultation (`/admin/forms/
    submissions/<id>/`); its CSV and XLSX exports quote formula text."""
