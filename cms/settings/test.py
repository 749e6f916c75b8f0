"""Test settings: fast, isolated, no side effects.

Search auto-indexing is off unless a test asks for it (the `search_auto_index`
fixture); the test database is PostgreSQL when `DATABASE_URL` is set, SQLite
otherwise.
"""

import tempfile

from consultation.limits import DEFAULT_LIMITS

from .base import *  # noqa: F401

DEBUG = False
SECRET_KEY = "test-only-key-terpadu"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process: its own cache is the whole truth (the live servers run the
# production settings and share their counters through files).
# The page cache is off for app tests, which check rendering, not caching; the
# page cache tests turn it on with `settings`; the live-server tests run it as in
# production.
PAGE_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = tempfile.mkdtemp(prefix="terpadu-test-media-")
ELASTICSEARCH_URL = ""
SEARCH_AUTO_INDEX = False
SEARCH_INDEX_PREFIX = "terpadu-test"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The answer limits over a day instead of their 10 minutes: django-ratelimit's
# windows are fixed and staggered per key, so a test sending ten answers
# against a 10-minute window crossed a window's end about once in a few
# hundred runs and was counted from zero again (seen in CI). The counts are
# the defaults; a test that sets its own limits keeps them.
CONSULTATION_RATE_LIMITS = {
    scope: (limit, 24 * 60 * 60) for scope, (limit, _window) in DEFAULT_LIMITS.items()
}
# The public SKM figures count every answer in the app tests, which check the
# computations on a handful of answers; the tests of the groups of ten
# (`consultation/tests/test_published_step.py`) set the production value.
SKM_PUBLISHED_STEP = 1
