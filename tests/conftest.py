"""Shared pytest set-up: the ``--update-goldens`` switch and a clean terminal environment.

Golden files (``tests/goldens/**``) hold reports exactly as rendered. When a rendering
change is intended, run ``python -m pytest --update-goldens`` to rewrite them, then
review the change with ``git diff`` before committing: the diff *is* the review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import Run, make_runner

GOLDENS = Path(__file__).parent / "goldens"

_TERMINAL_ENV = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER", "TTY_COMPATIBLE",
                 "TTY_INTERACTIVE", "REVTRACK_DEBUG")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing with them.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files (``--update-goldens``)."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def golden(update_goldens: bool):  # type: ignore[no-untyped-def]
    """``golden(path, actual)``: compare ``actual`` with the golden file at ``path``
    (relative to ``tests/goldens``), or rewrite the file under ``--update-goldens``."""

    def check(path: str, actual: str) -> None:
        target = GOLDENS / path
        if update_goldens:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not target.exists():
            pytest.fail(f"missing golden file {target}; run pytest --update-goldens")
        expected = target.read_text(encoding="utf-8")
        assert actual == expected, (
            f"output differs from {target}; if intended, run pytest --update-goldens "
            "and review the diff"
        )

    return check


@pytest.fixture(autouse=True)
def _clean_terminal_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on the caller's terminal: no colour, width or pager settings."""
    for name in _TERMINAL_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``revtrack ARGS`` through ``revtrack.cli.main`` with captured (non-tty) output."""
    return make_runner(monkeypatch, capsys)
