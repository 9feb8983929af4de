"""Course staff follow docs/tutorial.rst step by step, and it works exactly as written.

The tutorial's own code blocks are the material: a block after a comment
``.. tutorial-file: PATH`` is written to PATH (a later block for the same
path replaces the file, as the reader would edit it), and a console block
after ``.. tutorial-run: FOLDER`` is run there, command by command, in
document order, with its output compared to the one the page shows (``...``
stands for anything, as in a doctest). ``; window TITLE`` after the folder
means the commands open a window: we wait for it on the screen, look at it,
and press Enter in it, as the reader would, before the program can end.

The reader's Python environment is a fresh virtual environment made for the
test, which sees everything installed in ours (PyGraphics and its plugins)
through a ``.pth`` file, so that ``pip install -e .`` installs the tutorial's
plugin into it only: other tests running at the same time never see it, and
nothing needs uninstalling afterwards. In the commands, ``python`` is that
environment's Python and ``pygraphics`` its ``python -m
pygraphics_tools.cli``; ``pip install`` gets ``--no-deps`` (and
``--no-build-isolation`` when we have setuptools) so that it works without
a network.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import shlex
import subprocess
import sys
import sysconfig
import textwrap
import venv
from dataclasses import dataclass
from pathlib import Path

from suite_helpers import dark_text_on_light, kill_processes_of

TUTORIAL = Path(__file__).resolve().parent.parent / "docs" / "tutorial.rst"

#: Bound on any one command of the tutorial (pip install takes a few seconds).
COMMAND_TIMEOUT = 90.0

_MARKER = re.compile(r"^\.\. tutorial-(file|run): *(.+?) *$")
_CODE_BLOCK = re.compile(r"^\.\. code-block::")


@dataclass
class Step:
    """One marked block of the tutorial: a file to write or commands to run."""

    kind: str  # "file" or "run"
    target: str  # the file's path, or the folder to run in
    window: str | None  # for "run": the title of the window the commands open
    text: str  # the block's content, dedented
    line: int  # where the block starts in the page, for failure messages


def read_steps(path: Path = TUTORIAL) -> list[Step]:
    """Return the tutorial's marked blocks in the order the page gives them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    steps = []
    for number, line in enumerate(lines):
        marker = _MARKER.match(line)
        if not marker:
            continue
        kind, spec = marker.groups()
        target, _, option = (part.strip() for part in spec.partition(";"))
        window = None
        if option:
            assert option.startswith("window "), f"line {number + 1}: unknown option {option!r}"
            window = option.removeprefix("window ").strip()
        start = next(index for index in range(number + 1, len(lines))
                     if lines[index].strip())
        assert _CODE_BLOCK.match(lines[start]), (
            f"line {number + 1}: a tutorial-{kind} comment must be followed by a code-block")
        body = []
        for text in lines[start + 1:]:
            if text.strip() and not text.startswith(" "):
                break
            body.append(text)
        steps.append(Step(kind, target, window, textwrap.dedent("\n".join(body)).strip("\n"),
                          start + 2))
    return steps


def commands_of(console_block: str) -> list[tuple[str, str]]:
    """Split a console block into ``(command, output shown)`` pairs."""
    pairs: list[tuple[str, list[str]]] = []
    for line in console_block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        else:
            assert pairs, f"output before any command: {line!r}"
            pairs[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in pairs]


#: The lines of ``~`` and ``^`` that Python 3.11 and newer print beneath the
#: code of a traceback's frame (3.13 beneath more of them): the page leaves
#: them out, so that it shows what every Python we support prints.
_TRACEBACK_MARKS = re.compile(r"^ *[~^]+ *\n", flags=re.MULTILINE)


def output_matches(shown: str, actual: str) -> bool:
    """True if ``actual`` is what the page shows, ``...`` standing for anything."""
    checker = doctest.OutputChecker()
    actual = _TRACEBACK_MARKS.sub("", actual.rstrip() + "\n")
    return checker.check_output(shown.rstrip() + "\n", actual, doctest.ELLIPSIS)


class ReadersEnvironment:
    """A virtual environment of its own that sees our installed packages."""

    def __init__(self, folder: Path):
        venv.EnvBuilder(with_pip=False).create(folder)
        scripts = "Scripts" if os.name == "nt" else "bin"
        self.python = str(folder / scripts / ("python.exe" if os.name == "nt" else "python"))
        own_site = subprocess.run(
            [self.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True, timeout=30).stdout.strip()
        ours = sysconfig.get_paths()["purelib"]
        # addsitedir (not a plain path line) so that our own .pth files run
        # too: they are what makes the editable installs importable.
        Path(own_site, "pygraphics-tutorial-test.pth").write_text(
            f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")

    def argv(self, command: str) -> list[str]:
        """Turn a command as the page writes it into the arguments to run."""
        words = shlex.split(command)
        if words[0] == "python":
            words[0] = self.python
            if words[1:4] == ["-m", "pip", "install"]:
                words[4:4] = ["--no-deps", "--disable-pip-version-check"]
                if importlib.util.find_spec("setuptools") is not None:
                    # Build with our setuptools: no download. (Python 3.12's
                    # venv has none; pip then fetches one, as dev.py does.)
                    words[4:4] = ["--no-build-isolation"]
            return words
        if words[0] == "pygraphics":
            return [self.python, "-m", "pygraphics_tools.cli", *words[1:]]
        raise AssertionError(f"the tutorial runs {words[0]!r}; this test knows python "
                             f"and pygraphics")


    def end_its_processes(self) -> None:
        """Kill every process still running this environment's Python (after a failure)."""
        kill_processes_of(self.python)


def environment() -> dict[str, str]:
    """The reader's environment variables: a screen, and no headless mode."""
    variables = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    variables.pop("PYGRAPHICS_HEADLESS", None)
    return variables


def run_and_close_window(argv, folder, title, gui_screen) -> str:
    """Run a program that opens a window titled ``title``; look at it and press Enter."""
    program = subprocess.Popen(argv, cwd=folder, env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        try:
            (window,) = gui_screen.wait_for_windows(title, 1, timeout=30)
        except AssertionError:
            program.kill()
            output = program.communicate(timeout=10)[0].decode("utf-8", "replace")
            raise AssertionError(f"no window titled {title!r} appeared; the program said:\n"
                                 f"{output}") from None
        picture = gui_screen.wait_until_seen(window, dark_text_on_light, "dark text on light")
        width, height = picture.size
        assert width > 150 and height > 60, f"the window is only {width}x{height}"
        assert program.poll() is None, "the program ended while its window was open"
        gui_screen.press(window, "Return")
        gui_screen.wait_for_windows(title, 0)
        output = program.communicate(timeout=COMMAND_TIMEOUT)[0]
    finally:
        if program.poll() is None:
            program.kill()
            program.wait(timeout=10)
    return output.decode("utf-8", "replace")


def test_the_tutorial_works_exactly_as_written(tmp_path, gui_display, gui_screen):
    steps = read_steps()
    assert [step.kind for step in steps].count("run") >= 4, "the tutorial lost its commands"
    titles = {step.window for step in steps if step.window}
    left_over = {title: gui_screen.windows(title) for title in titles if gui_screen.windows(title)}
    assert not left_over, (f"windows {sorted(left_over)} are already on the screen "
                           f"{gui_display}: close them, or this test cannot tell them apart")
    reader = ReadersEnvironment(tmp_path / "readers-venv")
    try:
        follow_the_tutorial(steps, reader, tmp_path / "tutorial", gui_screen)
    finally:
        reader.end_its_processes()


def follow_the_tutorial(steps: list[Step], reader: ReadersEnvironment, work: Path,
                        gui_screen) -> None:
    """Write the files and run the commands of ``steps``, checking each output."""
    work.mkdir()
    written: list[str] = []
    unhandled_seen = False
    for step in steps:
        if step.kind == "file":
            path = work / step.target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step.text + "\n", encoding="utf-8")
            written.append(step.target)
            continue
        folder = work / step.target
        for command, shown in commands_of(step.text):
            argv = reader.argv(command)
            if step.window:
                actual = run_and_close_window(argv, folder, step.window, gui_screen)
                status = 0
            else:
                finished = subprocess.run(argv, cwd=folder, env=environment(),
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                          timeout=COMMAND_TIMEOUT)
                actual = finished.stdout.decode("utf-8", "replace")
                status = finished.returncode
            assert output_matches(shown, actual), (
                f"docs/tutorial.rst line {step.line}: `{command}` printed\n{actual}\n"
                f"but the page shows\n{shown}")
            expected_to_fail = shown.startswith("Traceback")
            assert (status != 0) == expected_to_fail, (
                f"`{command}` ended with status {status}:\n{actual}")
            if "UNHANDLED" in shown:
                unhandled_seen = True
                # The error is real only if the GUI process could not know
                # the command: no plugin module and no entry point existed yet.
                assert not any(name.endswith(("plugin.py", "setup.cfg")) for name in written)
    assert unhandled_seen, "the tutorial no longer shows the UNHANDLED error"
    # The reader ends with the distribution the page describes.
    package = work / "pygraphics-shout" / "pygraphics_shout"
    assert sorted(path.name for path in package.glob("*.py")) == [
        "__init__.py", "backend.py", "commands.py", "front_end.py", "plugin.py", "window.py"]


def test_our_own_python_does_not_see_the_tutorial_plugin():
    # The reader's environment is the only one the tutorial installs into.
    finished = subprocess.run(
        [sys.executable, "-c", "import importlib.metadata as m; "
         "print([d.metadata['Name'] for d in m.distributions()])"],
        capture_output=True, text=True, timeout=30, check=True)
    assert "pygraphics-shout" not in finished.stdout
    assert "pygraphics-say" in finished.stdout


def test_read_steps_finds_files_and_commands_in_order(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text(textwrap.dedent("""\
        Text.

        .. tutorial-file: dist/pkg/mod.py

        .. code-block:: python

           def f():
               return 1

        More text.

        .. tutorial-run: dist ; window Hello

        .. code-block:: console

           $ python -c "print(1)"
           1
           $ pygraphics plugins
           ...
        After.
        """), encoding="utf-8")
    first, second = read_steps(page)
    assert (first.kind, first.target, first.text) == ("file", "dist/pkg/mod.py",
                                                     "def f():\n    return 1")
    assert (second.kind, second.target, second.window) == ("run", "dist", "Hello")
    assert commands_of(second.text) == [('python -c "print(1)"', "1"),
                                        ("pygraphics plugins", "...")]


def test_shown_output_must_match_with_only_ellipses_free():
    assert output_matches("a\n...\nz", "a\nb\nc\nz\n")
    assert not output_matches("a\n...\nz", "a\nb\nc\ny\n")
    assert not output_matches("HELLO, WORLD", "Hello, world")
    # Python 3.13 marks the failing expression beneath a frame's code.
    assert output_matches('  File "x.py", line 3\n    shout("Hi")\nError',
                          '  File "x.py", line 3\n    shout("Hi")\n    ~~~~~^^^^^^\nError\n')
