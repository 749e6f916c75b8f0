"""Two app servers on one PostgreSQL database and one Redis: nothing is per server.

Also holds the helpers the failure tests share: a copy of the migrated test
database for live servers, a small site written into it, static files
collected once per session, and a browser-like HTTP client that fills forms.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from tests.live import ROOT, free_port, manage, site_env, start_gunicorn, stop

# Real server processes: CI runs them once, in its PostgreSQL pass.
pytestmark = pytest.mark.live

REDIS_URL = "redis://127.0.0.1:6379/11"  # a Redis database of these tests only
POSTGRES_ONLY = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): two servers must share "
    "one database server, which SQLite files are not",
)

# A small site: home, one unit, a content page with an unpublished draft,
# an open consultation with one question, and an admin account.
SITE_SCRIPT = """
import json
from wagtail.models import Collection, Locale, Page, Site
from cms.core.factories import (
    ContentPageFactory, HomePageFactory, UnitIndexPageFactory, UnitPageFactory,
    UserFactory,
)
from consultation.forums.factories import (
    ConsultationFormFieldFactory,
    ConsultationPageFactory,
)

# A flushed test database (after a transactional test) has lost the rows
# Wagtail's migrations create: put them back.
Collection.get_first_root_node() or Collection.add_root(name="Root")
locale, _ = Locale.objects.get_or_create(language_code="id")
Locale.objects.get_or_create(language_code="en")
root = Page.get_first_root_node() or Page.add_root(
    instance=Page(title="Root", slug="root", locale=locale)
)
Page.objects.filter(depth=2).delete()
root.refresh_from_db()
home = HomePageFactory(parent=root, locale=locale, title="Beranda", slug="beranda")
Site.objects.all().delete()
Site.objects.create(
    hostname="127.0.0.1", port=80, root_page=home, is_default_site=True,
    site_name="Terpadu",
)
units = UnitIndexPageFactory(parent=home, slug="unit")
unit = UnitPageFactory(parent=units, title="KJRI Toronto", short_name="KJRI Toronto",
                       slug="kjri-toronto")
news = ContentPageFactory(parent=unit, title="Jam layanan lama", slug="jam-layanan")
news.save_revision().publish()
news.title = "Jam layanan baru"
news.save_revision()
consultation = ConsultationPageFactory(parent=unit, identity_level="open",
                                       slug="konsultasi")
ConsultationFormFieldFactory(page=consultation, label="Saran Anda")
consultation.save_revision().publish()
UserFactory(username="admin", is_staff=True, is_superuser=True,
            password="live-admin-password")
print(json.dumps({
    "unit": unit.url, "news": news.url, "news_id": news.pk,
    "consultation": consultation.url, "consultation_id": consultation.pk,
}))
"""


def copy_test_database(name: str, tmp: Path) -> str:
    """A copy of pytest-django's migrated test database; its DATABASE_URL.

    PostgreSQL: `CREATE DATABASE name TEMPLATE test_db` (dropped by the caller
    with `drop_database`); SQLite: the in-memory test database backed up to a
    file. Copying takes a second where migrating takes a minute.
    """
    from django.db import connection, connections

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp / f"{name}.sqlite3"
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}"
    import psycopg

    connections.close_all()
    with psycopg.connect(**admin_params(settings), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def admin_params(settings: dict) -> dict:
    return {
        "dbname": "postgres",
        "user": settings["USER"] or "postgres",
        "password": settings["PASSWORD"] or None,
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
    }


def drop_database(name: str) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    with psycopg.connect(
        **admin_params(connection.settings_dict), autocommit=True
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_site(env: dict) -> dict:
    """Write the small site into env's database; the URLs and ids it made."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SITE_SCRIPT],
        cwd=ROOT,
        env=dict(env, DJANGO_SETTINGS_MODULE="cms.settings.dev"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def live_static(tmp_path_factory) -> Path:
    """Static files collected once for every live server of these tests."""
    static = tmp_path_factory.getbasetemp() / "live-static"
    if not (static / "staticfiles.json").exists():
        manage(
            site_env(static.parent, STATIC_ROOT=str(static)),
            "collectstatic",
            "--noinput",
            "-v0",
        )
    return static


@pytest.fixture
def live_site(request, tmp_path, live_static, django_db_setup, django_db_blocker):
    """Copy the test database, build the small site: (env, facts).

    Tests using it are marked `django_db(transaction=True)`: pytest-django then
    creates the test database, and no open transaction keeps it busy.
    """
    name = f"live_{request.node.name[:40].lower()}_{os.getpid()}"
    name = re.sub(r"[^a-z0-9_]", "_", name)
    with django_db_blocker.unblock():
        url = copy_test_database(name, tmp_path)
    env = site_env(tmp_path, database_url=url, STATIC_ROOT=str(live_static))
    try:
        yield env, build_site(env)
    finally:
        with django_db_blocker.unblock():
            drop_database(name)


class FormFields(HTMLParser):
    """The fields of the first <form method="post"> with a CSRF token: name -> value.

    Fills it like a person would: text gets an answer, the first radio button
    and option of each group are chosen, checkboxes (consent) are ticked, the
    honeypot stays empty.
    """

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.in_form = self.done = False
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form, self.fields = True, {}
        if not self.in_form or not a.get("name"):
            if tag == "option" and self.select and a.get("value"):
                self.fields.setdefault(self.select, a["value"])
            return
        name, kind = a["name"], (a.get("type") or "text").lower()
        if tag == "select":
            self.select = name
        elif tag == "textarea":
            self.fields[name] = "Jawaban uji"
        elif kind == "hidden":
            self.fields[name] = a.get("value", "")
        elif kind in ("radio", "checkbox"):
            self.fields.setdefault(name, a.get("value", "on"))
        elif kind not in ("submit", "button"):
            self.fields[name] = "" if name == "website" else "Jawaban uji"

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "form" and self.in_form:
            self.in_form = False
            self.done = "csrfmiddlewaretoken" in self.fields


def form_data(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    assert parser.done, "no POST form with a CSRF token on the page"
    return parser.fields


class Browser(requests.Session):
    """A visitor's browser over plain HTTP.

    Production cookies are `Secure`; the live servers speak plain HTTP on
    127.0.0.1 (TLS ends at the proxy in a deployment), so the browser sends
    them back anyway.
    """

    def send(self, request, **kwargs):
        kwargs.setdefault("timeout", 30)
        response = super().send(request, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def log_in(session: requests.Session, base: str) -> None:
    """Log in to the Wagtail admin as the site's admin."""
    page = session.get(f"{base}/admin/login/")
    data = form_data(page.text)
    data.update(username="admin", password="live-admin-password")
    response = session.post(f"{base}/admin/login/", data=data)
    assert response.url.rstrip("/").endswith("/admin"), response.url


def publish_draft(session: requests.Session, base: str, page_id: int) -> None:
    """Publish a page's latest draft through the admin's publish action."""
    url = f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    data = form_data(session.get(url).text)
    response = session.post(url, data=data, allow_redirects=False)
    assert response.status_code == 302, response.status_code


def get(url: str) -> requests.Response:
    return requests.get(url, timeout=30)


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@contextmanager
def two_servers(env: dict) -> Iterator[tuple[str, str]]:
    """Two single-worker gunicorn servers with `env`: their base URLs."""
    ports = free_port(), free_port()
    servers = []
    try:
        for port in ports:
            servers.append(start_gunicorn(env, port, workers=1))
        yield tuple(f"http://127.0.0.1:{port}" for port in ports)
    finally:
        for server in servers:
            stop(server)


@contextmanager
def purge_recorder() -> Iterator[tuple[str, list]]:
    """A real HTTP server standing for Varnish: its URL and the PURGE paths it got."""
    from tests.test_frontend_cache import PurgeRecorder

    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.received
    finally:
        server.shutdown()
        server.server_close()


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)  # the test database exists, unwrapped
def test_two_servers_share_pages_sessions_limits_and_respondents(live_site):
    env, site = live_site
    flush_redis()
    with purge_recorder() as (proxy, purged):
        env = dict(
            env,
            CACHE_URL=REDIS_URL,
            FRONTEND_CACHE_PURGE_URL=proxy,
            CONSULTATION_RATE_LIMITS=json.dumps({"consultation": [3, 600]}),
        )
        with two_servers(env) as (one, two):
            check_shared(one, two, site, purged)


def check_shared(one: str, two: str, site: dict, purged: list) -> None:
    # Both caches warm: each server has served the page from the cache.
    for base in (one, two):
        get(base + site["news"])
    assert get(one + site["news"]).headers["X-Page-Cache"] == "hit"
    assert get(two + site["news"]).headers["X-Page-Cache"] == "hit"
    assert "Jam layanan lama" in get(two + site["news"]).text

    # Published through server one, served fresh by server two, and purged
    # from the proxy in front, with the unit page that lists it.
    editor = Browser()
    log_in(editor, one)
    publish_draft(editor, one, site["news_id"])
    fresh = get(two + site["news"])
    assert "Jam layanan baru" in fresh.text
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert {site["news"], site["unit"]} <= {path for _host, path in purged}

    # The admin session opened on server one is valid on server two.
    assert editor.get(f"{two}/admin/").url == f"{two}/admin/"

    # A respondent accepted by server one is refused as a duplicate by two.
    respondent = Browser()
    page = respondent.get(one + site["consultation"])
    answer = form_data(page.text)
    accepted = respondent.post(one + site["consultation"], data=answer)
    assert accepted.status_code == 200
    again = respondent.post(two + site["consultation"], data=answer)
    assert again.status_code == 409

    # One connection's rate limit counts the answers both servers accepted
    # (the one above and two more from other respondents on the same
    # connection), and refuses the next, whichever server it reaches.
    statuses = []
    for base in (two, one, two):
        newcomer = Browser()
        fields = form_data(newcomer.get(base + site["consultation"]).text)
        sent = newcomer.post(base + site["consultation"], data=fields)
        statuses.append(sent.status_code)
    assert statuses == [200, 200, 429], statuses


def test_without_redis_gunicorn_refuses_several_workers(tmp_path):
    """Each worker would keep its own cache and counters: refused, with the way out."""
    env = site_env(tmp_path)
    env.pop("CACHE_URL", None)
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{free_port()}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "need a shared cache" in result.stderr
    assert "CACHE_URL" in result.stderr


def storage_in_production(tmp: Path, **env: str) -> dict:
    """The default storage production settings choose with `env` (no network)."""
    script = (
        "import json; from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(json.dumps({'class': [c.__name__ for c in type(s).__mro__], "
        "'bucket': getattr(s, 'bucket_name', None), "
        "'endpoint': getattr(s, 'endpoint_url', None), "
        "'region': getattr(s, 'region_name', None), "
        "'url': s.url('documents/a.pdf')}))"
    )
    environment = site_env(tmp, **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_named(tmp_path):
    chosen = storage_in_production(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="terpadu-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.go.id",
        AWS_S3_REGION_NAME="ap-southeast-3",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",  # noqa: S106
    )
    assert "S3Storage" in chosen["class"]
    assert (chosen["bucket"], chosen["endpoint"], chosen["region"]) == (
        "terpadu-media",
        "https://s3.example.go.id",
        "ap-southeast-3",
    )
    assert (
        chosen["url"] == "https://s3.example.go.id/terpadu-media/media/documents/a.pdf"
    )


def test_uploads_stay_on_the_file_system_without_a_bucket(tmp_path):
    assert "FileSystemStorage" in storage_in_production(tmp_path)["class"]
