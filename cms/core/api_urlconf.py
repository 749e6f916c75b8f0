"""The URLconf of API error responses: the API's routes, no language prefix.

Django's LocaleMiddleware turns a 404 under a path without a language prefix
into a redirect to `/id/<path>` when that path resolves (Wagtail's catch-all
always does). An API 404 must stay a JSON 404, so the API points the request
at this URLconf, which has no `i18n_patterns`, before the middleware sees it.

It is also the URLconf the OpenAPI document is generated from: the public API
and nothing else (not the admin's internal API).
"""

from cms.core.discovery import app_urls

urlpatterns = app_urls("api_urls", "api/")
