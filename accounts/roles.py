"""The portal's three roles, as Django groups, and the model permissions each one holds.

The groups are created by a data migration (accounts 0002); their permissions are (re)applied after
every `migrate` by `sync_role_permissions`, because each app's permissions only exist once that app
has migrated. To give a role a new permission, add it here: the next `migrate` applies it.
"""

from django.utils.translation import gettext_lazy as _

OFFICERS = "Policy officers"
MANAGERS = "Program managers"
ADMINISTRATORS = "Administrators"

# The roles that act on the workflow: officers log and submit records, managers approve and return
# them. Only a superuser grants or removes them, and only a superuser sets the password or the
# sign-in identity of an account that holds one, so that an administrator can never act on the
# workflow, neither directly nor through an account it controls (see User.may_manage_account).
WORKFLOW_ROLES = (OFFICERS, MANAGERS)

ROLE_LABELS = {
    OFFICERS: _("Policy officers"),
    MANAGERS: _("Program managers"),
    ADMINISTRATORS: _("Administrators"),
}

_READ_REFERENCE = [
    "forums.view_forum",
    "forums.view_meeting",
    "forums.view_outcomedocument",
    "partners.view_organization",
]

# engagements: officers log and edit their own, managers review, administrators correct in admin.
_ENGAGEMENTS_OFFICER = [
    "engagements.view_theme",
    "engagements.view_engagement",
    "engagements.add_engagement",
    "engagements.change_engagement",
    "engagements.view_position",
    "engagements.add_position",
    "engagements.change_position",
    "engagements.delete_position",
    "engagements.view_evidence",
    "engagements.add_evidence",
    "engagements.change_evidence",
    "forums.add_meeting",  # "Meeting not listed?" on the engagement form
    "forums.propose_importance",
    # spreadsheet imports (imports/): their own engagements, as drafts
    "imports.view_importlog",
    "imports.import_engagements",
]
_ENGAGEMENTS_MANAGER = [
    "engagements.view_theme",
    "engagements.view_engagement",
    "engagements.view_position",
    "engagements.view_evidence",
    "engagements.view_all_engagements",
    "engagements.approve_engagement",
    "engagements.reopen_engagement",
    "forums.decide_importance",
    # spreadsheet imports (imports/): for any officer, past years as approved, and meetings
    "imports.view_importlog",
    "imports.view_all_imports",
    "imports.import_engagements",
    "imports.import_approved_engagements",
    "imports.import_meetings",
]
_ENGAGEMENTS_ADMINISTRATOR = [
    "engagements.view_theme",
    "engagements.add_theme",
    "engagements.change_theme",
    "engagements.delete_theme",
    "engagements.view_engagement",
    "engagements.view_all_engagements",
    "engagements.change_engagement",
    "engagements.view_position",
    "engagements.change_position",
    "engagements.view_evidence",
    "engagements.view_transition",
]

# agreements (partners): everyone reads; administrators maintain them in Django admin.
_AGREEMENTS_READ = [
    "partners.view_transferpayment",
    "partners.view_contributionagreement",
    "partners.view_agreementamount",
    "partners.view_reportingrequirement",
]
_AGREEMENTS_ADMINISTRATOR = [
    *_AGREEMENTS_READ,
    *(
        f"partners.{action}_{model}"
        for model in (
            "transferpayment",
            "contributionagreement",
            "agreementamount",
            "reportingrequirement",
        )
        for action in ("add", "change", "delete")
    ),
]

# indicators: everyone reads the dashboards; managers record results; administrators maintain
# indicators and targets in admin (results are corrected there too, with history).
_INDICATORS_READ = [
    "indicators.view_program",
    "indicators.view_outcome",
    "indicators.view_indicator",
    "indicators.view_target",
    "indicators.view_result",
    "indicators.view_programresource",
]
_INDICATORS_MANAGER = [*_INDICATORS_READ, "indicators.record_result"]
_INDICATORS_ADMINISTRATOR = [
    *_INDICATORS_READ,
    "indicators.change_program",
    "indicators.add_outcome",
    "indicators.change_outcome",
    "indicators.add_indicator",
    "indicators.change_indicator",
    "indicators.add_target",
    "indicators.change_target",
    "indicators.delete_target",
    "indicators.change_result",
    "indicators.add_programresource",
    "indicators.change_programresource",
]

# the watch of international events: everyone reads it; officers and managers record and assess
# events and say which engagements addressed them; administrators correct them in admin
_EVENTS_READ = ["events.view_event", "events.view_assessment", "events.view_eventresponse"]
_EVENTS_WATCH = [*_EVENTS_READ, "events.watch_event"]
_EVENTS_ADMINISTRATOR = [
    *_EVENTS_READ,
    "events.add_event",
    "events.change_event",
    "events.add_assessment",
    "events.change_assessment",
    "events.delete_assessment",
    "events.change_eventresponse",
    "events.delete_eventresponse",
]

# services Canada uses from IOM and UNHCR (partners.ServiceLine): everyone reads them; managers
# and administrators record service lines and their yearly volumes on the portal's pages
# (managers receive the figures from the partners; the journey has an administrator
# enter them too); administrators also correct them in Django admin
_SERVICES_READ = ["partners.view_serviceline", "partners.view_servicevolume"]
_SERVICES_RECORD = [*_SERVICES_READ, "partners.record_service_volumes"]
_SERVICES_ADMINISTRATOR = [
    *_SERVICES_RECORD,
    *(
        f"partners.{action}_{model}"
        for model in ("serviceline", "servicevolume")
        for action in ("add", "change", "delete")
    ),
]

# the change history of records (core/history.py, /history/...): managers and administrators
_AUDIT = ["core.view_history"]

# everyone reads their own notifications (the page filters by recipient); administrators see
# every one in admin, with its e-mail's attempts and errors, and the task worker's results
_NOTIFICATIONS = ["notifications.view_notification"]
_NOTIFICATIONS_ADMINISTRATOR = [
    *_NOTIFICATIONS,
    "notifications.change_notification",
    "notifications.view_periodicrun",
    "django_tasks_db.view_dbtaskresult",
]

# the read-only API with personal tokens (api/): every role, with its own visibility
_API = ["api.use_api"]
# administrators list and revoke anyone's tokens in admin
_API_ADMINISTRATOR = [*_API, "api.view_apitoken", "api.change_apitoken"]

# the portal-wide search (search/) and one's own saved views of the lists: every role; each kind of
# result still needs that kind's own list permission, with its own visibility
_SEARCH = [
    "search.use_search",
    "search.view_savedview",
    "search.add_savedview",
    "search.change_savedview",
    "search.delete_savedview",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    OFFICERS: [
        *_READ_REFERENCE,
        *_ENGAGEMENTS_OFFICER,
        *_AGREEMENTS_READ,
        *_INDICATORS_READ,
        *_EVENTS_WATCH,
        *_SERVICES_READ,
        *_NOTIFICATIONS,
        *_API,
        *_SEARCH,
    ],
    MANAGERS: [
        *_READ_REFERENCE,
        *_ENGAGEMENTS_MANAGER,
        *_AGREEMENTS_READ,
        *_INDICATORS_MANAGER,
        *_EVENTS_WATCH,
        *_SERVICES_RECORD,
        *_AUDIT,
        *_NOTIFICATIONS,
        *_API,
        *_SEARCH,
    ],
    ADMINISTRATORS: [
        *_AUDIT,
        *_NOTIFICATIONS_ADMINISTRATOR,
        *_API_ADMINISTRATOR,
        *_SEARCH,
        *_READ_REFERENCE,
        *_INDICATORS_ADMINISTRATOR,
        *_ENGAGEMENTS_ADMINISTRATOR,
        *_AGREEMENTS_ADMINISTRATOR,
        *_EVENTS_ADMINISTRATOR,
        *_SERVICES_ADMINISTRATOR,
        "forums.add_forum",
        "forums.change_forum",
        "forums.delete_forum",
        "forums.add_meeting",
        "forums.change_meeting",
        "forums.delete_meeting",
        "forums.add_outcomedocument",
        "forums.change_outcomedocument",
        "forums.delete_outcomedocument",
        "partners.add_organization",
        "partners.change_organization",
        "partners.delete_organization",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "auth.view_group",
        # spreadsheet imports: read every import and its stored file (audit), import none
        "imports.view_importlog",
        "imports.view_all_imports",
        # the sign-in locks (django-axes): list them and lift one by deleting it
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
}


def sync_role_permissions(sender=None, using="default", apps=None, **kwargs):
    """Give each role group exactly the permissions listed above (post_migrate handler)."""
    from django.contrib.auth.models import Group, Permission

    # Runs after each app's post_migrate (permissions appear app by app); it is a few queries.
    wanted: dict[tuple[str, str], Permission] = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.using(using).select_related("content_type")
    }
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        perms = [
            wanted[tuple(name.split(".", 1))]
            for name in names
            if tuple(name.split(".", 1)) in wanted
        ]
        group.permissions.set(perms)
