"""gunicorn's settings for `make serve`, `make bench` and the live tests.

Workers share the page cache, the counters that make cached pages stale and
the rate limits only through Redis (`CACHE_URL`). Without it each worker
would keep its own copies, and a page published through one worker would stay
stale in the others; so several workers need `CACHE_URL`, and gunicorn refuses
to start them without it. `WEB_CONCURRENCY` (gunicorn's own variable) or
`--workers` set their number; the default is one per core with Redis, else one.

Each worker runs `GUNICORN_THREADS` threads (default 4, gunicorn's gthread
worker). An answer's request waits about 10 ms for PostgreSQL to write its
commit to disk, and a page-cache hit waits for Redis; with one thread that
wait held the whole worker, so pages queued behind every answer (with 50
answers a second, a quarter of two workers' time). Threads let the worker
serve pages meanwhile, and keep HTTP connections alive between requests.
"""

import os

if os.environ.get("CACHE_URL"):
    workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
else:
    workers = int(os.environ.get("WEB_CONCURRENCY") or 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)


def on_starting(server) -> None:
    """Refuse several workers without a shared cache, with the reason."""
    if server.cfg.workers > 1 and not os.environ.get("CACHE_URL"):
        raise SystemExit(
            f"gunicorn: {server.cfg.workers} workers need a shared cache: set "
            "CACHE_URL=redis://host:6379/0, or run one worker (WORKERS=1)."
        )
