"""GC Notify (the Government of Canada's notification service) as a Django e-mail backend, through
its official client, notifications-python-client (the GOV.UK Notify client that GC Notify uses).

Selected when NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are set. The template is a generic one whose
subject is ((subject)) and whose body is ((body)): the portal writes both, in the recipient's
language. NOTIFY_BASE_URL is the API's address.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class GCNotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.EMAIL_TIMEOUT,
        )

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            for address in message.recipients():
                try:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=settings.NOTIFY_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body},
                        reference=message.extra_headers.get("X-Portal-Reference") or None,
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent
