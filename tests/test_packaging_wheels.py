"""Packaging as users get it: our built files, installed with pip in fresh virtual environments.

The slow packaging test (marker ``packaging``; deselect it with ``-m "not
packaging"``; it still runs in CI). Once per module it builds an sdist and
a wheel of the core and of each plugin with the standard ``build`` frontend,
as a packager would (without build isolation: offline, with the setuptools
and wheel of this environment), and a *wheelhouse* that stands in for PyPI,
offline:

- our wheels;
- what they need, packed back into wheels from the distributions installed
  here (Pillow, pluggy; pytest for the extra ``plugin-dev``; setuptools and
  wheel, with which pip builds a course's own plugin);
- a stand-in for PyGraphics 2.1 (2011, Python 2), which holds the name
  ``pygraphics`` on PyPI: its wheel installs ``pygraphics.pth`` and a
  ``pygraphics/media.py`` whose import fails as 2.1's does in Python 3.

Every environment is new, its programs run from a temporary folder (no
source tree on ``sys.path``), and its pip sees only the wheelhouse
(``PIP_NO_INDEX``, ``PIP_FIND_LINKS``), so the commands run exactly as the
docs write them. The console blocks of docs/guide/install.rst and
docs/course-staff.rst run here, in order, each page in an environment of its
own (see :func:`command_blocks` for their markers).
"""

from __future__ import annotations

import base64
import configparser
import csv
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import textwrap
import venv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import packaging.tags
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from suite_helpers import block_body, dark_text_on_light, kill_processes_of

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_SOURCES = sorted(path.parent for path in (ROOT / "plugins").glob("*/setup.cfg"))
SOURCES = [ROOT, *PLUGIN_SOURCES]
DOCS = ROOT / "docs"
#: The pages whose console blocks run here (the tutorial has its own test).
RUN_PAGES = [DOCS / "guide" / "install.rst", DOCS / "course-staff.rst"]

#: Bounds: one build, one pip command, any other command of the docs; and
#: one test, which may build everything and make an environment first.
BUILD_TIMEOUT = 180.0
PIP_TIMEOUT = 240.0
COMMAND_TIMEOUT = 120.0
TEST_TIMEOUT = 900.0


def packaging_test(test):
    """Mark ``test`` as part of the slow packaging test, with a bound of its own."""
    return pytest.mark.packaging(pytest.mark.timeout(TEST_TIMEOUT)(test))


def read_setup_cfg(path: Path) -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(path, encoding="utf-8")
    return config


def our_version() -> str:
    return read_setup_cfg(ROOT / "setup.cfg").get("metadata", "version")


# --- Wheels written here: the stand-in for 2.1, and installed distributions packed back


def write_wheel(folder: Path, stem: str, tag: str, files: dict[str, bytes]) -> Path:
    """Write the wheel ``{stem}-{tag}.whl`` holding ``files`` (path: content) and its RECORD."""
    record_path = f"{stem}.dist-info/RECORD"
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for path, content in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=")
        writer.writerow([path, f"sha256={digest.decode()}", len(content)])
    writer.writerow([record_path, "", ""])
    wheel = folder / f"{stem}-{tag}.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(path, content)
        archive.writestr(record_path, record.getvalue())
    return wheel


#: Files pip writes when it installs, which are no part of a wheel.
_INSTALLER_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def wheel_of_installed(name: str, folder: Path) -> Path:
    """Pack the distribution ``name``, as installed here, back into a wheel in ``folder``.

    Its files are the ones its RECORD lists inside site-packages; scripts
    (outside it) are left out, as pip writes them anew from the entry points.
    """
    distribution = importlib.metadata.distribution(name)
    wheel_file = distribution.read_text("WHEEL")
    assert wheel_file and distribution.files, (
        f"{name} was not installed from a wheel, so it cannot be packed again for the test")
    # Of the tags it was built for (py2-none-any and py3-none-any...), one
    # that this Python takes, so that pip here takes the wheel too.
    supported = {str(tag) for tag in packaging.tags.sys_tags()}
    tag = next(tag for tag in (line.partition(":")[2].strip() for line in wheel_file.splitlines()
                               if line.startswith("Tag:"))
               if tag in supported)
    files = {}
    for path in distribution.files:
        if (path.parts[0] == ".." or "__pycache__" in path.parts or path.suffix == ".pyc"
                or (path.parts[0].endswith(".dist-info") and path.name in _INSTALLER_FILES)):
            continue
        files[path.as_posix()] = Path(distribution.locate_file(path)).read_bytes()
    # (Not the .dist-info folders of what setuptools vendors, deeper down.)
    [info_folder] = {path.split("/")[0] for path in files
                     if path.split("/")[0].endswith(".dist-info")}
    return write_wheel(folder, info_folder.removesuffix(".dist-info"), tag, files)


def installed_closure(names: list[str]) -> list[str]:
    """``names`` and everything they need, as installed here."""
    needed: set[str] = set()
    waiting = list(names)
    while waiting:
        name = canonicalize_name(waiting.pop())
        if name in needed:
            continue
        needed.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                waiting.append(requirement.name)
    return sorted(needed)


def what_our_wheels_need() -> list[str]:
    """The distributions, not ours, that installing ours and building a plugin needs."""
    core = read_setup_cfg(ROOT / "setup.cfg")
    wanted = [*core.get("options", "install_requires").splitlines(),
              *core.get("options.extras_require", "plugin-dev").splitlines()]
    for source in SOURCES:
        config = read_setup_cfg(source / "setup.cfg")
        wanted += config.get("options", "install_requires").splitlines()
        pyproject = (source / "pyproject.toml").read_text(encoding="utf-8")
        wanted += re.findall(r'"([^"]+)"', re.search(r"requires = \[(.*?)\]", pyproject).group(1))
    names = {canonicalize_name(Requirement(line).name) for line in wanted if line.strip()}
    return installed_closure(sorted(name for name in names if not name.startswith("pygraphics")))


def write_pygraphics_2_1(folder: Path) -> Path:
    """A stand-in for PyGraphics 2.1 as pip installs it from PyPI in Python 3.

    2.1 is a distutils sdist (``extra_path = "pygraphics"``): its modules go
    into ``site-packages/pygraphics/``, which ``pygraphics.pth`` puts on
    ``sys.path``, and its ``import media`` fails with "No module named 'Image'".
    """
    info = "PyGraphics-2.1.dist-info"
    files = {
        "pygraphics.pth": b"pygraphics\n",
        "pygraphics/media.py": b'"""PyGraphics 2.1 (stand-in for the test)."""\n'
                               b"from picture import *\n",
        "pygraphics/picture.py": b"import Image\n",
        f"{info}/METADATA": b"Metadata-Version: 1.0\nName: PyGraphics\nVersion: 2.1\n"
                            b"Summary: Easily-accessible library for media manipulation\n",
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: the PyGraphics tests\n"
                         b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/top_level.txt": b"media\npicture\n",
    }
    return write_wheel(folder, "PyGraphics-2.1", "py3-none-any", files)


# --- Building, once per module


#: What no copy of the source tree holds: what .gitignore leaves out, and .git.
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", "__pycache__", "*.py[cod]", "*.egg-info",
                                     "build", "dist", "_build", ".pytest_cache", ".hypothesis",
                                     "screenshots")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Build an sdist and a wheel (from that sdist) of the core and each plugin.

    They are built from a copy of the source tree, as from a fresh checkout:
    setuptools writes into the tree it builds (``*.egg-info``), and another
    test run (CI runs one per Python at a time) may be building this one.
    """
    source_tree = tmp_path_factory.mktemp("source") / "pygraphics"
    shutil.copytree(ROOT, source_tree, ignore=_NOT_SOURCE)
    sources = [source_tree / source.relative_to(ROOT) for source in SOURCES]
    dist = tmp_path_factory.mktemp("dist")
    builds = [subprocess.Popen([sys.executable, "-m", "build", "--no-isolation",
                                "--outdir", str(dist), str(source)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
              for source in sources]
    try:
        for source, build in zip(sources, builds):
            output = build.communicate(timeout=BUILD_TIMEOUT)[0].decode("utf-8", "replace")
            assert build.returncode == 0, f"python -m build {source} failed:\n{output[-4000:]}"
    finally:
        for build in builds:
            if build.poll() is None:
                build.kill()
                build.wait(timeout=10)
    return dist


@pytest.fixture(scope="module")
def wheelhouse(built, tmp_path_factory) -> Path:
    """PyPI, offline: our wheels, what they need, and the stand-in for PyGraphics 2.1."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    for wheel in built.glob("*.whl"):
        shutil.copy(wheel, folder)
    for name in what_our_wheels_need():
        wheel_of_installed(name, folder)
    write_pygraphics_2_1(folder)
    return folder


# --- Fresh environments


@dataclass
class FreshEnvironment:
    """A new virtual environment whose pip sees only ``wheelhouse``."""

    folder: Path
    wheelhouse: Path
    python: Path = field(init=False)
    scripts: Path = field(init=False)

    def __post_init__(self):
        venv.EnvBuilder(with_pip=True).create(self.folder)
        self.scripts = self.folder / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.scripts / ("python.exe" if os.name == "nt" else "python")

    def variables(self, display: str | None = None) -> dict[str, str]:
        """The environment variables of a user of this environment (it is "activated")."""
        variables = {key: value for key, value in os.environ.items()
                     if not key.startswith(("PYTHON", "PIP_", "PYGRAPHICS_", "VIRTUAL_ENV"))
                     and key not in ("DISPLAY", "WAYLAND_DISPLAY")}
        variables.update(
            PATH=os.pathsep.join([str(self.scripts), os.environ.get("PATH", "")]),
            VIRTUAL_ENV=str(self.folder), PYTHONIOENCODING="utf-8",
            # PyPI is the wheelhouse; no configuration file of this machine counts.
            PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(self.wheelhouse),
            PIP_CACHE_DIR=str(self.folder / "pip-cache"), PIP_DISABLE_PIP_VERSION_CHECK="1")
        if display:
            variables["DISPLAY"] = display
        return variables

    def argv(self, command: str) -> tuple[list[str], dict[str, str]]:
        """Arguments and extra variables of a command as the docs write it."""
        words = shlex.split(command)
        assigned = {}
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
            key, _, value = words.pop(0).partition("=")
            assigned[key] = value
        program = shutil.which(words[0], path=str(self.scripts))
        assert program, (f"`{command}`: this test runs the programs of the environment "
                         f"(python, pip, pygraphics), not {words[0]!r}")
        return [program, *words[1:]], assigned

    def run(self, command: str, folder: Path, display: str | None = None,
            answers: str = "", timeout: float = COMMAND_TIMEOUT):
        """Run ``command`` in ``folder``; return (exit status, what it printed)."""
        argv, assigned = self.argv(command)
        finished = subprocess.run(argv, cwd=folder, env={**self.variables(display), **assigned},
                                  input=answers.encode(), stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=timeout)
        return finished.returncode, finished.stdout.decode("utf-8", "replace")

    def distributions(self) -> dict[str, str]:
        """Name: version of every distribution installed in it."""
        status, output = self.run(
            "python -c \"import importlib.metadata as m, json; print(json.dumps("
            "{d.metadata['Name']: d.version for d in m.distributions()}))\"", self.folder)
        assert status == 0, output
        return json.loads(output)

    def end_its_processes(self) -> None:
        """Kill what still runs its Python (a GUI process left by a failed test)."""
        kill_processes_of(self.python)


@pytest.fixture
def fresh_environment(tmp_path, wheelhouse):
    environment = FreshEnvironment(tmp_path / "venv", wheelhouse)
    yield environment
    environment.end_its_processes()


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheelhouse):
    """A fresh environment with ``pip install "pygraphics[all]"`` done, and its user's folder."""
    environment = FreshEnvironment(tmp_path_factory.mktemp("installed") / "venv", wheelhouse)
    home = tmp_path_factory.mktemp("home")
    status, output = environment.run('python -m pip install "pygraphics[all]"', home,
                                     timeout=PIP_TIMEOUT)
    assert status == 0, output
    yield environment, home
    environment.end_its_processes()


# --- What the files hold


def wheel_names(built: Path, distribution: str) -> list[str]:
    [wheel] = built.glob(f"{distribution.replace('-', '_')}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def sdist_names(built: Path, distribution: str) -> list[str]:
    [sdist] = [path for path in built.glob("*.tar.gz")
               if canonicalize_name(path.name.rsplit("-", 1)[0]) == distribution]
    with tarfile.open(sdist) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


#: What no file we ship may hold: caches, build folders, environments, VCS.
_NEVER_SHIPPED = re.compile(
    r"(^|/)(__pycache__|\.pytest_cache|\.hypothesis|build|dist|\.venv[^/]*|\.git|_build)(/|$)"
    r"|\.py[cod]$")


@packaging_test
def test_every_distribution_is_built_as_an_sdist_and_a_wheel_of_our_version(built):
    version = our_version()
    names = sorted(path.name for path in built.iterdir())
    for source in SOURCES:
        name = read_setup_cfg(source / "setup.cfg").get("metadata", "name")
        assert f"{name.replace('-', '_')}-{version}-py3-none-any.whl" in names, names
        assert sdist_names(built, name), f"no sdist of {name}"
    assert len(names) == 2 * len(SOURCES), names


@packaging_test
def test_the_core_wheel_holds_the_samples_and_every_template_and_no_tests(built):
    names = wheel_names(built, "pygraphics")
    assert {"media.py", "pygraphics_tools/tour.py", "pygraphics_tools/cli.py"} <= set(names)
    samples = {f"pygraphics_core/samples/{path.name}"
               for path in (ROOT / "pygraphics_core" / "samples").glob("*.png")}
    assert len(samples) >= 3 and samples <= set(names), sorted(samples - set(names))
    template = ROOT / "pygraphics_gui" / "plugin_template"
    templates = {f"pygraphics_gui/plugin_template/{path.relative_to(template).as_posix()}"
                 for path in template.rglob("*.tmpl")}
    assert templates <= set(names), f"templates missing from the wheel: {templates - set(names)}"
    assert all(name.split("/")[0] in {"media.py", "pygraphics_core", "pygraphics_gui",
                                      "pygraphics_tools", f"pygraphics-{our_version()}.dist-info"}
               for name in names), [name for name in names if "/" not in name]
    assert not [name for name in names if _NEVER_SHIPPED.search(name)]


@packaging_test
def test_each_plugin_wheel_holds_its_package_only(built):
    for source in PLUGIN_SOURCES:
        package = source.name.replace("-", "_")
        names = wheel_names(built, source.name)
        assert f"{package}/plugin.py" in names, names
        outside = [name for name in names
                   if name.split("/")[0] not in {package, f"{package}-{our_version()}.dist-info"}]
        assert not outside, f"{source.name}'s wheel holds {outside}"
        assert not [name for name in names if _NEVER_SHIPPED.search(name)]


@packaging_test
def test_the_sdists_hold_no_tests_caches_or_build_folders(built):
    for source in SOURCES:
        name = read_setup_cfg(source / "setup.cfg").get("metadata", "name")
        names = sdist_names(built, name)
        assert {"setup.cfg", "pyproject.toml"} <= set(names), names
        assert not [entry for entry in names
                    if _NEVER_SHIPPED.search(entry) or entry.startswith("tests/")], names


# --- pip's choice between ours and PyGraphics 2.1


def dry_run(requirement: str, find_links: Path, folder: Path):
    """What pip would install for ``requirement`` in an empty environment (this Python)."""
    report = folder / "report.json"
    finished = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
         "--quiet", "--report", str(report), requirement],
        env={**{key: value for key, value in os.environ.items() if not key.startswith("PIP_")},
             "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
             "PIP_FIND_LINKS": str(find_links), "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        capture_output=True, text=True, timeout=PIP_TIMEOUT, cwd=folder)
    if finished.returncode != 0:
        return None, finished.stderr
    chosen = json.loads(report.read_text(encoding="utf-8"))["install"]
    return {item["metadata"]["name"].lower(): item["metadata"]["version"] for item in chosen}, ""


@packaging_test
def test_pip_takes_our_pygraphics_not_2_1_for_the_extra_all(wheelhouse, tmp_path):
    chosen, errors = dry_run("pygraphics[all]", wheelhouse, tmp_path)
    assert chosen is not None, errors
    ours = {name: version for name, version in chosen.items() if name.startswith("pygraphics")}
    assert ours == dict.fromkeys(["pygraphics", "pygraphics-ask", "pygraphics-pickers",
                                  "pygraphics-say", "pygraphics-show", "pygraphics-sound"],
                                 our_version()), chosen


@packaging_test
def test_a_plugin_alone_never_brings_pygraphics_2_1(wheelhouse, tmp_path):
    """Where only 2.1 is offered (our core not published, or this Python too old for it)."""
    without_our_core = tmp_path / "index"
    without_our_core.mkdir()
    for wheel in wheelhouse.glob("*.whl"):
        if not wheel.name.startswith(f"pygraphics-{our_version()}-"):
            shutil.copy(wheel, without_our_core)
    for source in PLUGIN_SOURCES:
        chosen, errors = dry_run(source.name, without_our_core, tmp_path)
        assert chosen is None, f"pip would install {chosen} for {source.name}"
        assert "pygraphics>=3" in errors, errors


# --- A student's environment: pip install "pygraphics[all]"


STUDENT_PROGRAM = """\
import sys
from importlib import resources

import media

beach = media.load_picture(str(resources.files("pygraphics_core") / "samples" / "beach.png"))
for pixel in beach:
    media.set_blue(pixel, 0)
media.save_as(beach, "beach-without-blue.png")
media.show(beach)
print("SHOWN", flush=True)
input()
media.close(beach)
print("FROM", *(sys.modules[name].__file__ for name in ("media", "pygraphics_core", "pygraphics_show")))
"""


def site_packages(environment: FreshEnvironment) -> str:
    status, output = environment.run(
        "python -c \"import sysconfig; print(sysconfig.get_paths()['purelib'])\"",
        environment.folder)
    assert status == 0, output
    return output.strip()


@packaging_test
def test_pip_installed_our_version_of_the_core_and_of_every_plugin(installed):
    environment, _ = installed
    distributions = {canonicalize_name(name): version
                     for name, version in environment.distributions().items()}
    for name in ["pygraphics", *(source.name for source in PLUGIN_SOURCES)]:
        assert distributions.get(name) == our_version(), distributions


@packaging_test
def test_a_students_program_loads_changes_saves_and_shows_a_picture(installed, gui_screen,
                                                                    tmp_path):
    environment, _ = installed
    (tmp_path / "no_blue.py").write_text(STUDENT_PROGRAM, encoding="utf-8")
    argv, _ = environment.argv("python no_blue.py")
    program = subprocess.Popen(argv, cwd=tmp_path, env=environment.variables(gui_screen.display),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        try:
            [window] = gui_screen.wait_for_windows("beach-without-blue.png", 1, timeout=60)
        except AssertionError:
            program.kill()
            raise AssertionError("no window showed the picture; the program said:\n"
                                 + program.communicate(timeout=10)[0].decode()) from None
        gui_screen.wait_until_seen(window, without_blue, "the picture without blue", timeout=20)
        output = program.communicate(input=b"\n", timeout=COMMAND_TIMEOUT)[0].decode()
    finally:
        if program.poll() is None:
            program.kill()
            program.wait(timeout=10)
    assert program.returncode == 0, output
    where = site_packages(environment)
    [files] = [line.split()[1:] for line in output.splitlines() if line.startswith("FROM ")]
    assert all(file.startswith(where) for file in files), (
        f"the program used {files}, not the installed copies in {where}")
    from PIL import Image

    with Image.open(tmp_path / "beach-without-blue.png") as saved:
        assert saved.size == (320, 200)
        assert saved.convert("RGB").getextrema()[2] == (0, 0), "the saved picture has blue"


def without_blue(shot) -> bool:
    """Whether a screenshot shows a picture with colours but (almost) no blue."""
    colours = shot.getcolors(maxcolors=1 << 16) or []
    pixels = sum(count for count, (red, green, blue) in colours if blue < 8)
    return len(colours) > 20 and pixels > 0.9 * shot.width * shot.height


@packaging_test
def test_headless_the_same_program_records_the_picture_instead(installed, tmp_path):
    environment, _ = installed
    (tmp_path / "no_blue.py").write_text(STUDENT_PROGRAM, encoding="utf-8")
    status, output = environment.run(
        "PYGRAPHICS_HEADLESS=1 PYGRAPHICS_HEADLESS_SAVE_TO=shown python no_blue.py", tmp_path,
        display=None, answers="\n")
    assert status == 0, output
    from PIL import Image

    [shown] = sorted((tmp_path / "shown").glob("*-show.png"))
    with Image.open(shown) as picture:
        assert picture.size == (320, 200)
        assert picture.convert("RGB").getextrema()[2] == (0, 0)


@packaging_test
def test_pygraphics_plugins_lists_the_five_installed_plugins(installed):
    environment, home = installed
    status, output = environment.run("pygraphics plugins", home)
    assert status == 0, output
    for source in PLUGIN_SOURCES:
        assert f"{source.name} {our_version()}  (entry point" in output, output


@packaging_test
def test_the_new_plugin_commands_work_after_the_students_install(installed, gui_screen,
                                                                 tmp_path):
    """What ``pygraphics new-plugin`` says to do next works where only [all] is installed."""
    environment, _ = installed
    status, output = environment.run("pygraphics new-plugin packaging-check", tmp_path)
    assert status == 0, output
    commands = [line.strip() for line in output.split("Next:", 1)[1].splitlines()
                if line.startswith("    ")]
    outputs = []
    for command in commands:
        if command.startswith("pygraphics call "):
            outputs.append(run_and_answer_window(environment, command, tmp_path,
                                                 "Packaging check", gui_screen))
            continue
        status, output = environment.run(command, tmp_path, display=gui_screen.display,
                                         timeout=PIP_TIMEOUT)
        assert status == 0, f"`{command}`, as new-plugin says, failed:\n{output[-3000:]}"
        outputs.append(output)
    # "N passed in": none failed, and none was skipped for want of what
    # the extra [test] should have brought (the notebook test's kernel).
    assert any(re.search(r"\b\d+ passed in\b", output) for output in outputs), (
        f"new-plugin's commands {commands} did not run all the plugin's tests:\n{outputs}")
    assert "confirmed = True" in outputs[-1], outputs[-1]


def run_and_answer_window(environment, command, folder, title, gui_screen) -> str:
    """Run a command that opens a window titled ``title``; look at it, press Enter in it."""
    argv, assigned = environment.argv(command)
    program = subprocess.Popen(argv, cwd=folder,
                               env={**environment.variables(gui_screen.display), **assigned},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        try:
            [window] = gui_screen.wait_for_windows(title, 1, timeout=60)
        except AssertionError:
            program.kill()
            raise AssertionError(f"`{command}` opened no window titled {title!r}; it said:\n"
                                 + program.communicate(timeout=10)[0].decode()) from None
        gui_screen.wait_until_seen(window, dark_text_on_light, "dark text on light")
        gui_screen.press(window, "Return")
        gui_screen.wait_for_windows(title, 0)
        output = program.communicate(timeout=COMMAND_TIMEOUT)[0].decode("utf-8", "replace")
    finally:
        if program.poll() is None:
            program.kill()
            program.wait(timeout=10)
    assert program.returncode == 0, output
    return output


# --- The docs' commands, as written


_MARKER = re.compile(r"^\.\. command-(run|not-run): *(.*?) *$")


@dataclass
class CommandBlock:
    """A console block of a page, and what its marker says about running it."""

    page: Path
    line: int
    commands: list[tuple[str, str]]  # (command, the output shown after it)
    marker: str | None  # "run", "not-run", or None when the block has no marker
    folder: str = "."
    options: set[str] = field(default_factory=set)  # "no screen", "with PyGraphics 2.1"
    window: str | None = None  # the title of the window the commands open
    reason: str = ""  # why a "not-run" block is not run

    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)} line {self.line}"


def command_blocks(page: Path) -> list[CommandBlock]:
    """The console blocks of ``page``, in order, with their markers.

    A comment ``.. command-run: FOLDER`` before a block runs its commands in
    FOLDER (below the page's own folder), comparing what each prints with
    the lines shown after it (``...`` stands for anything); a command must
    succeed unless what it shows is a traceback. Options follow
    ``;``: ``window TITLE`` (the commands open a window: the test looks at
    it and presses Enter), ``no screen`` (run them without a display),
    ``with PyGraphics 2.1`` (the stand-in for 2.1 is installed first). A
    comment ``.. command-not-run: WHY`` says why a block cannot run here.
    """
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = []
    marker = None
    for number, line in enumerate(lines):
        found = _MARKER.match(line.strip())
        if found:
            marker = found
            continue
        if line.strip() != ".. code-block:: console":
            continue
        body = block_body(lines, number)
        commands: list[tuple[str, list[str]]] = []
        for text in textwrap.dedent("\n".join(body)).strip("\n").splitlines():
            if text.startswith("$ "):
                commands.append((text[2:], []))
            else:
                assert commands, f"{page.name} line {number + 1}: output before a command"
                commands[-1][1].append(text)
        block = CommandBlock(page, number + 1,
                             [(command, "\n".join(shown)) for command, shown in commands],
                             marker.group(1) if marker else None)
        if block.marker == "not-run":
            block.reason = marker.group(2)
        elif block.marker == "run":
            block.folder, *options = (part.strip() for part in marker.group(2).split(";"))
            for option in options:
                if option.startswith("window "):
                    block.window = option.removeprefix("window ").strip()
                else:
                    assert option in ("no screen", "with PyGraphics 2.1"), (
                        f"{block.where()}: unknown option {option!r}")
                    block.options.add(option)
        blocks.append(block)
        marker = None
    return blocks


def output_matches(shown: str, actual: str) -> bool:
    """True if ``actual`` is what the page shows, ``...`` standing for anything."""
    import doctest

    return doctest.OutputChecker().check_output(shown.rstrip() + "\n", actual.rstrip() + "\n",
                                                doctest.ELLIPSIS)


def all_pages() -> list[Path]:
    return sorted([*DOCS.rglob("*.rst"), *(ROOT / "plugins").glob("*/docs/*.rst")])


def test_every_console_block_of_the_docs_is_run_or_says_why_not():
    unmarked = [block.where() for page in all_pages() if page.name != "tutorial.rst"
                for block in command_blocks(page) if block.marker is None]
    assert not unmarked, ("put `.. command-run: FOLDER` (run by tests/test_packaging_wheels.py) "
                          f"or `.. command-not-run: WHY` before these console blocks: {unmarked}")
    for page in all_pages():
        if page.name != "tutorial.rst" and page not in RUN_PAGES:
            assert all(block.marker == "not-run" for block in command_blocks(page)), (
                f"{page}: add it to RUN_PAGES in tests/test_packaging_wheels.py")


def test_shell_commands_in_the_docs_are_in_console_blocks():
    """A literal block (``::``) holding a command would not be run: it must be a console block."""
    command = re.compile(r"^\s+(\$ |pip |python3? -m |pygraphics |PYGRAPHICS_\w+=)")
    found = []
    for page in all_pages():
        lines = page.read_text(encoding="utf-8").splitlines()
        literal = False
        for number, line in enumerate(lines):
            if line.rstrip().endswith("::") and not line.lstrip().startswith(".. "):
                literal = True
            elif line.strip() and not line.startswith(" "):
                literal = False
            elif literal and command.match(line):
                found.append(f"{page.relative_to(ROOT)} line {number + 1}: {line.strip()}")
    assert not found, "\n".join(found)


def commands_shown(text: str) -> list[str]:
    """The commands a page shows: inline literals, and lines of code blocks that run pip."""
    inline = [" ".join(literal.split())
              for literal in re.findall(r"``(.+?)``|(?<!`)`([^`]+)`(?!`)", text, flags=re.DOTALL)
              for literal in literal if literal]
    in_blocks = re.findall(r"^\s*(?:\$ )?((?:python3? -m )?pip .+)$", text, flags=re.MULTILINE)
    return inline + in_blocks


def test_every_pip_wheel_command_names_a_folder(tmp_path):
    """``pip wheel NAME`` looks for NAME on PyPI: a plugin being written is a folder."""
    from pygraphics_tools.new_plugin import write_plugin

    generated = write_plugin("wheel-check", tmp_path)
    pages = [*all_pages(), ROOT / "README.md", *generated.glob("*.md"), *generated.rglob("*.rst")]
    found = 0
    for page in pages:
        for command in commands_shown(page.read_text(encoding="utf-8")):
            if not re.search(r"\bpip\s+wheel\s", command):
                continue
            words = shlex.split(command.split("#")[0])
            words = words[words.index("wheel") + 1:]
            arguments = [word for index, word in enumerate(words)
                         if not word.startswith("-") and (index == 0 or words[index - 1] != "-w")]
            assert arguments and all(word.startswith((".", "/")) or "/" in word
                                     for word in arguments), (
                f"{page}: `{command}` looks for {arguments} on PyPI, not in a folder: "
                f"write ./{arguments[-1] if arguments else 'FOLDER'}")
            found += 1
    assert found >= 2, "the docs no longer say how to build a wheel"


@packaging_test
@pytest.mark.parametrize("page", RUN_PAGES, ids=[page.stem for page in RUN_PAGES])
def test_the_commands_of_the_page_work_as_written(page, fresh_environment, wheelhouse,
                                                 gui_screen, tmp_path):
    blocks = [block for block in command_blocks(page) if block.marker == "run"]
    assert blocks, f"{page} has no commands to run"
    work = tmp_path / "work"
    for block in blocks:
        folder = work / block.folder
        folder.mkdir(parents=True, exist_ok=True)
        if "with PyGraphics 2.1" in block.options:
            status, output = fresh_environment.run(
                "python -m pip install --no-deps pygraphics==2.1", folder, timeout=PIP_TIMEOUT)
            assert status == 0, output
        display = None if "no screen" in block.options else gui_screen.display
        for command, shown in block.commands:
            if block.window:
                actual = run_and_answer_window(fresh_environment, command, folder, block.window,
                                               gui_screen)
                status = 0
            else:
                status, actual = fresh_environment.run(command, folder, display,
                                                       timeout=PIP_TIMEOUT)
            assert output_matches(shown, actual), (
                f"{block.where()}: `{command}` printed\n{actual}\nbut the page shows\n{shown}")
            expected_to_fail = shown.startswith("Traceback")
            assert (status != 0) == expected_to_fail, (
                f"{block.where()}: `{command}` ended with status {status}")
