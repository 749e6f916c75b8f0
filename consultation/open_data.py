"""Open data of the app, found by `cms.core.discovery` (which looks only at an
app's top-level modules): the datasets of each feature, SKM results first."""

from .forums.open_data import DATASETS as FORUM_DATASETS
from .surveys.open_data import DATASETS as SURVEY_DATASETS

DATASETS = [*SURVEY_DATASETS, *FORUM_DATASETS]
