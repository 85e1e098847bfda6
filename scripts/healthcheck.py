"""Container health check: exit 0 when the portal's /healthz answers 200, else 1.

Used by the Dockerfile's HEALTHCHECK and docker-compose.yml. It needs nothing but the standard
library (python:3.11-slim has no curl) and sends the first ALLOWED_HOSTS name as the Host
header, since Django refuses a host it does not know.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header() -> str | None:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return None


def main() -> int:
    url = os.environ.get(
        "HEALTHCHECK_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"
    )
    request = urllib.request.Request(url)
    host = host_header()
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            ok = response.status == 200
            print(response.status, response.read(200).decode(errors="replace"))
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}")
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
