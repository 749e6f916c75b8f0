"""Search documents of the app, found by `search.registry` through
`cms.core.discovery` (which looks only at an app's top-level modules): each
feature registers its own on import."""

from .forums import documents as forum_documents
from .surveys import documents as survey_documents

FEATURE_DOCUMENTS = (forum_documents, survey_documents)
