"""docker-compose.yml and the Dockerfile. No Docker engine runs here, so the compose file is
validated against the compose specification's schema (vendored in check-jsonschema: no network),
and what the deployment relies on is read from the files themselves."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from ruamel.yaml import YAML

ROOT = Path(settings.BASE_DIR)
COMPOSE = ROOT / "docker-compose.yml"


def validate_compose(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def compose():
    return YAML(typ="safe").load(COMPOSE.read_text())


def test_the_compose_file_follows_the_compose_specification():
    result = validate_compose(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_does_fail_on_a_broken_file(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(
        COMPOSE.read_text().replace("retries: 3", "retries: [three]").replace("  db:", "  db: 5")
    )
    assert validate_compose(broken).returncode != 0


def test_postgresql_15_keeps_its_data_in_a_volume_and_reports_health(compose):
    db = compose["services"]["db"]
    assert db["image"] == "postgres:15"
    assert "db-data:/var/lib/postgresql/data" in db["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "db-data" in compose["volumes"]


def test_the_portal_runs_migrations_once_then_gunicorn_with_production_settings(compose):
    migrate, web = compose["services"]["migrate"], compose["services"]["web"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    for service in (migrate, web):
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")
        assert "@db:5432/" in service["environment"]["DATABASE_URL"]
        assert service["env_file"] == ".env"
        assert "media:/app/var/media" in service["volumes"]
    assert "command" not in web  # the image's gunicorn command
    assert web["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck.py"]


def test_a_worker_service_runs_the_task_worker_after_the_migrations(compose):
    worker = compose["services"]["worker"]
    assert worker["command"] == ["python", "manage.py", "run_worker"]
    assert worker["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "ports" not in worker and "expose" not in worker


def test_no_secret_is_committed(compose):
    text = COMPOSE.read_text()
    for service in compose["services"].values():
        assert "SECRET_KEY" not in service.get("environment", {})
    assert re.search(r"POSTGRES_PASSWORD:\s*\$\{POSTGRES_PASSWORD:\?", text)
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert example["SECRET_KEY"] == ""
    assert example["POSTGRES_PASSWORD"] == ""
    assert example["ALLOWED_HOSTS"]
    # Every variable the compose file interpolates is explained in .env.example.
    for name in set(re.findall(r"\$\{(\w+)", text)):
        assert name in (ROOT / ".env.example").read_text(), name
    for ignore_file in (".gitignore", ".dockerignore"):
        assert ".env" in (ROOT / ignore_file).read_text().split()


def test_the_image_is_built_as_the_deployment_needs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = [line.split()[0] for line in dockerfile.splitlines() if line[:1].isupper()]
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "manage.py compilemessages" in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile
    assert "gunicorn config.wsgi" in dockerfile
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in dockerfile
    assert "scripts/healthcheck.py" in dockerfile
    # The last USER is not root, and it comes before the command that serves.
    users = re.findall(r"^USER (\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert instructions.index("USER") < instructions.index("CMD")
    assert "HEALTHCHECK" in instructions


@pytest.mark.django_db(transaction=True)
def test_the_health_check_script_passes_on_a_healthy_portal(live_server):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "healthcheck.py")],
        env={"HEALTHCHECK_URL": f"{live_server.url}/healthz", "ALLOWED_HOSTS": "localhost"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"status": "ok"' in result.stdout


def test_the_health_check_script_fails_when_nothing_answers():
    from tests.deploy.test_database_faults import closed_port

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "healthcheck.py")],
        env={"HEALTHCHECK_URL": f"http://127.0.0.1:{closed_port()}/healthz"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "unhealthy" in result.stdout
