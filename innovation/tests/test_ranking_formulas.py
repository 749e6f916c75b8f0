"""A unit's entry title cannot become a live formula in the ranking exports."""

import pytest

from innovation import kipp
from innovation.scoring import save_scores
from tests.spreadsheet_checks import (
    ORDINARY,
    PREFIXES,
    csv_values,
    formula,
    has_no_formula,
    xlsx_cell,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def titled(entry, make_panelist):
    """The scored entry, renamed: `titled(title)`."""
    save_scores(entry, make_panelist("juri"), dict.fromkeys(kipp.section_weights(), 70))

    def rename(title):
        entry.title = title
        entry.save()
        return entry

    return rename


@pytest.mark.parametrize("prefix", PREFIXES)
def test_ranking_csv_quotes_a_formula_title(client, committee, titled, prefix):
    titled(formula(prefix))
    client.force_login(committee)
    values = csv_values(client.get("/admin/innovation/ranking.csv?year=2021"))
    assert "'" + formula(prefix) in values
    assert formula(prefix) not in values


@pytest.mark.parametrize("prefix", PREFIXES)
def test_ranking_xlsx_stores_a_formula_title_as_text(client, committee, titled, prefix):
    titled(formula(prefix))
    client.force_login(committee)
    cells = xlsx_cells(client.get("/admin/innovation/ranking.xlsx?year=2021"))
    assert xlsx_cell(cells, "'" + formula(prefix)).data_type == "s"
    assert has_no_formula(cells)


def test_ranking_exports_keep_an_ordinary_title_and_numbers(client, committee, titled):
    titled(ORDINARY)
    client.force_login(committee)
    assert ORDINARY in csv_values(client.get("/admin/innovation/ranking.csv?year=2021"))
    cells = xlsx_cells(client.get("/admin/innovation/ranking.xlsx?year=2021"))
    assert xlsx_cell(cells, ORDINARY).data_type == "s"
    (mean,) = [cell for cell in cells if cell.value == 70]
    assert mean.data_type == "n"
