"""Expert sessions: versioned checklist templates, the expert pool, sessions and reviews."""

from .experts import EXPIRY_WARNING_DAYS, Expert, ExpertCertificate
from .reviews import Review, ReviewAnswer, ReviewEvent
from .sessions import ExpertSession, SessionParticipant, SessionProgram
from .templates import (
    CRITERION_NUMBER,
    DEFAULT_TITLE,
    SHARE,
    ChecklistSection,
    ChecklistTemplate,
    Criterion,
    format_share,
)

__all__ = [
    "CRITERION_NUMBER",
    "DEFAULT_TITLE",
    "EXPIRY_WARNING_DAYS",
    "SHARE",
    "ChecklistSection",
    "ChecklistTemplate",
    "Criterion",
    "Expert",
    "ExpertCertificate",
    "ExpertSession",
    "Review",
    "ReviewAnswer",
    "ReviewEvent",
    "SessionParticipant",
    "SessionProgram",
    "format_share",
]
