"""``pygraphics new-plugin NAME``: write a new plugin distribution to start from.

The new distribution (``pygraphics-NAME/``) is complete and working as
written: it installs with pip, PyGraphics finds it, and its tests pass, on
Windows, macOS and Linux. It comes in two forms.

``--one-file``: the smallest plugin, one module and an entry point::

    pygraphics-region/
        pyproject.toml          the distribution and its entry point
        pygraphics_region.py    command, media function, window, headless answer, hooks
        tests/test_choose_region.py

The default, a package with one short module per part, for a plugin that
will grow::

    pygraphics-colour-mixer/
        setup.cfg, pyproject.toml, README.md
        docs/colour-mixer.rst
        pygraphics_colour_mixer/
            commands.py  front_end.py  window.py  backend.py
            headless_answers.py  notebook_answers.py  plugin.py
        tests/
            conftest.py  test_colour_mixer.py

The example both hold, ``media.colour_mixer(message)``, shows a message with
OK and Cancel and returns True for OK: change it into what the course needs.
``--function`` and ``--command`` name the media function and the AMP command
(``pygraphics new-plugin region --function choose_region --command
ChooseRegion``), so that nothing needs renaming afterwards.

The files are made from the templates in ``pygraphics_gui/plugin_template``
and ``pygraphics_gui/plugin_template_one_file``, where ``__NAME__``,
``__DIST__``, ``__PACKAGE__``, ``__FUNCTION__``, ``__COMMAND__``... (in file
contents and in paths) stand for the names :func:`plugin_names` derives.
"""

from __future__ import annotations

import importlib.util
import keyword
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["ONE_FILE_TEMPLATE_FOLDER", "PluginNames", "TEMPLATE_FOLDER", "plugin_names",
           "write_plugin"]

def _gui_package_folder() -> Path:
    # The templates are mostly a plugin's GUI half (a Tk window, a backend),
    # so they are data of the GUI package. Finding that package's folder
    # does not import it: the core never runs GUI code.
    # (pygraphics_gui is part of the same distribution as the core.)
    spec = importlib.util.find_spec("pygraphics_gui")
    return Path(next(iter(spec.submodule_search_locations)))


#: Where the template files of a plugin package live (data of :mod:`pygraphics_gui`).
TEMPLATE_FOLDER = _gui_package_folder() / "plugin_template"
#: Where the template files of a one-file plugin live.
ONE_FILE_TEMPLATE_FOLDER = _gui_package_folder() / "plugin_template_one_file"
TEMPLATE_SUFFIX = ".tmpl"
DISTRIBUTION_PREFIX = "pygraphics-"
_NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")
_FUNCTION_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_COMMAND_PATTERN = re.compile(r"[A-Z][A-Za-z0-9]*")


@dataclass(frozen=True)
class PluginNames:
    """Every name of a new plugin, all derived from the one the author chose."""

    #: As chosen, in lower case with hyphens: ``colour-mixer``.
    name: str
    #: The distribution (for pip): ``pygraphics-colour-mixer``.
    dist: str
    #: The Python package: ``pygraphics_colour_mixer``.
    package: str
    #: The entry point's name: ``colour_mixer``.
    entry_point: str
    #: The media function: ``colour_mixer``, called as ``media.colour_mixer``.
    function: str
    #: The AMP command class: ``ColourMixer``.
    command: str
    #: The window class: ``ColourMixerWindow``.
    dialog: str
    #: The backend class: ``ColourMixerBackend``.
    backend: str
    #: The window's title: ``Colour mixer``.
    title: str
    #: A reStructuredText title underline as long as ``dist``.
    title_underline: str


def plugin_names(name: str, function: str | None = None,
                 command: str | None = None) -> PluginNames:
    """Derive every name of a new plugin from ``name``; raise ValueError for a bad one.

    ``name`` is lower-case letters and digits, words joined by ``-`` or
    ``_`` (``colour-mixer``); a leading ``pygraphics-`` is dropped. The
    media function (``colour_mixer``) and the command (``ColourMixer``)
    come from it too, unless ``function`` (``mix_colours``) or ``command``
    (``MixColours``) name them; the window and backend classes and the
    window's title follow the command and the function.
    """
    chosen = name.strip()
    if chosen.lower().startswith(DISTRIBUTION_PREFIX):
        chosen = chosen[len(DISTRIBUTION_PREFIX):]
    if not _NAME_PATTERN.fullmatch(chosen):
        suggestion = re.sub(r"[^a-z0-9]+", "-", chosen.lower()).strip("-")
        hint = (f"try {suggestion!r}" if _NAME_PATTERN.fullmatch(suggestion or "-")
                else "for example 'colour-mixer'")
        raise ValueError(
            f"{name!r} cannot name a plugin: use lower-case letters and digits, words "
            f"joined by '-', starting with a letter ({hint}).")
    words = re.split(r"[-_]", chosen)
    if keyword.iskeyword("_".join(words)) and function is None:
        raise ValueError(f"{name!r} cannot name a plugin: {'_'.join(words)!r} is a Python "
                         f"keyword, so media.{'_'.join(words)} could not be called. Choose "
                         f"another name, or name the function with --function.")
    function = _checked_function(name if function is None else function,
                                 "_".join(words) if function is None else function)
    command = _checked_command("".join(word.capitalize() for word in words)
                               if command is None else command)
    dist = DISTRIBUTION_PREFIX + "-".join(words)
    package = dist.replace("-", "_")
    if keyword.iskeyword(package) or not package.isidentifier():
        raise ValueError(f"{name!r} cannot name a plugin: {package!r} is no Python module name.")
    return PluginNames(
        name="-".join(words), dist=dist, package=package,
        entry_point="_".join(words), function=function, command=command,
        dialog=f"{command}Window", backend=f"{command}Backend",
        title=function.replace("_", " ").strip().capitalize(),
        title_underline="=" * len(dist))


def _checked_function(asked: str, function: str) -> str:
    if not _FUNCTION_PATTERN.fullmatch(function):
        raise ValueError(f"{function!r} cannot name a media function: use lower-case letters, "
                         f"digits and _, starting with a letter (for example 'choose_region').")
    if keyword.iskeyword(function):
        raise ValueError(f"{asked!r} cannot name a plugin: {function!r} is a Python keyword, "
                         f"so media.{function} could not be called. Choose another name.")
    _refuse_taken_media_name(asked, function)
    return function


def _checked_command(command: str) -> str:
    if not _COMMAND_PATTERN.fullmatch(command):
        raise ValueError(f"{command!r} cannot name a command: it is a Python class, so use "
                         f"letters and digits, starting with a capital (for example "
                         f"'ChooseRegion').")
    from pygraphics_core.core_commands import CORE_COMMANDS
    from pygraphics_core.plugins import registry

    if command in CORE_COMMANDS:
        raise ValueError(f"{command!r} cannot name a command: PyGraphics itself has a command "
                         f"of that name. Choose another one.")
    owner = registry().command_owner(command)
    if owner is not None:
        raise ValueError(f"{command!r} cannot name a command: the installed plugin "
                         f"'{owner.distribution}' has a command of that name, and two plugins "
                         f"that give one name both lose it. Choose another one.")
    return command


def write_plugin(name: str, directory: str | Path = ".", *, one_file: bool = False,
                 function: str | None = None, command: str | None = None) -> Path:
    """Write a new plugin distribution named after ``name`` into ``directory``.

    ``one_file=True`` writes the one-module form; ``function`` and
    ``command`` name the media function and the command (see
    :func:`plugin_names`). Returns the new distribution's folder
    (``directory/pygraphics-NAME``). Raises ValueError for a bad name and
    FileExistsError if that folder exists already (nothing is overwritten).
    """
    names = plugin_names(name, function=function, command=command)
    target = Path(directory) / names.dist
    if target.exists():
        raise FileExistsError(f"{target} already exists: choose another name, or move "
                              f"that folder away first. Nothing was written.")
    replacements = {key.upper(): value for key, value in asdict(names).items()}
    placeholder = re.compile(
        "__(" + "|".join(sorted(replacements, key=len, reverse=True)) + ")__")

    def fill(text: str) -> str:
        return placeholder.sub(lambda match: replacements[match.group(1)], text)

    folder = ONE_FILE_TEMPLATE_FOLDER if one_file else TEMPLATE_FOLDER
    templates = sorted(path for path in folder.rglob("*" + TEMPLATE_SUFFIX) if path.is_file())
    if not templates:
        raise FileNotFoundError(f"The plugin template files are missing from "
                                f"{folder}: reinstall PyGraphics.")
    for template in templates:
        relative = template.relative_to(folder).as_posix()[:-len(TEMPLATE_SUFFIX)]
        destination = target / fill(relative)
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = template.read_text(encoding="utf-8")
        destination.write_text(fill(text), encoding="utf-8", newline="\n")
    return target


def add_subcommand(subcommands) -> None:
    """Add ``new-plugin`` to the ``pygraphics`` command's argparse subcommands."""
    new_plugin = subcommands.add_parser(
        "new-plugin", help="write a new plugin distribution to start from: new-plugin NAME",
        description="Write pygraphics-NAME/, a complete plugin distribution with one "
                    "command, its window, its media function, its headless answer and tests.")
    new_plugin.add_argument("name", help="the plugin's name, e.g. colour-mixer")
    new_plugin.add_argument("--one-file", "--minimal", action="store_true", dest="one_file",
                            help="the smallest form: pyproject.toml, one module and a test")
    new_plugin.add_argument("--function", metavar="NAME",
                            help="the media function's name (default: from the plugin's name)")
    new_plugin.add_argument("--command", metavar="NAME",
                            help="the AMP command's class name, e.g. ChooseRegion "
                                 "(default: from the plugin's name)")
    new_plugin.add_argument("--directory", default=".",
                            help="where to write it (default: the current folder)")


def run_subcommand(arguments, out=None) -> int:
    """Run ``pygraphics new-plugin`` with parsed ``arguments``; return the exit status."""
    out = out or sys.stdout
    try:
        target = write_plugin(arguments.name, arguments.directory,
                              one_file=arguments.one_file, function=arguments.function,
                              command=arguments.command)
    except (ValueError, FileExistsError) as problem:
        print(f"pygraphics new-plugin: {problem}", file=sys.stderr)
        return 2
    names = plugin_names(arguments.name, function=arguments.function,
                         command=arguments.command)
    where = (f"{target / (names.package + '.py')}" if arguments.one_file
             else f"{target / 'docs' / (names.name + '.rst')}")
    # Its extra "test" brings pytest (pygraphics[plugin-dev]), which a
    # student's install of PyGraphics has not. Double quotes work in every
    # shell (the brackets need them in zsh and PowerShell).
    print(f"Wrote {target}. Next:\n"
          f"    python -m pip install -e \"{target}[test]\"\n"
          f"    python -m pytest \"{target}\"\n"
          f"    pygraphics call {names.command} message=Hello\n"
          f"Students then call media.{names.function}(...). "
          f"See {where}.", file=out)
    return 0


def _refuse_taken_media_name(name: str, function: str) -> None:
    from pygraphics_core.plugins import STANDARD_FUNCTIONS

    if function in STANDARD_FUNCTIONS:
        raise ValueError(f"{name!r} cannot name a plugin: media.{function} already comes with "
                         f"{STANDARD_FUNCTIONS[function]}. Choose another name.")
    try:
        import media
    except ImportError:  # no student module to clash with
        return
    if function in vars(media):
        raise ValueError(f"{name!r} cannot name a plugin: media.{function} already exists. "
                         f"Choose another name.")
