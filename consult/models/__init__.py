"""SQLAlchemy models, one module per aggregate."""

from consult.models.content import Picture, TextBlock, TextVariant, REGISTERS
from consult.models.consultation import Consultation, ConsultationLanguage
from consult.models.question import Option, Question, QuestionCondition, OPTION_KINDS
from consult.models.response import Answer, Draft, Response, CHANNELS
from consult.models.staff import StaffUser, ROLES
from consult.models.audit import AuditEntry
from consult.models.plain_word import PlainWord
from consult.models.results import AnswerTheme, Outcome, Theme
from consult.models.reach import ReachTarget
from consult.models.contact import ContactRequest
from consult.models.kiosk import KioskSession

__all__ = [
    "Answer", "AnswerTheme", "AuditEntry", "CHANNELS", "Consultation", "ConsultationLanguage", "ContactRequest", "Draft", "KioskSession", "OPTION_KINDS", "Option", "Outcome",
    "Picture", "PlainWord", "Question", "QuestionCondition", "REGISTERS", "ROLES", "ReachTarget", "Response", "StaffUser", "TextBlock", "Theme", "TextVariant",
]
