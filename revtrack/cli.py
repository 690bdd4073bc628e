"""The ``revtrack`` command line: the only module that imports typer.

It reads files, calls the engine and hands the ``Comparison`` to a renderer. Exit codes
follow diff: 0 no differences, 1 differences, 2 trouble. Trouble is always one line on
standard error naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console, RenderableType

from . import __version__
from .compare import compare_versions
from .parse import InputError
from .render.safe import CONTROL
from .sources import STDIN, describe, display_name, read_version

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
    print(f"revtrack: error: {printable(message)}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def printable(message: str) -> str:
    """``message`` with control characters and bidi overrides escaped (``\\n``,
    ``\\x1b``, ``\\u202e``), so that a file name holding them keeps an error on one line
    and cannot drive the terminal.

    >>> printable("nope\\nx\\x1b[31m.txt: no such file")
    'nope\\\\nx\\\\x1b[31m.txt: no such file'
    """
    return CONTROL.sub(_escape_char, message)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _version_callback(value: bool) -> None:
    if value:
        _write_stdout(f"revtrack {__version__}\n")
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
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="The older version (a text file, or - for stdin).")],
    new: Annotated[str, typer.Argument(
        metavar="NEW", help="The newer version (a text file, or - for stdin).")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.text,
    encoding: Annotated[
        str | None,
        typer.Option(metavar="NAME",
                     help="Read both files in this encoding instead of UTF-8 (e.g. cp1252)."),
    ] = None,
    html_path: Annotated[
        str | None,
        typer.Option(
            "--html",
            metavar="PATH",
            help="Also write a self-contained HTML report to PATH (the --format output "
            "still goes to standard output). A symlink's target is replaced, a device or "
            "FIFO written into; PATH may not be one of the inputs, nor - (use --format "
            "html).",
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
                     help="Text report: hide style-only changes. In every format they then "
                          "leave the exit status at 0, like diff -w."),
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
    # Every option is checked before anything is read or written: a usage error never
    # costs an existing report.
    if old == STDIN and new == STDIN:
        fail("only one of OLD and NEW can be - (standard input)")
    kinds = None
    if only is not None:
        from .render.terminal import parse_kinds

        try:
            kinds = parse_kinds(only)
        except ValueError as err:
            fail(f"--only: {err}")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            fail(f"--encoding: unknown encoding {encoding!r}")
    if html_path is not None:
        _check_html_path(html_path, old=old, new=new)
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
        from .render.terminal import TerminalReport

        report = TerminalReport(
            comparison, context=context, full=full, ignore_style=ignore_style, only=kinds,
            summary_only=summary, layout=layout.value,
        )
        _print_report(report, color, page=not no_pager)
    # The same exit status whatever the format: --ignore-style leaves style-only
    # changes out of it (like diff -w); --only filters what is shown, never the status.
    if ignore_style:
        from .render.terminal import differs

        changed = differs(comparison, ignore_style=True)
    else:
        changed = comparison.changed  # what differs() says without --ignore-style
    raise typer.Exit(EXIT_DIFFERENT if changed else EXIT_SAME)


def _check_html_path(path: str, *, old: str, new: str) -> None:
    """Refuse an ``--html`` path no report may be written to, before any work is done:
    an empty name, ``-``, a directory, a missing folder, or one of the two inputs."""
    from .sources import report_target

    if path == STDIN:
        fail("--html: '-' is not a file name here; use --format html to print the page "
             "on standard output (or --html ./- for a file named -)")
    if not path:
        fail("--html: the file name is empty")
    shown = display_name(path)
    for label, name in (("old", old), ("new", new)):
        if _same_file(path, name):
            via = "" if name == path else (
                f" ({'standard input' if name == STDIN else display_name(name)})"
            )
            fail(f"{shown}: is the {label} version{via}; --html would overwrite it")
    if _same_file(path, _STDOUT):
        fail(f"{shown}: is also standard output; --html would replace the report being "
             "written there")
    try:
        report_target(path)
    except InputError as err:
        fail(str(err))


_STDOUT = "<stdout>"


def _same_file(path: str, name: str) -> bool:
    """Whether ``path`` is a regular file that the input ``name`` also is (links
    followed, hard links included; ``-`` is whatever standard input reads, so
    ``/dev/stdin < old.txt`` is old.txt; ``<stdout>`` is what standard output writes
    to). A device or FIFO (``/dev/null``) is written into, never replaced: no clash."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return False
        if name == STDIN:
            return os.path.samestat(info, os.fstat(sys.stdin.fileno()))
        if name == _STDOUT:
            return os.path.samestat(info, os.fstat(sys.stdout.fileno()))
        return os.path.samestat(info, os.stat(name))
    except (OSError, ValueError, AttributeError):  # a missing file (yet), no descriptor
        return False


@app.command("eval")
def evaluate(
    folder: Annotated[Path, typer.Argument(
        metavar="DIR", help="Folder of labelled cases (fixtures/pairs).")],
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
    """Write to stdout; a closed pipe (``| head``) ends quietly, like other Unix tools.

    Any other failure is one line: a full disk or a closed standard output, or text the
    output's encoding cannot hold (``PYTHONIOENCODING=latin-1``: nothing is written then,
    rather than a report with holes in it).
    """
    stream = sys.stdout
    if stream is None:  # started with standard output closed (>&-)
        fail("standard output: is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_TROUBLE) from None
    except UnicodeEncodeError as err:
        _silence_stdout()
        char = err.object[err.start:err.start + 1]
        encoding = getattr(stream, "encoding", None) or err.encoding
        if "\ud800" <= char <= "\udfff":  # a lone surrogate: no encoding holds it
            fail(f"standard output: cannot write {_codepoint(char)}, which is no character")
        fail(f"standard output: cannot write {_codepoint(char)} in the {encoding} "
             "encoding; set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale)")
    except OSError as err:
        _silence_stdout()
        fail(f"standard output: {describe(err)}")
    except ValueError:  # "I/O operation on closed file"
        fail("standard output: is closed")


def _codepoint(char: str) -> str:
    """``U+2192``: a character named so that any terminal can show the name."""
    return f"U+{ord(char):04X}" if char else "a character"


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what
    is still buffered cannot fail again (and print "Exception ignored ..." at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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
        pager.stdin.write(text.encode("utf-8", "replace"))
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
    except OSError as err:  # writing help or a message failed (a full disk, say)
        _silence_stdout()
        print(f"revtrack: error: standard output: {describe(err)}", file=sys.stderr)
        sys.exit(EXIT_TROUBLE)
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks
        if _is_usage_error(err):
            _usage_error(err)
        if os.environ.get("REVTRACK_DEBUG"):
            raise
        print(
            f"revtrack: internal error: {type(err).__name__}: {printable(str(err))} "
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
    message = printable(" ".join(message.split()))
    ctx = getattr(err, "ctx", None)
    path = getattr(ctx, "command_path", None) or "revtrack"
    print(f"revtrack: error: {message} (see '{path} --help')", file=sys.stderr)
    sys.exit(EXIT_TROUBLE)
