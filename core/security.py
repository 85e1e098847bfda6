"""Small security helpers that settings point to."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The address sign-in throttling counts failures against.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it saw to
    X-Forwarded-For, the client is the entry that many places from the right; anything further
    left was written by the client itself and cannot be trusted. With no proxy, the peer address.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
