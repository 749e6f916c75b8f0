"""Which parameters of an address only track a visit."""

import pytest

from cms.core.tracking_parameters import address_query, content_query


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("utm_source=wa&utm_medium=broadcast", ""),
        ("fbclid=IwAR0x9", ""),
        ("UTM_Campaign=x&gclid=1&_gl=1*ab*_ga*Mg", ""),
        ("utm%5Fsource=x", ""),
        ("srsltid=AfmBOo&mibextid=Zxz&mtm_campaign=a&pk_kwd=b", ""),
        ("category=paspor&utm_source=wa&page=2", "category=paspor&page=2"),
        ("q=akta%20lahir&fbclid=a", "q=akta%20lahir"),
        ("page=2&&utm_id=", "page=2"),
        ("utm", "utm"),
        ("gclid_note=1", "gclid_note=1"),
        ("uncached=3", "uncached=3"),
    ],
)
def test_content_query_keeps_what_changes_the_page(query, kept):
    assert content_query(query) == kept


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("year=&stage=", ""),
        ("year=2024&stage=&utm_source=wa", "year=2024"),
        ("q=&page=2", "page=2"),
        ("flag", ""),
    ],
)
def test_address_query_leaves_out_empty_fields(query, kept):
    assert address_query(query) == kept
