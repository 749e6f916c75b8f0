"""Settings shared by every environment.

Everything that differs between machines is read from the environment (see
`.env.example` and the README); the dev, test and production modules only change
defaults and switch behaviour on or off.
"""

from ipaddress import ip_network
from pathlib import Path

import environ
from corsheaders.defaults import default_headers

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cms.core",
    "standards",
    "consultation",
    "innovation",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "corsheaders",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
]

MIDDLEWARE = [
    "cms.core.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # A page-cache hit passes only through the middleware above it.
    "cms.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.core.memo.ReadingScopeMiddleware",
    "cms.core.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.core.middleware.ContentSecurityPolicyMiddleware",
    "cms.core.middleware.DatabaseUnavailableMiddleware",
    "cms.core.middleware.MalformedAdminPostMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.core.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'terpadu.sqlite3'}"
    )
}
# Persistent connections: opening a PostgreSQL connection per request cost a
# quarter of a short request's time. The health check at the start of each
# request drops a connection the database has closed (a restart), so service
# resumes by itself.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault(
    "CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True)
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: writers take the lock when their
    # transaction starts and wait for it, instead of failing with "locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that stops answering (paused, overloaded, unreachable) must not
    # hold every worker until gunicorn kills it: give up connecting after
    # DATABASE_CONNECT_TIMEOUT s, have the server cancel a statement after
    # DATABASE_STATEMENT_TIMEOUT ms (0: never), and bound the health check of a
    # kept connection (cms/core/postgresql), so the site answers its 503 page
    # and recovers by itself.
    DATABASES["default"]["ENGINE"] = "cms.core.postgresql"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
    _statement_timeout = env.int("DATABASE_STATEMENT_TIMEOUT", default=20000)
    if _statement_timeout:
        _options["options"] = (
            f"{_options.get('options', '')} -c statement_timeout={_statement_timeout}"
        ).strip()
    # Parameters bound by the server, and each statement a connection runs a
    # fifth time prepared: PostgreSQL parses and plans it once per connection
    # instead of on every page (Django's documented OPTIONS for psycopg 3). With
    # `make bench` from scratch, 15-65 % more pages per second (README). Turn
    # off behind a pooler in transaction mode that cannot keep prepared
    # statements (PgBouncer before 1.21).
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        _options.update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis with CACHE_URL (redis://...): the page cache, the counters every worker
# must agree on (cms/core/generations.py) and the rate limits (django-ratelimit)
# are then shared by every worker and app server. Without it the cache is each
# process's own memory: `make run` is one process, and `make serve` runs one
# worker (README, "Serving").
SHARED_CACHE = bool(env("CACHE_URL", default=""))
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://terpadu")}
# With Redis, sessions live in the cache (shared between app servers) and in
# the database, so a cache restart logs nobody out.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if SHARED_CACHE
    else "django.contrib.sessions.backends.db"
)

# Small values remembered per process until the page tree changes: menus, the
# footer, a unit's pledge, a survey's questions (cms/core/memo.py); and a
# standard's rendered body in the cache until it is published again. Off only
# to measure pages from scratch (`make bench`).
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
# Whole-page cache of anonymous public pages (cms/core/page_cache.py); 0 = off.
# Also the `s-maxage` a reverse proxy or CDN in front may keep a page.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# A reverse proxy or CDN in front (README, "Serving behind a cache"): the pages a
# publication makes stale are purged from it (cms/core/invalidation.py).
WAGTAILFRONTENDCACHE: dict[str, dict] = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    # Varnish or nginx: an HTTP PURGE of each URL, sent to this address.
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# Brute-force protection for the admin login (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Lockouts per client behind the proxy too: the same client address as the
# site's own rate limits (axes alone would key on REMOTE_ADDR, the proxy's).
AXES_CLIENT_IP_CALLABLE = "cms.core.client_address.client_address"

# The client's address behind reverse proxies (cms/core/client_address.py): how
# many proxies append to X-Forwarded-For in front of the site (0: none, the
# connection's address is the client's and the header is ignored), and
# optionally the addresses or networks the nearest one connects from (a bad
# entry stops the start-up).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_IPS = [
    str(ip_network(entry, strict=False))
    for entry in env.list("TRUSTED_PROXY_IPS", default=[])
]

# Per-IP limits of the public forms, {"scope": [requests, window seconds]} as JSON
# (scopes: survey, kiosk, consultation, poll, comment); unset: the app's defaults.
# `make bench` raises them so its load test measures the server, not the limit.
CONSULTATION_RATE_LIMITS = env.json("CONSULTATION_RATE_LIMITS", default={})

# The public SKM figures take answers in groups of this many, in the order
# they arrived, so that no one's scores can be read from the figures before
# and after they answered (`consultation.surveys.results.publicly_counted`);
# the unit's report in the admin counts every answer.
SKM_PUBLISHED_STEP = env.int("SKM_PUBLISHED_STEP", default=10)

# Internationalisation: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin's languages are the site's: Wagtail's own list offers "id-id",
# whose pages' links then read /id-id/… and answered 404.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
# Times as each language writes them: 09.00 in Indonesian, 09:00 in English.
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Image renditions served by Django itself (`cms.urls.media_patterns`): only the
# development server's; in production the proxy serves MEDIA_ROOT/images.
SERVE_MEDIA = False
STORAGES = {
    # Original images get a name no one can guess (cms/core/storage.py).
    "default": {"BACKEND": "cms.core.storage.LocalStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads (images, documents) go to S3-compatible storage when a bucket is
# named, so app servers keep no files of their own (django-storages).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "cms.core.storage.BucketStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "location": env("AWS_LOCATION", default="media"),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploads are checked by content (cms/core/uploads.py): documents must be PDFs
# without JavaScript; images are opened by Willow, and at most 40 megapixels,
# so that making their thumbnails needs a bounded amount of memory.
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.core.uploads.DocumentForm"
# Documents are always served by Django (never a link or redirect to the file
# storage), so the checks of who may download one apply (cms.core.wagtail_hooks).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.core.uploads.ImageForm"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@terpadu.localhost")

WAGTAIL_SITE_NAME = "Terpadu"
# Wagtail's admin asks releases.wagtail.org for a newer version from the
# browser: the admin's Content-Security-Policy refuses it (a console error on
# every admin page), and the site reaches no outside service at run time.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would load each user's picture from gravatar.com,
# which the content security policy refuses and which tells a third party who
# works in the admin; Wagtail shows its own default picture instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The address readers use (`cms.core.sites`): posters, QR codes, JSON-LD, the
# API's links, e-mails and the sitemap. `make run` sets it from HOST and PORT.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL)
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Workflow e-mails go to the unit's moderators (and back to the submitter),
# not to every superuser of the country (cms/core/templates/wagtailadmin/notifications).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# The text search configuration of PostgreSQL full-text search, for the public
# search's database engine (`search/fulltext.py`) and Wagtail's admin search.
SEARCH_DATABASE_CONFIG = env("SEARCH_DATABASE_CONFIG", default="indonesian")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": SEARCH_DATABASE_CONFIG,
    },
}
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# New translations are drafts: they are published by the unit's moderators,
# like every other change (cms/core/translation_access.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Elasticsearch / OpenSearch for the public site search (unset: database engine).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_CA_CERTS = env("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_OPENSEARCH = env.bool("ELASTICSEARCH_OPENSEARCH", default=False)
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="terpadu")
SEARCH_ANALYSIS_PROFILE = env("SEARCH_ANALYSIS_PROFILE", default="indonesian")
SEARCH_AUTO_INDEX = env.bool("SEARCH_AUTO_INDEX", default=True)

# The open API (`/api/`): OpenAPI 3.1 schema at /api/schema/, reference at /api/docs/.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Every DRF error of the API as `{"error": …}`, the search views' and a
    # method Wagtail's pages API does not take (405) included.
    "EXCEPTION_HANDLER": "cms.core.api.base.error_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "cms.core.api.negotiation.FormatNegotiation",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Terpadu open API",
    "DESCRIPTION": "Units, service standards, service pledges, consultations, "
    "satisfaction surveys, innovation entries and search of the Terpadu "
    "public-service sites. Read-only, "
    "no authentication, CORS open for GET.\n\n"
    "- Dates and times are ISO 8601 with a time zone; money is a decimal string "
    "with its ISO 4217 currency; durations are a number with a unit.\n"
    "- A vocabulary code keeps its value and has its label, in the object's "
    "language, beside it: `unit` and `unit_label` (hari_kerja, working days), a "
    "list of codes `applies_to` and `applies_to_labels` in the same order.\n"
    "- Every localized object has its locale (id or en) and the absolute URL of "
    "its public page.\n"
    "- Only published, public content is listed; anything else is 404.\n"
    "- Responses carry Cache-Control and ETag headers; send If-None-Match to get "
    "304 Not Modified.\n"
    "- Lists are paged with limit (at most 100) and offset; errors are JSON with "
    'a 4xx status: {"error": ...}, except Wagtail\'s own endpoints under '
    '/api/v2/, whose errors are {"message": ...} as their schema says.',
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    # /api/docs/ is Redoc from drf-spectacular-sidecar (cms/core/api/docs.py).
    # Redoc's search runs in a worker made from a blob: URL, which the site's
    # policy (script-src 'self', no worker-src) refuses: the sidebar's table of
    # contents is the way through the reference.
    "REDOC_DIST": "SIDECAR",
    "REDOC_UI_SETTINGS": {"expandResponses": "200", "disableSearch": True},
    "DISABLE_ERRORS_AND_WARNINGS": True,
    # The deploy check would build a schema of every URL, Wagtail's internal
    # admin APIs included; the public schema comes from cms.core.api_urlconf
    # and is checked by tests/test_api_schemathesis.py.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

# CORS: the public API is readable from any origin, for GET only.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# A browser integrator revalidates with the ETag the documentation promises:
# it must be able to read it and send it back (If-None-Match), and to read
# when to retry after a 429.
CORS_ALLOW_HEADERS = (*default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Content-Security-Policy (django-csp): only what the site itself serves.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}


def static_file_headers(headers, path: str, url: str) -> None:
    """Static files (served by whitenoise, before django-csp) get a policy too."""
    headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    headers["X-Frame-Options"] = "DENY"


WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
