"""Sphinx configuration for the PyGraphics documentation."""

import builtins
import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

project = "PyGraphics"
author = "The PyGraphics developers"
copyright = "2026, The PyGraphics developers"
# The version of the PyGraphics installed (setup.cfg's), so that the two
# never differ.
release = importlib.metadata.version("pygraphics")

extensions = ["sphinx.ext.autodoc"]
autodoc_member_order = "bysource"
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = ["_static"]
# Every warning is an error in the test suite (sphinx -W); these two are
# about things we do on purpose.
suppress_warnings = []

# Every cross-reference must lead somewhere: a broken one (a renamed module,
# a name that was never documented) fails the build instead of showing as
# plain text. The exceptions are Python's and other libraries' own names
# (in signatures, mostly): their documentation is not part of this build,
# which runs offline, without intersphinx.
nitpicky = True
_OUTSIDE = sorted(set(sys.stdlib_module_names) | {"PIL", "pluggy", "pytest", "_pytest"})
_OUTSIDE_PATTERN = "|".join(re.escape(name) for name in _OUTSIDE)
nitpick_ignore_regex = [
    (r"py:(class|exc|func|meth|attr|obj|data)", rf"({_OUTSIDE_PATTERN})\..+"),
    (r"py:mod", rf"({_OUTSIDE_PATTERN})(\..+)?"),
]
nitpick_ignore = [(role, name) for name in dir(builtins)
                  for role in ("py:class", "py:exc", "py:func", "py:obj", "py:data")]
# pathlib.Path, as annotations name it ("from pathlib import Path").
nitpick_ignore.append(("py:class", "Path"))
# pygraphics_core.amp.boxes.Box (an alias of dict), as annotations name it:
# Sphinx 8, the newest for Python 3.10, leaves the name unresolved in
# signatures (Sphinx 9 shows dict).
nitpick_ignore.append(("py:class", "Box"))
