"""A member of the public takes part in the open consultation, keyboard only.

In each language, with a fresh browser (so a fresh respondent cookie): from the
consultations index to the open consultation; vote in the poll placed inside
the page (and come back to it with a confirmation); comment on a component of
the draft standard; answer the questions (radio buttons with Space, a drop-down
by typing, text, the consent checkbox with Space, Enter on the send button);
then a second visit is refused with a clear message. No mouse: focus moves with
Tab only and every page reached is checked (`check_page`), on a desktop and on
a 375 px phone.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENS, open_tab, screenshot_path
from .journeys import check_page, unique

pytestmark = pytest.mark.browser

CONSULTATION = "/unit/kbri-singapura/fkp-standar-paspor-2026/"
WORDS = {
    "id": {
        "index": "/id/konsultasi-publik/",
        "title": "Rancangan standar pelayanan penerbitan paspor 2026",
        "open": "Dibuka",
        "poll": "Hari apa layanan tambahan paling Anda butuhkan?",
        "poll_choice": "Sabtu",
        "vote": "Pilih",
        "voted": "Suara Anda dalam",
        "component": "Persyaratan",
        "comment": "KTP elektronik sebaiknya cukup dalam bentuk digital",
        "send_comment": "Kirim komentar",
        "comment_saved": "moderator",
        "clear": "Apakah persyaratan yang diusulkan sudah jelas?",
        "burden": "Persyaratan mana yang paling memberatkan?",
        "suggestion": "Saran Anda untuk rancangan standar ini",
        "category": "Pengguna layanan",
        "send": "Kirim jawaban saya",
        "thanks": "Terima kasih",
        "already": "sudah",
    },
    "en": {
        "index": "/en/konsultasi-publik/",
        "title": "Draft service standard for passport issuance 2026",
        "open": "Open",
        "poll": "Which day do you most need extra service?",
        "poll_choice": "Saturday",
        "vote": "Vote",
        "voted": "Your vote in this poll has been counted",
        "component": "Requirements",
        "comment": "The electronic identity card should be accepted in digital form",
        "send_comment": "Send comment",
        "comment_saved": "moderator",
        "clear": "Are the proposed requirements clear?",
        "burden": "Which requirement is the most burdensome?",
        "suggestion": "Your suggestions for this draft standard",
        "category": "Service users",
        "send": "Send my response",
        "thanks": "Thank you",
        "already": "already",
    },
}
MAX_TABS = 400


def tab_to(page, locator) -> None:
    """Press Tab until `locator` has the keyboard focus (fails if it never does)."""
    target = locator.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", target):
            return
    raise AssertionError(f"Tab never reached {locator}")


def tab_and_press(page, locator, key: str = "Enter") -> None:
    tab_to(page, locator)
    page.keyboard.press(key)


@pytest.fixture(params=list(SCREENS))
def fresh_page(browser, request):
    """One fresh browser context per language (a new respondent each time), on a
    1280 px desktop and on a 375 px phone."""
    pages = []

    def make():
        tab = open_tab(browser, request.param)
        pages.append(tab)
        return tab

    yield make
    for index, tab in enumerate(pages):
        tab.screenshot(
            path=screenshot_path(f"{request.node.name}_{index}"), full_page=True
        )
        tab.context.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_respondent_answers_votes_and_comments_by_keyboard(
    fresh_page, demo_server, language
):
    words = WORDS[language]
    page = fresh_page()
    consultation_url = f"{demo_server}/{language}{CONSULTATION}"

    # The index lists the open consultation first; Enter opens it.
    page.goto(demo_server + words["index"])
    check_page(page, language)
    first_group = page.locator("main h2").first
    expect(first_group).to_contain_text(words["open"])
    tab_and_press(page, page.get_by_role("link", name=words["title"]))
    page.wait_for_url(consultation_url)
    check_page(page, language)

    # The poll is inside the consultation page: Space picks, Enter votes.
    poll = page.locator("section.poll").filter(has_text=words["poll"])
    tab_to(page, poll.get_by_role("radio").first)
    expect(poll.get_by_role("radio").first).to_be_focused()
    page.keyboard.press("Space")
    expect(poll.get_by_label(words["poll_choice"])).to_be_checked()
    tab_and_press(page, poll.get_by_role("button", name=words["vote"]))
    page.wait_for_url(re.compile(re.escape(consultation_url) + r"#poll-\d+$"))
    expect(page.locator("section.poll [role=status]")).to_contain_text(words["voted"])
    expect(page.locator("section.poll").get_by_role("radio")).to_have_count(0)
    check_page(page, language)

    # A comment on the "requirements" component of the draft standard.
    component = page.locator("details.component").filter(
        has=page.locator("summary", has_text=words["component"])
    )
    tab_and_press(page, component.locator("summary").first)
    comment = unique(words["comment"])
    tab_to(page, component.get_by_role("textbox"))
    page.keyboard.type(comment)
    tab_and_press(page, component.get_by_role("button", name=words["send_comment"]))
    expect(page.get_by_role("status").first).to_contain_text(words["comment_saved"])
    check_page(page, language)

    # The questions: radio buttons with Space, the category by typing.
    page.goto(consultation_url)
    form = page.locator("form").filter(
        has=page.get_by_role("button", name=words["send"])
    )
    clear = form.get_by_role("group", name=words["clear"])
    tab_to(page, clear.get_by_role("radio").first)
    page.keyboard.press("Space")
    burden = form.get_by_role("group", name=words["burden"])
    tab_to(page, burden.get_by_role("radio").first)
    page.keyboard.press("Space")
    rating = form.locator("fieldset").nth(2)
    tab_to(page, rating.get_by_role("radio").first)
    page.keyboard.press("ArrowRight")  # from 1 to 2: arrows move within a group
    tab_to(page, form.get_by_label(words["suggestion"]))
    page.keyboard.type(unique("Mohon proses lebih cepat"))
    category = form.locator("select[name=respondent_category]")
    tab_to(page, category)
    page.keyboard.type(words["category"])
    expect(category).to_have_value("pengguna")
    consent = form.locator("#id_consent")
    tab_to(page, consent)
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_and_press(page, form.get_by_role("button", name=words["send"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    check_page(page, language)

    # A second try from the same browser is refused, with the reason shown.
    page.goto(consultation_url)
    refusal = page.locator("#form-heading ~ [role=status]")
    expect(refusal).to_contain_text(words["already"])
    expect(page.get_by_role("button", name=words["send"])).to_have_count(0)
    check_page(page, language)


def honeypot_is_out_of_sight(page) -> bool:
    """The anti-spam field lies left of the page, where nobody types in it."""
    box = page.locator(".honeypot").first.bounding_box()
    return box is not None and box["x"] + box["width"] <= 0


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_comment_is_sent_again_from_its_error_page(
    fresh_page, demo_server, language
):
    """A comment of spaces comes back with its error; on that page the
    anti-spam field stayed out of sight (its style was missing there, so a
    reader filled it in and the comment was dropped behind a "thank you")."""
    words = WORDS[language]
    page = fresh_page()
    page.goto(f"{demo_server}/{language}{CONSULTATION}")
    component = page.locator("details.component").filter(
        has=page.locator("summary", has_text=words["component"])
    )
    component.locator("summary").first.click()
    component.get_by_role("textbox").fill("   ")
    component.get_by_role("button", name=words["send_comment"]).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert honeypot_is_out_of_sight(page)
    check_page(page, language)

    page.get_by_role("textbox").fill(unique(words["comment"]))
    page.get_by_role("button", name=words["send_comment"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["comment_saved"])
