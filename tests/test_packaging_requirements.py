"""Nothing we ship can pull in PyGraphics 2.1 by accident.

The name ``pygraphics`` on PyPI also holds PyGraphics 2.0, 2.0.1 and 2.1
(2011, Python 2). Its ``media`` is a top-level module like ours, so pip
installing it for us gives a student ``import media`` failing with "No
module named 'Image'". Each requirement on the core, wherever we write one
(the core's extras, every plugin, the plugin that ``pygraphics new-plugin``
writes, the tutorial's plugin, the commands in the docs), is read here the
way pip reads it (``packaging``'s Requirement) and must refuse every 2.x
release while accepting the version we ship. And that version must be a
final release: pip passes a pre-release over for 2.1 when both are offered.
(tests/test_packaging_wheels.py checks the same with pip itself.)
"""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from packaging.utils import canonicalize_name
from packaging.version import Version

from pygraphics_tools.new_plugin import write_plugin
from suite_helpers import block_body

ROOT = Path(__file__).resolve().parent.parent

#: The releases of the other PyGraphics on PyPI, and one it could still make.
PYGRAPHICS_2 = ["2.0", "2.0.1", "2.1", "2.99"]

#: Where the docs are: ours, and the pages each plugin carries.
DOC_PAGES = sorted([*(ROOT / "docs").rglob("*.rst"), *(ROOT / "plugins").glob("*/docs/*.rst"),
                    ROOT / "README.md"])


def read_setup_cfg(path: Path) -> configparser.ConfigParser:
    """Read a setup.cfg as setuptools does (configparser, no interpolation)."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(path, encoding="utf-8")
    return config


def lines_of(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def requirements_of(config: configparser.ConfigParser) -> dict[str, list[Requirement]]:
    """Map "install_requires" and each "extra NAME" to its requirements."""
    found = {"install_requires": [Requirement(line) for line in
                                  lines_of(config.get("options", "install_requires",
                                                      fallback=""))]}
    if config.has_section("options.extras_require"):
        for extra, value in config.items("options.extras_require"):
            found[f"extra {extra}"] = [Requirement(line) for line in lines_of(value)]
    return found


def requirements_of_pyproject(path: Path) -> dict[str, list[Requirement]]:
    """The same map for a pyproject.toml's [project] (PEP 621)."""
    project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    found = {"install_requires": [Requirement(line) for line in project.get("dependencies", [])]}
    for extra, lines in project.get("optional-dependencies", {}).items():
        found[f"extra {extra}"] = [Requirement(line) for line in lines]
    return found


def version_of(config: configparser.ConfigParser) -> Version:
    return Version(config.get("metadata", "version"))


CORE = read_setup_cfg(ROOT / "setup.cfg")
OUR_VERSION = version_of(CORE)
PLUGINS = {path.parent.name: read_setup_cfg(path)
           for path in sorted((ROOT / "plugins").glob("*/setup.cfg"))}


def check_requirement_on_core(requirement: Requirement, where: str) -> None:
    """Fail unless ``requirement`` on pygraphics refuses every 2.x and accepts ours."""
    taken = [release for release in PYGRAPHICS_2 if requirement.specifier.contains(release)]
    assert not taken, (
        f"{where}: '{requirement}' accepts PyGraphics {', '.join(taken)} (2011, Python 2), "
        f"which pip may install from PyPI: write pygraphics>=3")
    assert requirement.specifier.contains(OUR_VERSION), (
        f"{where}: '{requirement}' refuses the PyGraphics we ship, {OUR_VERSION}")


def test_our_version_is_a_final_release_above_2():
    assert not OUR_VERSION.is_prerelease and not OUR_VERSION.is_devrelease, (
        f"setup.cfg: version {OUR_VERSION} is a pre-release: pip passes it over for "
        f"PyGraphics 2.1 from PyPI. Use a final release number (3.0.0).")
    assert OUR_VERSION.major >= 3


def test_every_plugin_has_our_version_and_requires_pygraphics_3():
    assert sorted(PLUGINS) == ["pygraphics-ask", "pygraphics-pickers", "pygraphics-say",
                               "pygraphics-show", "pygraphics-sound"]
    for folder, config in PLUGINS.items():
        assert version_of(config) == OUR_VERSION, f"plugins/{folder}/setup.cfg"
        on_core = [requirement for requirement in requirements_of(config)["install_requires"]
                   if canonicalize_name(requirement.name) == "pygraphics"]
        assert on_core, f"plugins/{folder}/setup.cfg does not require pygraphics"
        for requirement in on_core:
            check_requirement_on_core(requirement, f"plugins/{folder}/setup.cfg")


@pytest.mark.parametrize("one_file", [False, True], ids=["package", "one-file"])
def test_a_new_plugin_requires_pygraphics_3_and_its_test_extra_gives_plugin_dev(tmp_path,
                                                                                 one_file):
    target = write_plugin("requirement-check", tmp_path, one_file=one_file)
    requirements = (requirements_of_pyproject(target / "pyproject.toml") if one_file
                    else requirements_of(read_setup_cfg(target / "setup.cfg")))
    check_requirements_on_core(requirements, "the template")
    [core] = requirements["install_requires"]
    assert core.name == "pygraphics" and not core.extras
    [for_tests] = requirements["extra test"]
    assert for_tests.extras == {"plugin-dev"}


def check_requirements_on_core(requirements: dict[str, list[Requirement]], where: str) -> int:
    """Check every requirement on pygraphics among ``requirements``; return how many."""
    core_extras = {name.removeprefix("extra ") for name in requirements_of(CORE)}
    checked = 0
    for part, listed in requirements.items():
        for requirement in listed:
            if canonicalize_name(requirement.name) == "pygraphics":
                check_requirement_on_core(requirement, f"{where}, {part}")
                assert requirement.extras <= core_extras, f"{where}: {requirement}"
                checked += 1
    return checked


def test_the_plugins_the_docs_show_require_pygraphics_3():
    examples = sorted((ROOT / "docs").rglob("pyproject.toml"))
    assert examples, "the guide's example plugin is gone"
    for path in examples:
        requirements = requirements_of_pyproject(path)
        assert check_requirements_on_core(requirements, str(path.relative_to(ROOT))), path


def test_the_extras_name_each_standard_plugin_and_all_names_them_all():
    extras = requirements_of(CORE)
    for folder, config in PLUGINS.items():
        name = config.get("metadata", "name")
        extra = name.removeprefix("pygraphics-")
        [requirement] = extras[f"extra {extra}"]
        assert requirement.name == name
        assert requirement.specifier.contains(version_of(config)), requirement
        for release in PYGRAPHICS_2:
            assert not requirement.specifier.contains(release), (
                f"the extra [{extra}] accepts {name} {release}: that name is free on PyPI "
                f"today, but a 2.x there would not be ours")
    assert sorted(str(requirement) for requirement in extras["extra all"]) == sorted(
        str(requirement) for folder in PLUGINS
        for requirement in extras[f"extra {folder.removeprefix('pygraphics-')}"])


def test_plugin_dev_gives_course_staff_pytest_and_test_gives_our_suite_more():
    extras = requirements_of(CORE)
    plugin_dev = {canonicalize_name(requirement.name) for requirement in extras["extra plugin-dev"]}
    ours = {canonicalize_name(requirement.name) for requirement in extras["extra test"]}
    assert "pytest" in plugin_dev
    assert plugin_dev <= ours, "our suite runs the template's tests too"
    assert {"hypothesis", "twisted", "build", "packaging"} <= ours


def ini_blocks(page: Path) -> list[tuple[int, str]]:
    """The ``.. code-block:: ini`` blocks of a page, with their line numbers."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = []
    for number, line in enumerate(lines):
        if line.strip() == ".. code-block:: ini":
            blocks.append((number + 1, "\n".join(block_body(lines, number))))
    return blocks


def test_the_setup_cfg_the_docs_show_requires_pygraphics_3():
    shown = 0
    for page in DOC_PAGES:
        for line, block in ini_blocks(page):
            config = configparser.ConfigParser(interpolation=None)
            config.read_string(block.replace("\n   ", "\n"))
            shown += check_requirements_on_core(requirements_of(config),
                                                f"{page.relative_to(ROOT)} line {line}")
    assert shown, "the tutorial's setup.cfg no longer shows its requirement on pygraphics"


#: ``pip install`` in a console block (``$ ...``), or in an inline literal
#: (````...````, which may go on over a line break).
_PIP_INSTALL = re.compile(r"^\s*\$ ((?:python3? -m )?pip install .+)$"
                          r"|``((?:python3? -m )?pip\s+install\s[^`]+)``", flags=re.MULTILINE)


def pip_installs_in(pages: list[Path], root: Path) -> list[tuple[str, str]]:
    """Every ``pip install`` command the pages show: (where, command)."""
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for match in _PIP_INSTALL.finditer(text):
            line = text[:match.start()].count("\n") + 1
            command = " ".join((match.group(1) or match.group(2)).split())
            found.append((f"{page.relative_to(root)} line {line}", command))
    return found


def test_every_pip_install_in_the_docs_that_names_pygraphics_excludes_2(tmp_path):
    new_plugin = write_plugin("requirement-check", tmp_path)
    installs = [*pip_installs_in(DOC_PAGES, ROOT),
                *pip_installs_in([*new_plugin.glob("*.md"), *new_plugin.rglob("*.rst")], tmp_path)]
    assert len(installs) >= 5, installs
    named_the_core = 0
    for where, command in installs:
        # <the wheel's address> and the like stand for what the reader fills in.
        words = shlex.split(re.sub(r"<[^>]*>", "<placeholder>", command))
        for word in words[words.index("install") + 1:]:
            if word.startswith("-") or "/" in word or word.startswith(".") or "<" in word:
                continue  # an option, a path, a URL or a placeholder
            requirement = Requirement(word)
            if canonicalize_name(requirement.name) == "pygraphics":
                check_requirement_on_core(requirement, f"{where}: `{command}`")
                named_the_core += 1
    assert named_the_core, "no page tells how to install PyGraphics itself"


def test_this_check_catches_what_it_is_for():
    for written in ["pygraphics", "pygraphics>=2", "pygraphics>=2.0.1",
                    "pygraphics!=2.1"]:
        with pytest.raises(AssertionError, match="2011, Python 2"):
            check_requirement_on_core(Requirement(written), "here")
    with pytest.raises(AssertionError, match="refuses the PyGraphics we ship"):
        check_requirement_on_core(Requirement("pygraphics>=4"), "here")
