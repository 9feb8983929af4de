"""Fixtures for the pickers plugin's tests.

``gui_display``, ``gui_screen`` and ``student`` come from PyGraphics' pytest
plugin (:mod:`pygraphics_core.pytest_plugin`); ``headless`` from
:mod:`pygraphics_core.testing`, imported here by name.
"""

from pygraphics_core.testing import headless  # noqa: F401
