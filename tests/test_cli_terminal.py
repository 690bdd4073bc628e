"""``revtrack compare`` with the text report, through the real entry point
(``revtrack.cli:main``, and the installed ``revtrack`` script / ``python -m revtrack`` in
subprocesses): every text-report option, every error, colour, width and the pager, the
latter two also in a real pseudo-terminal."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shlex
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from clirun import Run, assert_one_line_error, clean_env
from rich.cells import cell_len

from revtrack import __version__

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEP = "│"
ROOT = Path(__file__).resolve().parent.parent  # subprocesses run this checkout's revtrack

# Our own small story (no seed text): a figure update, a style-only change, one
# paragraph removed and one added, and runs of unchanged paragraphs between them.
OLD = """date 2024-03-04

Officials said 14 people died in the storm on Monday, according to the fire service.

The mayor spoke to reporters outside the town hall in the afternoon.

Roads were closed across the county for hours while crews cleared fallen trees.

Power lines came down in three villages north of the river overnight.

Schools in the district will stay shut until further notice.

Shops and banks opened as usual in the town centre.

Cafes near the harbour also stayed open through the evening.

Trains on the coastal line ran about an hour late all day.

A paragraph about the weather forecast that the editor cut later on.
"""
NEW = """date 2024-03-06

Officials said 22 people died in the storm on Monday, according to the fire service.

The mayor spoke to reporters outside the town hall in the afternoon.

Roads were closed across the county for hours while crews cleared fallen trees.

Power lines came down in three villages north of the river overnight.

Schools in the district will stay shut until further notice!

Shops and banks opened as usual in the town centre.

Cafes near the harbour also stayed open through the evening.

Trains on the coastal line ran about an hour late all day.

Volunteers handed out blankets and hot drinks at the sports hall.
"""


@pytest.fixture
def story(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


# ---------------------------------------------------------------------------------------
# Exit status and the default report


def test_identical_versions_exit_0(run: Run, story: tuple[str, str]) -> None:
    """The same file twice exits 0 and the report collapses to one unchanged run."""
    old, _ = story
    result = run("compare", old, old)
    assert result.code == 0
    assert re.search(r"^=\s+9 unchanged paragraphs \(¶1-9\)$", result.out, re.M)


def test_different_versions_exit_1_with_the_default_report(run: Run,
                                                           story: tuple[str, str]) -> None:
    """Different versions exit 1; the report has header, summary, figures, legend, body."""
    result = run("compare", *story)
    assert result.code == 1 and result.err == ""
    out = result.out
    assert "old.txt  2024-03-04" in out and "2024-03-06  2 days later" in out
    assert "Changes  +1 added  -1 removed  #1 figure update  .1 style-only  =6 unchanged" in out
    assert "¶1  14 → 22 (+8, +57%)" in out
    assert "Legend" in out and SEP in out
    assert "= 3 unchanged paragraphs (¶2-4)" in out
    assert "\x1b" not in out  # piped: no colour


def test_standard_input_as_old_version(run: Run, story: tuple[str, str]) -> None:
    """``-`` reads a version from standard input and the report names it ``<stdin>``."""
    result = run("compare", "-", story[1], stdin=OLD)
    assert result.code == 1
    assert "<stdin>  2024-03-04" in result.out


# ---------------------------------------------------------------------------------------
# Every text-report option


def test_context_keeps_unchanged_neighbours(run: Run, story: tuple[str, str]) -> None:
    """``--context 1`` shows one unchanged paragraph each side of a change."""
    out = run("compare", *story, "--context", "1").out
    assert "The mayor spoke" in out and "Power lines came down" in out
    assert "1 unchanged paragraph (¶3)" in out and "Roads were closed" not in out


def test_context_short_option(run: Run, story: tuple[str, str]) -> None:
    """``-C 2`` is ``--context 2``."""
    assert run("compare", *story, "-C", "2").out == run("compare", *story, "--context", "2").out


def test_full_shows_every_paragraph(run: Run, story: tuple[str, str]) -> None:
    """``--full`` shows unchanged paragraphs too and collapses nothing."""
    out = run("compare", *story, "--full").out
    assert "Roads were closed" in out and "unchanged paragraph" not in out


def test_ignore_style_hides_style_only_and_exit_status(run: Run, tmp_path: Path) -> None:
    """``--ignore-style`` hides style-only changes; if that is all, the exit status is 0."""
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("The U.S. envoy left on Monday.\n\nShe said nothing.\n", encoding="utf-8")
    new.write_text("The US envoy left on Monday.\n\nShe said nothing.\n", encoding="utf-8")
    assert run("compare", str(old), str(new)).code == 1
    result = run("compare", str(old), str(new), "--ignore-style")
    assert result.code == 0
    assert "envoy" not in result.out and "style-only changes hidden" in result.out


def test_only_shows_only_those_kinds(run: Run, story: tuple[str, str]) -> None:
    """``--only added`` shows only the added row; the exit status still says different."""
    result = run("compare", *story, "--only", "added")
    assert result.code == 1
    assert "Volunteers handed out" in result.out
    assert "weather forecast" not in result.out and "[-14-]" not in result.out
    assert "showing only added" in result.out


def test_only_takes_lists_and_repeats(run: Run, story: tuple[str, str]) -> None:
    """``--only figure_update,removed`` and repeated ``--only`` combine."""
    listed = run("compare", *story, "--only", "figure_update,removed").out
    repeated = run("compare", *story, "--only", "figure-update", "--only", "removed").out
    assert listed == repeated
    assert "[-14-]" in listed and "weather forecast" in listed and "Volunteers" not in listed


def test_summary_prints_header_summary_and_figures_only(run: Run,
                                                       story: tuple[str, str]) -> None:
    """``--summary`` stops after the figure updates table."""
    result = run("compare", *story, "--summary")
    assert result.code == 1
    assert result.out.endswith("\n¶1  14 → 22 (+8, +57%)  people died\n")
    assert "Legend" not in result.out


@pytest.mark.parametrize(("args", "columns", "side_by_side"), [
    ((), 99, False),
    ((), 100, True),
    (("--layout", "auto"), 160, True),
    (("--layout", "stacked"), 200, False),
    (("--layout", "side-by-side"), 80, True),
])
def test_layout(run: Run, story: tuple[str, str], args: tuple[str, ...], columns: int,
                side_by_side: bool) -> None:
    """``auto`` is side by side from 100 columns; ``stacked``/``side-by-side`` force it."""
    out = run("compare", *story, *args, columns=columns).out
    assert (SEP in out) is side_by_side
    if not side_by_side:
        assert "old ¶1  Officials said [-14-]" in out


@pytest.mark.parametrize("columns", [40, 80, 133, 250])
def test_width_follows_columns(run: Run, story: tuple[str, str], columns: int) -> None:
    """The report fills but never exceeds ``COLUMNS``."""
    lines = run("compare", *story, "--full", columns=columns).out.splitlines()
    assert max(cell_len(line) for line in lines) == columns or columns == 250
    assert max(cell_len(line) for line in lines) <= columns


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ((), {}, False),
    (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
    (("--color", "always"), {}, True),
    (("--color", "always"), {"NO_COLOR": "1"}, True),
    (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
])
def test_color_option_and_environment(run: Run, story: tuple[str, str], args: tuple[str, ...],
                                      env: dict[str, str], coloured: bool) -> None:
    """Piped output has no colour unless forced; ``--color`` overrides NO_COLOR/FORCE_COLOR."""
    out = run("compare", *story, *args, env=env).out
    assert bool(ANSI.search(out)) is coloured
    if coloured:
        assert "\x1b[9;31m" in out or "\x1b[1;7;9;31m" in out  # struck red deletion
    else:
        assert "\x1b" not in out and "[-14-]" in out


def test_never_pages_when_output_is_not_a_terminal(run: Run, story: tuple[str, str],
                                                   tmp_path: Path) -> None:
    """With output captured (not a terminal) the pager is never started, even if long."""
    marker = tmp_path / "paged"
    pager = f"{shlex.quote(sys.executable)} -c 'open({str(marker)!r}, \"w\")'"
    result = run("compare", *story, "--full", env={"PAGER": pager, "LINES": "5"})
    assert result.code == 1 and "Volunteers" in result.out
    assert not marker.exists()


def test_no_pager_is_accepted(run: Run, story: tuple[str, str]) -> None:
    """``--no-pager`` is accepted and changes nothing when output is not a terminal."""
    assert run("compare", *story, "--no-pager").out == run("compare", *story).out


def test_text_options_do_not_touch_json(run: Run, story: tuple[str, str]) -> None:
    """``--format json`` prints the full comparison whatever the text-report options."""
    plain = run("compare", *story, "--format", "json").out
    filtered = run("compare", *story, "--format", "json", "--only", "added", "--summary",
                   "--color", "always").out
    assert plain == filtered
    assert json.loads(plain)["summary"]["added"] == 1


# ---------------------------------------------------------------------------------------
# Every error: one line on stderr, exit status 2, never a traceback


@pytest.mark.parametrize(("args", "needles"), [
    (("--layout", "diagonal"), ("--layout", "diagonal")),
    (("--color", "sometimes"), ("--color", "sometimes")),
    (("--context", "-1"), ("--context",)),
    (("--context", "many"), ("--context",)),
    (("--only", "bogus"), ("--only", "bogus", "figure_update")),
    (("--only", ","), ("--only",)),
    (("--bogus",), ("--bogus", "revtrack compare --help")),
    (("--format", "yaml"), ("--format", "yaml")),
])
def test_bad_options_are_one_line_errors(run: Run, story: tuple[str, str],
                                         args: tuple[str, ...],
                                         needles: tuple[str, ...]) -> None:
    """A bad option or value is one line on stderr naming it, and exit status 2."""
    assert_one_line_error(run("compare", *story, *args), *needles)


def test_missing_file_is_one_line_error(run: Run, story: tuple[str, str],
                                        tmp_path: Path) -> None:
    """A missing file is named in a one-line error."""
    assert_one_line_error(run("compare", story[0], str(tmp_path / "nope.txt")), "nope.txt")


def test_directory_is_one_line_error(run: Run, story: tuple[str, str], tmp_path: Path) -> None:
    """A folder given as a version is a one-line error."""
    assert_one_line_error(run("compare", str(tmp_path), story[1]), "directory")


def test_missing_argument_is_one_line_error(run: Run, story: tuple[str, str]) -> None:
    """Forgetting NEW is a one-line error pointing at the help."""
    assert_one_line_error(run("compare", story[0]), "'NEW'", "--help")


def test_both_standard_input_is_one_line_error(run: Run) -> None:
    """OLD and NEW cannot both be standard input."""
    assert_one_line_error(run("compare", "-", "-", stdin=""), "standard input")


def test_unknown_command_is_one_line_error(run: Run) -> None:
    """An unknown command is a one-line error pointing at ``revtrack --help``."""
    assert_one_line_error(run("contrast"), "contrast", "revtrack --help")


def test_internal_error_is_one_line(run: Run, story: tuple[str, str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a crash inside the renderer is one line on stderr, exit status 2."""
    from revtrack.render import terminal

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(terminal.TerminalReport, "__rich_console__", boom)
    result = run("compare", *story)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "internal error: RuntimeError: boom" in result.err and "Traceback" not in result.err


# ---------------------------------------------------------------------------------------
# Help, version, completion


def test_root_help_shows_examples(run: Run) -> None:
    """``revtrack --help`` lists commands and example invocations."""
    result = run("--help")
    assert result.code == 0
    assert "Examples:" in result.out and "revtrack compare old.txt new.txt" in result.out
    assert "--install-completion" in result.out and "--version" in result.out


def test_compare_help_shows_examples_and_every_option(run: Run) -> None:
    """``revtrack compare --help`` shows examples and each text-report option."""
    result = run("compare", "--help", columns=200)
    assert result.code == 0
    assert "Examples:" in result.out and "--summary" in result.out
    for option in ("--context", "--full", "--ignore-style", "--only", "--summary", "--layout",
                   "--color", "--no-pager"):
        assert option in result.out


def test_version(run: Run) -> None:
    """``revtrack --version`` prints the version and exits 0."""
    result = run("--version")
    assert (result.code, result.out) == (0, f"revtrack {__version__}\n")


# ---------------------------------------------------------------------------------------
# Subprocesses: the installed script, python -m, completion, a closed pipe


def test_python_dash_m_runs_the_same_report(story: tuple[str, str]) -> None:
    """``python -m revtrack compare`` prints the report and exits 1 for differences."""
    proc = subprocess.run([sys.executable, "-m", "revtrack", "compare", *story],
                          capture_output=True, text=True, env=clean_env(COLUMNS="120"),
                          timeout=60)
    assert proc.returncode == 1 and proc.stderr == ""
    assert "¶1  14 → 22 (+8, +57%)" in proc.stdout and "\x1b" not in proc.stdout


def test_shell_completion_is_available() -> None:
    """Typer's completion script can be shown for bash."""
    script = Path(sys.executable).with_name("revtrack")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "revtrack"]
    proc = subprocess.run([*command, "--show-completion", "bash"], capture_output=True,
                          text=True, env=clean_env(), timeout=60)
    assert proc.returncode == 0
    assert "complete" in proc.stdout and "_COMPLETE" in proc.stdout


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``revtrack compare ... | head -1`` ends without a traceback."""
    paragraphs = [f"Paragraph {i} reports {i} new cases today." for i in range(3000)]
    old, new = tmp_path / "o.txt", tmp_path / "n.txt"
    old.write_text("\n\n".join(paragraphs), encoding="utf-8")
    new.write_text("\n\n".join(p.replace("today", "now") for p in paragraphs),
                   encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "revtrack", "compare", str(old), str(new)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=clean_env(COLUMNS="120"))
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and proc.returncode in (1, 2)


# ---------------------------------------------------------------------------------------
# A real terminal: colour and the pager switch on there, and off when piped


def run_in_pty(args: list[str], env: dict[str, str], rows: int = 12, cols: int = 120,
               timeout: float = 60) -> tuple[int, str]:
    """Run a command with a pseudo-terminal of ``rows`` x ``cols`` as stdin/out/err."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the terminal's other side is closed
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.fixture
def pager(tmp_path: Path) -> tuple[str, Path]:
    """A PAGER that records that it ran, then shows its input."""
    marker = tmp_path / "pager-ran"
    script = tmp_path / "pager.py"
    script.write_text(
        "import sys, pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('yes')\n"
        "sys.stdout.write(sys.stdin.read())\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", marker


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_real_terminal_turns_colour_and_pager_on(story: tuple[str, str],
                                                 pager: tuple[str, Path]) -> None:
    """In a pseudo-terminal the report is coloured and, being taller than the terminal,
    goes through $PAGER; the terminal's own width is used."""
    command, marker = pager
    env = clean_env(PAGER=command, TERM="xterm-256color")
    code, out = run_in_pty([sys.executable, "-m", "revtrack", "compare", *story], env, cols=120)
    assert code == 1
    assert marker.exists(), out
    assert "\x1b[" in out and "14 → 22" in out
    assert SEP in out  # 120 columns: side by side
    plain = ANSI.sub("", out).replace("\u2068", "").replace("\u2069", "")
    assert max(cell_len(line) for line in plain.splitlines()) <= 120


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_real_terminal_no_pager_and_short_output(story: tuple[str, str],
                                                 pager: tuple[str, Path]) -> None:
    """``--no-pager`` prints straight to the terminal; output that fits is never paged."""
    command, marker = pager
    env = clean_env(PAGER=command, TERM="xterm-256color")
    code, out = run_in_pty([sys.executable, "-m", "revtrack", "compare", *story, "--no-pager"],
                           env)
    assert code == 1 and "\x1b[" in out and not marker.exists()
    code, out = run_in_pty([sys.executable, "-m", "revtrack", "compare", *story, "--summary"],
                           env, rows=50)
    assert code == 1 and "\x1b[" in out and not marker.exists()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_real_terminal_respects_no_color_and_narrow_width(story: tuple[str, str],
                                                          pager: tuple[str, Path]) -> None:
    """NO_COLOR turns colour off on a terminal; an 80-column terminal gets the stacked
    layout."""
    command, marker = pager
    env = clean_env(PAGER=command, TERM="xterm-256color", NO_COLOR="1")
    code, out = run_in_pty([sys.executable, "-m", "revtrack", "compare", *story], env, cols=80)
    assert code == 1 and "\x1b[" not in out and "[-14-]" in out
    assert SEP not in out and "old ¶1" in out


def test_piped_output_has_no_colour_and_no_pager(story: tuple[str, str],
                                                 pager: tuple[str, Path]) -> None:
    """Piped, the same command prints plain text and never starts the pager."""
    command, marker = pager
    proc = subprocess.run([sys.executable, "-m", "revtrack", "compare", *story],
                          capture_output=True, text=True,
                          env=clean_env(PAGER=command, TERM="xterm-256color", LINES="5"),
                          timeout=60)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout and "[-14-]" in proc.stdout
    assert not marker.exists()
