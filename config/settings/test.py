"""The test suite: fast hashing, in-memory e-mail, a throw-away media folder."""

import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "tests-only-not-a-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
NOTIFY_API_KEY = NOTIFY_TEMPLATE_ID = ""
# Tasks run as soon as they are enqueued (after the commit); tests/notifications runs the real
# database worker where it tests it.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A fresh folder per run, made by the storage when the first file is saved (not at import).
MEDIA_ROOT = env.path(
    "MEDIA_ROOT", default=Path(tempfile.gettempdir()) / f"portal-test-media-{uuid.uuid4().hex}"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Lists count their rows on every request, so pinned query counts are the same on each request;
# tests/performance/ turns the count cache on where it tests it.
LIST_COUNT_CACHE_SECONDS = 0
WHITENOISE_AUTOREFRESH = True
# The test client's login() calls authenticate() without a request, which django-axes refuses;
# the throttling tests (tests/deploy/test_signin_throttling.py) switch it back on.
AXES_ENABLED = False
# live_server wraps the site in Django's media handler, which breaks on MEDIA_URL = None (every
# request answers 500). A path nothing links to; production keeps MEDIA_URL = None.
MEDIA_URL = "/test-media-never-linked/"
