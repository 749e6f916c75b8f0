"""URLs: admin and API outside the language prefix, the site inside it.

Every installed app (the core included) may add a `public_urls.py` (inside
`/id/` and `/en/`), an `api_urls.py` (under `/api/`) and an `admin_overrides.py`
(ahead of Wagtail's admin URLs); `cms.core.discovery` finds them over
INSTALLED_APPS, so removing an app removes its routes.
"""

import re
from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.core import (
    auth_throttles,
    converters,  # noqa: F401 (registers <int:...>)
    open_data,
)
from cms.core import views as core_views
from cms.core.discovery import app_urls
from cms.core.sitemap import TranslatedSitemap


def page_urls() -> list:
    """Wagtail's front-end URLs, its page-password form throttled
    (`auth_throttles`)."""
    patterns = []
    for pattern in wagtail_urls.urlpatterns:
        if pattern.name == "wagtailcore_authenticate_with_password":
            pattern = path(
                str(pattern.pattern),
                auth_throttles.authenticate_with_password,
                name=pattern.name,
            )
        patterns.append(pattern)
    return patterns


def admin_overrides() -> list:
    """Admin screens of installed apps replaced by stricter versions of their
    views (`admin_overrides.py` of the core and of each app), mounted ahead of
    Wagtail's admin URLs at the same paths and, like them, for admin users only."""
    return decorate_urlpatterns(app_urls("admin_overrides", "admin/"), admin_view)


def admin_view(view):
    """Decorate like Wagtail's own admin URLs: admin access, never cached."""
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("django-admin/", admin.site.urls),
    *admin_overrides(),
    # Before Wagtail's own routes of the same names: throttled (auth_throttles).
    path(
        "admin/password_reset/",
        auth_throttles.PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        auth_throttles.authenticate_document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.health, name="health"),
    path("ping", core_views.ping, name="ping"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}),
    *app_urls("api_urls", "api/"),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    *app_urls("public_urls"),
    path("data/", open_data.data_page, name="open_data"),
    path("", include(page_urls())),
    prefix_default_language=True,
)


def media_patterns() -> list:
    """What the development server serves of `MEDIA_ROOT` (`SERVE_MEDIA`, on
    in `cms.settings.dev` whatever `DEBUG` says, so `make run` shows the site's
    own error pages): image renditions, which pages show by their file URL.
    Never `documents/`: Wagtail's download view (`/documents/<id>/<name>`)
    refuses a document no public page uses, and a file URL would bypass it (an
    unused attendance list, guessable by its upload name). Production's proxy
    serves the same folder only."""
    if not settings.SERVE_MEDIA:
        return []
    images = f"{settings.MEDIA_URL}images/".lstrip("/")
    return [
        re_path(
            rf"^{re.escape(images)}(?P<path>.*)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT) / "images"},
        )
    ]


urlpatterns = media_patterns() + urlpatterns

handler404 = "cms.core.views.page_not_found"
handler500 = "cms.core.views.server_error"
