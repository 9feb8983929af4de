"""``pygraphics new-plugin NAME``: a course-staff member starts a plugin from the template.

The generated plugins are installed with pip and their own tests run as
course staff run them, with no xdotool on the PATH (as on Windows and
macOS), in both forms: the one-file plugin and the package.
"""

import importlib
import importlib.util
import os
import py_compile
import re
import subprocess
import sys
import tkinter
from pathlib import Path

import pytest

from pygraphics_tools import cli
from pygraphics_tools.new_plugin import plugin_names, write_plugin

ROOT = Path(__file__).resolve().parents[1]


def test_every_name_comes_from_the_one_chosen():
    names = plugin_names("colour-mixer")
    assert (names.dist, names.package, names.entry_point, names.function, names.command,
            names.dialog, names.backend, names.title) == (
        "pygraphics-colour-mixer", "pygraphics_colour_mixer", "colour_mixer", "colour_mixer",
        "ColourMixer", "ColourMixerWindow", "ColourMixerBackend", "Colour mixer")
    assert plugin_names("pygraphics-colour_mixer") == names


def test_the_function_and_the_command_can_be_named_at_the_start():
    names = plugin_names("lab-region", function="choose_lab_region", command="ChooseLabRegion")
    assert (names.dist, names.package, names.entry_point, names.function, names.command,
            names.dialog, names.backend, names.title) == (
        "pygraphics-lab-region", "pygraphics_lab_region", "lab_region", "choose_lab_region",
        "ChooseLabRegion", "ChooseLabRegionWindow", "ChooseLabRegionBackend", "Choose lab region")


@pytest.mark.parametrize("function, command, explanation", [
    ("Choose", None, "'Choose' cannot name a media function: use lower-case letters"),
    ("choose-region", None, "use lower-case letters, digits and _"),
    ("lambda", None, "'lambda' is a Python keyword"),
    ("ask", None, "media.ask already comes with pygraphics-ask"),
    (None, "chooseRegion", "starting with a capital"),
    (None, "Choose-Region", "'Choose-Region' cannot name a command"),
    (None, "Hello", "PyGraphics itself has a command of that name"),
    (None, "Say", "the installed plugin 'pygraphics-say' has a command of that name"),
])
def test_a_function_or_command_name_that_cannot_work_is_refused(function, command, explanation):
    with pytest.raises(ValueError) as refused:
        plugin_names("lab-region", function=function, command=command)
    assert explanation in str(refused.value)


@pytest.mark.parametrize("bad, explanation", [
    ("Colour Mixer", "use lower-case letters and digits, words joined by '-', starting with "
                     "a letter (try 'colour-mixer')"),
    ("3d-view", "starting with a letter"),
    ("", "for example 'colour-mixer'"),
    ("class", "'class' is a Python keyword"),
    ("show", "media.show already comes with pygraphics-show"),
    ("load-picture", "media.load_picture already exists"),
])
def test_a_name_that_cannot_work_is_refused_with_the_reason(bad, explanation):
    with pytest.raises(ValueError) as refused:
        plugin_names(bad)
    assert explanation in str(refused.value)


def test_the_new_distribution_has_every_part(tmp_path):
    target = write_plugin("colour-mixer", tmp_path)
    assert target == tmp_path / "pygraphics-colour-mixer"
    files = sorted(path.relative_to(target).as_posix() for path in target.rglob("*")
                   if path.is_file())
    assert files == [
        "README.md", "docs/colour-mixer.rst",
        "pygraphics_colour_mixer/__init__.py", "pygraphics_colour_mixer/backend.py",
        "pygraphics_colour_mixer/commands.py", "pygraphics_colour_mixer/front_end.py",
        "pygraphics_colour_mixer/headless_answers.py",
        "pygraphics_colour_mixer/notebook_answers.py", "pygraphics_colour_mixer/plugin.py",
        "pygraphics_colour_mixer/window.py", "pyproject.toml", "setup.cfg",
        "tests/conftest.py", "tests/test_colour_mixer.py"]
    assert_complete_python(target, tmp_path)
    setup = (target / "setup.cfg").read_text(encoding="utf-8")
    assert "pygraphics =\n    colour_mixer = pygraphics_colour_mixer.plugin" in setup


def assert_complete_python(target, tmp_path):
    """No placeholder is left in the files written, and every module compiles."""
    for path in target.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"__[A-Z][A-Z_]*__", text), f"a placeholder is left in {path}"
            if path.suffix == ".py":
                py_compile.compile(str(path), doraise=True, cfile=str(tmp_path / "compiled.pyc"))


def test_the_one_file_plugin_is_a_project_file_a_module_and_a_test(tmp_path):
    target = write_plugin("lab-region", tmp_path, one_file=True, function="choose_lab_region",
                          command="ChooseLabRegion")
    files = sorted(path.relative_to(target).as_posix() for path in target.rglob("*")
                   if path.is_file())
    assert files == ["pygraphics_lab_region.py", "pyproject.toml",
                     "tests/test_choose_lab_region.py"]
    module = (target / "pygraphics_lab_region.py").read_text(encoding="utf-8")
    assert "class ChooseLabRegion(amp.Command):" in module
    assert "def choose_lab_region(message):" in module
    assert 'return {"choose_lab_region": choose_lab_region}' in module
    assert 'window.title("Choose lab region")' in module
    # Students' programs import it with media: it must not import Tk at its top.
    top = module[:module.index("def ")]
    assert "tkinter" not in top.replace('"""', "").split("from pygraphics_core")[1]
    project = (target / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.pygraphics]\nlab_region = "pygraphics_lab_region"' in project
    assert_complete_python(target, tmp_path)


def _import_from(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _closed_before_visible(tk_root, respond):
    """Call ``respond()`` while a driver closes its window just after it is mapped.

    The test driver's request arrives on a socket (here a pipe) as soon as
    it sees the window on the screen, before X has said it is visible: Tk
    handles it first, as it did in CI under load.
    """
    request, driver = os.pipe()
    closed = []

    def close_window(file, mask):
        os.read(request, 1)
        window, = (child for child in tk_root.winfo_children()
                   if isinstance(child, tkinter.Toplevel))
        closed.append(window.winfo_viewable())
        window.tk.call(window.protocol("WM_DELETE_WINDOW"))  # the close button

    def send_once_mapped(event):
        if isinstance(event.widget, tkinter.Toplevel) and not closed:
            os.write(driver, b"!")

    tk_root.tk.createfilehandler(request, tkinter.READABLE, close_window)
    tk_root.bind_all("<Map>", send_once_mapped)
    try:
        answer = respond()
    finally:
        tk_root.tk.deletefilehandler(request)
        os.close(request)
        os.close(driver)
    assert closed == [1]
    return answer


@pytest.mark.parametrize("one_file", [True, False], ids=["one-file", "package"])
def test_a_window_closed_as_soon_as_it_is_shown_still_answers(tmp_path, tk_root, one_file):
    """Once in CI the one-file window waited with ``wait_visibility()``: closed
    before X said it was visible, it raised "window ... was deleted before its
    visibility changed" instead of answering Cancel."""
    target = write_plugin("early-close", tmp_path, one_file=one_file)
    if one_file:
        module = _import_from(target / "pygraphics_early_close.py", "early_close_check")
    else:
        sys.path.insert(0, str(target))
        try:
            module = importlib.import_module("pygraphics_early_close.backend")
        finally:
            sys.path.remove(str(target))
            for name in [name for name in sys.modules if name.startswith("pygraphics_early")]:
                del sys.modules[name]
    backend = module.EarlyCloseBackend()
    answer = _closed_before_visible(tk_root, lambda: backend.early_close(message="Ready?"))
    assert answer == {"confirmed": False}


def test_the_guides_example_window_closed_as_soon_as_it_is_shown_still_answers(tk_root):
    from PIL import Image

    example = ROOT / "docs" / "examples" / "pygraphics-region" / "pygraphics_region.py"
    backend = _import_from(example, "region_example_check").RegionBackend()
    picture = Image.new("RGB", (40, 30), "orange")
    answer = _closed_before_visible(
        tk_root, lambda: backend.choose_region(picture=picture, prompt="Drag"))
    assert answer == {"corners": []}


def test_nothing_is_overwritten(tmp_path):
    write_plugin("colour-mixer", tmp_path)
    (tmp_path / "pygraphics-colour-mixer" / "README.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists"):
        write_plugin("colour-mixer", tmp_path)
    assert (tmp_path / "pygraphics-colour-mixer" / "README.md").read_text("utf-8") == "mine"


def test_the_command_line_writes_it_and_says_what_to_do_next(tmp_path, capsys):
    assert cli.main(["new-plugin", "colour-mixer", "--directory", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert f'python -m pip install -e "{tmp_path / "pygraphics-colour-mixer"}[test]"' in printed
    assert "media.colour_mixer(...)" in printed
    assert cli.main(["new-plugin", "Bad Name", "--directory", str(tmp_path)]) == 2
    assert "cannot name a plugin" in capsys.readouterr().err


def test_the_command_line_takes_the_form_and_the_names(tmp_path, capsys):
    assert cli.main(["new-plugin", "lab-region", "--one-file", "--function",
                     "choose_lab_region", "--command", "ChooseLabRegion",
                     "--directory", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "pygraphics call ChooseLabRegion message=Hello" in printed
    assert "media.choose_lab_region(...)" in printed
    assert (tmp_path / "pygraphics-lab-region" / "pygraphics_lab_region.py").is_file()
    assert cli.main(["new-plugin", "lab-region-2", "--minimal", "--directory",
                     str(tmp_path)]) == 0
    assert (tmp_path / "pygraphics-lab-region-2" / "pygraphics_lab_region_2.py").is_file()


def _pip(*arguments):
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check",
                           *arguments], capture_output=True, text=True, timeout=300)


def _without_xdotool(folder):
    """An environment whose PATH holds no program at all (so no xdotool), as on Windows."""
    empty = folder / "no-programs"
    empty.mkdir()
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PATH": str(empty)}
    environment.pop("PYGRAPHICS_HEADLESS", None)
    return environment


def _run_pytest(arguments, cwd, environment):
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           *arguments], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def installed(tmp_path):
    """Install a plugin folder with pip (editable or not); uninstall it after the test."""
    installed = []

    def install(folder, editable=True):
        result = _pip("install", "--no-deps", "--no-build-isolation",
                      *(["-e"] if editable else []), str(folder))
        assert result.returncode == 0, (
            "pip could not install the new plugin (building it without isolation needs the "
            f"'wheel' package, part of PyGraphics' test extras):\n{result.stderr[-3000:]}")
        installed.append(folder)

    yield install
    for folder in installed:
        removed = _pip("uninstall", "--yes", folder.name)  # the folder is named as the dist
        assert removed.returncode == 0, removed.stderr


@pytest.mark.parametrize("form", [
    {"name": "template-check"},
    {"name": "region-check", "one_file": True, "function": "choose_region_check",
     "command": "ChooseRegionCheck"},
], ids=["package", "one-file"])
def test_freshly_generated_it_installs_and_its_tests_pass_with_no_xdotool(
        tmp_path, gui_display, installed, form):
    """The promise of the template, checked end to end as course staff run it.

    No program is on the PATH: the tests press keys through Tk, in their
    own process and in the real GUI process of a real student's program.
    """
    target = write_plugin(directory=tmp_path, **form)
    installed(target)
    environment = _without_xdotool(tmp_path)
    if gui_display:
        environment["DISPLAY"] = gui_display
    tests = _run_pytest([], cwd=target, environment=environment)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    # The window, a student's program, headless and a notebook's kernel.
    assert re.search(r"\b6 passed\b", tests.stdout), tests.stdout[-2000:]


def test_the_tests_refuse_to_run_against_a_copy_installed_without_e(
        tmp_path, gui_display, installed):
    """``python -m pytest pygraphics-NAME`` tested the installed copy, bug and all."""
    target = write_plugin("stale-check", tmp_path, one_file=True)
    installed(target, editable=False)
    module = target / "pygraphics_stale_check.py"
    module.write_text(module.read_text(encoding="utf-8").replace(
        'window.title("Stale check")', 'window.title("A bug in the working copy")'),
        encoding="utf-8")
    environment = _without_xdotool(tmp_path)
    if gui_display:
        environment["DISPLAY"] = gui_display
    refused = _run_pytest([target.name], cwd=tmp_path, environment=environment)
    assert refused.returncode == pytest.ExitCode.USAGE_ERROR, refused.stdout + refused.stderr
    message = " ".join((refused.stdout + refused.stderr).split())
    assert f"not the code in {target.resolve()}" in message
    assert "a copy that pip installed without -e" in message
    assert f"pip install -e {target.resolve()}" in message
    # On purpose, it tests the installed copy (whose window title is right).
    on_purpose = _run_pytest([target.name, "--test-installed-plugin", "-k", "student"],
                             cwd=tmp_path, environment=environment)
    assert on_purpose.returncode == 0, on_purpose.stdout[-3000:]
