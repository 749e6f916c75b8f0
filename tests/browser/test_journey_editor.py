"""An editor writes a service standard; the unit's moderator publishes it.

The editor of KJRI Toronto starts from the unit's public page (the Wagtail
user bar's link to add a page under it), fills the six service-delivery components of a
new `ServiceStandardPage` and submits it for moderation. It is not public yet.
The unit's moderator finds it under "Awaiting your review" and approves it; an
anonymous visitor then reads it, accessibly, on a desktop and on a phone. The
editor of another unit can neither open its edit view nor see it listed. In the
Indonesian tree and in the English one, with the editor and the moderator
working on a 1280 px desktop and on a 375 px phone.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENS, open_tab
from .journeys import check_page, log_in_to_admin, unique

pytestmark = pytest.mark.browser

UNIT = "/unit/kjri-toronto/"
WORKFLOW_ACTION = "Submit to Moderasi KJRI Toronto"


def staff_tab(
    browser, base: str, username: str, next_path: str = "", screen: str = "desktop"
):
    """A page on `screen` in a browser context of its own, logged in to the admin."""
    context = browser.new_context(**SCREENS[screen])
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    log_in_to_admin(tab, base, username, next_path)
    return tab


def write_standard(tab, title: str) -> None:
    """Fill the title and the six service-delivery components."""
    tab.get_by_role("textbox", name="Title").fill(title)
    tab.get_by_role("tab", name="Service delivery").click()
    for stream in ("requirements", "procedure", "products", "complaint_channels"):
        tab.locator(f"[data-contentpath={stream}]").get_by_role(
            "button", name="Insert a block"
        ).first.click()
    tab.locator("#requirements-0-value-description").fill("Paspor RI yang berlaku")
    tab.locator("#requirements-0-value-document_form").select_option(label="Original")
    tab.locator("#procedure-0-value-description").fill("Pemohon menyerahkan berkas")
    tab.locator("#procedure-0-value-actor").select_option(label="Applicant")
    tab.locator("#id_completion_time_value").fill("1")
    tab.locator("#id_completion_time_unit").select_option(label="working days")
    tab.locator("#id_is_free").check()
    tab.locator("#products-0-value-name").fill("Surat keterangan domisili")
    tab.locator("#complaint_channels-0-value-channel").select_option(label="E-mail")
    tab.locator("#complaint_channels-0-value-address").fill(
        "konsuler.toronto@kemlu.go.id"
    )


def settle_autosave(tab) -> None:
    """Wagtail saves the draft half a second after each change; a submission
    sent while the first save is still creating the page posts the create form
    again. Wait, as a person reading the form over would, for the save."""
    tab.wait_for_timeout(1000)
    expect(tab.locator(".w-autosave-indicator__state--saving")).to_be_hidden()


def expect_submitted(tab, message) -> None:
    """The submission's message; if the form came back instead, the failure
    names the fields and their errors (a CI run once saw "validation errors"
    on a loaded machine, and the journey passed alone)."""
    try:
        expect(message).to_contain_text("submitted for moderation")
    except AssertionError as error:
        fields = tab.locator(".w-field--error, .error-message, .help-critical")
        shown = fields.all_inner_texts()
        raise AssertionError(f"{error}\nerrors shown: {shown}") from error


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_editor_writes_a_standard_that_the_moderator_publishes(
    browser, page, demo_server, language, screen
):
    title = unique("Surat keterangan domisili" if language == "id" else "Residence")
    unit_url = f"{demo_server}/{language}{UNIT}"

    editor = staff_tab(
        browser, demo_server, "editor-kjri-toronto", f"/{language}{UNIT}", screen
    )
    # The user bar on the unit's own page links to adding a page under it.
    add = editor.locator('wagtail-userbar a[href$="/add_subpage/"]')
    editor.goto(
        demo_server + re.sub(r"^(https?:)?//[^/]+", "", add.get_attribute("href"))
    )
    editor.get_by_role("link", name="Service standard", exact=True).click()
    write_standard(editor, title)
    slug = editor.locator("#id_slug").input_value()
    assert slug, "the slug follows the title"
    settle_autosave(editor)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=WORKFLOW_ACTION).click()
    message = editor.locator(".messages")
    expect_submitted(editor, message)
    edit_url = message.get_by_role("link", name="Edit").get_attribute("href")
    assert re.fullmatch(r"/admin/pages/\d+/edit/", edit_url), edit_url
    unit_explorer = editor.url  # back in the unit's page listing
    expect(editor.get_by_role("link", name=title)).to_be_visible()
    editor.context.close()

    public_url = unit_url + slug + "/"
    assert page.goto(public_url).status == 404, "not public before approval"

    moderator = staff_tab(browser, demo_server, "moderator-kjri-toronto", "", screen)
    review = moderator.get_by_role("row").filter(has_text=title)
    review.get_by_role("link", name=title).click()
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(title)
    moderator.context.close()

    other = staff_tab(browser, demo_server, "editor-kbri-singapura", edit_url)
    expect(other).to_have_url(re.compile(r"/admin/$"))
    expect(other.locator(".messages")).to_contain_text("do not have permission")
    other.goto(unit_explorer)  # another unit's explorer does not open
    expect(other).to_have_url(re.compile(r"/admin/$"))
    expect(other.locator(".messages")).to_contain_text("do not have permission")
    expect(other.get_by_text(title)).to_have_count(0)
    other.context.close()

    for reader in (page, open_tab(browser, "phone")):  # a desktop, then a phone
        response = reader.goto(public_url)
        assert response.status == 200
        expect(reader.get_by_role("heading", level=1)).to_have_text(title)
        check_page(reader, language)
    reader.context.close()
