"""Every admin route, tried by every role with GET and POST on unit B's objects.

The routes come from the URL resolver and their expectations from
`tests/permission_matrix.py`; the world (two units and everything they own)
from `tests/permission_world.py`. The world is built once per module and
worker, in a transaction rolled back at the end; each test sends one request,
in a savepoint that is rolled back too (a superuser deleting B's page changes
nothing for the next test), and the client's cookies are restored after it
(a logout neither).

An answer is sorted (`outcome`) into:
- login: a redirect to the admin's login page;
- denied: 403, or Wagtail's redirect to the dashboard with its error message;
- missing: 404, or its redirect to the same path under /id/ (the locale
  middleware's: /admin/ has no language prefix, so every 404 there becomes a
  302 to /id/admin/..., which answers 404 in turn);
- method: 405;
- error: a 500 (or any exception), which always fails;
- allowed: anything else (2xx, other redirects, 400).
Then, for every role but the superuser, no answer may contain a marker of what
that role must not read (B's draft titles, media, answers, staff names), and a
request not expected to be allowed must leave the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import SimpleCookie

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import path, resolve, reverse
from django.views.generic import View

from tests import permission_matrix as matrix
from tests.permission_world import (
    ANONYMOUS,
    FORBIDDEN_MARKERS,
    ROLES,
    SUPERUSER,
    World,
    build_world,
    snapshot,
)

pytestmark = pytest.mark.django_db

# `--dist loadgroup` sends each group to one worker, which builds the world once
# for it. (With pytest 9.2 and pytest-xdist 3.8 the groups are ignored and the
# tests are spread one by one: the world is then built once per worker.)
GROUPS = 8
METHODS = ("GET", "POST")
CASES = matrix.cases()


def matrix_params() -> list:
    """A test per case, role and method; a known hole is a strict xfail."""
    return [
        matrix_param(index, case, role, method)
        for index, case in enumerate(CASES)
        for role in ROLES
        for method in METHODS
    ]


def matrix_param(index: int, case: matrix.Case, role: str, method: str):
    marks = [pytest.mark.xdist_group(f"permission-matrix-{index % GROUPS}")]
    hole = matrix.KNOWN_HOLES.get((case.id, role, method))
    if hole:
        marks.append(pytest.mark.xfail(strict=True, reason=hole))
    return pytest.param(
        case, role, method, id=f"{method} {role} {case.id}", marks=marks
    )


@dataclass(frozen=True, eq=False)
class FakeURLconf:
    """A URLconf of made-up routes, to try the classifier on."""

    urlpatterns: list


@dataclass
class Matrix:
    world: World
    clients: dict[str, Client]


@pytest.fixture(scope="module")
def permission_matrix(django_db_setup, django_db_blocker):
    """The world and a logged-in client per role, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        world = build_world()
        clients = {}
        for role in ROLES:
            clients[role] = Client()
            if world.users[role] is not None:
                clients[role].force_login(world.users[role])
        yield Matrix(world, clients)
        transaction.set_rollback(True)
    cache.clear()


# The request and its judgement ---------------------------------------------------


@dataclass
class Answer:
    status: int | None
    location: str = ""
    body: bytes = b""
    denied_message: bool = False
    error: str = ""
    changed: bool = False


def request(client: Client, method: str, url: str, data: dict, watch: bool) -> Answer:
    """Send the request in a savepoint that is rolled back, and restore the
    client's cookies, so that nothing it does lasts (a logout neither)."""
    cookies = SimpleCookie()
    cookies.update(client.cookies)
    try:
        with transaction.atomic():
            answer = send(client, method, url, data, watch)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        cache.clear()
    return answer


def send(client: Client, method: str, url: str, data: dict, watch: bool) -> Answer:
    before = snapshot() if watch else None
    try:
        response = client.get(url) if method == "GET" else client.post(url, data)
    except Exception as error:  # noqa: BLE001 - any exception is a server error
        return Answer(None, error=f"{type(error).__name__}: {error}")
    answer = Answer(
        response.status_code,
        location=response.get("Location", ""),
        body=b"".join(response) if response.streaming else response.content,
        denied_message=any(
            m.level == messages.ERROR
            for m in messages.get_messages(response.wsgi_request)
        ),
    )
    answer.changed = watch and snapshot() != before
    return answer


def outcome(answer: Answer) -> str:
    """login, denied, missing, method, error or allowed (see the module's doc)."""
    if answer.status is None or answer.status >= 500:
        return "error"
    if answer.status in (301, 302, 303, 307, 308):
        return redirect_outcome(answer)
    return {403: "denied", 404: "missing", 405: "method"}.get(answer.status, "allowed")


def redirect_outcome(answer: Answer) -> str:
    location = answer.location
    if location.startswith(reverse("wagtailadmin_login")):
        return "login"
    if location.startswith(("/id/admin/", "/en/admin/")):
        return "missing"
    home = reverse("wagtailadmin_home")
    if location.split("?")[0] == home and answer.denied_message:
        return "denied"
    return "allowed"


ACCEPTED = {
    matrix.LOGIN: {"login"},
    matrix.ALLOW: {"allowed", "method"},
    matrix.DENY: {"denied", "missing", "method"},
    matrix.MISSING: {"missing", "method"},
    matrix.REFUSED: {"allowed", "denied", "missing", "method"},
}


def judge(answer: Answer, expected: str, role: str) -> list[str]:
    found = outcome(answer)
    problems = []
    if found == "error":
        problems.append(f"server error {answer.status or ''} {answer.error}".strip())
    elif found not in ACCEPTED[expected]:
        where = f" to {answer.location}" if answer.location else ""
        problems.append(f"expected {expected}, got {answer.status}{where} ({found})")
    text = (answer.body + answer.location.encode()).lower()
    for marker in FORBIDDEN_MARKERS[role]:
        if marker.lower().encode() in text:
            problems.append(f"the response contains {marker!r}")
    if answer.changed and expected != matrix.ALLOW:
        problems.append("the request changed the database (pages, media, records)")
    return problems


# The matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "role", "method"), matrix_params())
def test_route(permission_matrix, case, role, method):
    refs = permission_matrix.world.refs
    url = case.path(refs)
    assert resolve(url.split("?")[0]).func is case.route.callback, (
        f"{url} is not answered by {case.route.view} any more"
    )
    answer = request(
        permission_matrix.clients[role],
        method,
        url,
        case.data(refs),
        watch=role != SUPERUSER,
    )
    problems = judge(answer, case.rule.expected(role, method), role)
    assert not problems, (
        f"{method} {url} as {role}: {'; '.join(problems)} (the table: {case.rule.why})"
    )


def test_every_admin_route_is_classified():
    problems = matrix.problems()
    assert not problems, "\n\n".join(problems)


def test_known_holes_name_real_requests():
    requests = {
        (case.id, role, method)
        for case in CASES
        for role in ROLES
        for method in METHODS
    }
    unknown = [key for key in matrix.KNOWN_HOLES if key not in requests]
    assert not unknown, f"KNOWN_HOLES entries that name no request: {unknown}"


def test_an_unclassified_route_fails_with_instructions():
    class NewScreen(View):
        pass

    urlconf = FakeURLconf(
        [path("admin/brand-new-screen/<int:pk>/", NewScreen.as_view(), name="new")]
    )
    problems = matrix.problems(urlconf)
    message = next(p for p in problems if "brand-new-screen" in p)
    assert "not in the permission matrix" in message
    assert matrix.TABLE in message and "ROUTES" in message
    assert matrix.cases(urlconf) == []


def test_an_unfillable_argument_fails_unless_classified():
    urlconf = FakeURLconf([path("admin/replications/<int:mystery>/", View.as_view())])
    route = matrix.admin_routes(urlconf)[0]
    rule = matrix.Rule(get=matrix.SUPERUSER_ONLY, why="example")
    assert "Cannot fill ['mystery']" in matrix.fill_problems(route, rule)[0]
    literal = matrix.Rule(get=matrix.SUPERUSER_ONLY, path="/admin/x/", why="example")
    assert matrix.fill_problems(route, literal) == []
    unexplained = matrix.Rule(get=matrix.SUPERUSER_ONLY, path="/admin/x/")
    assert "says nothing in `why`" in matrix.fill_problems(route, unexplained)[0]


def test_a_view_hidden_by_another_at_its_path_must_be_listed():
    class Stricter(View):
        pass

    class Installed(View):
        pass

    urlconf = FakeURLconf(
        [
            path("admin/brand-new-screen/", Stricter.as_view()),
            path("admin/brand-new-screen/", Installed.as_view(), name="installed"),
        ]
    )
    message = next(p for p in matrix.problems(urlconf) if "is hidden by" in p)
    assert "Installed" in message and "Stricter" in message
    assert "SHADOWED" in message


def test_anonymous_visitors_are_sent_to_log_in_but_on_the_login_screens():
    public = {
        case.id
        for case in CASES
        for method in METHODS
        if case.rule.expected(ANONYMOUS, method) != matrix.LOGIN
    }
    assert public == LOGIN_SCREENS


LOGIN_SCREENS = {
    "admin/login/",
    "admin/sprite/",
    "admin/jsi18n/",
    "admin/password_reset/",
    "admin/password_reset/done/",
    "admin/password_reset/confirm/<uidb64>/<token>/",
    "admin/password_reset/complete/",
}
