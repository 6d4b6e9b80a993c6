"""How a message leaves: GOV.UK Notify, an SMTP server, or (the embedded default) a folder.

``transport_of(app)`` chooses from the configuration (consult/config.py ``_messages``): Notify when
``NOTIFY_API_KEY`` is set, SMTP when ``SMTP_HOST`` is set, otherwise the folder, so a message is
never dropped for want of a way to send it. Each transport's ``send`` returns its own name for the
message, or raises ``SendFailed`` with a one-line reason staff can act on (``permanent`` when
trying again cannot help, such as an address the provider refuses).

Nothing here logs an address or the words of a message.
"""

from __future__ import annotations

import io
import json
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

log = logging.getLogger(__name__)


class SendFailed(Exception):
    def __init__(self, reason: str, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason[:480]
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    """What a transport needs, taken from an OutgoingMessage row."""

    key: str
    channel: str  # "email", "sms" or "letter"
    recipient: str
    subject: str
    body: str
    attachment_name: str | None = None
    attachment: bytes | None = None


class FolderTransport:
    """Writes each message to a file (email as a .eml a mail program opens), for the embedded default."""

    name = "folder"

    def __init__(self, folder: str | Path, sender: str):
        self.folder = Path(folder)
        self.sender = sender

    def send(self, message: Outgoing) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        safe_key = "".join(c if c.isalnum() or c in "-_" else "-" for c in message.key)
        if message.channel == "email":
            path = self.folder / f"{safe_key}.eml"
            path.write_bytes(bytes(email_message(message, self.sender)))
        elif message.channel == "letter":
            path = self.folder / f"{safe_key}.pdf"
            path.write_bytes(message.attachment or b"")
        else:
            path = self.folder / f"{safe_key}.json"
            path.write_text(json.dumps({"to": message.recipient, "text": message.body}, ensure_ascii=False))
        log.info("message %s written to %s (no transport configured)", message.key, path.name)
        return path.name


def email_message(message: Outgoing, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    # The key, as the Message-ID: a retry after a crash sends the same ID, which receivers can spot.
    domain = sender.rpartition("@")[2] or "consult.invalid"
    email["Message-ID"] = f"<{message.key}@{domain}>"
    email.set_content(message.body)
    if message.attachment is not None:
        email.add_attachment(message.attachment, maintype="application", subtype="pdf",
                             filename=message.attachment_name or "attachment.pdf")
    return email


class SmtpTransport:
    """Any SMTP server, with STARTTLS unless told otherwise. Email only: text messages and letters need Notify."""

    name = "smtp"

    def __init__(self, host: str, port: int, sender: str, username: str = "", password: str = "",
                 starttls: bool = True, timeout: float = 20.0):
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password, self.starttls, self.timeout = username, password, starttls, timeout

    def send(self, message: Outgoing) -> str:
        if message.channel != "email":
            raise SendFailed(f"SMTP sends email only; a {message.channel} needs GOV.UK Notify (NOTIFY_API_KEY).",
                             permanent=True)
        email = email_message(message, self.sender)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
                if self.starttls:
                    server.starttls(context=ssl.create_default_context())
                if self.username:
                    server.login(self.username, self.password)
                refused = server.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            raise SendFailed(_smtp_reason(error), permanent=_permanent(error)) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SendFailed(_smtp_reason(error), permanent=_permanent(error)) from None
        if refused:
            raise SendFailed("The mail server refused the address.", permanent=True)
        return email["Message-ID"]


def _smtp_reason(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "The mail server refused the address."
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "The mail server refused SMTP_USERNAME and SMTP_PASSWORD."
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        return f"The mail server answered {error.smtp_code}: {text}"
    return f"Could not reach the mail server: {error.__class__.__name__}: {error}"


def _permanent(error: Exception) -> bool:
    """5xx answers are final (a retry gets the same answer); 4xx and lost connections are worth retrying."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


class NotifyTransport:
    """GOV.UK Notify through its official client. Consult writes the words; Notify's templates carry them:
    the email template is ``((subject))`` and ``((body))`` (and ``((link_to_file))`` for attachments, which
    Notify sends as a link to download), the text message template ``((body))``.
    Letters are precompiled: the PDF made for the resident (consult/messages/letters.py)."""

    name = "notify"

    def __init__(self, api_key: str, email_template: str, sms_template: str,
                 base_url: str = "https://api.notifications.service.gov.uk"):
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key, base_url=base_url)
        self.email_template, self.sms_template = email_template, sms_template

    def send(self, message: Outgoing) -> str:
        from notifications_python_client.errors import APIError

        try:
            if message.channel == "email":
                personalisation = {"subject": message.subject, "body": message.body}
                if message.attachment is not None:
                    # Notify sends a file as a link to download it: ((link_to_file)) in the email template.
                    personalisation["link_to_file"] = _notify_file(message)
                answer = self.client.send_email_notification(
                    message.recipient, self.email_template, personalisation=personalisation, reference=message.key)
            elif message.channel == "sms":
                answer = self.client.send_sms_notification(
                    message.recipient, self.sms_template, personalisation={"body": message.body},
                    reference=message.key)
            else:
                answer = self.client.send_precompiled_letter_notification(
                    message.key, io.BytesIO(message.attachment or b""))
        except APIError as error:
            status = getattr(error, "status_code", 0) or 0
            # 400 and 403 say the request itself is wrong (a bad number, a bad key): retrying repeats it.
            raise SendFailed(f"GOV.UK Notify answered {status}: {_notify_reason(error)}",
                             permanent=status in (400, 403)) from None
        return str((answer or {}).get("id", ""))


def _notify_file(message: Outgoing) -> dict:
    from notifications_python_client import prepare_upload

    try:
        return prepare_upload(io.BytesIO(message.attachment), filename=message.attachment_name)
    except ValueError as error:  # Notify takes files up to 2 MB
        raise SendFailed(f"GOV.UK Notify cannot send this file: {error}", permanent=True) from None


def _notify_reason(error) -> str:
    message = error.message
    if isinstance(message, list):
        return "; ".join(str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in message)
    return str(message)


def transport_of(app):
    config = app.config
    if config.get("NOTIFY_API_KEY"):
        return NotifyTransport(config["NOTIFY_API_KEY"], config.get("NOTIFY_EMAIL_TEMPLATE_ID", ""),
                               config.get("NOTIFY_SMS_TEMPLATE_ID", ""), config["NOTIFY_BASE_URL"])
    if config.get("SMTP_HOST"):
        return SmtpTransport(config["SMTP_HOST"], config["SMTP_PORT"], config["MAIL_FROM"],
                             config.get("SMTP_USERNAME", ""), config.get("SMTP_PASSWORD", ""),
                             config["SMTP_STARTTLS"])
    return FolderTransport(config["MESSAGE_FOLDER"], config["MAIL_FROM"])
