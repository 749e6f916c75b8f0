"""The Elasticsearch path: outage and reconcile, fallback, alias swap, synonyms."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from search import index as cluster
from search.client import alias_name, get_client
from search.indexing import rebuild
from search.models import PendingIndexUpdate, Synonym
from search.query import parse_params
from search.registry import registry
from search.service import search
from tests.search_fixtures import free_port, start_osmem

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def ids_in_cluster() -> set[int]:
    return set().union(*cluster.indexed_ids().values())


@pytest.fixture
def own_server(search_cluster_server):
    """A dedicated osmem-server this test may stop and restart on the same port."""
    port = free_port()
    servers = [start_osmem(port)]

    def restart():
        servers.append(start_osmem(port))
        return servers[-1]

    yield servers[0], restart
    for server in servers:
        server.close()


def test_nothing_is_lost_across_an_outage(
    own_server,
    use_cluster,
    search_auto_index,
    unit_a,
    make_page,
    django_capture_on_commit_callbacks,
):
    server, restart = own_server
    use_cluster(server.url)
    rebuild()
    server.close()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page(unit_a, "Layanan darurat", "Bantuan bagi warga.")
    assert page.live
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()
    restart()
    call_command("search_reconcile")
    expected = {page.pk, unit_a.pk}
    assert expected <= ids_in_cluster()
    assert not PendingIndexUpdate.objects.exists()
    result = search(parse_params({"q": "darurat"}))
    assert (result.engine, [h.title for h in result.hits]) == (
        "elasticsearch",
        ["Layanan darurat"],
    )


def test_search_falls_back_to_database_when_cluster_is_down(
    use_cluster, unit_a, make_page, client
):
    make_page(unit_a, "Layanan paspor", "Paspor.", publish=False)
    rebuild()  # database engine only: no cluster configured yet
    use_cluster(f"http://127.0.0.1:{free_port()}")
    data = client.get(reverse("search_api"), {"q": "paspor"}).json()
    assert data["engine"] == "database"
    assert [r["title"] for r in data["results"]] == ["Layanan paspor"]


def test_search_page_says_results_may_be_less_precise_when_cluster_is_down(
    use_cluster, client, locales
):
    use_cluster(f"http://127.0.0.1:{free_port()}")
    response = client.get("/en/search/", {"q": "paspor"})
    assert response.status_code == 200
    assert "results may be less precise" in response.content.decode()


def test_rebuild_swaps_the_alias_to_a_new_index(search_cluster, unit_a):
    rebuild()
    client = get_client()
    first = cluster.concrete_indices(client, "id")
    call_command("search_rebuild")
    second = cluster.concrete_indices(client, "id")
    assert len(first) == len(second) == 1 and first != second
    assert not client.indices.exists(index=first[0])
    assert unit_a.pk in cluster.indexed_ids()["id"]


def test_a_failed_rebuild_keeps_the_old_index_and_drops_the_new_ones(
    search_cluster, unit_a
):
    rebuild()
    client = get_client()
    before = set(client.indices.get(index=f"{alias_name('id')}*"))

    def failing():
        yield from registry.iter_documents()
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cluster.rebuild(failing())
    assert set(client.indices.get(index=f"{alias_name('id')}*")) == before
    assert unit_a.pk in cluster.indexed_ids()["id"]


def test_reconcile_removes_pages_no_longer_published(search_cluster, unit_a, make_page):
    page = make_page(unit_a, "Pengumuman lama", publish=False)
    rebuild()
    page.live = False
    page.save()
    call_command("search_reconcile")
    assert page.pk not in ids_in_cluster()


def test_a_new_synonym_applies_at_once_and_never_closes_the_live_index(
    search_cluster, unit_a, make_page, django_capture_on_commit_callbacks
):
    make_page(unit_a, "Layanan kekonsuleran", "Kekonsuleran.", publish=False)
    rebuild()
    client = get_client()
    name = cluster.concrete_indices(client, "id")[0]
    before = client.indices.get_settings(index=name)[name]["settings"]
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(terms="kekonsuleran, consular")
    result = search(parse_params({"q": "consular", "locale": "id"}))
    assert [h.title for h in result.hits] == ["Layanan kekonsuleran"]
    assert cluster.concrete_indices(client, "id") == [name]
    assert client.indices.get_settings(index=name)[name]["settings"] == before


def test_opensearch_mode_sends_plain_json(search_cluster):
    info = get_client().info()
    assert info["version"]["distribution"] == "opensearch"
    assert get_client().indices.exists_alias(name=alias_name("id")) in (True, False)


def test_reconcile_sends_changed_pages_to_the_cluster(
    search_cluster, unit_a, make_page
):
    make_page(unit_a, "Layanan visa", "Visa.", publish=False)
    rebuild()
    type(unit_a).objects.filter(pk=unit_a.pk).update(short_name="KJRI Ottawa")
    call_command("search_reconcile")
    result = search(parse_params({"q": "visa", "locale": "id"}))
    assert [h.unit for h in result.hits] == ["KJRI Ottawa"]
