"""The course-staff guide's plugin, as a course-staff member would install and test it.

``docs/examples/pygraphics-region`` is the one-file plugin the guide shows
(``media.choose_region``: a rectangle dragged on a picture). Here it is
installed with pip and its own tests run, with no program on the PATH (so no
xdotool), as on Windows and macOS: a drag at picture coordinates in the test's
process and in a student's real GUI process, headless answers, and a notebook's.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "pygraphics-region"

#: The example's names, and the ones it gets here: a machine may have a real
#: pygraphics-region installed, which this test must neither replace nor
#: clash with (two plugins that give one name both lose it).
RENAMED = {"pygraphics-region": "pygraphics-region-docs-check",
           "pygraphics_region": "pygraphics_region_docs_check",
           "choose_region": "choose_region_docs_check",
           "ChooseRegion": "ChooseRegionDocsCheck"}


def renamed_copy(folder: Path) -> Path:
    pattern = re.compile("|".join(sorted(map(re.escape, RENAMED), key=len, reverse=True)))
    target = folder / RENAMED["pygraphics-region"]
    for source in EXAMPLE.rglob("*"):
        if source.is_dir() or "__pycache__" in source.parts or ".egg-info" in str(source):
            continue
        relative = pattern.sub(lambda match: RENAMED[match.group(0)],
                               source.relative_to(EXAMPLE).as_posix())
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        destination.write_text(pattern.sub(lambda match: RENAMED[match.group(0)], text),
                               encoding="utf-8")
    return target


def pip(*arguments):
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check",
                           *arguments], capture_output=True, text=True, timeout=300)


def test_the_guides_one_file_plugin_installs_and_its_tests_pass_with_no_xdotool(
        tmp_path, gui_display):
    target = renamed_copy(tmp_path)
    assert sorted(path.relative_to(target).as_posix() for path in target.rglob("*")
                  if path.is_file()) == [
        "pygraphics_region_docs_check.py", "pyproject.toml",
        "tests/test_choose_region_docs_check.py"]
    installed = pip("install", "--no-deps", "--no-build-isolation", "-e", str(target))
    assert installed.returncode == 0, installed.stderr[-3000:]
    try:
        empty = tmp_path / "no-programs"
        empty.mkdir()
        environment = {**os.environ, "PATH": str(empty), "PYTHONDONTWRITEBYTECODE": "1"}
        environment.pop("PYGRAPHICS_HEADLESS", None)
        if gui_display:
            environment["DISPLAY"] = gui_display
        assert shutil.which("xdotool", path=environment["PATH"]) is None
        tests = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"],
                               cwd=target, env=environment, capture_output=True, text=True,
                               timeout=300)
        assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
        assert re.search(r"\b5 passed\b", tests.stdout), tests.stdout[-2000:]
    finally:
        removed = pip("uninstall", "--yes", RENAMED["pygraphics-region"])
        assert removed.returncode == 0, removed.stderr


def test_the_guide_shows_the_files_new_plugin_writes(tmp_path):
    from pygraphics_tools.new_plugin import write_plugin

    guide = (ROOT / "docs" / "course-staff.rst").read_text(encoding="utf-8")
    command = re.search(r"pygraphics new-plugin (region --one-file .*)", guide).group(1)
    assert command == "region --one-file --function choose_region --command ChooseRegion"
    target = write_plugin("region-guide-check", tmp_path, one_file=True,
                          function="choose_region_guide_check", command="ChooseRegionGuideCheck")
    written = sorted(path.relative_to(target).as_posix() for path in target.rglob("*")
                     if path.is_file())
    assert written == ["pygraphics_region_guide_check.py", "pyproject.toml",
                       "tests/test_choose_region_guide_check.py"]
    for name in ("``pyproject.toml``", "``pygraphics_region.py``",
                 "``tests/test_choose_region.py``"):
        assert name in guide


@pytest.mark.parametrize("name", ["pyproject.toml", "pygraphics_region.py",
                                  "tests/test_choose_region.py"])
def test_every_file_of_the_example_is_in_the_guide(name):
    guide = (ROOT / "docs" / "course-staff.rst").read_text(encoding="utf-8")
    assert f"examples/pygraphics-region/{name}" in guide
