"""Messages a resident asks for from the saved page (the link to come back) and the confirmation page
(their reference). The resident pages do not send messages themselves: the messages package
registers its sender when the app starts (consult/messages/resident.py ``init_app``), so this package
never imports that one (which reads the results, which read the journey: a cycle otherwise).
"""

from __future__ import annotations

from typing import Protocol

from flask import Flask, current_app

EXTENSION = "consult_resident_messages"


class NotSent(ValueError):
    """Why a message was not queued, in words for the resident (translated)."""


class ResidentMessages(Protocol):
    def send_resume_link(self, *, typed: str, draft, title: str, link: str, code: str, until: str,
                         consultation_id: int) -> str: ...

    def send_confirmation(self, *, typed: str, draft, response, title: str, with_copy: bool,
                          consultation_id: int) -> str: ...


def register(app: Flask, sender: ResidentMessages) -> None:
    app.extensions[EXTENSION] = sender


def sender() -> ResidentMessages:
    return current_app.extensions[EXTENSION]
