"""The ``revtrack`` command line: the only module that imports typer.

It reads files, calls the engine and hands the ``Comparison`` to a renderer. Exit codes
follow diff: 0 no differences, 1 differences, 2 trouble. Trouble is always one line on
standard error naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console, RenderableType

from . import __version__
from .compare import compare_versions
from .parse import InputError
from .sources import STDIN, read_version

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2

app = typer.Typer(
    name="revtrack",
    help="Show exactly how a news article changed between versions.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    epilog=(
        "Examples:\n"
        "  revtrack compare old.txt new.txt                what changed, at a glance\n"
        "  revtrack compare old.txt new.txt --summary      counts and figure updates\n"
        "  revtrack compare old.txt new.txt -f json        the comparison as JSON\n"
        "  revtrack compare --help                         every option"
    ),
)


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class Layout(str, Enum):
    """How the text report places old and new (``auto``: side by side from 100 columns)."""

    auto = "auto"
    side_by_side = "side-by-side"
    stacked = "stacked"


class Color(str, Enum):
    """When the text report uses colour (``auto``: on a terminal, unless NO_COLOR is set)."""

    auto = "auto"
    always = "always"
    never = "never"


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit with status 2."""
    print(f"revtrack: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def _version_callback(value: bool) -> None:
    if value:
        print(f"revtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_version_callback,
                     is_eager=True),
    ] = False,
) -> None:
    """Show exactly how a news article changed between versions.

    Example: revtrack compare old.txt new.txt
    """


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="The older version (a text file, or - for stdin).")],
    new: Annotated[str, typer.Argument(help="The newer version (a text file, or - for stdin).")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.text,
    encoding: Annotated[
        str | None,
        typer.Option(help="Read both files in this encoding instead of UTF-8 (e.g. cp1252)."),
    ] = None,
    html_path: Annotated[
        str | None,
        typer.Option(
            "--html",
            metavar="PATH",
            help="Also write a self-contained HTML report to PATH (the --format output "
            "still goes to standard output).",
        ),
    ] = None,
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, metavar="N",
                     help="Text report: keep N unchanged paragraphs around each change."),
    ] = 0,
    full: Annotated[
        bool, typer.Option("--full", help="Text report: show unchanged paragraphs too.")
    ] = False,
    ignore_style: Annotated[
        bool,
        typer.Option("--ignore-style",
                     help="Text report: hide style-only changes (they then leave the exit "
                          "status at 0, like diff -w)."),
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", metavar="KIND[,KIND]",
                     help="Text report: show only these kinds: added, removed, reworded, "
                          "figure_update, moved, split, merged, style, unchanged."),
    ] = None,
    summary: Annotated[
        bool,
        typer.Option("--summary",
                     help="Text report: header, summary and figure updates only."),
    ] = False,
    layout: Annotated[
        Layout,
        typer.Option("--layout",
                     help="Text report: side-by-side, stacked (old above new), or auto "
                          "(side by side from 100 columns)."),
    ] = Layout.auto,
    color: Annotated[
        Color,
        typer.Option("--color",
                     help="Text report colour: auto (on a terminal, off when piped or "
                          "NO_COLOR is set), always, never."),
    ] = Color.auto,
    no_pager: Annotated[
        bool,
        typer.Option("--no-pager",
                     help="Text report: never page (long output on a terminal goes through "
                          "$PAGER, or less -R)."),
    ] = False,
) -> None:
    """Compare two versions of an article.

    Exit status: 0 no differences, 1 differences, 2 trouble.

    The text report shows old beside new (stacked below 100 columns), changed words
    marked, unchanged paragraphs collapsed. It pages long output on a terminal.

    Examples:
      revtrack compare old.txt new.txt                   what changed, at a glance
      revtrack compare old.txt new.txt --summary         counts and figure updates only
      revtrack compare old.txt new.txt --context 1 --ignore-style
      revtrack compare old.txt new.txt --only added,removed
      revtrack compare old.txt new.txt --layout stacked --no-pager > changes.txt
      revtrack compare old.txt new.txt --format json > changes.json
    """
    if old == STDIN and new == STDIN:
        fail("only one of OLD and NEW can be - (standard input)")
    try:
        comparison = compare_versions(read_version(old, encoding), read_version(new, encoding))
    except InputError as err:
        fail(str(err))
    if html_path is not None or format is Format.html:
        from .render.html_report import render_html
        from .sources import write_atomic

        page = render_html(comparison)
        if html_path is not None:
            try:
                write_atomic(html_path, page)
            except InputError as err:
                fail(str(err))
        if format is Format.html:
            _write_stdout(page)
    if format is Format.json:
        from .render.json_report import render_json

        _write_stdout(render_json(comparison))
    elif format is Format.text:
        from .render.terminal import TerminalReport, differs, parse_kinds

        try:
            kinds = parse_kinds(only) if only else None
        except ValueError as err:
            fail(f"--only: {err}")
        report = TerminalReport(
            comparison, context=context, full=full, ignore_style=ignore_style, only=kinds,
            summary_only=summary, layout=layout.value,
        )
        _print_report(report, color, page=not no_pager)
        raise typer.Exit(
            EXIT_DIFFERENT if differs(comparison, ignore_style=ignore_style) else EXIT_SAME
        )
    raise typer.Exit(EXIT_DIFFERENT if comparison.changed else EXIT_SAME)


@app.command("eval")
def evaluate(
    folder: Annotated[Path, typer.Argument(help="Folder of labelled cases (fixtures/pairs).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every mismatch.")] = False,
) -> None:
    """Score alignment and classification against a labelled evaluation set.

    Prints precision, recall and F1 for aligned pairs, for each kind and for figure
    updates.

    Example: revtrack eval fixtures/pairs
    """
    from .evaluate import evaluate_dir, format_report

    if not folder.is_dir():
        fail(f"{folder}: not a folder of labelled cases")
    try:
        report = evaluate_dir(folder)
    except ValueError as err:
        fail(str(err))
    _write_stdout(format_report(report, verbose=verbose))


def _write_stdout(text: str) -> None:
    """Write to stdout; a closed pipe (``| head``) ends quietly, like other Unix tools."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_TROUBLE) from None


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


# -- The text report: colour, width and pager are decided here, at the I/O edge ---------


def _isatty(stream: object) -> bool:
    try:
        return bool(getattr(stream, "isatty", lambda: False)())
    except ValueError:  # closed stream
        return False


def _use_color(choice: Color) -> bool:
    """``--color``; for ``auto``: NO_COLOR turns it off, FORCE_COLOR on, else a terminal."""
    if choice is not Color.auto:
        return choice is Color.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(sys.stdout) and os.environ.get("TERM", "") not in ("dumb", "unknown")


def _print_report(report: RenderableType, color: Color, *, page: bool) -> None:
    """Render the report at the terminal's width (``COLUMNS`` wins) and print it, through
    a pager when it is longer than the terminal and standard output is a terminal."""
    import io

    terminal = Console()  # only asked for the size: honours COLUMNS/LINES, else the tty's
    on = _use_color(color)
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=terminal.width, height=terminal.height, force_terminal=on,
        color_system="standard" if on else None, no_color=False, highlight=False,
        markup=False, emoji=False, legacy_windows=False, force_jupyter=False,
    )
    console.print(report)
    text = buffer.getvalue()
    if page and _isatty(sys.stdout) and text.count("\n") > terminal.height:
        command = _pager_command()
        if command and _run_pager(command, text):
            return
    _write_stdout(text)


def _pager_command() -> list[str] | None:
    """``$PAGER`` split like a shell would (``less -R`` when unset); None for no pager."""
    import shlex

    value = os.environ.get("PAGER")
    if value is None:
        return ["less", "-R"]
    try:
        command = shlex.split(value)
    except ValueError:
        return None
    return command if command and command != ["cat"] else None


def _run_pager(command: list[str], text: str) -> bool:
    """Page ``text``; False when the pager cannot start (the caller then prints it)."""
    import subprocess

    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode("utf-8"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit the pager early: not an error
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # ^C belongs to the pager, as with git
            continue


def main() -> None:
    """Console-script entry point: runs the app, turning crashes into one line.

    The app runs outside Click's standalone mode so that usage errors (bad option, bad
    value, missing argument) are one line on stderr too, not a boxed panel.
    """
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        print("revtrack: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_TROUBLE)
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks
        if _is_usage_error(err):
            _usage_error(err)
        if os.environ.get("REVTRACK_DEBUG"):
            raise
        print(
            f"revtrack: internal error: {type(err).__name__}: {err} "
            "(set REVTRACK_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        sys.exit(EXIT_TROUBLE)
    sys.exit(code if isinstance(code, int) else EXIT_SAME)


def _is_usage_error(err: Exception) -> bool:
    """A Click usage error (Typer may vendor Click, so its classes are not importable)."""
    return hasattr(err, "format_message") and isinstance(getattr(err, "exit_code", None), int)


def _usage_error(err: Exception) -> NoReturn:
    """One line on stderr, pointing at ``--help``; exit status 2."""
    if type(err).__name__ == "NoArgsIsHelpError":  # help was shown already
        sys.exit(EXIT_TROUBLE)
    message = str(err.format_message()).replace("Value error, ", "")  # type: ignore[attr-defined]
    message = " ".join(message.split())
    ctx = getattr(err, "ctx", None)
    path = getattr(ctx, "command_path", None) or "revtrack"
    print(f"revtrack: error: {message} (see '{path} --help')", file=sys.stderr)
    sys.exit(EXIT_TROUBLE)
