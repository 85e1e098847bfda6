"""One record of every model registered in Django admin, for the tests that open every admin
page (tests/core/test_admin_pages.py, tests/browser/test_admin_accessible.py).

The data migrations load most reference data; `one_record_per_admin_model()` makes the rest with
the apps' factories, so that each change page has something to show (an engagement with its
positions, evidence and workflow trail; an agreement with its amounts and reports). A model newly
registered in admin without a row here fails those tests with its name: add a maker below.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api.models import ApiToken
from api.services import create_token
from engagements.models import Engagement
from imports.models import ImportLog
from indicators.models import Result
from notifications.models import Kind, Notification, PeriodicRun
from partners.models import ContributionAgreement
from tests.accounts.factories import UserFactory
from tests.engagements.factories import (
    EngagementFactory,
    EvidenceFactory,
    PositionFactory,
    TransitionFactory,
)
from tests.forums.factories import MeetingFactory, OutcomeDocumentFactory
from tests.indicators.factories import ResultFactory
from tests.partners.factories import AgreementFactory, AmountFactory, ReportFactory


def _engagement():
    meeting = MeetingFactory(
        start_date=datetime.date(2014, 10, 6), end_date=datetime.date(2014, 10, 10)
    )
    document = OutcomeDocumentFactory(meeting=meeting)
    engagement = EngagementFactory(meeting=meeting, status=Engagement.Status.SUBMITTED)
    PositionFactory(engagement=engagement, outcome_document=document)
    EvidenceFactory(engagement=engagement)
    TransitionFactory(engagement=engagement, actor=engagement.lead_officer)
    return engagement


def _agreement():
    agreement = AgreementFactory()
    AmountFactory(agreement=agreement)
    ReportFactory(agreement=agreement)
    return agreement


def _attempt():
    return AccessAttempt.objects.create(
        username="olivia",
        ip_address="192.0.2.1",
        user_agent="Mozilla/5.0",
        path_info="/en/accounts/login/",
        failures_since_start=2,
        get_data="",
        post_data="username=olivia",
        http_accept="text/html",
    )


def _access_log():
    return AccessLog.objects.create(
        username="olivia",
        ip_address="192.0.2.1",
        user_agent="Mozilla/5.0",
        path_info="/en/accounts/login/",
        http_accept="text/html",
        attempt_time=timezone.now(),
    )


def _failure_log():
    return AccessFailureLog.objects.create(
        username="olivia",
        ip_address="192.0.2.1",
        user_agent="Mozilla/5.0",
        path_info="/en/accounts/login/",
        http_accept="text/html",
        attempt_time=timezone.now(),
    )


def _notification():
    engagement = _engagement()
    return Notification.objects.create(
        recipient=UserFactory(username="notified"),
        kind=Kind.SUBMITTED,
        record=f"engagement:{engagement.pk}",
        period="event",
        engagement=engagement,
        actor=engagement.lead_officer,
        url_name="engagements:detail",
        url_args=[engagement.pk],
    )


def _periodic_run():
    return PeriodicRun.objects.create(job="reminders", period="2026-12-01T21")


def _task_result():
    now = timezone.now()
    return DBTaskResult.objects.create(
        enqueued_at=now,
        run_after=now,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="notifications.tasks.send_reminders",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )


def _api_token():
    return create_token(user=UserFactory(username="token-owner"), name="Power BI", days=90)[0]


def _import_log():
    return ImportLog.objects.create(
        kind=ImportLog.Kind.ENGAGEMENTS,
        file="imports/2026/12/example.csv",
        original_name="engagements-2013.csv",
        file_format="csv",
        size=120,
        sha256="0" * 64,
        uploaded_by=UserFactory(username="importer"),
        rows=2,
        created=1,
    )


# What the migrations do not load.
MAKERS = {
    Engagement: _engagement,
    ContributionAgreement: _agreement,
    Result: ResultFactory,
    AccessAttempt: _attempt,
    AccessLog: _access_log,
    AccessFailureLog: _failure_log,
    Notification: _notification,
    PeriodicRun: _periodic_run,
    DBTaskResult: _task_result,
    ApiToken: _api_token,
    ImportLog: _import_log,
}


def one_record_per_admin_model() -> dict:
    """{model: a record of it} for every model registered in Django admin."""
    UserFactory(username="olivia", first_name="Olivia")
    records = {}
    for model in admin.site._registry:
        record = model._default_manager.order_by("pk").first()
        if record is None and model in MAKERS:
            record = MAKERS[model]()
        assert record is not None, f"no {model._meta.label} to open in admin: add it to MAKERS"
        records[model] = record
    return records
