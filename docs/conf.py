"""Sphinx configuration for the PyGraphics documentation."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

project = "PyGraphics"
author = "The PyGraphics developers"
copyright = "2026, The PyGraphics developers"
release = "3.0.0.dev0"

extensions = ["sphinx.ext.autodoc"]
autodoc_member_order = "bysource"
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = ["_static"]
# Every warning is an error in the test suite (sphinx -W); these two are
# about things we do on purpose.
suppress_warnings = []
