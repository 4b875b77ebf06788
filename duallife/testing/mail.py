"""A real SMTP server for the email tests (aiosmtpd on a free localhost port).

The ``smtp_sink`` fixture (:mod:`duallife.testing.fixtures`) starts one and points Django's SMTP
backend at it; ``smtp_sink.messages`` holds what it received, parsed
(``email.message.EmailMessage``, headers decoded).
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

SITE_URL = "https://duallife.example.jp"


@dataclass
class Recorder:
    """aiosmtpd handler: keeps every message it accepts."""

    envelopes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    host: str
    port: int
    recorder: Recorder

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self.recorder.lock:
            envelopes = list(self.recorder.envelopes)
        return [email.message_from_bytes(e.content, policy=email.policy.default) for e in envelopes]

    @property
    def recipients(self) -> list[list[str]]:
        with self.recorder.lock:
            return [list(e.rcpt_tos) for e in self.recorder.envelopes]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
