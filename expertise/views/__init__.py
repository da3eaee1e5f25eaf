"""Pages of the expertise app: generic declarations plus the checklist, assignment and results workflows."""

from .checklists import TemplateDeleteView, TemplateDetailView, TemplateEditView, TemplateListView, TemplatePdfView
from .experts import ExpertDeleteView, ExpertDetailView, ExpertEditView, ExpertListView
from .results import SessionProgramDetailView, SessionResultsPdfView, SessionResultsView
from .reviews import (
    ReviewAutosaveView,
    ReviewDeleteView,
    ReviewDetailView,
    ReviewFillView,
    ReviewListView,
    ReviewPdfView,
    ReviewReturnView,
)
from .sessions import (
    SessionAssignView,
    SessionDeleteView,
    SessionDetailView,
    SessionEditView,
    SessionExtendView,
    SessionListView,
)

__all__ = [
    "ExpertDeleteView",
    "ExpertDetailView",
    "ExpertEditView",
    "ExpertListView",
    "ReviewAutosaveView",
    "ReviewDeleteView",
    "ReviewDetailView",
    "ReviewFillView",
    "ReviewListView",
    "ReviewPdfView",
    "ReviewReturnView",
    "SessionAssignView",
    "SessionDeleteView",
    "SessionDetailView",
    "SessionEditView",
    "SessionExtendView",
    "SessionListView",
    "SessionProgramDetailView",
    "SessionResultsPdfView",
    "SessionResultsView",
    "TemplateDeleteView",
    "TemplateDetailView",
    "TemplateEditView",
    "TemplateListView",
    "TemplatePdfView",
]
