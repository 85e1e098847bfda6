"""gunicorn reads this file from the working directory (the Docker image's /app, the clone's root).

Before any worker starts, it hands the number of workers gunicorn will run (from --workers, -w,
GUNICORN_CMD_ARGS or WEB_CONCURRENCY) to the settings as WEB_CONCURRENCY and loads them, so that
settings that cannot work with several workers (a per-process cache) stop gunicorn at start-up with
their message, instead of every worker failing to boot."""

import os
import sys


def on_starting(server):
    os.environ["WEB_CONCURRENCY"] = str(server.cfg.workers)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.CACHES  # noqa: B018 (loads the settings)
    except ImproperlyConfigured as error:
        sys.exit(f"The portal cannot start: {error}")
