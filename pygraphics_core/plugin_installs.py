"""Where an installed plugin's code comes from: a folder being worked on, or a copy.

A plugin being written is installed with ``pip install -e FOLDER``
("editable"): the installed plugin *is* the folder, and every change to
its code counts at once. Installed without ``-e`` (or from another folder,
or from PyPI), it is a copy, frozen at the time of the install. Two
mistakes follow, and this module lets PyGraphics say what is going on:

* testing a folder while PyGraphics loads the copy: the tests pass or fail
  for code that is not the folder's (:func:`installed_copy_problem`, which
  PyGraphics' pytest plugin runs before a plugin's tests);
* changing an editable plugin's ``setup.cfg`` or ``pyproject.toml`` (an
  entry point, a module's name): pip read those when it installed the
  plugin, so the entry point still names the old module until the plugin
  is installed again (:func:`reinstall_hint`, which the plugin registry
  adds to its report).

Both read what pip records about an install (``direct_url.json``, PEP
610) through :mod:`importlib.metadata`.
"""

from __future__ import annotations

import configparser
import json
import re
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    import importlib.metadata

__all__ = ["editable_folder", "installed_copy_problem", "plugin_project", "reinstall_hint"]

#: The entry point group of PyGraphics plugins.
GROUP = "pygraphics"


def editable_folder(distribution: importlib.metadata.Distribution) -> Path | None:
    """Return the folder ``distribution`` was installed from in editable mode, or None.

    None for a copy: installed without ``-e``, from a wheel, or from PyPI.
    """
    text = distribution.read_text("direct_url.json")
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not (record.get("dir_info") or {}).get("editable"):
        return None
    return _folder_of_url(record.get("url", ""))


def _folder_of_url(url: str) -> Path | None:
    if not url.startswith("file:"):
        return None
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    return Path(url2pathname(unquote(urlparse(url).path)))


def plugin_project(folder: Path) -> tuple[str, list[str]] | None:
    """Read the distribution name and the ``pygraphics`` entry points' modules of a project.

    ``folder`` holds ``pyproject.toml`` or ``setup.cfg``. None if it
    declares no PyGraphics plugin there.
    """
    name, modules = None, []
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        project = _read_toml(pyproject).get("project", {})
        name = project.get("name")
        modules = list(project.get("entry-points", {}).get(GROUP, {}).values())
    setup_cfg = folder / "setup.cfg"
    if not modules and setup_cfg.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(setup_cfg, encoding="utf-8")
        except configparser.Error:
            return None
        name = name or parser.get("metadata", "name", fallback=None)
        declared = parser.get("options.entry_points", GROUP, fallback="")
        modules = [line.partition("=")[2].strip() for line in declared.splitlines()
                   if "=" in line]
    modules = [module.partition(":")[0].strip() for module in modules if module.strip()]
    if not (name and modules):
        return None
    return name, modules


def _read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10: pytest brings tomli
        try:
            import tomli as tomllib
        except ImportError:
            return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}


def installed_copy_problem(folder: Path) -> str | None:
    """Say what is wrong if a plugin's tests in ``folder`` would not test its code; else None.

    Right is: the plugin declared in ``folder`` is installed in editable
    mode from ``folder``. The message says what is installed instead and
    the command that puts it right.
    """
    project = plugin_project(folder)
    if project is None:
        return None
    name, _ = project
    folder = folder.resolve()
    distribution = _installed_distribution(name, folder)
    if distribution is None:
        return (f"The plugin {name} in {folder} is not installed, so PyGraphics cannot load it "
                f"for its tests. Install it from this folder first: pip install -e {folder}")
    installed_from = editable_folder(distribution)
    if installed_from is not None and _same_folder(installed_from, folder):
        return None
    if installed_from is not None:
        how = f"installed in editable mode from another folder, {installed_from}"
    else:
        how = (f"a copy that pip installed without -e (version "
               f"{distribution.version}, in {distribution.locate_file('')})")
    return (f"These tests would test another {name}, not the code in {folder}: the {name} "
            f"that Python and PyGraphics load is {how}. Install this folder instead, in "
            f"editable mode: pip install -e {folder}\n"
            f"(To test the installed copy on purpose, run pytest with "
            f"--test-installed-plugin.)")


def _installed_distribution(name: str, folder: Path):
    """The distribution ``name`` as installed, or None.

    Metadata inside ``folder`` itself (a ``.egg-info`` that a build left
    there, found because the folder is the current one) is no install: the
    GUI processes of the tests never see it.
    """
    import importlib.metadata

    wanted = _normalized(name)
    for distribution in importlib.metadata.distributions():
        if _normalized(distribution.metadata["Name"] or "") != wanted:
            continue
        place = Path(str(distribution.locate_file(""))).resolve()
        if place == folder or folder in place.parents:
            continue
        return distribution
    return None


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _same_folder(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def reinstall_hint(distribution_name: str, module_name: str, error: BaseException) -> str:
    """A sentence to add when a plugin's entry point names a module that is not there; or "".

    For a ModuleNotFoundError about the entry point's own module (or its
    package): the plugin's files changed since pip installed it. Editable
    installs say which folder to install again.
    """
    module_name = module_name.partition(":")[0].strip()
    missing = getattr(error, "name", None)
    if not isinstance(error, ModuleNotFoundError) or not missing:
        return ""
    if not (module_name == missing or module_name.startswith(missing + ".")):
        return ""  # a module the plugin imports is missing: another story
    import importlib.metadata

    try:
        distribution = importlib.metadata.distribution(distribution_name)
    except importlib.metadata.PackageNotFoundError:
        return ""
    folder = editable_folder(distribution)
    if folder is None:
        return (f" Its entry point names the module '{module_name}', which its installed files "
                f"do not hold: reinstall it (pip install --force-reinstall "
                f"{distribution_name}).")
    return (f" Its entry point names the module '{module_name}', which is not in {folder}. "
            f"If you renamed a module or changed the entry points in its setup.cfg or "
            f"pyproject.toml, install it again so that pip reads them: pip install -e {folder}")

