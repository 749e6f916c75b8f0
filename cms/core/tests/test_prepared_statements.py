"""On PostgreSQL the server binds the parameters and a statement run a fifth
time on a connection is prepared (`DATABASE_PREPARED_STATEMENTS`, on by
default): the test suite runs with it, as production does."""

import pytest
from django.db import connection
from wagtail.models import Page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
    ),
    pytest.mark.skipif(
        not connection.settings_dict["OPTIONS"].get("prepare_threshold"),
        reason="turned off with DATABASE_PREPARED_STATEMENTS=false",
    ),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_repeated_query_is_prepared_with_server_side_parameters():
    for pk in range(1, 7):
        list(Page.objects.filter(pk=pk, depth=1).values_list("title"))
    statements = prepared_statements()
    assert any(
        sql.startswith('SELECT "wagtailcore_page"."title"') and "$1" in sql
        for sql in statements
    )
