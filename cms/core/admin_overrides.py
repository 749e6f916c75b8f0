"""Admin screens of installed apps, replaced by stricter versions of themselves.

`cms/urls.py` mounts these under `/admin/` ahead of Wagtail's admin URLs, so
each path below resolves here and every link the installed app renders leads
to the stricter view (the tests of each view check the resolution).
"""

from django.urls import URLPattern, path

from cms.core import converters  # noqa: F401 (registers <int:...>)

from . import admin_guards, page_chooser, tag_access, translation_access


def listing(prefix: str, view_class) -> list[URLPattern]:
    """A Wagtail listing screen and its `results/` part (filtering, paging)."""
    return [
        path(prefix, view_class.as_view()),
        path(f"{prefix}results/", view_class.as_view(results_only=True)),
    ]


urlpatterns = [
    path("failwhale/", admin_guards.error_test),
    path("tag-autocomplete/", tag_access.autocomplete),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_access.autocomplete
    ),
    *listing("images/", tag_access.UnitImagesIndexView),
    *listing("documents/", tag_access.UnitDocumentsIndexView),
    path("images/chooser/", tag_access.image_chooser.choose_view),
    path(
        "bulk/<str:app_label>/<str:model_name>/<str:action>/",
        admin_guards.bulk_action_view,
    ),
    *listing("reports/site-history/", admin_guards.UnitSiteHistoryView),
    path("redirects/import/process/", admin_guards.process_redirect_import),
    *listing("reports/locked/", admin_guards.UnitLockedPagesView),
    *listing("reports/workflow/", admin_guards.UnitWorkflowView),
    *listing("reports/workflow_tasks/", admin_guards.UnitWorkflowTasksView),
    *listing("reports/aging-pages/", admin_guards.UnitAgingPagesView),
    *listing("reports/page-types-usage/", admin_guards.UnitPageTypesUsageReportView),
    path(
        "documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
        admin_guards.UnitCreateFromUploadedDocumentView.as_view(),
    ),
    *listing("forms/", admin_guards.UnitFormPagesListView),
    path("choose-page/", page_chooser.BrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", page_chooser.BrowseView.as_view()),
    path("choose-page/search/", page_chooser.SearchView.as_view()),
    path("choose-page/chosen-multiple/", page_chooser.ChosenMultipleView.as_view()),
    path("choose-external-link/", page_chooser.ExternalLinkView.as_view()),
    path(
        "localize/submit/page/<int:page_id>/",
        translation_access.UnitSubmitPageTranslationView.as_view(),
        name="unit_submit_page_translation",
    ),
    path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translation_access.UnitSubmitSnippetTranslationView.as_view(),
        name="unit_submit_snippet_translation",
    ),
    path(
        "localize/update/<int:translation_source_id>/",
        translation_access.UnitUpdateTranslationsView.as_view(),
        name="unit_update_translations",
    ),
    path(
        "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        translation_access.edit_string,
    ),
    path(
        "localize/translate/<int:translation_id>/overrides/"
        "<int:overridable_segment_id>/edit/",
        translation_access.edit_override,
    ),
    path(
        "localize/page/<int:page_id>/convert_to_alias/",
        translation_access.convert_to_alias,
    ),
    path(
        "localize/translate/<int:translation_id>/disable/",
        translation_access.stop_translation,
    ),
    path(
        "localize/translate/<int:translation_id>/pofile/upload/",
        translation_access.upload_pofile,
    ),
    path(
        "localize/reports/translations/",
        translation_access.UnitTranslationsReportView.as_view(),
        name="unit_translations_report",
    ),
    path(
        "localize/reports/translations/results/",
        translation_access.UnitTranslationsReportView.as_view(results_only=True),
        name="unit_translations_report_results",
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
        translation_access.UnitSnippetsAPIViewSet.as_view({"get": "list"}),
        name="unit_snippets_api_listing",
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translation_access.UnitSnippetsAPIViewSet.as_view({"get": "retrieve"}),
        name="unit_snippets_api_detail",
    ),
]
