"""Structural checks of a rendered HTML report with the standard library's HTML parser.

``check_report(html, comparison)`` fails (AssertionError) unless the page is well formed
(every element closed in order, no implicit closing relied on), ids are unique, every
``#fragment`` link resolves, nothing external is referenced, the only script and style
are the page's own, no element carries an inline ``style`` attribute, and every
paragraph of both versions is present, exactly once, with its exact text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from revtrack.model import Comparison

VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"]
)
FORBIDDEN = frozenset(
    ["img", "iframe", "object", "embed", "link", "base", "form", "frame", "frameset", "svg",
     "video", "audio"]
)
PARAGRAPH_ID = re.compile(r"(old|new)-(\d+)\Z")


@dataclass
class Report:
    """What the parser found in one page."""

    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    tags: dict[str, int] = field(default_factory=dict)
    paragraphs: dict[str, str] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    csp: str | None = None
    lang: str | None = None
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = Report()
        self.stack: list[str] = []
        self.capture: str | None = None  # id of the paragraph being read
        self.capture_depth = 0
        self.skip_depth = 0  # inside the paragraph-number link
        self.raw: str | None = None  # "script" or "style" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        r = self.report
        r.tags[tag] = r.tags.get(tag, 0) + 1
        r.elements.append((tag, a))
        if "style" in a:
            r.problems.append(f"inline style attribute on <{tag}>")
        if any(k.startswith("on") for k in a):
            r.problems.append(f"event handler attribute on <{tag}>")
        if tag in FORBIDDEN:
            r.problems.append(f"forbidden element <{tag}>")
        for key in ("src", "srcset", "action", "formaction", "poster", "data"):
            if key in a:
                r.problems.append(f"<{tag} {key}=...> references something")
        if tag == "html":
            r.lang = a.get("lang")
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            r.csp = a.get("content")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            r.problems.append("meta refresh")
        if "id" in a:
            r.ids.append(a["id"])
        if tag == "a":
            r.hrefs.append(a.get("href", ""))
        if tag in ("script", "style"):
            self.raw = tag
            (r.scripts if tag == "script" else r.styles).append("")
            if tag == "script" and "src" in a:
                r.problems.append("external script")
        if self.capture is not None:
            self.capture_depth += 1
            if tag == "a" and a.get("class") == "pn":
                self.skip_depth = self.capture_depth
        elif tag == "p" and PARAGRAPH_ID.match(a.get("id", "")):
            if a["id"] in r.paragraphs:
                r.problems.append(f"paragraph {a['id']} appears twice")
            self.capture, self.capture_depth = a["id"], 1
            r.paragraphs[a["id"]] = ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.report.problems.append(f"self-closing <{tag}/> syntax")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.report.problems.append(f"end tag for void element </{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.report.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()
        if tag in ("script", "style"):
            self.raw = None
        if self.capture is not None:
            if self.skip_depth == self.capture_depth:
                self.skip_depth = 0
            self.capture_depth -= 1
            if self.capture_depth == 0:
                self.capture = None

    def handle_data(self, data: str) -> None:
        r = self.report
        if self.raw == "script":
            r.scripts[-1] += data
            return
        if self.raw == "style":
            r.styles[-1] += data
            return
        r.text.append(data)
        if self.capture is not None and not self.skip_depth:
            r.paragraphs[self.capture] += data


def parse(html: str) -> Report:
    """Parse a page; the report lists everything found and every problem seen."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    if parser.stack:
        parser.report.problems.append(f"unclosed elements: {parser.stack}")
    return parser.report


def check_report(html: str, comparison: Comparison) -> Report:
    """Assert the structural rules in the module docstring; return the parse for more."""
    r = parse(html)
    assert not r.problems, r.problems
    assert html.startswith("<!DOCTYPE html>"), "no doctype"
    assert r.lang, "no lang attribute on <html>"
    assert r.csp and "default-src 'none'" in r.csp, "no restrictive Content-Security-Policy"
    assert len(r.scripts) == 1 and len(r.styles) == 1, (len(r.scripts), len(r.styles))
    duplicates = [i for i, n in Counter(r.ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {sorted(duplicates)}"
    ids = set(r.ids)
    for href in r.hrefs:
        assert href.startswith("#"), f"link leaves the page: {href!r}"
        assert href[1:] in ids, f"link {href!r} points nowhere"
    for side, version in (("old", comparison.old), ("new", comparison.new)):
        for i, text in enumerate(version.paragraphs):
            key = f"{side}-{i + 1}"
            assert key in r.paragraphs, f"paragraph {key} missing"
            assert r.paragraphs[key] == text, f"paragraph {key} text differs"
    expected = len(comparison.old.paragraphs) + len(comparison.new.paragraphs)
    assert len(r.paragraphs) == expected, "extra paragraphs on the page"
    return r
