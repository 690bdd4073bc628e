"""The CLI test harness shared by the CLI test modules: run ``revtrack ARGS`` through the
real entry point (``revtrack.cli.main``) with captured, non-terminal output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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




# ---------------------------------------------------------------------------------------
# A small pair of versions, and the real script in a subprocess

ROOT = Path(__file__).resolve().parent.parent  # subprocesses run this checkout's revtrack
OLD = "date 2024-05-01 KELL - Floods cut off 14 villages, officials said.\n\nRain eased.\n"
NEW = "date 2024-05-02 KELL - Floods cut off 22 villages, officials said.\n\nRain eased.\n"


def write_pair(folder: Path) -> tuple[str, str]:
    """``old.txt`` and ``new.txt`` (OLD and NEW) in ``folder``; their paths."""
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def command() -> list[str]:
    """The installed ``revtrack`` script, else ``python -m revtrack``."""
    script = Path(sys.executable).with_name("revtrack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "revtrack"]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without what changes revtrack's output, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER", "TERM",
                        "TTY_COMPATIBLE", "TTY_INTERACTIVE", "PYTHONIOENCODING",
                        "REVTRACK_DEBUG")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env
