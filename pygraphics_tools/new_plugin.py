"""``pygraphics new-plugin NAME``: write a new plugin distribution to start from.

The new distribution (``pygraphics-NAME/``) is complete and working as
written: it installs with pip, PyGraphics finds it, and its tests pass. It
holds one command, its backend and window, its ``media`` function, its
headless answer, its notebook answer, a test of each, a README and a docs page::

    pygraphics-colour-mixer/
        setup.cfg, pyproject.toml, README.md
        docs/colour-mixer.rst
        pygraphics_colour_mixer/
            commands.py  front_end.py  window.py  backend.py
            headless_answers.py  notebook_answers.py  plugin.py
        tests/
            conftest.py  test_colour_mixer.py

The example it holds, ``media.colour_mixer(message)``, shows a message with
OK and Cancel and returns True for OK: change it into what the course needs.

The files are made from the templates in ``pygraphics_gui/plugin_template``,
where ``__NAME__``, ``__DIST__``, ``__PACKAGE__``, ``__FUNCTION__``,
``__COMMAND__``... (in file contents and in paths) stand for the names
derived from NAME by :func:`plugin_names`.
"""

from __future__ import annotations

import importlib.util
import keyword
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["PluginNames", "TEMPLATE_FOLDER", "plugin_names", "write_plugin"]

def _template_folder() -> Path:
    # The templates are mostly a plugin's GUI half (a Tk window, a backend),
    # so they are data of the GUI package. Finding that package's folder
    # does not import it: the core never runs GUI code.
    # (pygraphics_gui is part of the same distribution as the core.)
    spec = importlib.util.find_spec("pygraphics_gui")
    return Path(next(iter(spec.submodule_search_locations))) / "plugin_template"


#: Where the template files live (data of :mod:`pygraphics_gui`).
TEMPLATE_FOLDER = _template_folder()
TEMPLATE_SUFFIX = ".tmpl"
DISTRIBUTION_PREFIX = "pygraphics-"
_NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")


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


def plugin_names(name: str) -> PluginNames:
    """Derive every name of a new plugin from ``name``; raise ValueError for a bad one.

    ``name`` is lower-case letters and digits, words joined by ``-`` or
    ``_`` (``colour-mixer``); a leading ``pygraphics-`` is dropped.
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
    function = "_".join(words)
    if keyword.iskeyword(function):
        raise ValueError(f"{name!r} cannot name a plugin: {function!r} is a Python keyword, "
                         f"so media.{function} could not be called. Choose another name.")
    _refuse_taken_media_name(name, function)
    command = "".join(word.capitalize() for word in words)
    dist = DISTRIBUTION_PREFIX + "-".join(words)
    return PluginNames(
        name="-".join(words), dist=dist, package=dist.replace("-", "_"),
        entry_point=function, function=function, command=command,
        dialog=f"{command}Window", backend=f"{command}Backend",
        title=" ".join(words).capitalize(), title_underline="=" * len(dist))


def write_plugin(name: str, directory: str | Path = ".") -> Path:
    """Write a new plugin distribution named after ``name`` into ``directory``.

    Returns the new distribution's folder (``directory/pygraphics-NAME``).
    Raises ValueError for a bad name and FileExistsError if that folder
    exists already (nothing is overwritten).
    """
    names = plugin_names(name)
    target = Path(directory) / names.dist
    if target.exists():
        raise FileExistsError(f"{target} already exists: choose another name, or move "
                              f"that folder away first. Nothing was written.")
    replacements = {key.upper(): value for key, value in asdict(names).items()}
    placeholder = re.compile(
        "__(" + "|".join(sorted(replacements, key=len, reverse=True)) + ")__")

    def fill(text: str) -> str:
        return placeholder.sub(lambda match: replacements[match.group(1)], text)

    templates = sorted(path for path in TEMPLATE_FOLDER.rglob("*" + TEMPLATE_SUFFIX)
                       if path.is_file())
    if not templates:
        raise FileNotFoundError(f"The plugin template files are missing from "
                                f"{TEMPLATE_FOLDER}: reinstall PyGraphics.")
    for template in templates:
        relative = template.relative_to(TEMPLATE_FOLDER).as_posix()[:-len(TEMPLATE_SUFFIX)]
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
                    "command, its window, its media function, tests and a docs page.")
    new_plugin.add_argument("name", help="the plugin's name, e.g. colour-mixer")
    new_plugin.add_argument("--directory", default=".",
                            help="where to write it (default: the current folder)")


def run_subcommand(arguments, out=None) -> int:
    """Run ``pygraphics new-plugin`` with parsed ``arguments``; return the exit status."""
    out = out or sys.stdout
    try:
        target = write_plugin(arguments.name, arguments.directory)
    except (ValueError, FileExistsError) as problem:
        print(f"pygraphics new-plugin: {problem}", file=sys.stderr)
        return 2
    names = plugin_names(arguments.name)
    print(f"Wrote {target}. Next:\n"
          f"    pip install -e {target}\n"
          f"    python -m pytest {target}\n"
          f"    pygraphics call {names.command} message=Hello\n"
          f"Students then call media.{names.function}(...). "
          f"See {target / 'docs' / (names.name + '.rst')}.", file=out)
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
