"""``pygraphics new-plugin NAME``: a course-staff member starts a plugin from the template."""

import os
import py_compile
import re
import subprocess
import sys

import pytest

from pygraphics_tools import cli
from pygraphics_tools.new_plugin import plugin_names, write_plugin


def test_every_name_comes_from_the_one_chosen():
    names = plugin_names("colour-mixer")
    assert (names.dist, names.package, names.entry_point, names.function, names.command,
            names.dialog, names.backend, names.title) == (
        "pygraphics-colour-mixer", "pygraphics_colour_mixer", "colour_mixer", "colour_mixer",
        "ColourMixer", "ColourMixerWindow", "ColourMixerBackend", "Colour mixer")
    assert plugin_names("pygraphics-colour_mixer") == names


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
    for path in target.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"__[A-Z][A-Z_]*__", text), f"a placeholder is left in {path}"
            if path.suffix == ".py":
                py_compile.compile(str(path), doraise=True, cfile=str(tmp_path / "compiled.pyc"))
    setup = (target / "setup.cfg").read_text(encoding="utf-8")
    assert "pygraphics =\n    colour_mixer = pygraphics_colour_mixer.plugin" in setup


def test_nothing_is_overwritten(tmp_path):
    write_plugin("colour-mixer", tmp_path)
    (tmp_path / "pygraphics-colour-mixer" / "README.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists"):
        write_plugin("colour-mixer", tmp_path)
    assert (tmp_path / "pygraphics-colour-mixer" / "README.md").read_text("utf-8") == "mine"


def test_the_command_line_writes_it_and_says_what_to_do_next(tmp_path, capsys):
    assert cli.main(["new-plugin", "colour-mixer", "--directory", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert f"pip install -e {tmp_path / 'pygraphics-colour-mixer'}" in printed
    assert "media.colour_mixer(...)" in printed
    assert cli.main(["new-plugin", "Bad Name", "--directory", str(tmp_path)]) == 2
    assert "cannot name a plugin" in capsys.readouterr().err


def _pip(*arguments):
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check",
                           *arguments], capture_output=True, text=True, timeout=300)


def test_freshly_generated_it_installs_and_its_own_tests_pass_unchanged(tmp_path, gui_display):
    """The promise of the template, checked end to end in this very environment."""
    target = write_plugin("template-check", tmp_path)
    installed = _pip("install", "--no-deps", "--no-build-isolation", "-e", str(target))
    assert installed.returncode == 0, (
        "pip could not install the new plugin (building it without isolation needs the "
        f"'wheel' package, part of PyGraphics' test extras):\n{installed.stderr[-3000:]}")
    try:
        environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if gui_display:
            environment["DISPLAY"] = gui_display
        environment.pop("PYGRAPHICS_HEADLESS", None)
        tests = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"], cwd=target,
            env=environment, capture_output=True, text=True, timeout=300)
        assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
        assert re.search(r"\b6 passed\b", tests.stdout), tests.stdout[-2000:]
    finally:
        removed = _pip("uninstall", "--yes", "pygraphics-template-check")
        assert removed.returncode == 0, removed.stderr
