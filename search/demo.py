"""Demo: seed the synonyms and bring the search index in line with the demo site.

The database engine's rows are reconciled (so the demo finds "paspor" and
"legalisasi" even when pages were seeded with auto-indexing off); with
`ELASTICSEARCH_URL` set, the cluster is rebuilt as well.
"""

from cms.core.seeding import DemoContext

from .client import is_configured
from .indexing import CLUSTER_ERRORS, rebuild, reconcile
from .synonyms import seed_synonyms


def seed(ctx: DemoContext) -> None:
    created = seed_synonyms()
    if is_configured():
        try:
            counts, report = rebuild()
        except CLUSTER_ERRORS as error:
            ctx.log(f"search: cluster unreachable ({error}); run search_rebuild later")
            report = reconcile()
            counts = {}
        ctx.log(f"search: {created} synonyms added, cluster rebuilt {counts}")
    else:
        report = reconcile()
        ctx.log(
            f"search: {created} synonyms added, {report.stored} pages written to "
            "the database engine"
        )
