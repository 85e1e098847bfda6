"""What each kind of notification says, in the active language: a title and a few lines. The same
words serve the portal's notifications page and the e-mails (HTML and plain text)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.fiscal import FiscalYear
from core.formatting import long_date, percent
from indicators.models import Status

from .models import Kind, Notification


@dataclass
class Message:
    title: str
    lines: list[str] = field(default_factory=list)
    quote: str = ""  # a reason or an answer someone wrote, shown as they wrote it
    quote_label: str = ""


def _date(value: str) -> str:
    return long_date(datetime.date.fromisoformat(value)) if value else ""


def _outcomes_message(kind, label, actor, p) -> Message | None:
    """The workflow's kinds, for the outcomes a mandate's author recorded after the meeting."""
    if kind == Kind.SUBMITTED:
        return Message(
            _("Outcomes submitted for review: %(label)s") % {"label": label},
            [
                _("%(actor)s recorded the outcomes and submitted them for approval.")
                % {"actor": actor}
            ],
        )
    if kind == Kind.RESUBMITTED:
        return Message(
            _("Outcomes resubmitted after your return: %(label)s") % {"label": label},
            [
                _("%(actor)s changed the outcomes you returned and submitted them again.")
                % {"actor": actor}
            ],
            quote=p.get("answer", ""),
            quote_label=_("Their answer"),
        )
    if kind == Kind.RETURNED:
        return Message(
            _("Outcomes returned to you: %(label)s") % {"label": label},
            [_("%(actor)s returned the outcomes you recorded for changes.") % {"actor": actor}],
            quote=p.get("reason", ""),
            quote_label=_("Reason"),
        )
    if kind == Kind.APPROVED:
        return Message(
            _("Outcomes approved: %(label)s") % {"label": label},
            [_("%(actor)s approved the outcomes you recorded: they now count.") % {"actor": actor}],
            quote=p.get("reason", ""),
            quote_label=_("Comment"),
        )
    if kind == Kind.REOPENED:
        return Message(
            _("Outcomes reopened and returned to you: %(label)s") % {"label": label},
            [
                _("%(actor)s reopened the approved outcomes; they are back with you.")
                % {"actor": actor}
            ],
            quote=p.get("reason", ""),
            quote_label=_("Reason"),
        )
    return None


def message_for(notification: Notification) -> Message:
    p = notification.params
    label = notification.label
    actor = p.get("actor", "")
    kind = notification.kind
    if kind == Kind.WEEKLY_DIGEST:
        return _digest_message(p)
    message = None
    if p.get("step") == "outcomes":
        message = _outcomes_message(kind, label, actor, p)
    message = message or _review_message(kind, label, actor, p) or _reminder_message(kind, label, p)
    if message is None:
        raise ValueError(f"no message for {kind}")
    return message


def _review_message(kind, label, actor, p) -> Message | None:
    """What the review steps say: submitted, returned, approved, reopened, a result recorded."""
    if kind == Kind.SUBMITTED:
        return Message(
            _("Submitted for review: %(label)s") % {"label": label},
            [_("%(actor)s submitted this record for approval.") % {"actor": actor}],
        )
    if kind == Kind.RESUBMITTED:
        return Message(
            _("Resubmitted after your return: %(label)s") % {"label": label},
            [
                _("%(actor)s changed the record you returned and submitted it again.")
                % {"actor": actor}
            ],
            quote=p.get("answer", ""),
            quote_label=_("Their answer"),
        )
    if kind == Kind.RETURNED:
        return Message(
            _("Returned to you: %(label)s") % {"label": label},
            [_("%(actor)s returned this record for changes.") % {"actor": actor}],
            quote=p.get("reason", ""),
            quote_label=_("Reason"),
        )
    if kind == Kind.APPROVED:
        return Message(
            _("Approved: %(label)s") % {"label": label},
            [_("%(actor)s approved this record.") % {"actor": actor}],
            quote=p.get("reason", ""),
            quote_label=_("Comment"),
        )
    if kind == Kind.REOPENED:
        return Message(
            _("Reopened and returned to you: %(label)s") % {"label": label},
            [_("%(actor)s reopened this approved record; it is back with you.") % {"actor": actor}],
            quote=p.get("reason", ""),
            quote_label=_("Reason"),
        )
    if kind in (Kind.RESULT_RECORDED, Kind.RESULT_REVISED):
        title = (
            _("Result recorded: %(label)s")
            if kind == Kind.RESULT_RECORDED
            else _("Result revised: %(label)s")
        )
        return Message(
            title % {"label": label},
            [
                _("%(actor)s recorded the result for %(year)s.")
                % {"actor": actor, "year": FiscalYear(p["year"]).label}
            ],
        )
    return None


def _reminder_message(kind, label, p) -> Message | None:
    """What the reminders say: outcomes pending, drafts untouched, reports due, reviews due."""
    if kind == Kind.PENDING_OUTCOME:
        return Message(
            _("Outcome still pending: %(label)s") % {"label": label},
            [
                _(
                    "The meeting ended on %(date)s and the outcome of %(count)s is still pending: "
                    "record what the outcome document said."
                )
                % {
                    "date": _date(p["meeting_end"]),
                    "count": ngettext("%(n)d position", "%(n)d positions", p["positions"])
                    % {"n": p["positions"]},
                }
            ],
        )
    if kind == Kind.STALE_DRAFT:
        return Message(
            _("Draft untouched for %(days)d days: %(label)s") % {"days": p["days"], "label": label},
            [_("Finish and submit it, or delete it if it is no longer needed.")],
        )
    if kind == Kind.RETURNED_WAITING:
        return Message(
            _("Returned %(days)d days ago and not resubmitted: %(label)s")
            % {"days": p["days"], "label": label},
            [_("Make the changes asked for and submit it again.")],
            quote=p.get("reason", ""),
            quote_label=_("Reason"),
        )
    if kind == Kind.REPORT_DUE:
        return Message(
            _("Report due on %(date)s: %(label)s") % {"date": _date(p["due"]), "label": label},
            [_("Follow up with the recipient so that the report arrives on time.")],
        )
    if kind == Kind.REPORT_OVERDUE:
        return Message(
            _("Report overdue since %(date)s: %(label)s")
            % {"date": _date(p["due"]), "label": label},
            [_("Follow up with the recipient and record the date the report is received.")],
        )
    if kind == Kind.MEETING_UNCOVERED:
        return Message(
            _("Important meeting on %(date)s with no engagement logged: %(label)s")
            % {"date": _date(p["start"]), "label": label},
            [_("Plan who attends and what Canada's positions are.")],
        )
    if kind == Kind.EVENT_REVIEW_DUE:
        return Message(
            _("Review due since %(date)s: %(label)s")
            % {"date": _date(p["review"]), "label": label},
            [
                _(
                    "Update the event's status, figure and assessment of its effect on Canada's "
                    "programs, and set the date of its next review."
                )
            ],
        )
    return None


def _digest_message(p: dict) -> Message:
    lines = [
        ngettext("%(n)d record waits for review.", "%(n)d records wait for review.", p["queue"])
        % {"n": p["queue"]},
    ]
    if p.get("oldest"):
        lines.append(_("The oldest has waited since %(date)s.") % {"date": _date(p["oldest"])})
    lines += [
        ngettext(
            "%(n)d returned record waits on its officer.",
            "%(n)d returned records wait on their officers.",
            p["returned"],
        )
        % {"n": p["returned"]},
        ngettext(
            "%(n)d engagement has an outcome overdue.",
            "%(n)d engagements have an outcome overdue.",
            p["outcomes_overdue"],
        )
        % {"n": p["outcomes_overdue"]},
        ngettext(
            "%(n)d agreement report is due within %(days)d days.",
            "%(n)d agreement reports are due within %(days)d days.",
            p["reports_due"],
        )
        % {"n": p["reports_due"], "days": p["report_days"]},
        ngettext(
            "%(n)d agreement report is overdue.",
            "%(n)d agreement reports are overdue.",
            p["reports_overdue"],
        )
        % {"n": p["reports_overdue"]},
    ]
    if p.get("indicator_status_key"):
        lines.append(
            _(
                "Official indicator, %(year)s: %(value)s against a target of %(target)s (%(status)s)."
            )
            % {
                "year": FiscalYear(p["year"]).label,
                "value": _percent(p["indicator_value"]) or _("not available"),
                "target": _percent(p["indicator_target"]) or _("none set"),
                "status": Status(p["indicator_status_key"]).label,
            }
        )
    return Message(
        ngettext(
            "Weekly digest: %(n)d record waiting for review",
            "Weekly digest: %(n)d records waiting for review",
            p["queue"],
        )
        % {"n": p["queue"]},
        lines,
    )


def _percent(value: str | None) -> str:
    return percent(Decimal(value)) if value not in (None, "") else ""
