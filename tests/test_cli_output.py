"""``revtrack compare``/``eval`` output safety, through the real entry point
(``revtrack.cli:main`` in process, the installed script / ``python -m revtrack`` in
subprocesses where a real standard output matters): ``--html`` never destroys an input
or an existing report, follows links and writes into devices; every option is checked
before anything is written; the exit status is the same for every format; output errors
(a full disk, an encoding that cannot hold the report) are one line; wide encodings,
endless binary input, control characters in the HTML page and in file names."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from clirun import NEW, OLD, ROOT, Run, assert_one_line_error, write_pair
from clirun import clean_env as _env
from clirun import command as _command

PAIRS = ROOT / "fixtures" / "pairs"
STYLE_ONLY = PAIRS / "02_style_only"
FORMATS = ("text", "json", "html")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return write_pair(tmp_path)


def _one_line(stderr: str, *needles: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("revtrack: error: "), stderr
    for needle in needles:
        assert needle in lines[0], (needle, stderr)


# ---------------------------------------------------------------------------------------
# 1. --html onto an input


@pytest.mark.parametrize("which", ["old", "new", "symlink", "hardlink"])
def test_html_onto_an_input_is_refused_and_the_input_kept(
    run: Run, pair: tuple[str, str], tmp_path: Path, which: str
) -> None:
    """--html naming one of the inputs (directly, through a link or a hard link) is a
    one-line error naming it, exit 2, and the input is untouched."""
    old, new = pair
    target = {"old": old, "new": new, "symlink": str(tmp_path / "link.html"),
              "hardlink": str(tmp_path / "hard.html")}[which]
    if which == "symlink":
        os.symlink(old, target)
    elif which == "hardlink":
        os.link(new, target)
    result = run("compare", old, new, "--html", target, "-f", "json")
    assert_one_line_error(result, target, "would overwrite")
    assert Path(old).read_text(encoding="utf-8") == OLD
    assert Path(new).read_text(encoding="utf-8") == NEW


def test_html_onto_standard_input_file_is_refused(pair: tuple[str, str]) -> None:
    """``compare - new --html /dev/stdin < old.txt`` would replace old.txt: refused.

    Tested with /proc/self/fd/0, the same file as /dev/stdin: a regression can then not
    replace the /dev/stdin link itself (nothing can be created in /proc).
    """
    stdin_path = "/proc/self/fd/0"
    if not os.path.exists(stdin_path):
        pytest.skip("no /proc/self/fd")
    with open(pair[0], "rb") as stdin:
        proc = subprocess.run([*_command(), "compare", "-", pair[1], "--html", stdin_path],
                              stdin=stdin, capture_output=True, text=True, env=_env(),
                              timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_line(proc.stderr, stdin_path, "standard input", "would overwrite")
    assert Path(pair[0]).read_text(encoding="utf-8") == OLD


# ---------------------------------------------------------------------------------------
# 2. --html through a symlink, into a device or a FIFO


def test_html_through_a_symlink_replaces_the_target_and_keeps_the_link(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    """A symlinked report path writes the link's target; the link stays a link."""
    reports = tmp_path / "reports"
    reports.mkdir()
    real = reports / "real.html"
    real.write_text("old report", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    result = run("compare", *pair, "--html", str(link), "-f", "json")
    assert result.code == 1, result.err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt", "old.txt", "report.html",
                                                          "reports"]
    assert [p.name for p in reports.iterdir()] == ["real.html"]  # no temporary file left


def test_html_through_a_dangling_symlink_creates_its_target(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    """A link to a file not yet there creates the file, as ``>`` would."""
    link = tmp_path / "report.html"
    link.symlink_to(tmp_path / "fresh.html")
    assert run("compare", *pair, "--html", str(link), "-f", "json").code == 1
    assert link.is_symlink()
    assert (tmp_path / "fresh.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.fixture
def devices_guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a regression harmless: nothing may be renamed onto, or created in, /dev or
    /proc (the old code, run as root, replaced the device node with a regular file)."""
    import tempfile

    real_replace, real_mkstemp = os.replace, tempfile.mkstemp

    def system(path: object) -> bool:
        return str(path).startswith(("/dev", "/proc"))

    def replace(src: str, dst: str, *args: object, **kwargs: object) -> None:
        if system(dst) or system(os.path.realpath(dst)):
            raise AssertionError(f"os.replace onto {dst}")
        real_replace(src, dst)

    def mkstemp(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:
        if dir is not None and system(dir):
            raise AssertionError(f"temporary file in {dir}")
        return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.usefixtures("devices_guarded")
def test_html_to_dev_null_writes_into_the_device(run: Run, pair: tuple[str, str]) -> None:
    """--html /dev/null is written into, never replaced (no rename onto a device)."""
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no /dev/null character device")
    result = run("compare", *pair, "--html", os.devnull, "-f", "json")
    assert result.code == 1, result.err
    assert result.err == ""
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_html_to_a_fifo_writes_into_it(run: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    """A FIFO gets the page written into it; it stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("compare", *pair, "--html", str(fifo), "-f", "json")
    reader.join(timeout=30)
    assert result.code == 1, result.err
    assert received and received[0].startswith(b"<!DOCTYPE html>")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.usefixtures("devices_guarded")
def test_html_to_a_full_device_is_one_line(run: Run, pair: tuple[str, str]) -> None:
    """Writing the page into /dev/full is a one-line error naming it."""
    if not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full character device")
    result = run("compare", *pair, "--html", "/dev/full", "-f", "json")
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 1 and "/dev/full" in lines[0] and "no space left" in lines[0]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# ---------------------------------------------------------------------------------------
# 3. and 4. Options checked before output; the same exit status for every format


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bad", [["--only", "bogus"], ["--only", ""], ["--only", ","]])
def test_usage_error_keeps_an_existing_report(
    run: Run, pair: tuple[str, str], tmp_path: Path, fmt: str, bad: list[str]
) -> None:
    """A bad --only is refused (exit 2, one line) before the report is written."""
    keep = tmp_path / "keep.html"
    keep.write_text("KEEP\n", encoding="utf-8")
    result = run("compare", *pair, "--html", str(keep), "-f", fmt, *bad)
    assert_one_line_error(result, "--only")
    assert keep.read_text(encoding="utf-8") == "KEEP\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.html", "new.txt", "old.txt"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_invalid_only_is_rejected_for_every_format(
    run: Run, pair: tuple[str, str], fmt: str
) -> None:
    """--only bogus is a one-line error naming the valid kinds, whatever the format."""
    assert_one_line_error(run("compare", *pair, "-f", fmt, "--only", "bogus"),
                          "--only", "'bogus'", "figure_update")


def test_empty_only_names_the_option_once(run: Run, pair: tuple[str, str]) -> None:
    """--only '' says no kind was given, naming --only once."""
    result = run("compare", *pair, "--only", "")
    assert_one_line_error(result, "--only: no kind given", "choose from")
    assert result.err.count("--only") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_status_is_the_same_for_every_format(run: Run, fmt: str) -> None:
    """Only style changed: exit 1, and 0 with --ignore-style, in every format."""
    old, new = str(STYLE_ONLY / "old.txt"), str(STYLE_ONLY / "new.txt")
    assert run("compare", old, new, "-f", fmt).code == 1
    assert run("compare", old, new, "-f", fmt, "--ignore-style").code == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_only_filters_the_report_never_the_exit_status(
    run: Run, pair: tuple[str, str], fmt: str
) -> None:
    """--only added on a pair with no added paragraph still exits 1: they differ."""
    assert run("compare", *pair, "-f", fmt, "--only", "added").code == 1


@pytest.mark.parametrize(
    ("value", "needle"),
    [("", "the file name is empty"), ("-", "--format html")],
)
def test_html_empty_or_dash_is_a_clear_error(
    run: Run, pair: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    value: str, needle: str,
) -> None:
    """--html '' and --html - are refused with one clear line; no file is written."""
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("compare", *pair, "--html", value, "-f", "json"), "--html", needle)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt", "old.txt"]


def test_html_dot_slash_dash_is_a_file_named_dash(
    run: Run, pair: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The way to a file literally named '-' is ./-."""
    monkeypatch.chdir(tmp_path)
    assert run("compare", *pair, "--html", "./-", "-f", "json").code == 1
    assert (tmp_path / "-").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_into_a_directory_is_refused_before_reading(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    """--html naming a directory fails at once, even when an input is bad too."""
    result = run("compare", str(tmp_path / "missing.txt"), pair[1], "--html", str(tmp_path))
    assert_one_line_error(result, str(tmp_path), "is a directory")


# ---------------------------------------------------------------------------------------
# 5. eval on a folder without cases


@pytest.mark.parametrize("where", ["empty", "fixtures"])
def test_eval_without_labelled_cases_is_an_error(run: Run, tmp_path: Path, where: str) -> None:
    """A folder holding no case (no subfolder with old.txt, new.txt, expected.json) is a
    one-line error, not a table of perfect scores."""
    folder = tmp_path if where == "empty" else ROOT / "fixtures"
    assert_one_line_error(run("eval", str(folder)), str(folder), "no labelled cases",
                          "expected.json")


# ---------------------------------------------------------------------------------------
# 6. and 8. Wide encodings; endless binary input


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_explicit_wide_encoding_is_read(run: Run, tmp_path: Path, encoding: str) -> None:
    """--encoding utf-16/utf-32 reads such files (their NUL bytes are text)."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(OLD.replace("KELL", "K\u00d6LL").encode(encoding))
    new.write_bytes(NEW.replace("KELL", "K\u00d6LL").encode(encoding))
    result = run("compare", str(old), str(new), "--encoding", encoding, "-f", "json")
    assert result.code == 1, result.err
    data = json.loads(result.out)
    assert data["old"]["paragraphs"][0].startswith("K\u00d6LL - Floods cut off 14")
    assert data["old"]["date"] == "2024-05-01"


def test_utf16_without_bom_is_read_in_machine_order(run: Run, tmp_path: Path) -> None:
    """As with bytes.decode('utf-16'), a file without a byte-order mark is read."""
    old = tmp_path / "old.txt"
    old.write_bytes(OLD.encode("utf-16-le" if sys.byteorder == "little" else "utf-16-be"))
    result = run("compare", str(old), str(old), "--encoding", "utf-16", "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["old"]["date"] == "2024-05-01"


def test_wide_encoding_still_refuses_nul_characters(run: Run, pair: tuple[str, str],
                                                     tmp_path: Path) -> None:
    """A NUL *character* after decoding is still binary data."""
    odd = tmp_path / "odd.txt"
    odd.write_bytes("text\x00more".encode("utf-16"))
    assert_one_line_error(run("compare", str(odd), pair[1], "--encoding", "utf-16"),
                          str(odd), "binary", "NUL characters")


def test_wide_encoding_reports_bad_data_with_offset(run: Run, pair: tuple[str, str],
                                                    tmp_path: Path) -> None:
    """Bytes that are not UTF-16 are reported with their offset, like UTF-8's."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfea\x00\x00\xd8b\x00")  # BOM, 'a', lone surrogate
    assert_one_line_error(run("compare", str(bad), pair[1], "--encoding", "utf-16"),
                          str(bad), "not valid utf-16 at byte offset 4")


def test_nul_bytes_without_wide_encoding_still_binary(run: Run, pair: tuple[str, str],
                                                      tmp_path: Path) -> None:
    """With a one-byte --encoding, a NUL byte is still binary data."""
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\x00\x10JFIF")
    assert_one_line_error(run("compare", str(binary), pair[1], "--encoding", "cp1252"),
                          str(binary), "binary")


def _limited() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("encoding", [None, "cp1252", "utf-16"])
def test_endless_binary_input_fails_fast(pair: tuple[str, str], encoding: str | None) -> None:
    """/dev/zero is refused as binary at once, not read until memory runs out."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    extra = ["--encoding", encoding] if encoding else []
    proc = subprocess.run([*_command(), "compare", "/dev/zero", pair[1], *extra],
                          capture_output=True, text=True, env=_env(), timeout=60,
                          preexec_fn=_limited)
    assert proc.returncode == 2 and proc.stdout == ""
    _one_line(proc.stderr, "/dev/zero", "binary")


def test_endless_text_input_stops_at_the_size_limit(pair: tuple[str, str]) -> None:
    """``yes | revtrack compare - new.txt``: one line at the size limit, not memory gone."""
    proc = subprocess.Popen([*_command(), "compare", "-", pair[1]], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                            preexec_fn=_limited)
    assert proc.stdin is not None
    line = b"y\n" * (1 << 19)  # a mebibyte
    try:
        for _ in range(300):  # more than the limit
            proc.stdin.write(line)
    except BrokenPipeError:
        pass  # revtrack stopped reading: what this test wants
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and out == b""
    _one_line(err.decode(), "<stdin>", "too large", "256 MiB")


def test_binary_standard_input_fails_fast(run: Run, pair: tuple[str, str]) -> None:
    """Standard input is read in chunks too, and refused at its first NUL."""
    assert_one_line_error(run("compare", "-", pair[1], stdin=b"\x00" * (3 << 20)),
                          "<stdin>", "binary")


# ---------------------------------------------------------------------------------------
# 7. Standard output errors


@pytest.mark.parametrize("args", [["compare", "{old}", "{new}", "-f", f] for f in FORMATS]
                         + [["eval", str(PAIRS)]])
def test_full_disk_on_standard_output_is_one_line(pair: tuple[str, str],
                                                  args: list[str]) -> None:
    """``> /dev/full``: one line naming standard output and the problem, exit 2."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    argv = [a.format(old=pair[0], new=pair[1]) for a in args]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*_command(), *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, env=_env(), timeout=180)
    assert proc.returncode == 2
    assert proc.stderr == "revtrack: error: standard output: no space left on device\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_unencodable_standard_output_is_one_line(tmp_path: Path, fmt: str) -> None:
    """An output encoding that cannot hold the report (PYTHONIOENCODING=latin-1, and
    an arrow in it) is one line saying which character and encoding, suggesting UTF-8;
    nothing is written to standard output."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Prices rose \u2192 14 villages.\n", encoding="utf-8")
    new.write_text("Prices rose \u2192 22 villages.\n", encoding="utf-8")
    proc = subprocess.run([*_command(), "compare", str(old), str(new), "-f", fmt],
                          capture_output=True, env=_env(PYTHONIOENCODING="latin-1"),
                          timeout=120)
    assert proc.returncode == 2 and proc.stdout == b""
    _one_line(proc.stderr.decode("latin-1"), "standard output", "U+2192", "PYTHONIOENCODING=utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_closed_pipe_stays_silent(tmp_path: Path, fmt: str) -> None:
    """A reader that is already gone (``| head``): no message at all, exit 2 as before."""
    paragraphs = [f"Paragraph {i} reports {i} new cases today." for i in range(2000)]
    old, new = tmp_path / "o.txt", tmp_path / "n.txt"
    old.write_text("\n\n".join(paragraphs), encoding="utf-8")
    new.write_text("\n\n".join(p.replace("today", "now") for p in paragraphs),
                   encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # deterministic: every write gets EPIPE
    try:
        proc = subprocess.run([*_command(), "compare", str(old), str(new), "-f", fmt],
                              stdout=write_end, stderr=subprocess.PIPE, text=True,
                              env=_env(), timeout=180)
    finally:
        os.close(write_end)
    assert proc.stderr == "" and proc.returncode == 2


# ---------------------------------------------------------------------------------------
# 9. and 10. Control characters in the HTML page, file names and plurals

HOSTILE = "\x1b[31m\x07\x08\x0b\x7f\x9b2J\u202eevil\u2066x\u2069"


def test_html_neutralises_control_characters_like_the_terminal(
    run: Run, tmp_path: Path
) -> None:
    """ESC, BEL, BS, VT, DEL, C1 controls and bidi overrides in the article (and its
    title) become U+FFFD in the page, as in the terminal report."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(f"Storm{HOSTILE} hits 14 towns.\n\nRain eased.\n", encoding="utf-8")
    new.write_text(f"Storm{HOSTILE} hits 22 towns.\n\nRain eased{HOSTILE}.\n",
                   encoding="utf-8")
    page_path = tmp_path / "r.html"
    result = run("compare", str(old), str(new), "--html", str(page_path), "-f", "html")
    assert result.code == 1, result.err
    for page in (result.out, page_path.read_text(encoding="utf-8")):
        for char in HOSTILE:
            if not char.isalnum() and char not in "[]":
                assert char not in page, repr(char)
        title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        # (VT is whitespace: the title, shortened at whitespace, shows it as a space)
        assert title.startswith("Storm\ufffd[31m\ufffd\ufffd \ufffd\ufffd2J\ufffdevil")
    text = run("compare", str(old), str(new), "--color", "never").out
    assert "Storm\ufffd[31m" in text


def test_file_name_with_newline_and_escape_is_escaped_in_errors(run: Run, tmp_path: Path,
                                                                pair: tuple[str, str]) -> None:
    """A file name holding a newline or ESC keeps the error on one line, shown escaped."""
    name = str(tmp_path / "nope\nx\x1b[31m.txt")
    result = run("compare", name, pair[1])
    assert_one_line_error(result, "nope\\nx\\x1b[31m.txt", "no such file")
    assert "\x1b" not in result.err


def test_file_name_with_controls_is_neutralised_in_report_headers(
    run: Run, tmp_path: Path
) -> None:
    """In the terminal and HTML headers a file name's controls are U+FFFD."""
    odd = tmp_path / "a\x1b[2Jb\u202e.txt"
    odd.write_text(OLD, encoding="utf-8")
    page = tmp_path / "r.html"
    result = run("compare", str(odd), str(odd), "--html", str(page), "--color", "never")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "a\ufffd[2Jb\ufffd.txt" in result.out
    html = page.read_text(encoding="utf-8")
    assert "\x1b" not in html and "\u202e" not in html and "a\ufffd[2Jb\ufffd.txt" in html


def test_hidden_figure_updates_are_counted_in_the_plural(run: Run, tmp_path: Path) -> None:
    """A collapsed line hiding two figure updates says "2 figure updates"."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Floods cut off 14 villages.\n\nRain fell on 300 homes.\n", encoding="utf-8")
    new.write_text("Floods cut off 22 villages.\n\nRain fell on 450 homes.\n\nA new line.\n",
                   encoding="utf-8")
    result = run("compare", str(old), str(new), "--only", "added", "--color", "never")
    assert result.code == 1, result.err
    assert "2 figure updates" in result.out and "2 figure update\n" not in result.out


# ---------------------------------------------------------------------------------------
# A code review's findings: stdout as the report, odd names, closed stdin, folders


def test_html_onto_standard_output_file_is_refused(pair: tuple[str, str],
                                                   tmp_path: Path) -> None:
    """``--html r.html > r.html`` would replace the file the text report goes to."""
    target = tmp_path / "r.html"
    with target.open("w") as out:
        proc = subprocess.run([*_command(), "compare", *pair, "--no-pager", "--html",
                               str(target)], stdout=out, stderr=subprocess.PIPE, text=True,
                              env=_env(), timeout=60)
    assert proc.returncode == 2
    _one_line(proc.stderr, str(target), "standard output")


def test_html_to_dev_null_with_dev_null_as_an_input_is_fine(run: Run,
                                                             pair: tuple[str, str]) -> None:
    """A device is written into, never replaced: it cannot clash with an input."""
    result = run("compare", os.devnull, pair[1], "--html", os.devnull, "-f", "json")
    assert result.code == 1, result.err


def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement_character(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    odd = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.txt")
    Path(odd).write_text(OLD, encoding="utf-8")
    report = tmp_path / "r.html"
    result = run("compare", odd, pair[1], "--html", str(report), "-f", "json")
    assert result.code == 1, result.err
    assert json.loads(result.out)["old"]["source"].endswith("caf\ufffd.txt")
    assert "caf\ufffd.txt" in report.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_closed_standard_input_is_one_line(pair: tuple[str, str]) -> None:
    proc = subprocess.run([*_command(), "compare", "-", pair[1]], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=_env(), timeout=60,
                          preexec_fn=lambda: os.close(0))
    assert proc.returncode == 2
    _one_line(proc.stderr, "<stdin>", "closed")


def test_an_empty_input_name_is_one_line(run: Run, pair: tuple[str, str]) -> None:
    assert_one_line_error(run("compare", "", pair[1]), "file name is empty")


def test_html_with_a_trailing_slash_names_a_folder(run: Run, pair: tuple[str, str],
                                                   tmp_path: Path) -> None:
    result = run("compare", *pair, "--html", f"{tmp_path / 'newname'}/")
    assert_one_line_error(result, "names a folder")
    assert not (tmp_path / "newname").exists()


def test_unknown_encoding_is_refused_before_reading(run: Run, pair: tuple[str, str]) -> None:
    assert_one_line_error(run("compare", "-", pair[1], "--encoding", "klingon",
                              stdin=OLD.encode()), "--encoding", "klingon")


def test_help_to_a_full_disk_is_one_line() -> None:
    if not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full character device")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*_command(), "--help"], stdout=full, stderr=subprocess.PIPE,
                              text=True, env=_env(), timeout=60)
    assert proc.returncode == 2
    _one_line(proc.stderr, "standard output", "no space left")


def test_eval_with_an_unreadable_expected_file_is_one_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "c1"
    case.mkdir()
    (case / "old.txt").write_text(OLD, encoding="utf-8")
    (case / "new.txt").write_text(NEW, encoding="utf-8")
    (case / "expected.json").write_text("{}", encoding="utf-8")
    read_text = Path.read_text

    def unreadable(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "expected.json":  # as for a non-root user after chmod 000
            raise PermissionError(13, "Permission denied")
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", unreadable)
    assert_one_line_error(run("eval", str(tmp_path)), "expected.json", "cannot read")


def test_html_into_a_folder_we_cannot_write_is_refused_before_reading(
    run: Run, pair: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page is written beside its target: a read-only folder is refused up front
    (as for a non-root user; root may write anywhere, so access is simulated here)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder
                        else access(p, mode))
    read: list[str] = []
    import revtrack.cli as cli

    real = cli.read_version
    monkeypatch.setattr(cli, "read_version", lambda *a: read.append(a[0]) or real(*a))
    result = run("compare", *pair, "--html", str(folder / "r.html"))
    assert_one_line_error(result, "r.html", "not writable")
    assert read == []  # refused before any input was read
