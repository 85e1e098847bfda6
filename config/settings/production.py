"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

# A per-process cache under several workers gives each its own figures and list counts: a list
# said "11 records" on one request and "10" on the next. One worker, or a shared cache (CACHE_URL).
# gunicorn.conf.py passes gunicorn's actual worker count here, however it was given.
workers = env.int("WEB_CONCURRENCY", default=1)
if CACHES["default"]["BACKEND"].endswith(".LocMemCache") and workers > 1:  # noqa: F405
    raise ImproperlyConfigured(
        f"{workers} workers with the per-process (local-memory) cache would each show their own "
        "figures and counts: set CACHE_URL to a shared cache (redis://host:6379/0) or run one "
        "worker (WEB_CONCURRENCY=1)."
    )

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
