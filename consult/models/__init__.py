"""SQLAlchemy models, one module per aggregate."""

from consult.models.api_token import ApiToken, ApiTokenConsultation
from consult.models.audit import AuditEntry
from consult.models.branching import BranchCondition, BranchConditionOption, BranchRule
from consult.models.consultation import Consultation, ConsultationLanguage
from consult.models.contact import ContactRequest
from consult.models.content import REGISTERS, Picture, TextBlock, TextVariant
from consult.models.counts import AnswerCount, CountState, ResponseCount
from consult.models.document import ConsultationDocument
from consult.models.event import (  # noqa: F401  (consult/events)
    DraftPrefill,
    Event,
    KioskEvent,
    PrefillField,
    PrefillValue,
    ResponseEvent,
    ResponsePrefill,
)
from consult.models.kept_work import KeptWork
from consult.models.kiosk import KioskSession
from consult.models.organisation import OrganisationSettings
from consult.models.outbox import OutgoingMessage
from consult.models.plain_word import PlainWord
from consult.models.question import OPTION_KINDS, Option, OptionGroup, Question
from consult.models.reach import ReachTarget
from consult.models.response import CHANNELS, Answer, Draft, Response
from consult.models.results import AnswerTheme, Outcome, Theme
from consult.models.rights import RightsRequest
from consult.models.section import Section
from consult.models.staff import ROLES, StaffRecoveryCode, StaffUser
from consult.models.statement import StatementText
from consult.models.stored_file import StoredFile
from consult.models.webhook import Webhook, WebhookDelivery  # noqa: F401  (registered with the metadata; consult/webhooks)

__all__ = [
    "Answer", "AnswerCount", "AnswerTheme", "ApiToken", "ApiTokenConsultation", "AuditEntry", "BranchCondition", "BranchConditionOption", "BranchRule", "CHANNELS", "Consultation", "ConsultationLanguage", "ConsultationDocument", "ContactRequest", "CountState", "Draft", "KeptWork", "KioskSession", "OPTION_KINDS", "Option", "OptionGroup", "OrganisationSettings", "OutgoingMessage", "Outcome",
    "Picture", "PlainWord", "Question", "REGISTERS", "ROLES", "ReachTarget", "Response", "ResponseCount", "RightsRequest", "Section", "StaffRecoveryCode", "StaffUser", "StatementText", "StoredFile", "TextBlock", "Theme", "TextVariant",
]

# Every change to what residents see moves its consultation's version (consult/snapshots.py).
from consult.models import versioning  # noqa: E402, F401
