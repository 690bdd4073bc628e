"""The CLI test harness shared by the CLI test modules: run ``revtrack ARGS`` through the
real entry point (``revtrack.cli.main``) with captured, non-terminal output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from revtrack.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


def make_runner(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """A function running ``revtrack ARGS`` through ``revtrack.cli.main``, output captured."""

    def invoke(*args: str, env: dict[str, str] | None = None,
               stdin: str | bytes | None = None, columns: int = 120) -> Result:
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setenv("LINES", "40")
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "argv", ["revtrack", *args])
        if stdin is not None:
            import io

            data = stdin.encode() if isinstance(stdin, str) else stdin
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_:
            main()
        captured = capsys.readouterr()
        code = exit_.value.code
        return Result(code if isinstance(code, int) else 0, captured.out, captured.err)

    return invoke


def assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("revtrack: error: "), result.err
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in lines[0]


