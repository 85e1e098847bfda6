# The portal under gunicorn with the production settings. Build: docker compose build
# Static files are collected and the French catalog compiled here, at build time; migrations run
# when the stack starts (the one-shot "migrate" service of docker-compose.yml).
# Debian bookworm: its postgresql-client is 15, the server's major version (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PORT=8000 \
    MEDIA_ROOT=/app/var/media

WORKDIR /app

# PostgreSQL's client tools (pg_dump, pg_restore, psql): backup_portal and restore_portal run them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# compilemessages needs GNU gettext's msgfmt: installed for this step only. collectstatic and
# compilemessages import the production settings, which need some SECRET_KEY and ALLOWED_HOSTS:
# throw-away values that exist only during this step (the real ones come from the environment).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py compilemessages --ignore=.venv --locale fr \
    && SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput \
    && apt-get purge -y gettext \
    && apt-get autoremove -y \
    && rm -rf /var/lib/apt/lists/*

# Never run as root. var/ holds the uploaded evidence (a volume in docker-compose.yml).
RUN useradd --create-home --uid 10001 --user-group portal \
    && mkdir -p /app/var/media \
    && chown -R portal:portal /app/var
USER portal

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]

# WEB_CONCURRENCY sets the number of workers (gunicorn reads it); GUNICORN_CMD_ARGS adds options.
CMD ["sh", "-c", "exec gunicorn config.wsgi --bind 0.0.0.0:${PORT} --access-logfile - --timeout 60"]
