"""The HTML report in a real browser: headless Chromium driven over DevTools.

These tests need Debian's ``chromium`` package. Without it they skip with the reason,
except under ``CI=true``, where a missing browser is a failure (CI installs it).
Screenshots and a print PDF are written to ``tests/artifacts/`` (git-ignored); with
``--update-goldens`` the wide seed-pair screenshot also refreshes ``docs/report-seed.png``,
the picture in the README.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import APT_LINE, Browser, Page, find_chromium

from revtrack.compare import compare, compare_versions
from revtrack.parse import decode, parse_version
from revtrack.render.html_report import render_html

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ESCAPING = ROOT / "fixtures" / "escaping"
ARTIFACTS = ROOT / "tests" / "artifacts"
README_SHOT = ROOT / "docs" / "report-seed.png"

CHROMIUM = find_chromium()
IN_CI = os.environ.get("CI") == "true"  # read at import: fixtures may clear the environment

ROWS = "document.querySelectorAll('#cmp > tbody')"
VISIBLE_ROWS = f"[...{ROWS}].filter(e => e.getClientRects().length > 0)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail(f"CI=true but Chromium is not installed; CI must run: {APT_LINE}")
        pytest.skip(f"Chromium not installed; browser tests skipped (install: {APT_LINE})")
    instance = Browser(CHROMIUM)
    yield instance
    instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.new_page(1280, 900)
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed pair's report as a file (the pair lives outside the repository)."""
    olds, news = sorted(SEEDS.glob("001_*.txt")), sorted(SEEDS.glob("000_*.txt"))
    if not (olds and news):
        pytest.skip(f"seed pair not found in {SEEDS} (it lives outside the repository)")
    comparison = compare(olds[0].read_text(encoding="utf-8"), news[0].read_text(encoding="utf-8"),
                         old_source=olds[0].name, new_source=news[0].name)
    path = tmp_path_factory.mktemp("seed") / "report.html"
    path.write_text(render_html(comparison), encoding="utf-8")
    return path


def write_report(path: Path, old: str, new: str) -> Path:
    path.write_text(render_html(compare(old, new, old_source="old.txt", new_source="new.txt")),
                    encoding="utf-8")
    return path


def folded_report(tmp_path: Path) -> Path:
    """Eight paragraphs, the fifth changed: unchanged runs on both sides are folded."""
    paras = [f"Paragraph {i} of the story says something about the town council." for i in
             range(1, 9)]
    new = list(paras)
    new[4] = "Paragraph 5 of the story now says something else entirely about the mayor."
    return write_report(tmp_path / "folded.html", "\n\n".join(paras), "\n\n".join(new))


def test_seed_report_loads_cleanly_with_figure_table_and_enabled_controls(
    page: Page, seed_report: Path
) -> None:
    """The seed report loads with no console error, a figure table and working controls."""
    page.goto(seed_report.as_uri())
    assert page.errors == []
    assert page.js("document.querySelectorAll('#figures tbody tr').length") >= 1
    assert page.js("document.getElementById('figures').getClientRects().length") > 0
    assert page.js("document.querySelectorAll('.chips button.chip[aria-pressed]').length") >= 3
    assert page.js("document.getElementById('controls').hidden") is False


def test_clicking_a_chip_filters_rows_and_clicking_again_resets(
    page: Page, seed_report: Path
) -> None:
    """A chip click leaves only rows of its kind; a second click shows every row again."""
    page.goto(seed_report.as_uri())
    total = page.js(f"{ROWS}.length")
    page.click('button.chip[data-kind="added"]')
    kinds = page.js(f"{VISIBLE_ROWS}.map(e => e.dataset.k)")
    assert kinds and all("added" in k.split() for k in kinds)
    assert len(kinds) < total
    assert page.js("document.querySelector('[data-kind=added]').getAttribute('aria-pressed')") \
        == "true"
    assert "Added" in page.js("document.getElementById('status').textContent")
    page.click('button.chip[data-kind="added"]')
    assert page.js(f"{VISIBLE_ROWS}.length") == total
    assert page.errors == []


def test_figure_link_shows_its_paragraph_even_when_filtered_out(
    page: Page, seed_report: Path
) -> None:
    """Following a figure link to a row hidden by a filter clears the filter."""
    page.goto(seed_report.as_uri())
    page.click('button.chip[data-kind="added"]')
    target = page.js("document.querySelector('#figures a').getAttribute('href').slice(1)")
    page.click("#figures a")
    assert page.js(f"document.getElementById({json.dumps(target)}).getClientRects().length") > 0
    assert page.js("document.getElementById('cmp').hasAttribute('data-filter')") is False


def test_j_and_k_move_to_next_and_previous_change_below_the_sticky_bar(
    page: Page, seed_report: Path
) -> None:
    """j/n go to the next change and k/p back; the current change is focused and in view."""
    page.goto(seed_report.as_uri())
    current = ("(() => { const rows = [...document.querySelectorAll('#cmp > tbody.c')];"
               " return rows.indexOf(document.activeElement.closest('tbody')); })()")
    page.press("j")
    assert page.js(current) == 0
    page.press("j")
    page.press("n")
    assert page.js(current) == 2
    top = page.js("document.activeElement.getBoundingClientRect().top")
    bar = page.js("document.getElementById('bar').getBoundingClientRect().bottom")
    assert bar - 1 <= top < 900, "the current change is visible, not under the sticky bar"
    assert page.js("window.scrollY") > 0
    page.press("k")
    assert page.js(current) == 1
    page.press("p")
    assert page.js(current) == 0
    assert page.js("document.querySelectorAll('#cmp > tbody.cur').length") == 1
    assert page.errors == []


def test_chips_are_keyboard_operable_with_a_visible_focus_ring(
    page: Page, seed_report: Path
) -> None:
    """Tab reaches the first chip with a visible outline; Enter toggles its filter."""
    page.goto(seed_report.as_uri())
    page.key("Tab")
    assert page.js("document.activeElement.matches('button.chip')") is True
    assert page.js("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    assert page.js("getComputedStyle(document.activeElement).outlineWidth") == "3px"
    kind = page.js("document.activeElement.dataset.kind")
    page.key("Enter")
    assert page.js("document.getElementById('cmp').getAttribute('data-filter')") == kind
    page.key("Enter")
    assert page.js("document.getElementById('cmp').hasAttribute('data-filter')") is False


def test_screenshots_wide_side_by_side_and_narrow_stacked(
    page: Page, seed_report: Path, update_goldens: bool
) -> None:
    """At 1280 px old and new sit side by side; at 400 px old stacks above new, no overflow."""
    cells = ("(() => { const r = document.querySelector('#cmp > tbody.c');"
             " const o = r.querySelector('td.o').getBoundingClientRect();"
             " const n = r.querySelector('td.n').getBoundingClientRect();"
             " return {ot: o.top, ob: o.bottom, ol: o.left, nt: n.top, nl: n.left}; })()")
    page.goto(seed_report.as_uri())
    wide = page.js(cells)
    assert wide["ot"] == wide["nt"] and wide["ol"] < wide["nl"]
    shot = page.screenshot(ARTIFACTS / "seed-1280.png")
    assert shot.startswith(b"\x89PNG")
    if update_goldens:
        README_SHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(ARTIFACTS / "seed-1280.png", README_SHOT)
    page.resize(400, 900)
    narrow = page.js(cells)
    assert narrow["ob"] <= narrow["nt"] and narrow["ol"] == narrow["nl"]
    assert page.js("document.documentElement.scrollWidth") <= 400
    assert page.screenshot(ARTIFACTS / "seed-400.png").startswith(b"\x89PNG")


def test_print_layout_expands_folded_runs_hides_controls_and_is_landscape(
    page: Page, tmp_path: Path
) -> None:
    """For print, folded runs open, controls disappear and pages are landscape."""
    page.goto(folded_report(tmp_path).as_uri())
    folded = "document.querySelector('details:not([open]) p[id]').checkVisibility()"
    assert page.js("document.querySelectorAll('details').length") == 2
    assert page.js(folded) is False
    page.media("print")
    assert page.js(folded) is True
    assert page.js("getComputedStyle(document.getElementById('controls')).display") == "none"
    assert page.js("getComputedStyle(document.getElementById('bar')).position") == "static"
    pdf = base64.b64decode(page.call("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # a fresh clone has no artefacts folder yet
    (ARTIFACTS / "folded-print.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(float(w) > float(h) for w, h in boxes)
    page.media("")


def test_link_into_a_folded_run_opens_it(page: Page, tmp_path: Path) -> None:
    """Opening the page at #old-2, inside a folded run, opens that run and shows it."""
    page.goto(folded_report(tmp_path).as_uri() + "#old-2")
    assert page.js("document.getElementById('old-2').closest('details').open") is True
    top = page.js("document.getElementById('old-2').getBoundingClientRect().top")
    assert 0 <= top < 900
    assert page.errors == []


def test_without_javascript_everything_is_visible_and_controls_absent(
    page: Page, seed_report: Path
) -> None:
    """With scripts disabled every row and count shows, and no dead control is offered."""
    page.call("Emulation.setScriptExecutionDisabled", {"value": True})
    page.goto(seed_report.as_uri())
    assert page.js(f"{VISIBLE_ROWS}.length") == page.js(f"{ROWS}.length") > 0
    assert page.js("document.getElementById('controls').getClientRects().length") == 0
    assert page.js("document.querySelectorAll('.chips span.chip b').length") >= 3
    assert page.js("document.querySelectorAll('button.chip').length") == 0
    page.call("Emulation.setScriptExecutionDisabled", {"value": False})


def test_hostile_fixture_runs_nothing_and_shows_its_text(page: Page, tmp_path: Path) -> None:
    """Script, image, link and markup payloads open no dialog, load nothing and read as text."""
    versions = [parse_version(decode((ESCAPING / n).read_bytes(), n), n)
                for n in ("old.txt", "new.txt")]
    path = tmp_path / "escaping.html"
    path.write_text(render_html(compare_versions(*versions)), encoding="utf-8")
    page.goto(path.as_uri())
    page.js("new Promise(resolve => setTimeout(resolve, 500))")
    page.click('button.chip[data-kind="moved"]')
    page.click('button.chip[data-kind="moved"]')
    page.press("j")
    assert page.dialogs == [], "a JavaScript dialog opened"
    assert page.errors == []
    assert page.js("location.href") == path.as_uri(), "the page navigated away"
    assert page.js("document.scripts.length") == 1
    assert page.js("document.images.length") == 0
    injected = "iframe, svg, object, embed, base, form, meta[http-equiv=refresh]"
    assert page.js(f"document.querySelectorAll('{injected}').length") == 0
    assert page.js("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0
    assert page.js("getComputedStyle(document.body).display") == "block"
    text = page.js("document.body.innerText")
    for payload in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
                    '<a href="javascript:alert(3)">click here</a>',
                    "javascript:alert(document.domain)", "</script><script>alert(4)</script>",
                    "<svg onload=alert(2)>", "&lt;b&gt;"):
        assert payload in text
