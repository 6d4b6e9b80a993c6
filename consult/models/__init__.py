"""SQLAlchemy models, one module per aggregate."""

from consult.models.content import Picture, TextBlock, TextVariant, REGISTERS
from consult.models.consultation import Consultation, ConsultationLanguage
from consult.models.question import Option, Question, QuestionCondition, OPTION_KINDS
from consult.models.response import Answer, Draft, Response, CHANNELS
from consult.models.staff import StaffUser, ROLES
from consult.models.audit import AuditEntry

__all__ = [
    "Answer", "AuditEntry", "CHANNELS", "Consultation", "ConsultationLanguage", "Draft", "OPTION_KINDS", "Option",
    "Picture", "Question", "QuestionCondition", "REGISTERS", "ROLES", "Response", "StaffUser", "TextBlock", "TextVariant",
]
