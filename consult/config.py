"""Configuration. This is the only module that reads ``os.environ``."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


def _secret_key(instance: Path) -> str:
    """Use SECRET_KEY if set; otherwise generate one once and keep it under instance/.

    A key written in code would be shared by every installation, so there is none.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # O_EXCL: when two workers start together only one writes; the other reads it.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _normalise_database_url(url: str) -> str:
    # Heroku-style URLs say postgres://; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _trusted_proxies() -> int:
    """How many reverse proxies in front of the app add to X-Forwarded-For (0: none, trust no header)."""
    value = os.environ.get("TRUSTED_PROXIES", "0").strip() or "0"
    if not value.isdigit():
        raise ValueError(f"TRUSTED_PROXIES must be a whole number (0, 1, 2, ...), not {value!r}")
    return int(value)


def _public_url() -> str:
    value = os.environ.get("PUBLIC_URL", "").strip().rstrip("/")
    # Printed on paper and in QR codes: without the scheme a phone may read it as plain text.
    if value and not value.startswith(("https://", "http://")):
        raise ValueError(f"PUBLIC_URL must start with https:// (like https://consult.example.org), not {value!r}")
    return value


def _security_contact() -> str:
    """Where people report a security problem (security.txt's Contact): mailto:, https: or tel:.

    Empty by default: /.well-known/security.txt then points at the privacy notice and asks the
    operators to set it, because only they know who should read such reports.
    """
    value = os.environ.get("SECURITY_CONTACT", "").strip()
    if value and "@" in value and ":" not in value:
        value = f"mailto:{value}"  # a bare email address
    if value and not value.startswith(("mailto:", "https://", "tel:")):
        raise ValueError(f"SECURITY_CONTACT must be an email address or start with mailto:, https:// or tel:, not {value!r}")
    return value


def _staff_idle_minutes() -> int:
    value = os.environ.get("STAFF_IDLE_MINUTES", "30").strip() or "30"
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"STAFF_IDLE_MINUTES must be a whole number of minutes, 1 or more, not {value!r}")
    return int(value)


# Data retention defaults (consult/retention), also quoted by the privacy notice's own words.
DEFAULT_FREE_TEXT_MONTHS = 24
DEFAULT_CONTACT_MONTHS = 6
DEFAULT_RIGHTS_REPLY_DAYS = 30


def _months(name: str, default: int) -> int:
    """A retention period in whole months (consult/retention): the default for every consultation."""
    value = os.environ.get(name, str(default)).strip() or str(default)
    if not value.isdigit() or not 1 <= int(value) <= 120:
        raise ValueError(f"{name} must be a whole number of months from 1 to 120, not {value!r}")
    return int(value)


def _local_address(url: str) -> bool:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "") in ("localhost", "127.0.0.1", "::1")


def _identity_provider() -> dict:
    """Sign-in with the organisation's OpenID Connect provider (consult/auth/oidc.py); off unless OIDC_ISSUER is set.

    Each role lists the values of OIDC_ROLES_CLAIM that give it, separated by commas
    (OIDC_ADMIN_VALUES, OIDC_EDITOR_VALUES, OIDC_ANALYST_VALUES); docs/sign-in-with-your-identity-provider.md.
    """
    issuer = os.environ.get("OIDC_ISSUER", "").strip()
    roles = {role: tuple(value.strip() for value in os.environ.get(f"OIDC_{role.upper()}_VALUES", "").split(",")
                         if value.strip())
             for role in ("admin", "editor", "analyst")}
    settings = {
        "OIDC_ISSUER": issuer,
        "OIDC_DISCOVERY_URL": os.environ.get("OIDC_DISCOVERY_URL", "").strip()
        or (f"{issuer.rstrip('/')}/.well-known/openid-configuration" if issuer else ""),
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", "").strip(),
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", "").strip(),
        "OIDC_SCOPES": os.environ.get("OIDC_SCOPES", "").strip() or "openid email profile",
        "OIDC_ROLES_CLAIM": os.environ.get("OIDC_ROLES_CLAIM", "").strip() or "roles",
        "OIDC_ROLE_VALUES": roles,
        "OIDC_PROVIDER_NAME": os.environ.get("OIDC_PROVIDER_NAME", "").strip(),
        "OIDC_BUTTON_LABEL": os.environ.get("OIDC_BUTTON_LABEL", "").strip(),
    }
    if not issuer:
        return settings
    missing = [name for name in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET") if not settings[name]]
    if missing:
        raise ValueError(f"OIDC_ISSUER is set, so {' and '.join(missing)} must be set too")
    for name in ("OIDC_ISSUER", "OIDC_DISCOVERY_URL"):
        # Tokens and the client secret travel over this: only a provider on this machine may skip TLS.
        if not settings[name].startswith("https://") and not _local_address(settings[name]):
            raise ValueError(f"{name} must start with https://, not {settings[name]!r}")
    if not any(roles.values()):
        raise ValueError("OIDC_ISSUER is set, so at least one of OIDC_ADMIN_VALUES, OIDC_EDITOR_VALUES and "
                         "OIDC_ANALYST_VALUES must say which claim values give a role (otherwise nobody could sign in)")
    if "openid" not in settings["OIDC_SCOPES"].split():
        raise ValueError(f"OIDC_SCOPES must include openid, not {settings['OIDC_SCOPES']!r}")
    return settings


def _whole_number(name: str, default: int, smallest: int = 1) -> int:
    value = os.environ.get(name, str(default)).strip() or str(default)
    if not value.isdigit() or int(value) < smallest:
        raise ValueError(f"{name} must be a whole number, {smallest} or more, not {value!r}")
    return int(value)


def _file_storage() -> dict:
    """Where uploaded pictures and stored PDFs are kept (consult/storage.py).

    ``local`` (the default) uses folders under the instance folder, fine for one server. With more
    than one server, every server must see the same files: ``database`` keeps them in the database,
    ``s3`` in an S3-compatible bucket (boto3 reads its credentials from the usual AWS_* variables).
    """
    backend = os.environ.get("FILE_STORAGE", "local").strip().lower() or "local"
    if backend not in ("local", "database", "s3"):
        raise ValueError(f"FILE_STORAGE must be local, database or s3, not {backend!r}")
    settings = {
        "FILE_STORAGE": backend,
        "S3_BUCKET": os.environ.get("S3_BUCKET", "").strip(),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", "").strip() or None,
        "S3_REGION": os.environ.get("S3_REGION", "").strip() or None,
        "S3_PREFIX": os.environ.get("S3_PREFIX", "").strip(),
    }
    if backend == "s3" and not settings["S3_BUCKET"]:
        raise ValueError("FILE_STORAGE is s3, so S3_BUCKET must name the bucket")
    return settings


def _background_jobs() -> dict:
    """How background work runs (consult/jobs.py): RQ on Redis with REDIS_URL, else in a small pool of
    low-priority processes that each web worker starts (JOB_THREADS of them at most)."""
    return {
        "JOB_THREADS": _whole_number("JOB_THREADS", 2),
        # How many of each kind of job may run at once (over all workers with REDIS_URL; per web worker
        # without). A PDF takes a CPU for a second or more: more at once only slows residents' pages.
        "JOB_LIMITS": {"pdf": _whole_number("PDF_RENDERS_AT_ONCE", 1)},
    }


def _messages(instance: Path) -> dict:
    """How messages leave (consult/messages/transports.py): GOV.UK Notify when NOTIFY_API_KEY is set,
    else SMTP when SMTP_HOST is set, else files in MESSAGE_FOLDER (nothing is lost for want of a transport)."""
    starttls = os.environ.get("SMTP_STARTTLS", "1").strip().lower()
    if starttls not in ("0", "1", "true", "false", "yes", "no"):
        raise ValueError(f"SMTP_STARTTLS must be 1 or 0, not {starttls!r}")
    return {
        "NOTIFY_API_KEY": os.environ.get("NOTIFY_API_KEY", "").strip(),
        "NOTIFY_BASE_URL": os.environ.get("NOTIFY_BASE_URL", "").strip() or "https://api.notifications.service.gov.uk",
        # Notify templates that carry Consult's words: email "((subject))" / "((body))", text "((body))".
        "NOTIFY_EMAIL_TEMPLATE_ID": os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "").strip(),
        "NOTIFY_SMS_TEMPLATE_ID": os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "").strip(),
        "SMTP_HOST": os.environ.get("SMTP_HOST", "").strip(),
        "SMTP_PORT": _whole_number("SMTP_PORT", 587),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": starttls in ("1", "true", "yes"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "").strip() or "consult@localhost",
        "MESSAGE_FOLDER": os.environ.get("MESSAGE_FOLDER") or str(instance / "outbox"),
        # A message is tried this many times (with growing waits, consult/messages/outbox.py) before it
        # is marked failed; a worker's claim on a message it is sending lapses after this many seconds.
        "MESSAGE_ATTEMPTS": _whole_number("MESSAGE_ATTEMPTS", 8),
        "MESSAGE_CLAIM_SECONDS": _whole_number("MESSAGE_CLAIM_SECONDS", 300),
        # Webhooks (consult/webhooks, docs/webhooks.md): tries before a delivery is given up, how long
        # to wait for a receiver, when a worker's claim lapses. Addresses on this machine or a private
        # network (and plain http:// to them) only when WEBHOOK_ALLOW_PRIVATE_ADDRESSES=1: a local
        # receiver in development or tests, never in production (consult/webhooks/addresses.py).
        "WEBHOOK_ATTEMPTS": _whole_number("WEBHOOK_ATTEMPTS", 8),
        "WEBHOOK_TIMEOUT_SECONDS": _whole_number("WEBHOOK_TIMEOUT_SECONDS", 10),
        "WEBHOOK_CLAIM_SECONDS": _whole_number("WEBHOOK_CLAIM_SECONDS", 120),
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": os.environ.get("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "0") == "1",
    }


def load(overrides: dict | None = None) -> dict:
    """Build the Flask configuration from the environment, then apply overrides (tests)."""
    overrides = dict(overrides or {})
    instance = Path(overrides.pop("INSTANCE_PATH", None) or os.environ.get("CONSULT_INSTANCE", DEFAULT_INSTANCE))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'consult.db'}"
    redis_url = os.environ.get("REDIS_URL") or None
    config = {
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": _normalise_database_url(database_url),
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "HOST": os.environ.get("HOST", "127.0.0.1"),
        "PORT": int(os.environ.get("PORT", "5000")),
        "DRAFT_DAYS": int(os.environ.get("DRAFT_DAYS", "30")),
        # Per address, so one client cannot fill the database with drafts. Generous: a library or a
        # community event puts many residents behind one address.
        "DRAFT_STARTS_LIMIT": os.environ.get("DRAFT_STARTS_LIMIT", "100 per hour"),
        "ANSWER_SAVES_LIMIT": os.environ.get("ANSWER_SAVES_LIMIT", "1000 per hour"),
        # Per API token (consult/api/): enough for a dashboard that refreshes, not for scraping in a loop.
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "120 per minute"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        # 1: admins must use two-step sign-in; one without it is sent to set it up (consult/auth/two_step.py).
        "TWO_FACTOR_REQUIRED": os.environ.get("TWO_FACTOR_REQUIRED", "0") == "1",
        # A resident may take a long time over a page; an expired token is handled kindly anyway.
        "WTF_CSRF_TIME_LIMIT": 4 * 3600,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIMEZONE", "Europe/London"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": ["en", "cy", "ar"],
        # Languages a consultation's content can be written in. The interface follows when it has a
        # catalogue (LANGUAGES); otherwise the words around the content stay in English.
        "CONTENT_LANGUAGES": ["en", "cy", "ar", "bn", "gu", "pa", "pl", "ro", "so", "ur", "zh"],
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Pictures staff upload: kept outside static/ (served by a view with nosniff) under random names.
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER") or str(instance / "uploads"),
        "PICTURE_MAX_BYTES": 1024 * 1024,
        # The address people reach this site at ("https://consult.example.org"), printed on posters and
        # in their QR codes and shown to staff to share. Never taken from a request's Host header,
        # which the client chooses: empty means posters are not offered (consult/addresses.py).
        "PUBLIC_URL": _public_url(),
        # Reverse proxies in front of the app (README: Production). Each one's X-Forwarded-For entry
        # is believed, so rate limits count the real client; with 0 the header is ignored, since
        # anyone can send it.
        "TRUSTED_PROXIES": _trusted_proxies(),
        # A staff session with no request for this long ends on its next one (consult/auth/idle.py).
        "STAFF_IDLE_MINUTES": _staff_idle_minutes(),
        # Who reads reports of security problems, for /.well-known/security.txt (RFC 9116).
        "SECURITY_CONTACT": _security_contact(),
        # Data retention (consult/retention): months after a consultation closes before the words people
        # wrote are removed, and before contact details (answers to personal-data questions, requests to
        # hear back) are deleted. Staff may choose other periods per consultation; `flask apply-retention`.
        "RETENTION_FREE_TEXT_MONTHS": _months("RETENTION_FREE_TEXT_MONTHS", DEFAULT_FREE_TEXT_MONTHS),
        "RETENTION_CONTACT_MONTHS": _months("RETENTION_CONTACT_MONTHS", DEFAULT_CONTACT_MONTHS),
        # How long the way to reply to a request to see or delete answers is kept once it is done.
        "RIGHTS_REPLY_DAYS": DEFAULT_RIGHTS_REPLY_DAYS,
        # Sign-in with the organisation's identity provider, beside passwords (consult/auth/oidc.py).
        **_identity_provider(),
        **_file_storage(),
        **_background_jobs(),
        **_messages(instance),
    }
    config.update(overrides)
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = _secret_key(instance)
    return config
