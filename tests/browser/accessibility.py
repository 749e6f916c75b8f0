"""Accessibility assertions for browser tests.

`assert_accessible(page, language)` fails on every serious or critical axe-core
violation (WCAG 2.1 A and AA, colour contrast included) and on our own rules:
exactly one h1, a `lang` attribute matching the locale, and an accessible name
(label) for every form field. `assert_errors_announced(page)` checks a form
shown again with errors. Every failure names the page URL, the rule and the
element (its selector and HTML).
"""

import time

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()

# Runs in the page: the form fields a person fills in that have no accessible
# name, and the fields marked invalid whose error text is not tied to them.
_FIELD_PROBLEMS_JS = """
() => {
  const text = (ids) => (ids || "").split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id))
    .map((el) => (el ? el.textContent.trim() : "")).join(" ").trim();
  const selector = (el) => {
    if (el.id) return "#" + CSS.escape(el.id);
    const name = el.getAttribute("name");
    return el.tagName.toLowerCase() + (name ? `[name="${name}"]` : "");
  };
  const snippet = (el) => el.outerHTML.replace(/\\s+/g, " ").slice(0, 200);
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight ||
    el.getClientRects().length) && getComputedStyle(el).visibility !== "hidden";
  const problems = [];
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button])" +
    ":not([type=reset]):not([type=image]), select, textarea");
  for (const el of fields) {
    if (!visible(el)) continue;
    const labelled = [...(el.labels || [])].some((l) => l.textContent.trim())
      || (el.getAttribute("aria-label") || "").trim()
      || text(el.getAttribute("aria-labelledby"))
      || (el.getAttribute("title") || "").trim();
    if (!labelled) {
      problems.push({rule: "field-has-label", target: selector(el),
        html: snippet(el)});
    }
  }
  for (const el of document.querySelectorAll("[aria-invalid=true]")) {
    // The error must be in the field's description, or in that of the
    // fieldset grouping it (radio buttons and checkboxes).
    let described = text(el.getAttribute("aria-describedby"));
    const group = el.closest("fieldset[aria-describedby]");
    if (!described && group) described = text(group.getAttribute("aria-describedby"));
    if (!described) {
      problems.push({rule: "invalid-field-describes-error", target: selector(el),
        html: snippet(el)});
    }
  }
  return problems;
}
"""

_ERRORS_JS = """
() => {
  const summary = document.querySelector(
    "[role=alert], [aria-live=assertive], [aria-live=polite]");
  const invalid = [...document.querySelectorAll("[aria-invalid=true]")];
  const groups = [...document.querySelectorAll("fieldset[aria-describedby]")]
    .filter((fs) => fs.closest(".form-field--error") === fs
      || fs.classList.contains("form-field--error"));
  const active = document.activeElement;
  return {
    summary: summary ? summary.textContent.replace(/\\s+/g, " ").trim() : "",
    invalid: invalid.length + groups.length,
    focused: active ? active.outerHTML.replace(/\\s+/g, " ").slice(0, 200) : "",
    focusedIsErrorOrField: !!active && (active.matches("[role=alert]")
      || !!active.closest("[role=alert]") || active.matches("[aria-invalid=true]")
      || !!active.closest(".form-field--error")),
  };
}
"""


def _format(url: str, rule: str, target: str, html: str, detail: str = "") -> str:
    line = f"{url}: {rule}"
    if detail:
        line += f" ({detail})"
    return f"{line}\n    element: {target}\n    html: {html}"


def axe_problems(page) -> list[str]:
    """Each serious or critical axe violation, with the page, rule and element."""
    results = _axe.run(page, options=AXE_OPTIONS).response
    problems = []
    for violation in results["violations"]:
        impact = violation.get("impact")
        if impact not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            html = " ".join(node.get("html", "").split())[:200]
            detail = f"{impact}: {violation['help']}"
            problems.append(_format(page.url, violation["id"], target, html, detail))
    return problems


def page_rule_problems(page, language: str) -> list[str]:
    """One h1, `lang` matching `language`, a label on every form field."""
    problems = []
    h1s = page.locator("h1")
    if h1s.count() != 1:
        html = " | ".join(h.evaluate("e => e.outerHTML")[:120] for h in h1s.all())
        problems.append(
            _format(page.url, "one-h1", "h1", html or "(none)", f"{h1s.count()} h1")
        )
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        problems.append(
            _format(
                page.url,
                "html-lang-matches-locale",
                "html",
                f'lang="{lang}"',
                f"expected {language!r}",
            )
        )
    for item in page.evaluate(_FIELD_PROBLEMS_JS):
        problems.append(_format(page.url, item["rule"], item["target"], item["html"]))
    return problems


def assert_accessible(page, language: str) -> None:
    """No serious axe violation and our page rules hold on the current page."""
    problems = axe_problems(page) + page_rule_problems(page, language)
    assert not problems, "Accessibility problems:\n" + "\n".join(problems)


def _errors_state_once_focused(page, seconds: float) -> dict:
    """The errors state, polled from Python until the focus reaches the errors.

    `page.wait_for_function` polls inside the page with `eval`, which the
    site's Content-Security-Policy (no 'unsafe-eval') refuses whenever the
    first check is false; `page.evaluate` runs through the DevTools protocol,
    outside the page's CSP. On a timeout the last state is returned and the
    caller's assertion says what has the focus instead.
    """
    deadline = time.monotonic() + seconds
    state = page.evaluate(_ERRORS_JS)
    while not state["focusedIsErrorOrField"] and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        state = page.evaluate(_ERRORS_JS)
    return state


def assert_errors_announced(page) -> None:
    """A form shown again with errors announces them and moves focus to them.

    There is a live region (role=alert or aria-live) with the errors, at least
    one field is marked invalid, and the focus is on the error summary or an
    invalid field, so a screen reader and a keyboard user start there.
    The browser moves focus to an `autofocus` element in a rendering update
    after the page appears, so the focus is waited for (a few seconds at most).
    """
    state = _errors_state_once_focused(page, seconds=5.0)
    assert state["summary"], f"{page.url}: errors-announced: no role=alert region"
    assert state["invalid"], f"{page.url}: errors-announced: no field marked invalid"
    assert state["focusedIsErrorOrField"], _format(
        page.url,
        "focus-moves-to-errors",
        "document.activeElement",
        state["focused"],
        "focus is not on the error summary or an invalid field",
    )
