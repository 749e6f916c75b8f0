"""Production: every secret from the environment, HTTPS everywhere.

There is deliberately no default for SECRET_KEY or ALLOWED_HOSTS, so a
misconfigured deployment fails at start-up instead of running insecurely.
`python manage.py check --deploy` passes with no warnings under these settings.
"""

from .base import *  # noqa: F401

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# The address readers use (cms/core/sites.py): by default HTTPS on the first
# allowed host; set PUBLIC_BASE_URL when the site is served elsewhere.
PUBLIC_BASE_URL = env(
    "PUBLIC_BASE_URL", default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL)
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")
