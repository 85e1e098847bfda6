"""Real servers on loopback for the transports: an SMTP server (aiosmtpd) and a small HTTP server
that speaks GC Notify's documented e-mail endpoint (POST /v2/notifications/email, a JWT signed
with the API key's secret, 201 with the notification's JSON)."""

import json
import socket
import threading
import time
import uuid
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.arrived:
            self.messages.append((envelope.rcpt_tos, parsed, time.monotonic()))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10.0):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
        return self.messages


class SMTPServer:
    def __init__(self):
        self.inbox = _Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
API_KEY = f"portal_test-{SERVICE_ID}-{SECRET}"


class NotifyServer:
    """`mode`: "ok" (201), "error" (400 with Notify's error body), "slow" (answers too late)."""

    def __init__(self, mode="ok"):
        self.mode = mode
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                token = self.headers["Authorization"].removeprefix("Bearer ")
                claims = jwt.decode(token, SECRET, algorithms=["HS256"])
                outer.requests.append({"path": self.path, "body": body, "claims": claims})
                if outer.mode == "slow":
                    time.sleep(3)
                if outer.mode == "error" or self.path != "/v2/notifications/email":
                    self._answer(
                        400,
                        {
                            "status_code": 400,
                            "errors": [{"error": "BadRequestError", "message": "Bad template"}],
                        },
                    )
                    return
                self._answer(
                    201,
                    {
                        "id": str(uuid.uuid4()),
                        "reference": body.get("reference"),
                        "content": {
                            "subject": body["personalisation"]["subject"],
                            "body": body["personalisation"]["body"],
                            "from_email": "portal@notification.canada.ca",
                        },
                        "uri": "http://127.0.0.1/v2/notifications/x",
                        "template": {"id": body["template_id"], "version": 1, "uri": "x"},
                    },
                )

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
