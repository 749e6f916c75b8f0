"""Demo content of the app, found by `seed_demo` through `cms.core.discovery`
(which looks only at an app's top-level modules): surveys first, then
consultations, as before the app was split into its two features."""

from cms.core.seeding import DemoContext

from .forums import demo as forum_demo
from .surveys import demo as survey_demo


def seed(ctx: DemoContext) -> None:
    if ctx.home is None:
        return
    survey_demo.seed(ctx)
    forum_demo.seed(ctx)
