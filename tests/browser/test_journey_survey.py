"""A respondent answers the satisfaction survey (SKM) on a phone, a desktop, a kiosk.

On the form one answer is left out: the error summary is announced and takes
the focus, the question shows its error, the summary's link moves the focus to
the question, and the corrected form is accepted. At the counter kiosk (one
question per screen, no JavaScript) the respondent taps through every question,
goes back once, and the thank-you screen returns to the first question, by
itself or by its "next respondent" link. The tablet was first enrolled as the
counter's kiosk by the unit's editor, from the survey's page in the admin. The
kiosk runs on a 375 px touch phone and on a 1280 px screen.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .accessibility import assert_errors_announced
from .conftest import is_phone
from .journeys import check_page, log_in_to_admin, unique

pytestmark = pytest.mark.browser

SURVEY = "/unit/kjri-toronto/survei-kepuasan-masyarakat/"
WORDS = {
    "id": {
        "service_label": "Layanan apa yang Anda gunakan?",
        "service": "Legalisasi dokumen",
        "date_label": "Tanggal layanan",
        "skipped": (
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara "
            "yang tercantum dalam standar pelayanan dengan hasil yang diberikan?"
        ),
        "skipped_answer": "Sesuai",
        "send": "Kirim jawaban saya",
        "problem": "Ada masalah",
        "answer_this": "Jawab pertanyaan ini.",
        "thanks": "Terima kasih",
        "progress": "Pertanyaan {n} dari {total}",
        "back": "Kembali",
        "next": "Responden berikutnya",
        "enrol": "Daftarkan tablet ini",
        "device": "Kios: {name}",
    },
    "en": {
        "service_label": "Which service did you use?",
        "service": "Legalisation of documents",
        "date_label": "Date of service",
        "skipped": (
            "How well did the product you received match what the service "
            "standard states?"
        ),
        "skipped_answer": "Matching",
        "send": "Send my answers",
        "problem": "There is a problem",
        "answer_this": "Answer this question.",
        "thanks": "Thank you",
        "progress": "Question {n} of {total}",
        "back": "Back",
        "next": "Next respondent",
        "enrol": "Enrol this tablet",
        "device": "Kiosk: {name}",
    },
}
QUESTIONS = 9
KIOSK_RESET_SECONDS = 8


@pytest.mark.parametrize("language", ["id", "en"])
def test_respondent_corrects_a_missed_answer(screen, demo_server, language):
    """On a 375 px phone and on a desktop."""
    phone = screen
    words = WORDS[language]
    phone.goto(f"{demo_server}/{language}{SURVEY}")
    check_page(phone, language)

    phone.get_by_label(words["service_label"]).select_option(label=words["service"])
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    phone.get_by_label(words["date_label"]).fill(yesterday.isoformat())
    questions = phone.locator("fieldset.choice-field")
    assert questions.count() == QUESTIONS
    for question in questions.all():
        if words["skipped"] in question.locator("legend").inner_text():
            continue  # the answer left out
        question.get_by_role("radio").nth(2).check()
    phone.get_by_role("button", name=words["send"]).click()

    summary = phone.get_by_role("alert")
    expect(summary).to_contain_text(words["problem"])
    assert_errors_announced(phone)
    assert phone.evaluate("document.activeElement.getAttribute('role')") == "alert"
    skipped = phone.get_by_role("group", name=words["skipped"])
    assert words["answer_this"] in skipped.inner_text()
    assert skipped.get_by_role("radio").first.get_attribute("aria-invalid") == "true"
    # What was answered is kept.
    assert phone.get_by_label(words["date_label"]).input_value() == (
        yesterday.isoformat()
    )
    check_page(phone, language)

    summary.get_by_role("link").click()
    focused = phone.evaluate("document.activeElement.id")
    assert focused == skipped.get_by_role("radio").first.get_attribute("id")
    skipped.get_by_label(words["skipped_answer"], exact=True).check()
    phone.get_by_role("button", name=words["send"]).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    check_page(phone, language)


LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def tap(locator) -> None:
    locator.tap()


def click(locator) -> None:
    locator.click()


def enrolment_link(browser, base: str, language: str, name: str) -> str:
    """The unit's editor enrols a tablet from the survey's page in the admin
    (the source page: a translation opens wagtail-localize's editor, which has
    no page header buttons) and takes the link in `language`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = context.new_page()
    editor.set_default_timeout(20_000)
    log_in_to_admin(editor, base, "editor-kjri-toronto", f"/id{SURVEY}")
    edit = editor.locator('wagtail-userbar a[href$="/edit/"]')
    editor.goto(base + re.sub(r"^(https?:)?//[^/]+", "", edit.get_attribute("href")))
    editor.get_by_role("button", name="Actions", exact=True).click()
    editor.get_by_role("link", name="Kiosk tablets").click()
    editor.get_by_role("textbox", name="Name").fill(name)
    editor.get_by_role("button", name="Create enrolment link").click()
    in_language = f"({LANGUAGE_NAMES[language]})"
    qr = editor.get_by_role("img", name=f"QR code of the enrolment link {in_language}")
    expect(qr).to_be_visible()
    link = editor.get_by_role("textbox", name=f"Enrolment link {in_language}")
    url = link.input_value()
    context.close()
    return url


@pytest.mark.parametrize("language", ["id", "en"])
def test_respondent_answers_at_the_kiosk(browser, screen, demo_server, language):
    """On a 375 px touch phone (tapped) and on a 1280 px screen (clicked)."""
    phone = screen
    press = tap if is_phone(screen) else click
    words = WORDS[language]
    name = unique("Loket")
    link = enrolment_link(browser, demo_server, language, name)
    assert link.startswith(f"{demo_server}/{language}{SURVEY}kiosk/enrol/?t=")
    phone.goto(link)
    check_page(phone, language)
    press(phone.get_by_role("button", name=words["enrol"]))
    total = QUESTIONS + 1  # the service, then the nine elements
    progress = phone.locator(".kiosk__progress")
    expect(progress).to_have_text(words["progress"].format(n=1, total=total))
    expect(phone.locator(".kiosk__device")).to_have_text(
        words["device"].format(name=name)
    )
    check_page(phone, language)

    press(phone.get_by_role("button", name=words["service"]))
    expect(progress).to_have_text(words["progress"].format(n=2, total=total))
    check_page(phone, language)  # an element's question, four answers
    question = phone.get_by_role("heading", level=1).inner_text()
    press(phone.locator(".kiosk__answer").nth(3))
    expect(progress).to_have_text(words["progress"].format(n=3, total=total))
    press(phone.get_by_role("button", name=words["back"]))  # changed my mind
    expect(progress).to_have_text(words["progress"].format(n=2, total=total))
    expect(phone.get_by_role("heading", level=1)).to_have_text(question)

    for n in range(2, total + 1):
        expect(progress).to_have_text(words["progress"].format(n=n, total=total))
        press(phone.locator(".kiosk__answer").nth(2))

    expect(phone.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    check_page(phone, language)
    first = words["progress"].format(n=1, total=total)
    if language == "id":
        # Left alone, the screen returns to the first question by itself.
        expect(progress).to_have_text(first, timeout=KIOSK_RESET_SECONDS * 2000)
    else:
        press(phone.get_by_role("link", name=words["next"]))
        expect(progress).to_have_text(first)
