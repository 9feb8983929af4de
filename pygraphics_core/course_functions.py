"""The functions a course adds to ``media``, and where students get them.

A student who calls ``media.choose_region(pic)`` without the course's
plugin installed would get Python's bare "module 'media' has no attribute
'choose_region'": Python raises it before any of PyGraphics' code runs
(``media`` has no module ``__getattr__``, which would stop CPython from
making ``media.get_red`` fast in pixel loops). So a course says in advance
which functions its labs use, in a file ``pygraphics-course.cfg`` it hands
out with its lab files::

    # Where the functions of our labs come from.
    [pygraphics-region]
    functions = choose_region
    install = pip install https://course.example.edu/pygraphics_region-0.1-py3-none-any.whl

``import media`` looks for that file in the folder of the program being
run, then in the current folder. For each function listed whose plugin is
not installed, ``media`` gets a stand-in (as for the standard functions)
that says, when called, which plugin it comes from and how to install it.
"""

from __future__ import annotations

import os
import sys

__all__ = ["COURSE_FILE", "CourseFunction", "course_file", "course_functions"]

#: The name of the file in which a course lists its plugins' functions.
COURSE_FILE = "pygraphics-course.cfg"


class CourseFunction:
    """A function a course's labs use: from which plugin, installed how, said in which file."""

    def __init__(self, name: str, distribution: str, install: str, declared_in: str):
        self.name = name
        self.distribution = distribution
        self.install = install
        self.declared_in = declared_in

    def missing_message(self, failure: str | None = None) -> str:
        """What a student reads who calls the function without its plugin.

        ``failure`` says why the plugin, installed, could not be loaded.
        """
        state = ("which is not installed" if failure is None
                 else f"which is installed but {failure}")
        how = (f"Install it with: {self.install}" if self.install
               else "Ask your course how to install it")
        return (f"media has no function '{self.name}': your course gets it from the plugin "
                f"'{self.distribution}' (says {self.declared_in}), {state}. {how}; then run "
                f"your program again. (pygraphics plugins lists the plugins that are "
                f"installed.)")


def course_file() -> str | None:
    """Return the course file that applies to the program being run, or None."""
    program = getattr(sys.modules.get("__main__"), "__file__", None)
    folders = [os.path.dirname(os.path.abspath(program))] if program else []
    folders.append(os.getcwd())
    for folder in folders:
        candidate = os.path.join(folder, COURSE_FILE)
        if os.path.isfile(candidate):
            return candidate
    return None


def course_functions(path: str | None = None) -> dict[str, CourseFunction]:
    """Read the functions a course file lists (by default :func:`course_file`'s), by name.

    A file that cannot be read gives none: it only improves error messages,
    so it must never stop ``import media``.
    """
    path = path or course_file()
    if path is None:
        return {}
    import configparser  # only when there is a file: import media stays fast

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}
    found = {}
    for distribution in parser.sections():
        section = parser[distribution]
        names = section.get("functions", "").replace(",", " ").split()
        for name in names:
            if name.isidentifier() and not name.startswith("_"):
                found[name] = CourseFunction(name, distribution,
                                             section.get("install", "").strip(), path)
    return found
