"""SQLAlchemy models, one module per aggregate."""

from consult.models.audit import AuditEntry
from consult.models.consultation import Consultation, ConsultationLanguage
from consult.models.contact import ContactRequest
from consult.models.content import REGISTERS, Picture, TextBlock, TextVariant
from consult.models.kept_work import KeptWork
from consult.models.kiosk import KioskSession
from consult.models.plain_word import PlainWord
from consult.models.question import OPTION_KINDS, Option, OptionGroup, Question, QuestionCondition
from consult.models.reach import ReachTarget
from consult.models.response import CHANNELS, Answer, Draft, Response
from consult.models.results import AnswerTheme, Outcome, Theme
from consult.models.rights import RightsRequest
from consult.models.staff import ROLES, StaffRecoveryCode, StaffUser
from consult.models.statement import StatementText

__all__ = [
    "Answer", "AnswerTheme", "AuditEntry", "CHANNELS", "Consultation", "ConsultationLanguage", "ContactRequest", "Draft", "KeptWork", "KioskSession", "OPTION_KINDS", "Option", "OptionGroup", "Outcome",
    "Picture", "PlainWord", "Question", "QuestionCondition", "REGISTERS", "ROLES", "ReachTarget", "Response", "RightsRequest", "StaffRecoveryCode", "StaffUser", "StatementText", "TextBlock", "Theme", "TextVariant",
]
