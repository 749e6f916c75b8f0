"""gunicorn's settings for `make serve`, `make bench` and the live tests.

Workers share the page cache, the counters that make cached pages stale and
the rate limits only through Redis (`CACHE_URL`). Without it each worker
would keep its own copies, and a page published through one worker would stay
stale in the others; so several workers need `CACHE_URL`, and gunicorn refuses
to start them without it. `WEB_CONCURRENCY` (gunicorn's own variable) or
`--workers` set their number; the default is one per core with Redis, else one.
"""

import os

if os.environ.get("CACHE_URL"):
    workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
else:
    workers = int(os.environ.get("WEB_CONCURRENCY") or 1)


def on_starting(server) -> None:
    """Refuse several workers without a shared cache, with the reason."""
    if server.cfg.workers > 1 and not os.environ.get("CACHE_URL"):
        raise SystemExit(
            f"gunicorn: {server.cfg.workers} workers need a shared cache: set "
            "CACHE_URL=redis://host:6379/0, or run one worker (WORKERS=1)."
        )
