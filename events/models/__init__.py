"""Events of the cluster, competitions, demonstration exams and independent assessment."""

from .competitions import CompetitionExpert, Participant
from .events import Event, EventFile
from .exams import ExamPanelMember, ExamResult, ExamSession
from .kinds import EventKind

__all__ = [
    "CompetitionExpert",
    "Event",
    "EventFile",
    "EventKind",
    "ExamPanelMember",
    "ExamResult",
    "ExamSession",
    "Participant",
]
