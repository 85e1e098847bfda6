"""Several app servers behind a load balancer on one PostgreSQL: what docker-compose.yml shows and
what the settings must allow (README "Scaling out")."""

from pathlib import Path

import environ
import pytest
from django.conf import settings
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def compose():
    return YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())


def test_two_web_replicas_behind_the_proxy(compose):
    services = compose["services"]
    web = services["web"]
    assert web["deploy"]["replicas"] in (2, "${WEB_REPLICAS:-2}")
    assert "ports" not in web  # reached only through the proxy: no host port to collide on
    proxy = services["proxy"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    assert any(port.endswith(":8080") for port in proxy["ports"])
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000" in nginx and "listen 8080;" in nginx
    assert "proxy_buffering off;" in nginx  # streamed CSV exports pass through as they come


def test_replicas_share_the_cache_sessions_and_files(compose):
    web = compose["services"]["web"]
    assert web["environment"]["CACHE_URL"] == "redis://redis:6379/0"
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "redis-cli" in " ".join(compose["services"]["redis"]["healthcheck"]["test"])
    assert "media:/app/var/media" in web["volumes"]  # one volume for every replica
    assert compose["services"]["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    # sessions live in the database, not in a replica's memory or disk
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_storage_and_cache_come_from_the_environment():
    from config.settings import base

    assert "FILE_STORAGE" in (ROOT / "config" / "settings" / "base.py").read_text()
    assert base.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    config = environ.Env.cache_url_config("redis://redis:6379/0")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_env_example_documents_the_replicas():
    example = (ROOT / ".env.example").read_text()
    assert "WEB_REPLICAS=2" in example
    assert "TRUSTED_PROXY_COUNT=2" in example
