"""axe-core in the page under test: WCAG 2.1 A and AA rules only.

axe-playwright-python bundles axe-core, so nothing is fetched at test
time. The script is injected once per loaded page and run as often as
needed (once per colour scheme), which keeps the suite fast.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_SCRIPT = Axe().axe_script


def axe_violations(page, context: str | None = None, rules: list[str] | None = None) -> list[dict]:
    """Violations of WCAG 2.1 AA on the page as it is now (or in ``context``);
    ``rules`` runs only the named axe rules."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_SCRIPT)
    options = (
        OPTIONS if rules is None else {**OPTIONS, "runOnly": {"type": "rule", "values": rules}}
    )
    return page.evaluate(
        "([context, options]) => axe.run(context ? document.querySelector(context) : document,"
        " options).then(result => result.violations)",
        [context, options],
    )


def describe(violations: list[dict]) -> str:
    """A readable report: rule, impact, what is wrong, and where."""
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
