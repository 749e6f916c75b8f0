"""The open API under `/api/`.

- `/api/`: the root, linking to everything.
- `/api/units/`, `/api/units/{id}/`: units (`cms.core.api.units`).
- `/api/data/`: open-data files (`cms.core.open_data`).
- `/api/v2/`: the Wagtail API v2 (pages, images, documents).
- `/api/schema/` (OpenAPI 3.1) and `/api/docs/` (the reference, Redoc).
The other apps' endpoints (standards, consultations, surveys, innovations,
search) come from their own `api_urls.py`, which cms.urls includes beside this
one (`cms.core.discovery`).
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from cms.core import open_data
from cms.core.api import docs, root, units
from cms.core.api.wagtail import DocumentsAPI, ImagesAPI, PagesAPI

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
api_router.register_endpoint("images", ImagesAPI)
api_router.register_endpoint("documents", DocumentsAPI)


urlpatterns = [
    path("", root.APIRootView.as_view(), name="api_root"),
    path("units/", units.UnitListView.as_view(), name="api_units"),
    path("units/<str:id>/", units.UnitDetailView.as_view(), name="api_unit"),
    path("data/", open_data.DatasetListView.as_view(), name="api_open_data"),
    path(
        "data/<str:name>.csv",
        open_data.DownloadCSVView.as_view(),
        name="open_data_csv",
    ),
    path(
        "data/<str:name>.json",
        open_data.DownloadJSONView.as_view(),
        name="open_data_json",
    ),
    path("v2/", api_router.urls),
    path("schema/", docs.SchemaView.as_view(), name="api_schema"),
    path("docs/", docs.DocsView.as_view(), name="api_docs"),
]
