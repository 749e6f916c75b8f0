"""Accessibility assertions for browser tests (axe-core, WCAG 2.1 A and AA)."""

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def serious_violations(page) -> list[str]:
    """Each serious or critical violation as 'rule: element' lines."""
    results = _axe.run(page, options=AXE_OPTIONS).response
    problems = []
    for violation in results["violations"]:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            problems.append(f"{violation['id']} ({violation['impact']}): {target}")
    return problems


def assert_accessible(page, language: str) -> None:
    """No serious axe violations, one h1 and a lang attribute matching the locale."""
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
    assert page.locator("h1").count() == 1, f"{page.url} must have exactly one h1"
    assert page.locator("html").get_attribute("lang") == language, page.url
