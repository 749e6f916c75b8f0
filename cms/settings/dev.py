"""Local development: debug on (`make run` turns it off, so the demo shows the
site's own error pages), a throwaway secret, mail to the console, image
renditions served by Django."""

from .base import *  # noqa: F401

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env(
    "SECRET_KEY", default="dev-only-insecure-key-terpadu-not-for-production"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
STORAGES["staticfiles"]["BACKEND"] = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
SERVE_MEDIA = True
