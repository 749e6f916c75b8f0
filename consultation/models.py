"""The models of the app's two features, imported here so that Django finds
them: this module defines nothing.

The app label stays `consultation` for both (its tables, content types and
migrations are those of the single app it was), while each feature keeps its
models in its package: `forums` (public consultations, polls, comments) and
`surveys` (satisfaction surveys). `ChoicesField`, `element_choices` and
`participant_choices` are also named by the migrations under this path.
"""

from .forums.models import (
    ChoicesField,
    Commitment,
    ConsultationDocument,
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    MeetingParticipation,
    PollChoice,
    PollPage,
    participant_choices,
)
from .forums.records import (
    ComponentComment,
    ConsultationAnswer,
    ConsultationSubmission,
    Vote,
)
from .surveys.models import (
    SatisfactionOverviewPage,
    SatisfactionSurveyPage,
    SurveyFollowUpAction,
    SurveyQuestion,
    element_choices,
)
from .surveys.records import KioskEnrolment, SurveyResponse, UsedKioskState

__all__ = [
    "ChoicesField",
    "Commitment",
    "ComponentComment",
    "ConsultationAnswer",
    "ConsultationDocument",
    "ConsultationFormField",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationSubmission",
    "KioskEnrolment",
    "MeetingParticipation",
    "PollChoice",
    "PollPage",
    "SatisfactionOverviewPage",
    "SatisfactionSurveyPage",
    "SurveyFollowUpAction",
    "SurveyQuestion",
    "SurveyResponse",
    "UsedKioskState",
    "Vote",
    "element_choices",
    "participant_choices",
]
